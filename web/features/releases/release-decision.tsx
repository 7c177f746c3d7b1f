import { Badge, Button, Group, Stack, Text, Textarea } from '@mantine/core';
import { IconThumbDown, IconThumbUp } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DateTime } from '../../ui/dates';
import { Section } from '../../ui/page';
import { ProblemAlert } from '../../ui/problem';
import { UserName } from '../admin-users/user-select';
import { DECIDABLE, decideRelease, type Release } from './api';
import { useReleaseWrite } from './use-release-write';

/** Go/no-go: taken by a release manager while the release is testing or ready. */
export function DecisionSection({ release, editable }: { release: Release; editable: boolean }) {
  const { t } = useTranslation();
  const { run, error, busy } = useReleaseWrite();
  const [comment, setComment] = useState('');
  const [missingReason, setMissingReason] = useState(false);
  const canDecide = editable && DECIDABLE.includes(release.status);
  const decide = async (decision: 'go' | 'no_go') => {
    if (decision === 'no_go' && !comment.trim()) {
      setMissingReason(true);
      return;
    }
    setMissingReason(false);
    const saved = await run(() =>
      decideRelease(release.id, { decision, comment: comment.trim() || null }, release.version),
    );
    if (saved) setComment('');
  };
  return (
    <Section title={t('releases.decision.title')}>
      <Stack gap="sm">
        {error !== null && <ProblemAlert error={error} />}
        {release.decision ? (
          <Stack gap={4}>
            <Group gap="xs">
              <Badge
                color={release.decision === 'go' ? 'green' : 'red'}
                variant="light"
                leftSection={
                  release.decision === 'go' ? (
                    <IconThumbUp size={12} aria-hidden />
                  ) : (
                    <IconThumbDown size={12} aria-hidden />
                  )
                }
              >
                {t(`releases.decisions.${release.decision}`)}
              </Badge>
              <Text size="sm">
                <UserName id={release.decidedBy} />, <DateTime value={release.decidedAt} />
              </Text>
            </Group>
            {release.decisionComment && (
              <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                {release.decisionComment}
              </Text>
            )}
          </Stack>
        ) : (
          <Text size="sm" c="dimmed">
            {t('releases.decision.none')}
          </Text>
        )}
        {canDecide && (
          <>
            <Textarea
              label={t('releases.decision.comment')}
              description={t('releases.decision.commentHint')}
              value={comment}
              onChange={(event) => {
                setComment(event.currentTarget.value);
                setMissingReason(false);
              }}
              error={missingReason ? t('releases.decision.reasonRequired') : undefined}
              autosize
              minRows={2}
              maxLength={4000}
            />
            <Group gap="xs">
              <Button
                color="green"
                leftSection={<IconThumbUp size={14} aria-hidden />}
                loading={busy}
                onClick={() => void decide('go')}
              >
                {t('releases.decision.go')}
              </Button>
              <Button
                color="red"
                variant="light"
                leftSection={<IconThumbDown size={14} aria-hidden />}
                loading={busy}
                onClick={() => void decide('no_go')}
              >
                {t('releases.decision.noGo')}
              </Button>
            </Group>
          </>
        )}
        {!canDecide && !release.decision && editable && (
          <Text size="xs" c="dimmed">
            {t('releases.decision.when')}
          </Text>
        )}
      </Stack>
    </Section>
  );
}

export function OutcomeSection({ release }: { release: Release }) {
  const { t } = useTranslation();
  if (!release.outcomeResult && !release.outcome) return null;
  return (
    <Section title={t('releases.outcome.title')}>
      <Stack gap={4}>
        {release.outcomeResult && (
          <Badge
            color={
              release.outcomeResult === 'successful'
                ? 'green'
                : release.outcomeResult === 'failed'
                  ? 'red'
                  : 'yellow'
            }
            variant="light"
          >
            {t(`releases.outcomeResults.${release.outcomeResult}`)}
          </Badge>
        )}
        <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
          {release.outcome ?? '—'}
        </Text>
      </Stack>
    </Section>
  );
}
