import { Button, Group, Paper, Stack, Text, Textarea } from '@mantine/core';
import { IconCircleCheck, IconCircleX } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DateTime } from '../../ui/dates';
import { notify } from '../../ui/notify';
import { ProblemAlert } from '../../ui/problem';
import { StatusBadge, type StatusTone } from '../../ui/status-badge';
import { GroupName } from '../catalogue/group-select';
import { type ApprovalStep, type Change, changesKeys, type StepStatus, voteOnChange } from './api';
import { modeLabel, ToneBadge } from './labels';

const STEP_TONES: Record<StepStatus, StatusTone> = {
  waiting: 'inactive',
  active: 'waiting',
  approved: 'done',
  rejected: 'failed',
};

/** "CAB · 2 of 3 approvers · 1 approval so far". */
export function StepSummary({ step }: { step: ApprovalStep }) {
  const { t } = useTranslation();
  const approvals = step.votes.filter((vote) => vote.decision === 'approve').length;
  return (
    <Text size="sm" c="dimmed">
      {step.approverKind === 'group' ? (
        <GroupName id={step.groupId} />
      ) : (
        t('changes.approvals.serviceOwners')
      )}
      {' · '}
      {modeLabel(step.mode, step.required, step.eligibleIds.length, t)}
      {' · '}
      {t('changes.approvals.progress', { count: approvals, required: step.required })}
    </Text>
  );
}

/** The approval steps the policy gave the change, their votes, and my vote when it is my turn. */
export function ApprovalPanel({ change }: { change: Change }) {
  const { t } = useTranslation();
  if (change.steps.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        {t(`changes.approvals.none.${change.approval}`)}
      </Text>
    );
  }
  return (
    <Stack gap="sm">
      {change.steps.map((step) => (
        <Paper key={step.id} withBorder p="sm" radius="sm" component="article">
          <Group justify="space-between" gap="xs" mb={4}>
            <Text fw={600} size="sm" component="h3" m={0}>
              {t('changes.approvals.step', { position: step.position, name: step.name })}
            </Text>
            <StatusBadge
              tone={STEP_TONES[step.status]}
              label={t(`changes.approvals.stepStatuses.${step.status}`)}
              size="sm"
            />
          </Group>
          <StepSummary step={step} />
          {step.votes.length > 0 && (
            <Stack gap={6} mt="xs" component="ul" style={{ listStyle: 'none', padding: 0 }}>
              {step.votes.map((vote) => (
                <li key={vote.id}>
                  <Group gap="xs" wrap="wrap">
                    <ToneBadge
                      tone={vote.decision === 'approve' ? 'done' : 'failed'}
                      icon={
                        vote.decision === 'approve' ? (
                          <IconCircleCheck size={12} aria-hidden />
                        ) : (
                          <IconCircleX size={12} aria-hidden />
                        )
                      }
                      label={t(`changes.approvals.decisions.${vote.decision}`)}
                    />
                    <Text size="sm" fw={500}>
                      {vote.voterName}
                    </Text>
                    <Text size="xs" c="dimmed">
                      <DateTime value={vote.votedAt} format="relative" />
                    </Text>
                  </Group>
                  {vote.comment && (
                    <Text size="sm" mt={2} style={{ whiteSpace: 'pre-wrap' }}>
                      {vote.comment}
                    </Text>
                  )}
                </li>
              ))}
            </Stack>
          )}
        </Paper>
      ))}
      {change.canVote && <VoteForm change={change} />}
    </Stack>
  );
}

/** Approve or reject with a comment (the comment goes into the audit trail with the vote). */
export function VoteForm({
  change,
  onVoted,
  autoFocus,
}: {
  change: Pick<Change, 'id' | 'number'>;
  onVoted?: () => void;
  autoFocus?: boolean;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [comment, setComment] = useState('');
  const [missing, setMissing] = useState(false);
  const vote = useMutation({
    mutationFn: (decision: 'approve' | 'reject') =>
      voteOnChange(change.id, decision, comment.trim()),
    onSuccess: (saved, decision) => {
      setComment('');
      queryClient.setQueryData(changesKeys.detail(saved.id), saved);
      void queryClient.invalidateQueries({ queryKey: changesKeys.inbox });
      void queryClient.invalidateQueries({ queryKey: changesKeys.lists });
      void queryClient.invalidateQueries({ queryKey: ['change-calendar'] });
      void queryClient.invalidateQueries({ queryKey: ['audit-events'] });
      notify({
        color: 'green',
        message:
          decision === 'approve'
            ? t('changes.approvals.approved', { number: saved.number })
            : t('changes.approvals.rejected', { number: saved.number }),
      });
      onVoted?.();
    },
  });
  const decide = (decision: 'approve' | 'reject') => {
    if (!comment.trim()) {
      setMissing(true);
      return;
    }
    vote.mutate(decision);
  };
  return (
    <Stack gap="sm">
      <Textarea
        label={t('changes.approvals.comment')}
        description={t('changes.approvals.commentHint')}
        value={comment}
        onChange={(event) => {
          setComment(event.currentTarget.value);
          setMissing(false);
        }}
        error={missing ? t('changes.approvals.commentRequired') : undefined}
        required
        autosize
        minRows={2}
        maxLength={4000}
        data-autofocus={autoFocus || undefined}
      />
      {vote.isError && <ProblemAlert error={vote.error} />}
      <Group gap="xs">
        <Button
          color="green"
          leftSection={<IconCircleCheck size={16} aria-hidden />}
          loading={vote.isPending && vote.variables === 'approve'}
          disabled={vote.isPending}
          onClick={() => decide('approve')}
        >
          {t('changes.approvals.approve')}
        </Button>
        <Button
          color="red"
          variant="default"
          leftSection={<IconCircleX size={16} aria-hidden />}
          loading={vote.isPending && vote.variables === 'reject'}
          disabled={vote.isPending}
          onClick={() => decide('reject')}
        >
          {t('changes.approvals.reject')}
        </Button>
      </Group>
    </Stack>
  );
}
