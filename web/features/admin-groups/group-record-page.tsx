import { Button, List, Group as MGroup, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconTrash } from '@tabler/icons-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import type { TFunction } from 'i18next';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { isVersionConflict } from '../../api/client';
import type { Group } from '../../api/types';
import { ConfirmDialog } from '../../ui/confirm-dialog';
import { DateTime } from '../../ui/dates';
import { HistoryTimeline } from '../../ui/history-timeline';
import { AnchorLink } from '../../ui/links';
import { notify } from '../../ui/notify';
import { Fact, Facts, PageHeader, RecordLayout, Section } from '../../ui/page';
import { RecordNotices, UnsavedChangesGuard, useRecordForm } from '../../ui/record-form';
import { RecordError, RecordSkeleton } from '../../ui/record-states';
import { UserMultiSelect, UserName, UserSelect } from '../admin-users/user-select';
import { usePermissions } from '../auth/session';
import { deleteGroup, GROUP_FIELDS, groupQuery, groupsKeys, updateGroup } from './api';

const route = getRouteApi('/app/admin/groups/$groupId');

export function GroupRecordPage() {
  const { t } = useTranslation();
  const { groupId } = route.useParams();
  const query = useQuery(groupQuery(groupId));
  if (query.isPending) return <RecordSkeleton />;
  if (query.isError) {
    return (
      <>
        <PageHeader
          title={t('modules.groups.label')}
          crumbs={[{ label: t('modules.groups.label'), to: '/admin/groups' }]}
        />
        <RecordError
          error={query.error}
          onRetry={() => void query.refetch()}
          backTo="/admin/groups"
          backLabel={t('groups.backToList')}
        />
      </>
    );
  }
  return <GroupRecord group={query.data} refetch={async () => (await query.refetch()).data} />;
}

interface FormValues extends Record<string, unknown> {
  name: string;
  description: string;
  managerId: string | null;
  memberIds: string[];
}

const toValues = (group: Group): FormValues => ({
  name: group.name,
  description: group.description ?? '',
  managerId: group.managerId,
  memberIds: [...group.memberIds],
});

function groupFieldLabel(field: string, t: TFunction): string {
  return (GROUP_FIELDS as readonly string[]).includes(field)
    ? t(`groups.fields.${field as (typeof GROUP_FIELDS)[number]}`)
    : field;
}

function formatGroupValue(field: string, value: unknown, t: TFunction): ReactNode | undefined {
  if (field === 'managerId' && typeof value === 'string') return <UserName id={value} />;
  if (field === 'memberIds' && Array.isArray(value)) {
    return t('groups.memberCount', { count: value.length });
  }
  return undefined;
}

function GroupRecord({
  group,
  refetch,
}: {
  group: Group;
  refetch: () => Promise<Group | undefined>;
}) {
  const { t } = useTranslation();
  const can = usePermissions();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [deleteOpened, remove] = useDisclosure(false);
  const manage = can('groups.manage');
  const readUsers = can('users.read');

  const record = useRecordForm({
    record: group,
    toValues,
    validate: { name: (value: string) => (value.trim() ? null : t('validation.required')) },
    normalize: (values) => ({
      ...values,
      name: values.name.trim(),
      description: values.description.trim(),
    }),
    save: (changes, version) => updateGroup(group.id, changes, version),
    reload: refetch,
    onSaved: (saved) => {
      queryClient.setQueryData(groupsKeys.detail(saved.id), saved);
      void queryClient.invalidateQueries({ queryKey: groupsKeys.lists });
      void queryClient.invalidateQueries({ queryKey: ['audit-events'] });
      notify({ color: 'green', message: t('record.saved') });
    },
  });
  const { form } = record;
  const fieldLabel = (field: string) => groupFieldLabel(field, t);
  const formatValue = (field: string, value: unknown) =>
    formatGroupValue(field, value, t) ?? (value === null || value === '' ? '—' : String(value));

  return (
    <>
      <UnsavedChangesGuard when={record.dirty} />
      <PageHeader
        title={group.name}
        crumbs={[{ label: t('modules.groups.label'), to: '/admin/groups' }]}
        meta={
          <Text size="sm" c="dimmed">
            {t('groups.memberCount', { count: group.memberIds.length })}
          </Text>
        }
        actions={
          manage && (
            <Button
              variant="default"
              color="red"
              leftSection={<IconTrash size={16} aria-hidden />}
              onClick={remove.open}
            >
              {t('actions.delete')}
            </Button>
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
                  <TextInput
                    label={t('groups.fields.name')}
                    required
                    disabled={!manage}
                    {...form.getInputProps('name')}
                  />
                  <Textarea
                    label={t('groups.fields.description')}
                    autosize
                    minRows={2}
                    maxRows={8}
                    disabled={!manage}
                    {...form.getInputProps('description')}
                  />
                  {readUsers && (
                    <>
                      <UserSelect
                        label={t('groups.fields.managerId')}
                        value={form.values.managerId}
                        onChange={(value) => form.setFieldValue('managerId', value)}
                        error={form.errors.managerId}
                        disabled={!manage}
                      />
                      <UserMultiSelect
                        label={t('groups.fields.memberIds')}
                        value={form.values.memberIds}
                        onChange={(value) => form.setFieldValue('memberIds', value)}
                        error={form.errors.memberIds}
                        disabled={!manage}
                      />
                    </>
                  )}
                  {manage && (
                    <MGroup gap="xs">
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
                      {record.dirty && (
                        <Text size="sm" c="dimmed">
                          {t('record.unsavedHint')}
                        </Text>
                      )}
                    </MGroup>
                  )}
                </Stack>
              </form>
            </Section>
            {can('audit.read') && (
              <Section title={t('history.title')}>
                <HistoryTimeline
                  entity={`group:${group.id}`}
                  fieldLabel={fieldLabel}
                  formatValue={(field, value) => formatGroupValue(field, value, t)}
                />
              </Section>
            )}
          </>
        }
        side={
          <>
            <Section title={t('record.facts')}>
              <Facts>
                {readUsers && (
                  <Fact label={t('groups.fields.managerId')}>
                    {group.managerId ? (
                      <AnchorLink
                        to="/admin/users/$userId"
                        params={{ userId: group.managerId }}
                        size="sm"
                      >
                        <UserName id={group.managerId} />
                      </AnchorLink>
                    ) : (
                      t('groups.noManager')
                    )}
                  </Fact>
                )}
                <Fact label={t('common.createdAt')}>
                  <DateTime value={group.createdAt} />
                </Fact>
                <Fact label={t('common.updatedAt')}>
                  <DateTime value={group.updatedAt} />
                </Fact>
              </Facts>
            </Section>
            {readUsers && (
              <Section title={t('groups.members')}>
                {group.memberIds.length === 0 ? (
                  <Text size="sm" c="dimmed">
                    {t('groups.noMembers')}
                  </Text>
                ) : (
                  <List size="sm" spacing={4}>
                    {group.memberIds.map((id) => (
                      <List.Item key={id}>
                        <AnchorLink to="/admin/users/$userId" params={{ userId: id }} size="sm">
                          <UserName id={id} />
                        </AnchorLink>
                      </List.Item>
                    ))}
                  </List>
                )}
              </Section>
            )}
          </>
        }
      />
      <ConfirmDialog
        opened={deleteOpened}
        onClose={remove.close}
        title={t('groups.delete.title', { name: group.name })}
        description={t('groups.delete.description')}
        confirmLabel={t('actions.delete')}
        danger
        onConfirm={async () => {
          try {
            await deleteGroup(group.id, group.version);
          } catch (error) {
            if (isVersionConflict(error)) await refetch();
            throw error;
          }
          queryClient.removeQueries({ queryKey: groupsKeys.detail(group.id) });
          void queryClient.invalidateQueries({ queryKey: groupsKeys.lists });
          notify({
            color: 'green',
            message: t('groups.delete.done', { name: group.name }),
          });
          await navigate({ to: '/admin/groups' });
        }}
      />
    </>
  );
}
