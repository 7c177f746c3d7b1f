import {
  Button,
  Group,
  NumberInput,
  Select,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useInfiniteQuery, useQuery, useQueryClient } from '@tanstack/react-query';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import type { TFunction } from 'i18next';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { isVersionConflict } from '../../api/client';
import { ConfirmDialog } from '../../ui/confirm-dialog';
import { DateTime } from '../../ui/dates';
import { HistoryTimeline } from '../../ui/history-timeline';
import { AnchorLink } from '../../ui/links';
import { notify } from '../../ui/notify';
import { Fact, Facts, PageHeader, RecordLayout, Section } from '../../ui/page';
import { ProblemAlert } from '../../ui/problem';
import { RecordNotices, SaveBar, UnsavedChangesGuard, useRecordForm } from '../../ui/record-form';
import { RecordError, RecordSkeleton } from '../../ui/record-states';
import { StatusBadge } from '../../ui/status-badge';
import { UserName, UserSelect } from '../admin-users/user-select';
import { usePermissions } from '../auth/session';
import { CalendarName, CalendarSelect } from '../sla-calendars/calendar-select';
import {
  catalogueKeys,
  deleteService,
  requestTypesListQuery,
  SERVICE_STATUSES,
  type Service,
  type ServiceStatus,
  serviceQuery,
  updateService,
} from './api';
import { GroupName, GroupSelect } from './group-select';
import { definitionSummary, SERVICE_TONES } from './labels';
import { RequestTypeCreateDialog } from './request-type-create-dialog';

const route = getRouteApi('/app/admin/services/$serviceId');
const FIELDS = [
  'name',
  'description',
  'status',
  'ownerId',
  'calendarId',
  'defaultGroupId',
  'availabilityTarget',
] as const;

export function ServiceRecordPage() {
  const { t } = useTranslation();
  const { serviceId } = route.useParams();
  const query = useQuery(serviceQuery(serviceId));
  if (query.isPending) return <RecordSkeleton />;
  if (query.isError) {
    return (
      <>
        <PageHeader
          title={t('modules.services.label')}
          crumbs={[{ label: t('modules.services.label'), to: '/admin/services' }]}
        />
        <RecordError
          error={query.error}
          onRetry={() => void query.refetch()}
          backTo="/admin/services"
          backLabel={t('catalogue.services.backToList')}
        />
      </>
    );
  }
  return <ServiceRecord service={query.data} refetch={async () => (await query.refetch()).data} />;
}

interface FormValues extends Record<string, unknown> {
  name: string;
  description: string;
  status: ServiceStatus;
  ownerId: string | null;
  calendarId: string | null;
  defaultGroupId: string | null;
  availabilityTarget: number | null;
}

const toValues = (service: Service): FormValues => ({
  name: service.name,
  description: service.description,
  status: service.status,
  ownerId: service.ownerId,
  calendarId: service.calendarId,
  defaultGroupId: service.defaultGroupId,
  availabilityTarget: service.availabilityTarget,
});

function fieldLabelOf(field: string, t: TFunction): string {
  return (FIELDS as readonly string[]).includes(field)
    ? t(`catalogue.services.fields.${field as (typeof FIELDS)[number]}`)
    : field;
}

function formatValueOf(field: string, value: unknown, t: TFunction): ReactNode | undefined {
  if (field === 'status' && SERVICE_STATUSES.includes(value as ServiceStatus)) {
    return t(`catalogue.services.statuses.${value as ServiceStatus}`);
  }
  if (typeof value !== 'string') return undefined;
  if (field === 'ownerId') return <UserName id={value} />;
  if (field === 'calendarId') return <CalendarName id={value} />;
  if (field === 'defaultGroupId') return <GroupName id={value} />;
  return undefined;
}

function ServiceRecord({
  service,
  refetch,
}: {
  service: Service;
  refetch: () => Promise<Service | undefined>;
}) {
  const { t } = useTranslation();
  const can = usePermissions();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [deleteOpened, remove] = useDisclosure(false);
  const [createOpened, create] = useDisclosure(false);
  const manage = can('catalogue.manage');

  const record = useRecordForm({
    record: service,
    toValues,
    validate: { name: (value: string) => (value.trim() ? null : t('validation.required')) },
    normalize: (values) => ({
      ...values,
      name: values.name.trim(),
      description: values.description.trim(),
    }),
    save: (changes, version) => updateService(service.id, changes, version),
    reload: refetch,
    onSaved: (saved) => {
      queryClient.setQueryData(catalogueKeys.service(saved.id), saved);
      void queryClient.invalidateQueries({ queryKey: catalogueKeys.serviceLists });
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
        title={service.name}
        crumbs={[{ label: t('modules.services.label'), to: '/admin/services' }]}
        meta={
          <StatusBadge
            tone={SERVICE_TONES[service.status]}
            label={t(`catalogue.services.statuses.${service.status}`)}
            size="sm"
          />
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
                    label={t('catalogue.services.fields.name')}
                    required
                    disabled={!manage}
                    {...form.getInputProps('name')}
                  />
                  <Textarea
                    label={t('catalogue.services.fields.description')}
                    autosize
                    minRows={2}
                    disabled={!manage}
                    {...form.getInputProps('description')}
                  />
                  <Select
                    label={t('catalogue.services.fields.status')}
                    description={t('catalogue.services.statusHint')}
                    data={SERVICE_STATUSES.map((status) => ({
                      value: status,
                      label: t(`catalogue.services.statuses.${status}`),
                    }))}
                    allowDeselect={false}
                    disabled={!manage}
                    {...form.getInputProps('status')}
                  />
                  <UserSelect
                    label={t('catalogue.services.fields.ownerId')}
                    description={t('catalogue.services.ownerHint')}
                    value={form.values.ownerId}
                    onChange={(value) => form.setFieldValue('ownerId', value)}
                    error={form.errors.ownerId}
                    disabled={!manage}
                  />
                  <CalendarSelect
                    label={t('catalogue.services.fields.calendarId')}
                    description={t('catalogue.services.calendarHint')}
                    value={form.values.calendarId}
                    onChange={(value) => form.setFieldValue('calendarId', value)}
                    error={form.errors.calendarId}
                    disabled={!manage}
                  />
                  <GroupSelect
                    label={t('catalogue.services.fields.defaultGroupId')}
                    description={t('catalogue.services.groupHint')}
                    value={form.values.defaultGroupId}
                    onChange={(value) => form.setFieldValue('defaultGroupId', value)}
                    error={form.errors.defaultGroupId}
                    disabled={!manage}
                  />
                  <NumberInput
                    label={t('catalogue.services.fields.availabilityTarget')}
                    description={t('catalogue.services.availabilityHint')}
                    value={form.values.availabilityTarget ?? ''}
                    onChange={(value) =>
                      form.setFieldValue(
                        'availabilityTarget',
                        typeof value === 'number' ? value : value === '' ? null : Number(value),
                      )
                    }
                    error={form.errors.availabilityTarget}
                    min={0}
                    max={100}
                    step={0.1}
                    decimalScale={3}
                    allowNegative={false}
                    disabled={!manage}
                  />
                  {manage && <SaveBar record={record} />}
                </Stack>
              </form>
            </Section>
            <Section
              title={t('modules.requestTypes.label')}
              actions={
                manage && (
                  <Button
                    size="xs"
                    variant="default"
                    leftSection={<IconPlus size={14} aria-hidden />}
                    onClick={create.open}
                  >
                    {t('catalogue.requestTypes.create.open')}
                  </Button>
                )
              }
            >
              <ServiceRequestTypes
                serviceId={service.id}
                onCreate={manage ? create.open : undefined}
              />
            </Section>
            {can('audit.read') || manage ? (
              <Section title={t('history.title')}>
                <HistoryTimeline
                  entity={`service:${service.id}`}
                  fieldLabel={fieldLabel}
                  formatValue={(field, value) => formatValueOf(field, value, t)}
                />
              </Section>
            ) : null}
          </>
        }
        side={
          <Section title={t('record.facts')}>
            <Facts>
              <Fact label={t('catalogue.services.fields.ownerId')}>
                {service.ownerId ? <UserName id={service.ownerId} /> : '—'}
              </Fact>
              <Fact label={t('catalogue.services.fields.calendarId')}>
                {service.calendarId ? (
                  <AnchorLink
                    to="/sla/calendars/$calendarId"
                    params={{ calendarId: service.calendarId }}
                    size="sm"
                  >
                    <CalendarName id={service.calendarId} />
                  </AnchorLink>
                ) : (
                  '—'
                )}
              </Fact>
              <Fact label={t('catalogue.services.fields.defaultGroupId')}>
                {service.defaultGroupId ? (
                  <AnchorLink
                    to="/admin/groups/$groupId"
                    params={{ groupId: service.defaultGroupId }}
                    size="sm"
                  >
                    <GroupName id={service.defaultGroupId} />
                  </AnchorLink>
                ) : (
                  '—'
                )}
              </Fact>
              <Fact label={t('common.createdAt')}>
                <DateTime value={service.createdAt} />
              </Fact>
              <Fact label={t('common.updatedAt')}>
                <DateTime value={service.updatedAt} />
              </Fact>
            </Facts>
          </Section>
        }
      />
      <ConfirmDialog
        opened={deleteOpened}
        onClose={remove.close}
        title={t('catalogue.services.delete.title', { name: service.name })}
        description={t('catalogue.services.delete.description')}
        confirmLabel={t('actions.delete')}
        danger
        onConfirm={async () => {
          try {
            await deleteService(service.id, service.version);
          } catch (error) {
            if (isVersionConflict(error)) await refetch();
            throw error;
          }
          queryClient.removeQueries({ queryKey: catalogueKeys.service(service.id) });
          void queryClient.invalidateQueries({ queryKey: catalogueKeys.serviceLists });
          notify({
            color: 'green',
            message: t('catalogue.services.delete.done', { name: service.name }),
          });
          await navigate({ to: '/admin/services' });
        }}
      />
      {manage && (
        <RequestTypeCreateDialog
          opened={createOpened}
          onClose={create.close}
          serviceId={service.id}
          onCreated={(requestType) =>
            void navigate({
              to: '/admin/request-types/$requestTypeId',
              params: { requestTypeId: requestType.id },
            })
          }
        />
      )}
    </>
  );
}

function ServiceRequestTypes({
  serviceId,
  onCreate,
}: {
  serviceId: string;
  onCreate?: () => void;
}) {
  const { t } = useTranslation();
  const query = useInfiniteQuery(requestTypesListQuery({ serviceId }));
  const items = query.data?.pages.flatMap((page) => page.items) ?? [];
  if (query.isError)
    return <ProblemAlert error={query.error} onRetry={() => void query.refetch()} />;
  if (query.isPending) return <Text size="sm">{t('common.loading')}</Text>;
  if (items.length === 0) {
    return (
      <Stack gap="xs" align="flex-start">
        <Text size="sm" fw={500}>
          {t('catalogue.requestTypes.empty.serviceTitle')}
        </Text>
        <Text size="sm" c="dimmed">
          {t('catalogue.requestTypes.empty.serviceDescription')}
        </Text>
        {onCreate && (
          <Button size="xs" onClick={onCreate}>
            {t('catalogue.requestTypes.create.open')}
          </Button>
        )}
      </Stack>
    );
  }
  return (
    <Stack gap="xs">
      <Table verticalSpacing={6} fz="sm" aria-label={t('modules.requestTypes.label')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('catalogue.requestTypes.fields.name')}</Table.Th>
            <Table.Th scope="col">{t('catalogue.requestTypes.fields.active')}</Table.Th>
            <Table.Th scope="col">{t('catalogue.requestTypes.summary.title')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((requestType) => (
            <Table.Tr key={requestType.id}>
              <Table.Td>
                <AnchorLink
                  to="/admin/request-types/$requestTypeId"
                  params={{ requestTypeId: requestType.id }}
                  size="sm"
                  fw={500}
                >
                  {requestType.name}
                </AnchorLink>
              </Table.Td>
              <Table.Td>
                <StatusBadge
                  tone={requestType.active ? 'done' : 'inactive'}
                  label={
                    requestType.active
                      ? t('catalogue.requestTypes.status.active')
                      : t('catalogue.requestTypes.status.inactive')
                  }
                  size="sm"
                />
              </Table.Td>
              <Table.Td>{definitionSummary(requestType, t)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {query.hasNextPage && (
        <Group>
          <Button variant="default" size="xs" onClick={() => void query.fetchNextPage()}>
            {t('list.loadMore')}
          </Button>
        </Group>
      )}
    </Stack>
  );
}
