import { Button, Group, Radio, Stack, Text, Textarea } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client';
import { DateTime } from '../../ui/dates';
import { AnchorLink } from '../../ui/links';
import { notify } from '../../ui/notify';
import { Fact, Facts } from '../../ui/page';
import { ProblemAlert } from '../../ui/problem';
import { type Change, changesKeys, recordReview } from './api';
import { IncidentMultiSelect } from './record-pickers';

/**
 * The post-implementation review: how it went, whether the objectives were met, the incidents the
 * change caused and the lessons. Normal and emergency changes need it before they close.
 */
export function ReviewSection({ change, canWrite }: { change: Change; canWrite: boolean }) {
  const editing = canWrite && change.status === 'review';
  if (!editing)
    return change.review ? <ReviewView change={change} /> : <ReviewPending change={change} />;
  return <ReviewForm change={change} />;
}

function ReviewPending({ change }: { change: Change }) {
  const { t } = useTranslation();
  return (
    <Text size="sm" c="dimmed">
      {change.reviewRequired
        ? t('changes.review.pendingRequired')
        : t('changes.review.pendingOptional')}
    </Text>
  );
}

function ReviewView({ change }: { change: Change }) {
  const { t } = useTranslation();
  const review = change.review;
  if (!review) return null;
  return (
    <Facts>
      <Fact label={t('changes.review.outcome')}>
        <span style={{ whiteSpace: 'pre-wrap' }}>{review.outcome}</span>
      </Fact>
      <Fact label={t('changes.review.objectivesMet')}>
        {review.objectivesMet ? t('common.yes') : t('common.no')}
      </Fact>
      <Fact label={t('changes.review.causedIncidents')}>
        {change.causedIncidents.length === 0
          ? t('changes.review.noIncidents')
          : change.causedIncidents.map((incident, index) => (
              <span key={incident.id}>
                {index > 0 && ', '}
                <AnchorLink to="/desk/tickets/$id" params={{ id: incident.number }} size="sm">
                  {incident.number}
                </AnchorLink>{' '}
                {incident.title}
              </span>
            ))}
      </Fact>
      <Fact label={t('changes.review.lessons')}>
        <span style={{ whiteSpace: 'pre-wrap' }}>{review.lessons || '—'}</span>
      </Fact>
      <Fact label={t('changes.review.recordedBy')}>
        {review.byName} · <DateTime value={review.at} />
      </Fact>
    </Facts>
  );
}

function ReviewForm({ change }: { change: Change }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [outcome, setOutcome] = useState(change.review?.outcome ?? '');
  const [objectivesMet, setObjectivesMet] = useState<string | null>(
    change.review ? String(change.review.objectivesMet) : null,
  );
  const [lessons, setLessons] = useState(change.review?.lessons ?? '');
  const [caused, setCaused] = useState(change.causedIncidents.map((incident) => incident.id));
  const [tried, setTried] = useState(false);
  const save = useMutation({
    mutationFn: () =>
      recordReview(
        change.id,
        {
          outcome: outcome.trim(),
          objectivesMet: objectivesMet === 'true',
          lessons: lessons.trim(),
          causedIncidentIds: caused,
        },
        change.version,
      ),
    onSuccess: (saved) => {
      queryClient.setQueryData(changesKeys.detail(saved.id), saved);
      void queryClient.invalidateQueries({ queryKey: ['audit-events'] });
      notify({ color: 'green', message: t('changes.review.saved') });
    },
  });
  const fieldErrors = isApiError(save.error) ? save.error.fieldErrors() : {};
  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    setTried(true);
    if (!outcome.trim() || objectivesMet === null) return;
    save.mutate();
  };
  return (
    <form onSubmit={submit} noValidate aria-label={t('changes.sections.review')}>
      <Stack gap="sm">
        <Text size="sm" c="dimmed">
          {change.review ? t('changes.review.recorded') : t('changes.review.intro')}
        </Text>
        {save.isError && <ProblemAlert error={save.error} />}
        <Textarea
          label={t('changes.review.outcome')}
          description={t('changes.review.outcomeHint')}
          value={outcome}
          onChange={(event) => setOutcome(event.currentTarget.value)}
          required
          error={tried && !outcome.trim() ? t('validation.required') : fieldErrors.outcome}
          autosize
          minRows={2}
        />
        <Radio.Group
          label={t('changes.review.objectivesMet')}
          value={objectivesMet}
          onChange={setObjectivesMet}
          required
          error={tried && objectivesMet === null ? t('validation.required') : undefined}
        >
          <Group gap="md" mt={4}>
            <Radio value="true" label={t('common.yes')} />
            <Radio value="false" label={t('common.no')} />
          </Group>
        </Radio.Group>
        <IncidentMultiSelect
          label={t('changes.review.causedIncidents')}
          description={t('changes.review.causedIncidentsHint')}
          value={caused}
          onChange={setCaused}
          known={change.causedIncidents}
          error={fieldErrors.causedIncidentIds}
        />
        <Textarea
          label={t('changes.review.lessons')}
          value={lessons}
          onChange={(event) => setLessons(event.currentTarget.value)}
          autosize
          minRows={2}
        />
        <Group justify="flex-end">
          <Button type="submit" loading={save.isPending}>
            {change.review ? t('changes.review.update') : t('changes.review.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
