import { Button, Select, Stack, Text, TextInput } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconTrash } from '@tabler/icons-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import type { TFunction } from 'i18next';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { isVersionConflict } from '../../api/client';
import { ORGANISATION_KINDS, type Organisation, type OrganisationKind } from '../../api/types';
import { ConfirmDialog } from '../../ui/confirm-dialog';
import { DateTime } from '../../ui/dates';
import { HistoryTimeline } from '../../ui/history-timeline';
import { AnchorLink } from '../../ui/links';
import { notify } from '../../ui/notify';
import { Fact, Facts, PageHeader, RecordLayout, Section } from '../../ui/page';
import { RecordNotices, SaveBar, UnsavedChangesGuard, useRecordForm } from '../../ui/record-form';
import { RecordError, RecordSkeleton } from '../../ui/record-states';
import { usePermissions } from '../auth/session';
import {
  deleteOrganisation,
  organisationQuery,
  organisationsKeys,
  updateOrganisation,
} from './api';
import { OrganisationName, OrganisationSelect } from './organisation-select';

const route = getRouteApi('/app/admin/organisations/$organisationId');
const FIELDS = ['name', 'kind', 'parentId'] as const;

export function OrganisationRecordPage() {
  const { t } = useTranslation();
  const { organisationId } = route.useParams();
  const query = useQuery(organisationQuery(organisationId));
  if (query.isPending) return <RecordSkeleton />;
  if (query.isError) {
    return (
      <>
        <PageHeader
          title={t('modules.organisations.label')}
          crumbs={[{ label: t('modules.organisations.label'), to: '/admin/organisations' }]}
        />
        <RecordError
          error={query.error}
          onRetry={() => void query.refetch()}
          backTo="/admin/organisations"
          backLabel={t('organisations.backToList')}
        />
      </>
    );
  }
  return (
    <OrganisationRecord
      organisation={query.data}
      refetch={async () => (await query.refetch()).data}
    />
  );
}

interface FormValues extends Record<string, unknown> {
  name: string;
  kind: OrganisationKind;
  parentId: string | null;
}

const toValues = (organisation: Organisation): FormValues => ({
  name: organisation.name,
  kind: organisation.kind,
  parentId: organisation.parentId,
});

function fieldLabelOf(field: string, t: TFunction): string {
  return (FIELDS as readonly string[]).includes(field)
    ? t(`organisations.fields.${field as (typeof FIELDS)[number]}`)
    : field;
}

function formatValueOf(field: string, value: unknown, t: TFunction): ReactNode | undefined {
  if (field === 'kind' && ORGANISATION_KINDS.includes(value as OrganisationKind)) {
    return t(`organisations.kinds.${value as OrganisationKind}`);
  }
  if (field === 'parentId' && typeof value === 'string') return <OrganisationName id={value} />;
  return undefined;
}

interface OrganisationRecordProps {
  organisation: Organisation;
  refetch: () => Promise<Organisation | undefined>;
}

function OrganisationRecord({ organisation, refetch }: OrganisationRecordProps) {
  const { t } = useTranslation();
  const can = usePermissions();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [deleteOpened, remove] = useDisclosure(false);
  const manage = can('organisations.manage');

  const record = useRecordForm({
    record: organisation,
    toValues,
    validate: { name: (value: string) => (value.trim() ? null : t('validation.required')) },
    normalize: (values) => ({ ...values, name: values.name.trim() }),
    save: (changes, version) => updateOrganisation(organisation.id, changes, version),
    reload: refetch,
    onSaved: (saved) => {
      queryClient.setQueryData(organisationsKeys.detail(saved.id), saved);
      void queryClient.invalidateQueries({ queryKey: organisationsKeys.lists });
      void queryClient.invalidateQueries({ queryKey: ['audit-events'] });
      notify({ color: 'green', message: t('record.saved') });
    },
  });
  const { form } = record;
  const fieldLabel = (field: string) => fieldLabelOf(field, t);
  const formatValue = (field: string, value: unknown) =>
    formatValueOf(field, value, t) ?? (value === null || value === '' ? '—' : String(value));

  return (
    <>
      <UnsavedChangesGuard when={record.dirty} />
      <PageHeader
        title={organisation.name}
        crumbs={[{ label: t('modules.organisations.label'), to: '/admin/organisations' }]}
        meta={
          <Text size="sm" c="dimmed">
            {t(`organisations.kinds.${organisation.kind}`)}
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
                    label={t('organisations.fields.name')}
                    required
                    disabled={!manage}
                    {...form.getInputProps('name')}
                  />
                  <Select
                    label={t('organisations.fields.kind')}
                    data={ORGANISATION_KINDS.map((kind) => ({
                      value: kind,
                      label: t(`organisations.kinds.${kind}`),
                    }))}
                    allowDeselect={false}
                    disabled={!manage}
                    {...form.getInputProps('kind')}
                  />
                  <OrganisationSelect
                    label={t('organisations.fields.parentId')}
                    description={t('organisations.parentHint')}
                    value={form.values.parentId}
                    onChange={(value) => form.setFieldValue('parentId', value)}
                    error={form.errors.parentId}
                    exclude={organisation.id}
                    disabled={!manage}
                  />
                  {manage && <SaveBar record={record} />}
                </Stack>
              </form>
            </Section>
            {can('audit.read') && (
              <Section title={t('history.title')}>
                <HistoryTimeline
                  entity={`organisation:${organisation.id}`}
                  fieldLabel={fieldLabel}
                  formatValue={(field, value) => formatValueOf(field, value, t)}
                />
              </Section>
            )}
          </>
        }
        side={
          <Section title={t('record.facts')}>
            <Facts>
              <Fact label={t('organisations.fields.kind')}>
                {t(`organisations.kinds.${organisation.kind}`)}
              </Fact>
              <Fact label={t('organisations.fields.parentId')}>
                {organisation.parentId ? (
                  <AnchorLink
                    to="/admin/organisations/$organisationId"
                    params={{ organisationId: organisation.parentId }}
                    size="sm"
                  >
                    <OrganisationName id={organisation.parentId} />
                  </AnchorLink>
                ) : (
                  t('organisations.noParent')
                )}
              </Fact>
              <Fact label={t('common.createdAt')}>
                <DateTime value={organisation.createdAt} />
              </Fact>
              <Fact label={t('common.updatedAt')}>
                <DateTime value={organisation.updatedAt} />
              </Fact>
            </Facts>
          </Section>
        }
      />
      <ConfirmDialog
        opened={deleteOpened}
        onClose={remove.close}
        title={t('organisations.delete.title', { name: organisation.name })}
        description={t('organisations.delete.description')}
        confirmLabel={t('actions.delete')}
        danger
        onConfirm={async () => {
          try {
            await deleteOrganisation(organisation.id, organisation.version);
          } catch (error) {
            if (isVersionConflict(error)) await refetch();
            throw error;
          }
          queryClient.removeQueries({ queryKey: organisationsKeys.detail(organisation.id) });
          void queryClient.invalidateQueries({ queryKey: organisationsKeys.lists });
          notify({
            color: 'green',
            message: t('organisations.delete.done', { name: organisation.name }),
          });
          await navigate({ to: '/admin/organisations' });
        }}
      />
    </>
  );
}
