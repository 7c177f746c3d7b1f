import { Button, Select, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconKey, IconUserCheck, IconUserOff } from '@tabler/icons-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import type { TFunction } from 'i18next';
import { type ReactNode, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { type Locale, ROLES, type Role, type User } from '../../api/types';
import { languages } from '../../i18n';
import { DateTime } from '../../ui/dates';
import { HistoryTimeline } from '../../ui/history-timeline';
import { notify } from '../../ui/notify';
import { Fact, Facts, PageHeader, RecordLayout, Section } from '../../ui/page';
import { RecordNotices, SaveBar, UnsavedChangesGuard, useRecordForm } from '../../ui/record-form';
import { RecordError, RecordSkeleton } from '../../ui/record-states';
import { StatusBadge } from '../../ui/status-badge';
import { timeZoneOptions } from '../../ui/time-zones';
import { OrganisationName, OrganisationSelect } from '../admin-organisations/organisation-select';
import { usePermissions, useSession, useUpdateSessionUser } from '../auth/session';
import { updateUser, userQuery, usersKeys } from './api';
import { SetPasswordDialog } from './set-password-dialog';
import { ToggleActiveDialog } from './toggle-active-dialog';
import { languageName, userFieldLabel, userStatus } from './user-labels';

const route = getRouteApi('/app/admin/users/$userId');

export function UserRecordPage() {
  const { t } = useTranslation();
  const { userId } = route.useParams();
  const query = useQuery(userQuery(userId));

  if (query.isPending) return <RecordSkeleton />;
  if (query.isError) {
    return (
      <>
        <PageHeader
          title={t('modules.users.label')}
          crumbs={[{ label: t('modules.users.label'), to: '/admin/users' }]}
        />
        <RecordError
          error={query.error}
          onRetry={() => void query.refetch()}
          backTo="/admin/users"
          backLabel={t('users.backToList')}
        />
      </>
    );
  }
  return <UserRecord user={query.data} refetch={async () => (await query.refetch()).data} />;
}

interface FormValues extends Record<string, unknown> {
  name: string;
  role: Role;
  locale: Locale;
  timeZone: string;
  organisationId: string | null;
}

const toValues = (user: User): FormValues => ({
  name: user.name,
  role: user.role,
  locale: user.locale,
  timeZone: user.timeZone,
  organisationId: user.organisationId,
});

function formatUserValue(field: string, value: unknown, t: TFunction): ReactNode | undefined {
  if (value === null || value === undefined) return undefined;
  switch (field) {
    case 'role':
      return ROLES.includes(value as Role) ? t(`roles.${value as Role}`) : String(value);
    case 'locale':
      return languageName(value);
    case 'active':
      return value ? t('users.status.active') : t('users.status.inactive');
    case 'organisationId':
      return <OrganisationName id={String(value)} />;
    default:
      return undefined;
  }
}

function UserRecord({ user, refetch }: { user: User; refetch: () => Promise<User | undefined> }) {
  const { t } = useTranslation();
  const can = usePermissions();
  const session = useSession();
  const updateSessionUser = useUpdateSessionUser();
  const queryClient = useQueryClient();
  const [passwordOpened, password] = useDisclosure(false);
  const [activeOpened, active] = useDisclosure(false);
  const zones = useMemo(() => timeZoneOptions(user.timeZone), [user.timeZone]);
  const manage = can('users.manage');

  const stored = (saved: User) => {
    queryClient.setQueryData(usersKeys.detail(saved.id), saved);
    void queryClient.invalidateQueries({ queryKey: usersKeys.lists });
    void queryClient.invalidateQueries({ queryKey: ['audit-events'] });
    if (saved.id === session.user.id) updateSessionUser(saved);
  };

  const record = useRecordForm({
    record: user,
    toValues,
    validate: { name: (value: string) => (value.trim() ? null : t('validation.required')) },
    normalize: (values) => ({ ...values, name: values.name.trim() }),
    save: (changes, version) => updateUser(user.id, changes, version),
    reload: refetch,
    onSaved: (saved) => {
      stored(saved);
      notify({ color: 'green', message: t('record.saved') });
    },
  });
  const { form } = record;
  const status = userStatus(user, t);
  const fieldLabel = (field: string) => userFieldLabel(field, t);
  const formatValue = (field: string, value: unknown) =>
    formatUserValue(field, value, t) ?? (value === null || value === '' ? '—' : String(value));

  return (
    <>
      <UnsavedChangesGuard when={record.dirty} />
      <PageHeader
        title={user.name}
        crumbs={[{ label: t('modules.users.label'), to: '/admin/users' }]}
        meta={
          <>
            <StatusBadge {...status} />
            <Text size="sm" c="dimmed">
              {t(`roles.${user.role}`)} · {user.email}
            </Text>
          </>
        }
        actions={
          manage && (
            <>
              <Button
                variant="default"
                leftSection={<IconKey size={16} aria-hidden />}
                onClick={password.open}
              >
                {t('users.password.open')}
              </Button>
              <Button
                variant="default"
                color={user.active ? 'red' : undefined}
                leftSection={
                  user.active ? (
                    <IconUserOff size={16} aria-hidden />
                  ) : (
                    <IconUserCheck size={16} aria-hidden />
                  )
                }
                onClick={active.open}
                disabled={user.id === session.user.id && user.active}
                title={
                  user.id === session.user.id && user.active ? t('users.active.notSelf') : undefined
                }
              >
                {user.active ? t('users.active.deactivate') : t('users.active.activate')}
              </Button>
            </>
          )
        }
      />
      <RecordLayout
        main={
          <>
            <Section title={t('record.details')}>
              <form onSubmit={record.submit} noValidate>
                <Stack gap="sm">
                  <RecordNotices
                    record={record}
                    fieldLabel={fieldLabel}
                    formatValue={formatValue}
                  />
                  <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
                    <TextInput
                      label={t('users.fields.name')}
                      required
                      disabled={!manage}
                      {...form.getInputProps('name')}
                    />
                    <Select
                      label={t('users.fields.role')}
                      data={ROLES.map((role) => ({ value: role, label: t(`roles.${role}`) }))}
                      allowDeselect={false}
                      disabled={!manage}
                      {...form.getInputProps('role')}
                    />
                    <Select
                      label={t('users.fields.locale')}
                      data={languages.map((language) => ({
                        value: language.code,
                        label: language.name,
                      }))}
                      allowDeselect={false}
                      disabled={!manage}
                      {...form.getInputProps('locale')}
                    />
                    <Select
                      label={t('users.fields.timeZone')}
                      data={zones}
                      searchable
                      allowDeselect={false}
                      nothingFoundMessage={t('common.nothingFound')}
                      disabled={!manage}
                      {...form.getInputProps('timeZone')}
                    />
                    {can('organisations.read') && (
                      <OrganisationSelect
                        label={t('users.fields.organisationId')}
                        value={form.values.organisationId}
                        onChange={(value) => form.setFieldValue('organisationId', value)}
                        error={form.errors.organisationId}
                        disabled={!manage}
                      />
                    )}
                  </SimpleGrid>
                  {manage && <SaveBar record={record} />}
                </Stack>
              </form>
            </Section>
            {can('audit.read') && (
              <Section title={t('history.title')}>
                <HistoryTimeline
                  entity={`user:${user.id}`}
                  fieldLabel={fieldLabel}
                  formatValue={(field, value) => formatUserValue(field, value, t)}
                />
              </Section>
            )}
          </>
        }
        side={
          <Section title={t('record.facts')}>
            <Facts>
              <Fact label={t('users.fields.email')}>{user.email}</Fact>
              <Fact label={t('users.fields.active')}>
                <StatusBadge {...status} />
              </Fact>
              <Fact label={t('users.fields.role')}>{t(`roles.${user.role}`)}</Fact>
              {can('organisations.read') && (
                <Fact label={t('users.fields.organisationId')}>
                  <OrganisationName id={user.organisationId} />
                </Fact>
              )}
              <Fact label={t('users.fields.timeZone')}>{user.timeZone}</Fact>
              <Fact label={t('common.createdAt')}>
                <DateTime value={user.createdAt} />
              </Fact>
              <Fact label={t('common.updatedAt')}>
                <DateTime value={user.updatedAt} />
              </Fact>
              <Fact label={t('common.id')}>
                <Text span size="xs" ff="monospace">
                  {user.id}
                </Text>
              </Fact>
            </Facts>
          </Section>
        }
      />
      {manage && (
        <>
          <SetPasswordDialog user={user} opened={passwordOpened} onClose={password.close} />
          <ToggleActiveDialog
            user={user}
            opened={activeOpened}
            onClose={active.close}
            onDone={stored}
            reload={refetch}
          />
        </>
      )}
    </>
  );
}
