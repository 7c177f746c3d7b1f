import { Button, Group, Select, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconPlus } from '@tabler/icons-react';
import { infiniteQueryOptions, useInfiniteQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Locale, Session, User } from '../../api/types';
import { changeLanguage, languages } from '../../i18n';
import { notify } from '../../ui/notify';
import { PageHeader, Section } from '../../ui/page';
import { RecordNotices, UnsavedChangesGuard, useRecordForm } from '../../ui/record-form';
import { timeZoneOptions } from '../../ui/time-zones';
import { languageName, userFieldLabel } from '../admin-users/user-labels';
import { sessionQuery, usePermissions, useSession, useUpdateSessionUser } from '../auth/session';
import { listMyTokens, myTokensKey, patchMe, revokeMyToken } from './api';
import { TokenCreateDialog } from './token-create-dialog';
import { TokensEmpty, TokensTable } from './tokens-table';

const myTokensQuery = infiniteQueryOptions({
  queryKey: myTokensKey,
  queryFn: ({ pageParam, signal }) => listMyTokens(pageParam, signal),
  initialPageParam: undefined as string | undefined,
  getNextPageParam: (last) => last.nextCursor ?? undefined,
});

interface ProfileValues extends Record<string, unknown> {
  name: string;
  locale: Locale;
  timeZone: string;
}

const toValues = (user: User): ProfileValues => ({
  name: user.name,
  locale: user.locale,
  timeZone: user.timeZone,
});

export function AccountPage() {
  const { t } = useTranslation();
  const { user } = useSession();
  const queryClient = useQueryClient();
  const updateSessionUser = useUpdateSessionUser();
  const can = usePermissions();
  const tokens = useInfiniteQuery({ ...myTokensQuery, enabled: can('tokens.own') });
  const [createOpened, create] = useDisclosure(false);
  const zones = useMemo(() => timeZoneOptions(user.timeZone), [user.timeZone]);

  const record = useRecordForm({
    record: user,
    toValues,
    validate: { name: (value: string) => (value.trim() ? null : t('validation.required')) },
    normalize: (values) => ({ ...values, name: values.name.trim() }),
    save: (changes, version) => patchMe(changes, version),
    reload: async () => {
      const session = await queryClient.fetchQuery({ ...sessionQuery, staleTime: 0 });
      return (session as Session | null)?.user;
    },
    onSaved: (saved) => {
      updateSessionUser(saved);
      void changeLanguage(saved.locale);
      void queryClient.invalidateQueries({ queryKey: ['users'] });
      notify({ color: 'green', message: t('record.saved') });
    },
  });
  const { form } = record;
  const fieldLabel = (field: string) => userFieldLabel(field, t);
  const formatValue = (field: string, value: unknown) =>
    field === 'locale' ? languageName(value) : String(value ?? '—');

  return (
    <>
      <UnsavedChangesGuard when={record.dirty} />
      <PageHeader title={t('modules.account.label')} description={t('account.description')} />
      <Stack gap="lg">
        <Section title={t('account.profile')}>
          <form onSubmit={record.submit} noValidate>
            <Stack gap="sm">
              <RecordNotices record={record} fieldLabel={fieldLabel} formatValue={formatValue} />
              <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
                <TextInput
                  label={t('users.fields.name')}
                  required
                  {...form.getInputProps('name')}
                />
                <Select
                  label={t('users.fields.locale')}
                  data={languages.map((language) => ({
                    value: language.code,
                    label: language.name,
                  }))}
                  allowDeselect={false}
                  {...form.getInputProps('locale')}
                />
                <Select
                  label={t('users.fields.timeZone')}
                  data={zones}
                  searchable
                  allowDeselect={false}
                  nothingFoundMessage={t('common.nothingFound')}
                  {...form.getInputProps('timeZone')}
                />
              </SimpleGrid>
              <Text size="sm" c="dimmed">
                {t('account.emailRole', { email: user.email, role: t(`roles.${user.role}`) })}
              </Text>
              <Group gap="xs">
                <Button type="submit" loading={record.saving} disabled={!record.dirty}>
                  {t('actions.save')}
                </Button>
                <Button
                  variant="default"
                  onClick={record.discard}
                  disabled={!record.dirty || record.saving}
                >
                  {t('actions.discard')}
                </Button>
              </Group>
            </Stack>
          </form>
        </Section>
        {can('tokens.own') && (
          <Section
            title={t('account.tokens')}
            actions={
              <Button
                size="sm"
                leftSection={<IconPlus size={16} aria-hidden />}
                onClick={create.open}
              >
                {t('tokens.create.open')}
              </Button>
            }
          >
            <Stack gap="sm">
              <Text size="sm" c="dimmed">
                {t('account.tokensDescription')}
              </Text>
              <TokensTable
                label={t('account.tokens')}
                storageKey="my-tokens"
                query={tokens}
                revoke={(token) => revokeMyToken(token.id)}
                invalidate={myTokensKey}
                empty={
                  <TokensEmpty
                    title={t('tokens.empty.title')}
                    description={t('tokens.empty.description')}
                    action={<Button onClick={create.open}>{t('tokens.create.open')}</Button>}
                  />
                }
              />
            </Stack>
          </Section>
        )}
      </Stack>
      {can('tokens.own') && (
        <TokenCreateDialog opened={createOpened} onClose={create.close} invalidate={myTokensKey} />
      )}
    </>
  );
}
