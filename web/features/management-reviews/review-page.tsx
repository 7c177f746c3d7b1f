import { Alert, Button, Group, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { IconInfoCircle, IconRefresh } from '@tabler/icons-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import type { TFunction } from 'i18next';
import type { ReactNode } from 'react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client';
import { DateTime } from '../../ui/dates';
import { HistoryTimeline } from '../../ui/history-timeline';
import { notify } from '../../ui/notify';
import { Fact, Facts, PageHeader, RecordLayout, Section } from '../../ui/page';
import { RecordNotices, SaveBar, UnsavedChangesGuard, useRecordForm } from '../../ui/record-form';
import { RecordError, RecordSkeleton } from '../../ui/record-states';
import { usePermissions } from '../auth/session';
import { PersonName, PersonSelect } from '../catalogue/person-select';
import { useDayFormat } from '../compliance/format';
import {
  moveReview,
  type Review,
  type ReviewStatus,
  refreshInputs,
  reviewQuery,
  reviewsKeys,
  updateReview,
} from './api';
import { ReviewStatusBadge } from './labels';
import { PeopleMultiSelect } from './people-multi-select';
import { ReviewActions, ReviewDecisions } from './review-actions';
import { ReviewInputs } from './review-inputs';

const route = getRouteApi('/app/management-reviews/$reviewId');

export function ReviewPage() {
  const { t } = useTranslation();
  const { reviewId } = route.useParams();
  const query = useQuery(reviewQuery(reviewId));
  const crumbs = [{ label: t('modules.managementReviews.label'), to: '/management-reviews' }];
  if (query.isPending) return <RecordSkeleton />;
  if (query.isError)
    return (
      <>
        <PageHeader title={t('modules.managementReviews.label')} crumbs={crumbs} />
        <RecordError
          error={query.error}
          onRetry={() => void query.refetch()}
          backTo="/management-reviews"
          backLabel={t('managementReviews.backToList')}
        />
      </>
    );
  return <ReviewRecord review={query.data} refetch={async () => (await query.refetch()).data} />;
}

interface Values extends Record<string, unknown> {
  title: string;
  plannedOn: string;
  heldOn: string;
  chairId: string | null;
  attendeeIds: string[];
  minutes: string;
  risks: string;
}

const toValues = (r: Review): Values => ({
  title: r.title,
  plannedOn: r.plannedOn,
  heldOn: r.heldOn ?? '',
  chairId: r.chairId,
  attendeeIds: r.attendeeIds,
  minutes: r.minutes,
  risks: r.risks,
});

const FIELDS = [
  'title',
  'plannedOn',
  'heldOn',
  'chairId',
  'attendeeIds',
  'minutes',
  'risks',
  'status',
  'closedAt',
] as const;

function formatValue(field: string, value: unknown, t: TFunction): ReactNode {
  if (value === null || value === '' || value === undefined) return '—';
  if (field === 'status') return t(`managementReviews.statuses.${value as ReviewStatus}`);
  if (field === 'inputs') return t('managementReviews.history.inputsTaken');
  if (field === 'chairId') return <PersonName id={String(value)} />;
  if (field.endsWith('At')) return <DateTime value={String(value)} />;
  if (Array.isArray(value)) return t('managementReviews.history.people', { count: value.length });
  if (typeof value === 'object') return t('managementReviews.history.changed');
  return String(value);
}

function ReviewRecord({
  review,
  refetch,
}: {
  review: Review;
  refetch: () => Promise<Review | undefined>;
}) {
  const { t } = useTranslation();
  const can = usePermissions();
  const day = useDayFormat();
  const queryClient = useQueryClient();
  const manages = can('reviews.manage');
  const editable = manages && review.status !== 'closed';
  const [busy, setBusy] = useState(false);
  const saved = (next: Review) => {
    queryClient.setQueryData(reviewsKeys.detail(next.id), next);
    void queryClient.invalidateQueries({ queryKey: reviewsKeys.lists });
    void queryClient.invalidateQueries({ queryKey: ['audit-events'] });
  };
  const record = useRecordForm({
    record: review,
    toValues,
    validate: { title: (value: string) => (value.trim() ? null : t('validation.required')) },
    normalize: (values) => ({
      ...values,
      title: values.title.trim(),
      minutes: values.minutes.trim(),
      risks: values.risks.trim(),
    }),
    save: (changes, version) => {
      const patch: Record<string, unknown> = { ...changes };
      if ('heldOn' in patch) patch.heldOn = (patch.heldOn as string) || null;
      return updateReview(review.id, patch, version);
    },
    reload: refetch,
    onSaved: (next) => {
      saved(next);
      notify({ color: 'green', message: t('record.saved') });
    },
  });
  const { form } = record;
  const run = async (work: () => Promise<Review>, done: string) => {
    setBusy(true);
    try {
      saved(await work());
      notify({ color: 'green', message: done });
    } catch (failure) {
      notify({
        color: 'red',
        message: isApiError(failure) ? failure.message : t('errors.unexpected'),
      });
    } finally {
      setBusy(false);
    }
  };
  const label = (field: string) =>
    (FIELDS as readonly string[]).includes(field)
      ? t(`managementReviews.fields.${field as (typeof FIELDS)[number]}`)
      : field === 'inputs'
        ? t('managementReviews.inputs.title')
        : field === 'decision'
          ? t('managementReviews.history.decision')
          : field;
  const format = (field: string, value: unknown) => formatValue(field, value, t);

  return (
    <>
      <UnsavedChangesGuard when={record.dirty} />
      <PageHeader
        title={`${review.number} · ${review.title}`}
        documentTitle={review.number}
        crumbs={[{ label: t('modules.managementReviews.label'), to: '/management-reviews' }]}
        meta={
          <Group gap="xs">
            <ReviewStatusBadge status={review.status} />
            <Text size="sm" c="dimmed">
              {review.heldOn
                ? t('managementReviews.heldOnDate', { date: day(review.heldOn) })
                : t('managementReviews.plannedOnDate', { date: day(review.plannedOn) })}
            </Text>
          </Group>
        }
        actions={
          manages && (
            <>
              {review.status === 'planned' && (
                <Button
                  variant="default"
                  leftSection={<IconRefresh size={16} aria-hidden />}
                  loading={busy}
                  disabled={record.dirty}
                  onClick={() =>
                    void run(
                      () => refreshInputs(review.id, review.version),
                      t('managementReviews.inputs.refreshed'),
                    )
                  }
                >
                  {t('managementReviews.inputs.refresh')}
                </Button>
              )}
              {review.status === 'planned' && (
                <Button
                  loading={busy}
                  disabled={record.dirty}
                  onClick={() =>
                    void run(
                      () => moveReview(review.id, 'held', review.version),
                      t('managementReviews.moved.held'),
                    )
                  }
                >
                  {t('managementReviews.moves.held')}
                </Button>
              )}
              {review.status === 'held' && (
                <Button
                  loading={busy}
                  disabled={record.dirty}
                  onClick={() =>
                    void run(
                      () => moveReview(review.id, 'closed', review.version),
                      t('managementReviews.moved.closed'),
                    )
                  }
                >
                  {t('managementReviews.moves.closed')}
                </Button>
              )}
            </>
          )
        }
      />
      <RecordLayout
        main={
          <>
            <Section title={t('managementReviews.inputs.title')}>
              <ReviewInputs review={review} canComment={editable} onSaved={saved} />
            </Section>
            <form onSubmit={record.submit} noValidate>
              <Stack gap="md">
                <RecordNotices record={record} fieldLabel={label} formatValue={format} />
                <Section title={t('managementReviews.risks.title')}>
                  <Stack gap="xs">
                    <Alert
                      variant="light"
                      color="blue"
                      icon={<IconInfoCircle size={18} aria-hidden />}
                    >
                      {t('managementReviews.risks.noRegister')}
                    </Alert>
                    <Textarea
                      aria-label={t('managementReviews.fields.risks')}
                      autosize
                      minRows={3}
                      maxRows={12}
                      disabled={!editable}
                      {...form.getInputProps('risks')}
                    />
                  </Stack>
                </Section>
                <Section title={t('managementReviews.meeting.title')}>
                  <Stack gap="sm">
                    <TextInput
                      label={t('managementReviews.fields.title')}
                      required
                      disabled={!editable}
                      {...form.getInputProps('title')}
                    />
                    <Group grow align="flex-start">
                      <TextInput
                        type="date"
                        label={t('managementReviews.fields.plannedOn')}
                        disabled={!editable}
                        {...form.getInputProps('plannedOn')}
                      />
                      <TextInput
                        type="date"
                        label={t('managementReviews.fields.heldOn')}
                        disabled={!editable}
                        {...form.getInputProps('heldOn')}
                      />
                      <PersonSelect
                        label={t('managementReviews.fields.chairId')}
                        value={form.values.chairId}
                        onChange={(value) => form.setFieldValue('chairId', value)}
                        error={form.errors.chairId}
                        disabled={!editable}
                      />
                    </Group>
                    <PeopleMultiSelect
                      label={t('managementReviews.fields.attendees')}
                      value={form.values.attendeeIds}
                      known={review.attendees}
                      onChange={(value) => form.setFieldValue('attendeeIds', value)}
                      error={form.errors.attendeeIds}
                      disabled={!editable}
                    />
                    <Textarea
                      label={t('managementReviews.fields.minutes')}
                      autosize
                      minRows={4}
                      maxRows={20}
                      disabled={!editable}
                      {...form.getInputProps('minutes')}
                    />
                  </Stack>
                </Section>
                {editable && <SaveBar record={record} />}
              </Stack>
            </form>
            <Section title={t('managementReviews.decisions.title')}>
              <ReviewDecisions review={review} editable={editable} onSaved={saved} />
            </Section>
            <Section title={t('managementReviews.actions.sectionTitle')}>
              <ReviewActions review={review} manages={manages} onChanged={() => void refetch()} />
            </Section>
            <Section title={t('history.title')}>
              <HistoryTimeline
                entity={`management-review:${review.id}`}
                fieldLabel={label}
                formatValue={format}
                omitFields={['number', 'createdBy', 'updatedAt', 'inputComments']}
              />
            </Section>
          </>
        }
        side={
          <Section title={t('record.facts')}>
            <Facts>
              <Fact label={t('managementReviews.fields.status')}>
                <ReviewStatusBadge status={review.status} />
              </Fact>
              <Fact label={t('managementReviews.fields.chairId')}>{review.chairName ?? '—'}</Fact>
              <Fact label={t('managementReviews.fields.attendees')}>
                {review.attendees.length ? review.attendees.map((a) => a.name).join(', ') : '—'}
              </Fact>
              <Fact label={t('managementReviews.fields.plannedOn')}>{day(review.plannedOn)}</Fact>
              <Fact label={t('managementReviews.fields.heldOn')}>{day(review.heldOn)}</Fact>
              <Fact label={t('managementReviews.inputs.refreshedAt')}>
                <DateTime value={review.inputs?.refreshedAt} />
              </Fact>
              <Fact label={t('managementReviews.fields.closedAt')}>
                <DateTime value={review.closedAt} />
              </Fact>
            </Facts>
          </Section>
        }
      />
    </>
  );
}
