import { Badge, Group, MultiSelect, Select, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import type { TFunction } from 'i18next';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { DateTime } from '../../ui/dates';
import { HistoryTimeline } from '../../ui/history-timeline';
import { notify } from '../../ui/notify';
import { Fact, Facts, PageHeader, RecordLayout, Section } from '../../ui/page';
import { RecordNotices, SaveBar, UnsavedChangesGuard, useRecordForm } from '../../ui/record-form';
import { RecordError, RecordSkeleton } from '../../ui/record-states';
import { UserName } from '../admin-users/user-select';
import { usePermissions } from '../auth/session';
import { GroupName, GroupSelect } from '../catalogue/group-select';
import { PersonSelect } from '../catalogue/person-select';
import { ServiceName } from '../catalogue/service-select';
import { RaiseImprovementButton } from '../improvements/raise-improvement-button';
import {
  type Problem,
  type ProblemStatus,
  problemQuery,
  problemsKeys,
  RCA_METHODS,
  type RcaMethod,
  updateProblem,
} from './api';
import { ProblemIncidents } from './problem-incidents';
import { ProblemStatusBadge } from './problem-status';
import { ProblemStatusActions } from './problem-status-actions';
import { useServiceOptions } from './service-options';

const route = getRouteApi('/app/problems/$problemId');

export function ProblemRecordPage() {
  const { t } = useTranslation();
  const { problemId } = route.useParams();
  const query = useQuery(problemQuery(problemId));
  if (query.isPending) return <RecordSkeleton />;
  if (query.isError)
    return (
      <>
        <PageHeader
          title={t('modules.problems.label')}
          crumbs={[{ label: t('modules.problems.label'), to: '/problems' }]}
        />
        <RecordError
          error={query.error}
          onRetry={() => void query.refetch()}
          backTo="/problems"
          backLabel={t('problems.backToList')}
        />
      </>
    );
  return <ProblemRecord problem={query.data} refetch={async () => (await query.refetch()).data} />;
}

interface FormValues extends Record<string, unknown> {
  title: string;
  description: string;
  ownerGroupId: string | null;
  assigneeId: string | null;
  serviceIds: string[];
  rcaMethod: RcaMethod | null;
  rootCause: string;
  contributingFactors: string;
  workaround: string;
}

const toValues = (p: Problem): FormValues => ({
  title: p.title,
  description: p.description,
  ownerGroupId: p.ownerGroupId,
  assigneeId: p.assigneeId,
  serviceIds: p.serviceIds,
  rcaMethod: p.rcaMethod,
  rootCause: p.rootCause ?? '',
  contributingFactors: p.contributingFactors ?? '',
  workaround: p.workaround ?? '',
});

const FIELDS = [
  'title',
  'description',
  'status',
  'ownerGroupId',
  'assigneeId',
  'serviceIds',
  'rcaMethod',
  'rootCause',
  'contributingFactors',
  'workaround',
  'knownErrorAt',
  'resolvedAt',
  'closedAt',
  'linkedIncident',
] as const;

function fieldLabel(field: string, t: TFunction): string {
  return (FIELDS as readonly string[]).includes(field)
    ? t(`problems.fields.${field as (typeof FIELDS)[number]}`)
    : field;
}

function formatValue(field: string, value: unknown, t: TFunction): ReactNode {
  if (value === null || value === '' || value === undefined) return '—';
  if (field === 'knownErrorAt' || field === 'resolvedAt' || field === 'closedAt')
    return <DateTime value={String(value)} />;
  if (field === 'status') return t(`problems.statuses.${value as ProblemStatus}`);
  if (field === 'rcaMethod') return t(`problems.rcaMethods.${value as RcaMethod}`);
  if (field === 'ownerGroupId') return <GroupName id={String(value)} />;
  if (field === 'assigneeId') return <UserName id={String(value)} />;
  if (field === 'serviceIds' && Array.isArray(value))
    return value.length
      ? value.map((id, i) => (
          <span key={String(id)}>
            {i > 0 && ', '}
            <ServiceName id={String(id)} />
          </span>
        ))
      : '—';
  if (Array.isArray(value)) return value.join(', ');
  return String(value);
}

function ProblemRecord({
  problem,
  refetch,
}: {
  problem: Problem;
  refetch: () => Promise<Problem | undefined>;
}) {
  const { t } = useTranslation();
  const can = usePermissions();
  const work = can('problems.work');
  const queryClient = useQueryClient();
  const services = useServiceOptions();
  const saved = (next: Problem) => {
    queryClient.setQueryData(problemsKeys.detail(next.id), next);
    void queryClient.invalidateQueries({ queryKey: problemsKeys.lists });
    void queryClient.invalidateQueries({ queryKey: ['audit-events'] });
  };
  const record = useRecordForm({
    record: problem,
    toValues,
    validate: { title: (value: string) => (value.trim() ? null : t('validation.required')) },
    normalize: (values) => ({
      ...values,
      title: values.title.trim(),
      description: values.description.trim(),
      rootCause: values.rootCause.trim(),
      contributingFactors: values.contributingFactors.trim(),
      workaround: values.workaround.trim(),
    }),
    save: (changes, version) => {
      const patch = { ...changes } as Record<string, unknown>;
      for (const key of ['rootCause', 'contributingFactors', 'workaround'] as const)
        if (key in patch) patch[key] = (patch[key] as string) || null;
      return updateProblem(problem.id, patch, version);
    },
    reload: refetch,
    onSaved: (next) => {
      saved(next);
      notify({ color: 'green', message: t('record.saved') });
    },
  });
  const { form } = record;
  const editable = work && problem.status !== 'closed';
  const label = (field: string) => fieldLabel(field, t);
  const format = (field: string, value: unknown) => formatValue(field, value, t);

  return (
    <>
      <UnsavedChangesGuard when={record.dirty} />
      <PageHeader
        title={`${problem.number} · ${problem.title}`}
        documentTitle={problem.number}
        crumbs={[{ label: t('modules.problems.label'), to: '/problems' }]}
        meta={
          <Group gap="xs">
            <ProblemStatusBadge status={problem.status} />
            {problem.serviceIds.map((id) => (
              <Badge key={id} variant="light" color="gray" size="sm" tt="none">
                <ServiceName id={id} />
              </Badge>
            ))}
            <Text size="sm" c="dimmed">
              {t('problems.incidentCount', { count: problem.incidentCount })}
            </Text>
          </Group>
        }
        actions={
          <>
            <RaiseImprovementButton
              source="problem"
              sourceId={problem.id}
              sourceLabel={problem.number}
              defaultTitle={problem.title}
              defaultDescription={problem.rootCause ?? problem.description}
            />
            {work && (
              <ProblemStatusActions problem={problem} disabled={record.dirty} onSaved={saved} />
            )}
          </>
        }
      />
      <RecordLayout
        main={
          <>
            <form onSubmit={record.submit} noValidate>
              <Stack gap="md">
                <RecordNotices record={record} fieldLabel={label} formatValue={format} />
                <Section title={t('record.details')}>
                  <Stack gap="sm">
                    <TextInput
                      label={t('problems.fields.title')}
                      required
                      disabled={!editable}
                      {...form.getInputProps('title')}
                    />
                    <Textarea
                      label={t('problems.fields.description')}
                      autosize
                      minRows={3}
                      maxRows={12}
                      disabled={!editable}
                      {...form.getInputProps('description')}
                    />
                    <MultiSelect
                      label={t('problems.fields.serviceIds')}
                      data={services}
                      searchable
                      disabled={!editable}
                      {...form.getInputProps('serviceIds')}
                    />
                    <Group grow align="flex-start">
                      <GroupSelect
                        label={t('problems.fields.ownerGroupId')}
                        value={form.values.ownerGroupId}
                        onChange={(value) => form.setFieldValue('ownerGroupId', value)}
                        error={form.errors.ownerGroupId}
                        disabled={!editable}
                      />
                      <PersonSelect
                        label={t('problems.fields.assigneeId')}
                        value={form.values.assigneeId}
                        onChange={(value) => form.setFieldValue('assigneeId', value)}
                        error={form.errors.assigneeId}
                        disabled={!editable}
                      />
                    </Group>
                  </Stack>
                </Section>
                <Section title={t('problems.rca.title')}>
                  <Stack gap="sm">
                    <Select
                      label={t('problems.fields.rcaMethod')}
                      placeholder={t('problems.rca.methodPlaceholder')}
                      data={RCA_METHODS.map((value) => ({
                        value,
                        label: t(`problems.rcaMethods.${value}`),
                      }))}
                      clearable
                      disabled={!editable}
                      {...form.getInputProps('rcaMethod')}
                    />
                    <Textarea
                      label={t('problems.fields.rootCause')}
                      description={t('problems.rca.rootCauseHint')}
                      autosize
                      minRows={3}
                      maxRows={12}
                      disabled={!editable}
                      {...form.getInputProps('rootCause')}
                    />
                    <Textarea
                      label={t('problems.fields.contributingFactors')}
                      autosize
                      minRows={2}
                      maxRows={10}
                      disabled={!editable}
                      {...form.getInputProps('contributingFactors')}
                    />
                  </Stack>
                </Section>
                <Section title={t('problems.fields.workaround')}>
                  <Textarea
                    aria-label={t('problems.fields.workaround')}
                    description={t('problems.workaroundHint')}
                    autosize
                    minRows={3}
                    maxRows={12}
                    disabled={!editable}
                    {...form.getInputProps('workaround')}
                  />
                </Section>
                {editable && <SaveBar record={record} />}
              </Stack>
            </form>
            <ProblemIncidents problem={problem} editable={work && problem.status !== 'closed'} />
            <Section title={t('history.title')}>
              <HistoryTimeline
                entity={`problem:${problem.id}`}
                fieldLabel={label}
                formatValue={format}
                omitFields={['number', 'createdBy', 'updatedAt']}
              />
            </Section>
          </>
        }
        side={
          <Section title={t('record.facts')}>
            <Facts>
              <Fact label={t('problems.fields.status')}>
                <ProblemStatusBadge status={problem.status} />
              </Fact>
              <Fact label={t('problems.fields.ownerGroupId')}>
                {problem.ownerGroupId ? <GroupName id={problem.ownerGroupId} /> : '—'}
              </Fact>
              <Fact label={t('problems.fields.assigneeId')}>
                {problem.assigneeId ? <UserName id={problem.assigneeId} /> : '—'}
              </Fact>
              <Fact label={t('problems.fields.createdBy')}>
                {problem.createdBy ? <UserName id={problem.createdBy} /> : '—'}
              </Fact>
              <Fact label={t('common.createdAt')}>
                <DateTime value={problem.createdAt} />
              </Fact>
              <Fact label={t('problems.fields.knownErrorAt')}>
                <DateTime value={problem.knownErrorAt} />
              </Fact>
              <Fact label={t('problems.fields.resolvedAt')}>
                <DateTime value={problem.resolvedAt} />
              </Fact>
              <Fact label={t('problems.fields.closedAt')}>
                <DateTime value={problem.closedAt} />
              </Fact>
              <Fact label={t('common.updatedAt')}>
                <DateTime value={problem.updatedAt} />
              </Fact>
            </Facts>
          </Section>
        }
      />
    </>
  );
}
