import { Group, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import type { TFunction } from 'i18next';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Attachments } from '../../ui/attachments';
import { DateTime } from '../../ui/dates';
import { HistoryTimeline } from '../../ui/history-timeline';
import { notify } from '../../ui/notify';
import { Fact, Facts, PageHeader, RecordLayout, Section } from '../../ui/page';
import { RecordNotices, SaveBar, UnsavedChangesGuard, useRecordForm } from '../../ui/record-form';
import { RecordError, RecordSkeleton } from '../../ui/record-states';
import { usePermissions, useSession } from '../auth/session';
import { PersonName, PersonSelect } from '../catalogue/person-select';
import { useDayFormat } from '../compliance/format';
import {
  type Improvement,
  type ImprovementPatch,
  improvementQuery,
  improvementsKeys,
  priorityOf,
  updateImprovement,
} from './api';
import { ScoreSelect } from './improvement-dialog';
import { ImprovementStatusActions } from './improvement-status-actions';
import { ImprovementStatusBadge, OverdueFlag, PriorityBadge, SourceLink } from './labels';

const route = getRouteApi('/app/improvements/$improvementId');

export function ImprovementPage() {
  const { t } = useTranslation();
  const { improvementId } = route.useParams();
  const query = useQuery(improvementQuery(improvementId));
  const crumbs = [{ label: t('modules.improvements.label'), to: '/improvements' }];
  if (query.isPending) return <RecordSkeleton />;
  if (query.isError)
    return (
      <>
        <PageHeader title={t('modules.improvements.label')} crumbs={crumbs} />
        <RecordError
          error={query.error}
          onRetry={() => void query.refetch()}
          backTo="/improvements"
          backLabel={t('improvements.backToList')}
        />
      </>
    );
  return (
    <ImprovementRecord
      improvement={query.data}
      refetch={async () => (await query.refetch()).data}
    />
  );
}

interface Values extends Record<string, unknown> {
  title: string;
  description: string;
  expectedBenefit: string;
  benefit: string | null;
  effort: string | null;
  impact: string | null;
  ownerId: string | null;
  targetDate: string;
  progressNote: string;
  outcomeMeasure: string;
  outcomeBefore: string;
  outcomeAfter: string;
  outcomeMeasuredOn: string;
  outcomeNotes: string;
}

const str = (n: number | null) => (n === null ? null : String(n));
const toValues = (i: Improvement): Values => ({
  title: i.title,
  description: i.description,
  expectedBenefit: i.expectedBenefit,
  benefit: str(i.scores.benefit),
  effort: str(i.scores.effort),
  impact: str(i.scores.impact),
  ownerId: i.ownerId,
  targetDate: i.targetDate ?? '',
  progressNote: i.progressNote ?? '',
  outcomeMeasure: i.outcome.measure ?? '',
  outcomeBefore: i.outcome.before ?? '',
  outcomeAfter: i.outcome.after ?? '',
  outcomeMeasuredOn: i.outcome.measuredOn ?? '',
  outcomeNotes: i.outcome.notes ?? '',
});

const OUTCOME = {
  outcomeMeasure: 'measure',
  outcomeBefore: 'before',
  outcomeAfter: 'after',
  outcomeMeasuredOn: 'measuredOn',
  outcomeNotes: 'notes',
} as const;

/** The changed form fields as the API's patch: scores as numbers, blanks as null. */
function toPatch(changes: Partial<Values>): ImprovementPatch {
  const patch: Record<string, unknown> = {};
  const outcome: Record<string, string | null> = {};
  for (const [key, value] of Object.entries(changes)) {
    if (key in OUTCOME) outcome[OUTCOME[key as keyof typeof OUTCOME]] = (value as string) || null;
    else if (key === 'benefit' || key === 'effort' || key === 'impact')
      patch[key] = value === null ? null : Number(value);
    else if (key === 'targetDate' || key === 'progressNote') patch[key] = (value as string) || null;
    else patch[key] = value;
  }
  if (Object.keys(outcome).length) patch.outcome = outcome;
  return patch as ImprovementPatch;
}

const HISTORY_FIELDS = [
  'title',
  'description',
  'status',
  'source',
  'sourceId',
  'sourceLabel',
  'expectedBenefit',
  'scores',
  'ownerId',
  'targetDate',
  'progressNote',
  'rejectionReason',
  'outcome',
  'approvedAt',
  'startedAt',
  'implementedAt',
  'closedAt',
  'rejectedAt',
] as const;

function formatValue(field: string, value: unknown, t: TFunction): ReactNode {
  if (value === null || value === '' || value === undefined) return '—';
  if (field === 'status') return t(`improvements.statuses.${value as Improvement['status']}`);
  if (field === 'source') return t(`improvements.sources.${value as Improvement['source']}`);
  if (field === 'ownerId') return <PersonName id={String(value)} />;
  if (field.endsWith('At')) return <DateTime value={String(value)} />;
  if (field === 'scores' && typeof value === 'object') {
    const s = value as Improvement['scores'];
    return t('improvements.scoring.short', {
      benefit: s.benefit ?? '—',
      effort: s.effort ?? '—',
      impact: s.impact ?? '—',
    });
  }
  if (field === 'outcome' && typeof value === 'object') {
    const o = value as Improvement['outcome'];
    return o.measure ? `${o.measure}: ${o.before ?? '—'} → ${o.after ?? '—'}` : '—';
  }
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

function ImprovementRecord({
  improvement,
  refetch,
}: {
  improvement: Improvement;
  refetch: () => Promise<Improvement | undefined>;
}) {
  const { t } = useTranslation();
  const can = usePermissions();
  const { user } = useSession();
  const day = useDayFormat();
  const queryClient = useQueryClient();
  const manages = can('improvements.manage');
  const owns = improvement.ownerId === user.id;
  const finished = improvement.status === 'closed' || improvement.status === 'rejected';
  const managerEdits = manages && !finished;
  const ownerEdits = (manages || owns) && !finished;
  const measurable =
    (manages || owns) &&
    (improvement.status === 'implemented' || (improvement.status === 'closed' && manages));
  const saved = (next: Improvement) => {
    queryClient.setQueryData(improvementsKeys.detail(next.id), next);
    void queryClient.invalidateQueries({ queryKey: improvementsKeys.lists });
    void queryClient.invalidateQueries({ queryKey: ['improvements', 'board'] });
    void queryClient.invalidateQueries({ queryKey: ['audit-events'] });
  };
  const record = useRecordForm({
    record: improvement,
    toValues,
    validate: { title: (value: string) => (value.trim() ? null : t('validation.required')) },
    normalize: (values) => ({
      ...values,
      title: values.title.trim(),
      description: values.description.trim(),
      expectedBenefit: values.expectedBenefit.trim(),
      progressNote: values.progressNote.trim(),
      outcomeMeasure: values.outcomeMeasure.trim(),
      outcomeBefore: values.outcomeBefore.trim(),
      outcomeAfter: values.outcomeAfter.trim(),
      outcomeNotes: values.outcomeNotes.trim(),
    }),
    save: (changes, version) => updateImprovement(improvement.id, toPatch(changes), version),
    reload: refetch,
    onSaved: (next) => {
      saved(next);
      notify({ color: 'green', message: t('record.saved') });
    },
  });
  const { form } = record;
  const label = (field: string) =>
    (HISTORY_FIELDS as readonly string[]).includes(field)
      ? t(`improvements.fields.${field as (typeof HISTORY_FIELDS)[number]}`)
      : field;
  const format = (field: string, value: unknown) => formatValue(field, value, t);
  const scores = {
    benefit: form.values.benefit ? Number(form.values.benefit) : null,
    impact: form.values.impact ? Number(form.values.impact) : null,
    effort: form.values.effort ? Number(form.values.effort) : null,
  };
  const priority = priorityOf(scores.benefit, scores.impact, scores.effort);

  return (
    <>
      <UnsavedChangesGuard when={record.dirty} />
      <PageHeader
        title={`${improvement.number} · ${improvement.title}`}
        documentTitle={improvement.number}
        crumbs={[{ label: t('modules.improvements.label'), to: '/improvements' }]}
        meta={
          <Group gap="xs">
            <ImprovementStatusBadge status={improvement.status} />
            <PriorityBadge priority={improvement.priority} />
            <OverdueFlag overdue={improvement.overdue} />
          </Group>
        }
        actions={
          <ImprovementStatusActions
            improvement={improvement}
            disabled={record.dirty}
            onSaved={saved}
          />
        }
      />
      <RecordLayout
        main={
          <>
            <form onSubmit={record.submit} noValidate>
              <Stack gap="md">
                <RecordNotices record={record} fieldLabel={label} formatValue={format} />
                {improvement.status === 'rejected' && (
                  <Section title={t('improvements.fields.rejectionReason')}>
                    <Text size="sm">{improvement.rejectionReason}</Text>
                  </Section>
                )}
                <Section title={t('record.details')}>
                  <Stack gap="sm">
                    <TextInput
                      label={t('improvements.fields.title')}
                      required
                      disabled={!managerEdits}
                      {...form.getInputProps('title')}
                    />
                    <Textarea
                      label={t('improvements.fields.description')}
                      autosize
                      minRows={2}
                      maxRows={10}
                      disabled={!managerEdits}
                      {...form.getInputProps('description')}
                    />
                    <Textarea
                      label={t('improvements.fields.expectedBenefit')}
                      autosize
                      minRows={2}
                      maxRows={8}
                      disabled={!managerEdits}
                      {...form.getInputProps('expectedBenefit')}
                    />
                    <Group grow align="flex-start">
                      <PersonSelect
                        label={t('improvements.fields.ownerId')}
                        value={form.values.ownerId}
                        onChange={(value) => form.setFieldValue('ownerId', value)}
                        error={form.errors.ownerId}
                        disabled={!managerEdits}
                      />
                      <TextInput
                        type="date"
                        label={t('improvements.fields.targetDate')}
                        disabled={!managerEdits}
                        {...form.getInputProps('targetDate')}
                      />
                    </Group>
                  </Stack>
                </Section>
                <Section title={t('improvements.scoring.title')}>
                  <Stack gap="sm">
                    <Group grow align="flex-start">
                      {(['benefit', 'effort', 'impact'] as const).map((criterion) => (
                        <ScoreSelect
                          key={criterion}
                          criterion={criterion}
                          value={form.values[criterion]}
                          onChange={(value) => form.setFieldValue(criterion, value)}
                          error={form.errors[criterion]}
                          disabled={!managerEdits}
                        />
                      ))}
                    </Group>
                    <Group gap="xs" aria-live="polite">
                      <PriorityBadge priority={priority} />
                      <Text size="sm">
                        {priority
                          ? t('improvements.scoring.breakdown', {
                              benefit: scores.benefit,
                              impact: scores.impact,
                              effort: scores.effort,
                              rest: 6 - (scores.effort ?? 0),
                              score: priority.score,
                              band: priority.band,
                            })
                          : t('improvements.scoring.missing')}
                      </Text>
                    </Group>
                    <Text size="xs" c="dimmed">
                      {t('improvements.scoring.rule')}
                    </Text>
                  </Stack>
                </Section>
                <Section title={t('improvements.fields.progressNote')}>
                  <Textarea
                    aria-label={t('improvements.fields.progressNote')}
                    description={t('improvements.progressHint')}
                    autosize
                    minRows={2}
                    maxRows={10}
                    disabled={!ownerEdits}
                    {...form.getInputProps('progressNote')}
                  />
                </Section>
                <Section title={t('improvements.outcome.title')}>
                  <Stack gap="sm">
                    <Text size="sm" c="dimmed">
                      {measurable
                        ? t('improvements.outcome.hint')
                        : t('improvements.outcome.notYet')}
                    </Text>
                    <TextInput
                      label={t('improvements.fields.outcomeMeasure')}
                      placeholder={t('improvements.outcome.measurePlaceholder')}
                      disabled={!measurable}
                      {...form.getInputProps('outcomeMeasure')}
                    />
                    <Group grow align="flex-start">
                      <TextInput
                        label={t('improvements.fields.outcomeBefore')}
                        disabled={!measurable}
                        {...form.getInputProps('outcomeBefore')}
                      />
                      <TextInput
                        label={t('improvements.fields.outcomeAfter')}
                        disabled={!measurable}
                        {...form.getInputProps('outcomeAfter')}
                      />
                      <TextInput
                        type="date"
                        label={t('improvements.fields.outcomeMeasuredOn')}
                        disabled={!measurable}
                        {...form.getInputProps('outcomeMeasuredOn')}
                      />
                    </Group>
                    <Textarea
                      label={t('improvements.fields.outcomeNotes')}
                      autosize
                      minRows={2}
                      maxRows={8}
                      disabled={!measurable}
                      {...form.getInputProps('outcomeNotes')}
                    />
                  </Stack>
                </Section>
                {(ownerEdits || measurable) && <SaveBar record={record} />}
              </Stack>
            </form>
            <Section title={t('improvements.outcome.evidence')}>
              <Stack gap="xs">
                <Text size="sm" c="dimmed">
                  {t('improvements.outcome.evidenceHint')}
                </Text>
                <Attachments
                  ownerType="improvement"
                  ownerId={improvement.id}
                  canUpload={(manages || owns) && !finished}
                />
              </Stack>
            </Section>
            <Section title={t('history.title')}>
              <HistoryTimeline
                entity={`improvement:${improvement.id}`}
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
              <Fact label={t('improvements.fields.status')}>
                <ImprovementStatusBadge status={improvement.status} />
              </Fact>
              <Fact label={t('improvements.fields.source')}>
                <Stack gap={2}>
                  <span>{t(`improvements.sources.${improvement.source}`)}</span>
                  {improvement.sourceId && <SourceLink improvement={improvement} />}
                </Stack>
              </Fact>
              <Fact label={t('improvements.fields.ownerId')}>
                {improvement.ownerName ?? t('improvements.unassigned')}
              </Fact>
              <Fact label={t('improvements.fields.targetDate')}>
                <Group gap={6}>
                  {day(improvement.targetDate)}
                  <OverdueFlag overdue={improvement.overdue} />
                </Group>
              </Fact>
              <Fact label={t('common.createdAt')}>
                <DateTime value={improvement.createdAt} />
              </Fact>
              <Fact label={t('improvements.fields.approvedAt')}>
                <DateTime value={improvement.approvedAt} />
              </Fact>
              <Fact label={t('improvements.fields.implementedAt')}>
                <DateTime value={improvement.implementedAt} />
              </Fact>
              <Fact label={t('improvements.fields.closedOrRejected')}>
                <DateTime value={improvement.closedAt ?? improvement.rejectedAt} />
              </Fact>
            </Facts>
          </Section>
        }
      />
    </>
  );
}
