import { Box, Button, Stack, Switch, Text, Textarea, TextInput } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconTrash } from '@tabler/icons-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import type { TFunction } from 'i18next';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isVersionConflict } from '../../api/client';
import { ConfirmDialog } from '../../ui/confirm-dialog';
import { DateTime } from '../../ui/dates';
import { HistoryTimeline } from '../../ui/history-timeline';
import { AnchorLink } from '../../ui/links';
import { notify } from '../../ui/notify';
import { Fact, Facts, PageHeader, RecordLayout, Section } from '../../ui/page';
import { RecordNotices, SaveBar, UnsavedChangesGuard, useRecordForm } from '../../ui/record-form';
import { RecordError, RecordSkeleton } from '../../ui/record-states';
import { StatusBadge } from '../../ui/status-badge';
import { usePermissions } from '../auth/session';
import {
  type ApprovalStep,
  catalogueKeys,
  deleteRequestType,
  type FormField,
  type RequestType,
  type RequestTypeBody,
  requestTypeQuery,
  type TaskTemplate,
  updateRequestType,
} from './api';
import { FormBuilder } from './form-builder';
import { definitionSummary } from './labels';
import { cleanForm, type EditorProblem, requestTypeProblems, toRequestTypeValues } from './model';
import { type Answers, RequestForm } from './request-form';
import { ServiceName, ServiceSelect } from './service-select';
import { ApprovalsEditor, TasksEditor } from './workflow-editors';

const route = getRouteApi('/app/admin/request-types/$requestTypeId');

const PROBLEMS: readonly EditorProblem[] = [
  'required',
  'key',
  'duplicateKey',
  'options',
  'minMax',
  'pattern',
  'length',
  'group',
];

function problemText(problem: unknown, t: TFunction): ReactNode {
  if (problem === undefined || problem === null || problem === '') return undefined;
  if (PROBLEMS.includes(problem as EditorProblem)) {
    return t(`catalogue.problems.${problem as EditorProblem}`);
  }
  return problem as ReactNode;
}

export function RequestTypeRecordPage() {
  const { t } = useTranslation();
  const { requestTypeId } = route.useParams();
  const query = useQuery(requestTypeQuery(requestTypeId));
  if (query.isPending) return <RecordSkeleton />;
  if (query.isError) {
    return (
      <>
        <PageHeader
          title={t('modules.requestTypes.label')}
          crumbs={[{ label: t('modules.requestTypes.label'), to: '/admin/request-types' }]}
        />
        <RecordError
          error={query.error}
          onRetry={() => void query.refetch()}
          backTo="/admin/request-types"
          backLabel={t('catalogue.requestTypes.backToList')}
        />
      </>
    );
  }
  return (
    <RequestTypeRecord
      requestType={query.data}
      refetch={async () => (await query.refetch()).data}
    />
  );
}

const FIELDS = [
  'name',
  'serviceId',
  'description',
  'active',
  'form',
  'approvals',
  'tasks',
  'instructions',
] as const;

function fieldLabelOf(field: string, t: TFunction): string {
  return (FIELDS as readonly string[]).includes(field)
    ? t(`catalogue.requestTypes.fields.${field as (typeof FIELDS)[number]}`)
    : field;
}

function formatValueOf(field: string, value: unknown, t: TFunction): ReactNode | undefined {
  switch (field) {
    case 'active':
      return value
        ? t('catalogue.requestTypes.status.active')
        : t('catalogue.requestTypes.status.inactive');
    case 'serviceId':
      return typeof value === 'string' ? <ServiceName id={value} /> : undefined;
    case 'form':
      return Array.isArray(value)
        ? (value as FormField[]).map((f) => f.label).join(', ') || '—'
        : undefined;
    case 'approvals':
      return Array.isArray(value)
        ? (value as ApprovalStep[])
            .map((s) => t(`catalogue.approvals.kinds.${s.kind}`))
            .join(' → ') || t('catalogue.approvals.none')
        : undefined;
    case 'tasks':
      return Array.isArray(value)
        ? (value as TaskTemplate[]).map((task) => task.title).join(', ') || '—'
        : undefined;
    default:
      return undefined;
  }
}

function RequestTypeRecord({
  requestType,
  refetch,
}: {
  requestType: RequestType;
  refetch: () => Promise<RequestType | undefined>;
}) {
  const { t } = useTranslation();
  const can = usePermissions();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [deleteOpened, remove] = useDisclosure(false);
  const [answers, setAnswers] = useState<Answers>({});
  const manage = can('catalogue.manage');
  const readOnly = !manage;

  const record = useRecordForm({
    record: requestType,
    toValues: toRequestTypeValues,
    normalize: (values) => ({
      ...values,
      name: values.name.trim(),
      description: values.description.trim(),
      instructions: values.instructions.trim(),
      form: cleanForm(values.form),
      tasks: values.tasks.map((task) => ({ ...task, title: task.title.trim() })),
    }),
    save: (changes, version) => {
      const patch: Partial<RequestTypeBody> = {};
      for (const key of FIELDS) {
        if (changes[key] !== undefined) Object.assign(patch, { [key]: changes[key] });
      }
      return updateRequestType(requestType.id, patch, version);
    },
    reload: refetch,
    onSaved: (saved) => {
      queryClient.setQueryData(catalogueKeys.requestType(saved.id), saved);
      void queryClient.invalidateQueries({ queryKey: catalogueKeys.requestTypeLists });
      void queryClient.invalidateQueries({ queryKey: ['audit-events'] });
      notify({ color: 'green', message: t('record.saved') });
    },
  });
  const { form } = record;
  const values = form.values;
  const errorOf = (path: string) => problemText(form.errors[path], t);
  const clearError = (prefix: string) =>
    form.setErrors(
      Object.fromEntries(
        Object.entries(form.errors).filter(
          ([key]) => key !== prefix && !key.startsWith(`${prefix}.`),
        ),
      ),
    );

  const submit = (event?: React.FormEvent<HTMLFormElement>) => {
    event?.preventDefault();
    const problems = requestTypeProblems(form.getValues());
    if (Object.keys(problems).length > 0) {
      form.setErrors(problems);
      notify({ color: 'red', message: t('catalogue.problems.fix') });
      return;
    }
    record.submit();
  };

  const fieldLabel = (field: string) => fieldLabelOf(field, t);
  const formatValue = (field: string, value: unknown) =>
    formatValueOf(field, value, t) ?? (value === null || value === '' ? '—' : String(value));

  return (
    <>
      <UnsavedChangesGuard when={record.dirty} />
      <PageHeader
        title={requestType.name}
        crumbs={[
          { label: t('modules.services.label'), to: '/admin/services' },
          { label: t('modules.requestTypes.label'), to: '/admin/request-types' },
        ]}
        meta={
          <>
            <StatusBadge
              tone={requestType.active ? 'done' : 'inactive'}
              label={
                requestType.active
                  ? t('catalogue.requestTypes.status.active')
                  : t('catalogue.requestTypes.status.inactive')
              }
              size="sm"
            />
            <Text size="sm" c="dimmed">
              <ServiceName id={requestType.serviceId} /> · {definitionSummary(requestType, t)}
            </Text>
          </>
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
            <form onSubmit={submit} noValidate aria-label={t('catalogue.requestTypes.formLabel')}>
              <Stack gap="lg">
                <Section title={t('record.details')}>
                  <Stack gap="sm">
                    <TextInput
                      label={t('catalogue.requestTypes.fields.name')}
                      required
                      disabled={readOnly}
                      autoComplete="off"
                      {...form.getInputProps('name')}
                      error={errorOf('name')}
                    />
                    <ServiceSelect
                      label={t('catalogue.requestTypes.fields.serviceId')}
                      required
                      value={values.serviceId || null}
                      onChange={(value) => {
                        form.setFieldValue('serviceId', value ?? '');
                        clearError('serviceId');
                      }}
                      error={errorOf('serviceId')}
                      disabled={readOnly}
                    />
                    <Textarea
                      label={t('catalogue.requestTypes.fields.description')}
                      description={t('catalogue.requestTypes.descriptionHint')}
                      autosize
                      minRows={2}
                      disabled={readOnly}
                      {...form.getInputProps('description')}
                    />
                    <Switch
                      label={t('catalogue.requestTypes.fields.active')}
                      description={
                        values.active
                          ? t('catalogue.requestTypes.activeHint')
                          : t('catalogue.requestTypes.inactiveHint')
                      }
                      disabled={readOnly}
                      {...form.getInputProps('active', { type: 'checkbox' })}
                    />
                  </Stack>
                </Section>
                <Section title={t('catalogue.builder.title')}>
                  <Stack gap="sm">
                    <Text size="sm" c="dimmed">
                      {t('catalogue.builder.description')}
                    </Text>
                    <FormBuilder
                      value={values.form}
                      onChange={(next) => {
                        form.setFieldValue('form', next);
                        clearError('form');
                      }}
                      errorOf={errorOf}
                      readOnly={readOnly}
                    />
                  </Stack>
                </Section>
                <Section title={t('catalogue.approvals.title')}>
                  <ApprovalsEditor
                    value={values.approvals}
                    onChange={(next) => {
                      form.setFieldValue('approvals', next);
                      clearError('approvals');
                    }}
                    errorOf={errorOf}
                    readOnly={readOnly}
                  />
                </Section>
                <Section title={t('catalogue.tasks.sectionTitle')}>
                  <TasksEditor
                    value={values.tasks}
                    onChange={(next) => {
                      form.setFieldValue('tasks', next);
                      clearError('tasks');
                    }}
                    errorOf={errorOf}
                    readOnly={readOnly}
                  />
                </Section>
                <Section title={t('catalogue.requestTypes.fields.instructions')}>
                  <Textarea
                    label={t('catalogue.requestTypes.fields.instructions')}
                    description={t('catalogue.requestTypes.instructionsHint')}
                    autosize
                    minRows={3}
                    disabled={readOnly}
                    {...form.getInputProps('instructions')}
                  />
                </Section>
                {manage && (
                  <Box
                    py="sm"
                    style={{
                      position: 'sticky',
                      bottom: 0,
                      zIndex: 3,
                      background: 'var(--mantine-color-body)',
                      borderTop: '1px solid var(--mantine-color-default-border)',
                    }}
                  >
                    <Stack gap="xs">
                      <RecordNotices
                        record={record}
                        fieldLabel={fieldLabel}
                        formatValue={formatValue}
                      />
                      <SaveBar record={record} />
                    </Stack>
                  </Box>
                )}
              </Stack>
            </form>
            <Section title={t('catalogue.preview.title')}>
              <Stack gap="sm">
                <Text size="sm" c="dimmed">
                  {t('catalogue.preview.description')}
                </Text>
                {values.form.length === 0 ? (
                  <Text size="sm">{t('catalogue.preview.empty')}</Text>
                ) : (
                  <RequestForm
                    fields={cleanForm(values.form).filter((field) => field.key && field.label)}
                    value={answers}
                    onChange={setAnswers}
                  />
                )}
              </Stack>
            </Section>
            {manage || can('audit.read') ? (
              <Section title={t('history.title')}>
                <HistoryTimeline
                  entity={`request-type:${requestType.id}`}
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
              <Fact label={t('catalogue.requestTypes.fields.serviceId')}>
                <AnchorLink
                  to="/admin/services/$serviceId"
                  params={{ serviceId: requestType.serviceId }}
                  size="sm"
                >
                  <ServiceName id={requestType.serviceId} />
                </AnchorLink>
              </Fact>
              <Fact label={t('catalogue.requestTypes.fields.form')}>
                {t('catalogue.requestTypes.summary.fields', { count: requestType.form.length })}
              </Fact>
              <Fact label={t('catalogue.requestTypes.fields.approvals')}>
                {formatValueOf('approvals', requestType.approvals, t)}
              </Fact>
              <Fact label={t('catalogue.requestTypes.fields.tasks')}>
                {t('catalogue.requestTypes.summary.tasks', { count: requestType.tasks.length })}
              </Fact>
              <Fact label={t('common.createdAt')}>
                <DateTime value={requestType.createdAt} />
              </Fact>
              <Fact label={t('common.updatedAt')}>
                <DateTime value={requestType.updatedAt} />
              </Fact>
            </Facts>
          </Section>
        }
      />
      <ConfirmDialog
        opened={deleteOpened}
        onClose={remove.close}
        title={t('catalogue.requestTypes.delete.title', { name: requestType.name })}
        description={t('catalogue.requestTypes.delete.description')}
        confirmLabel={t('actions.delete')}
        danger
        onConfirm={async () => {
          try {
            await deleteRequestType(requestType.id, requestType.version);
          } catch (error) {
            if (isVersionConflict(error)) await refetch();
            throw error;
          }
          queryClient.removeQueries({ queryKey: catalogueKeys.requestType(requestType.id) });
          void queryClient.invalidateQueries({ queryKey: catalogueKeys.requestTypeLists });
          notify({
            color: 'green',
            message: t('catalogue.requestTypes.delete.done', { name: requestType.name }),
          });
          await navigate({
            to: '/admin/services/$serviceId',
            params: { serviceId: requestType.serviceId },
          });
        }}
      />
    </>
  );
}
