import { Button, Group, List, Modal, Select, Stack, Text, Textarea } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from '../../ui/problem';
import { UserSelect } from '../admin-users/user-select';
import { GroupSelect } from '../catalogue/group-select';
import {
  type BulkChange,
  type BulkResult,
  bulkChange,
  HOLD_REASONS,
  type HoldReason,
  RESOLUTION_CODES,
  type ResolutionCode,
  type Status,
} from './api';
import { holdReasonLabel, resolutionLabel, statusLabel } from './labels';

// One change applied to the selected tickets. The server applies it ticket by ticket, so some
// may fail (a closed ticket, an assignee outside the ticket's group): those are listed by number.

export type BulkMode = 'assign' | 'group' | 'status';

/** Statuses an agent may set on many tickets at once (assigned follows from assignment). */
const BULK_STATUSES: readonly Status[] = ['in_progress', 'on_hold', 'resolved', 'closed'];

interface BulkDialogProps {
  mode: BulkMode | null;
  tickets: { id: string; number: string }[];
  onClose: () => void;
  onDone: (results: BulkResult) => void;
}

export function BulkDialog({ mode, tickets, onClose, onDone }: BulkDialogProps) {
  const { t } = useTranslation();
  const [assigneeId, setAssigneeId] = useState<string | null>(null);
  const [groupId, setGroupId] = useState<string | null>(null);
  const [status, setStatus] = useState<Status | null>(null);
  const [holdReason, setHoldReason] = useState<HoldReason | null>(null);
  const [resolutionCode, setResolutionCode] = useState<ResolutionCode | null>(null);
  const [resolutionNotes, setResolutionNotes] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [failures, setFailures] = useState<{ number: string; error: string }[]>([]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: start over each time it opens
  useEffect(() => {
    setError(null);
    setFailures([]);
  }, [mode]);

  const missing =
    mode === 'assign'
      ? !assigneeId
      : mode === 'group'
        ? !groupId
        : !status ||
          (status === 'on_hold' && !holdReason) ||
          (status === 'resolved' && (!resolutionCode || !resolutionNotes.trim()));

  const submit = async () => {
    if (!mode || missing) return;
    const change: BulkChange =
      mode === 'assign'
        ? { assigneeId }
        : mode === 'group'
          ? { groupId, assigneeId: null }
          : {
              status: {
                status: status as Status,
                ...(status === 'on_hold' ? { holdReason } : {}),
                ...(status === 'resolved'
                  ? { resolutionCode, resolutionNotes: resolutionNotes.trim() }
                  : {}),
              },
            };
    setBusy(true);
    setError(null);
    try {
      const results = await bulkChange(
        tickets.map((ticket) => ticket.id),
        change,
      );
      const numbers = new Map(tickets.map((ticket) => [ticket.id, ticket.number]));
      const failed = results
        .filter((result) => !result.ok)
        .map((result) => ({
          number: numbers.get(result.id) ?? result.id,
          error: result.error ?? '',
        }));
      onDone(results);
      if (failed.length) setFailures(failed);
      else onClose();
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };

  const title =
    mode === 'assign'
      ? t('desk.bulk.assignTitle', { count: tickets.length })
      : mode === 'group'
        ? t('desk.bulk.groupTitle', { count: tickets.length })
        : t('desk.bulk.statusTitle', { count: tickets.length });

  return (
    <Modal
      opened={mode !== null}
      onClose={onClose}
      title={title}
      size="md"
      closeButtonProps={{ 'aria-label': t('actions.close') }}
    >
      <Stack gap="sm">
        {error !== null && <ProblemAlert error={error} />}
        {failures.length > 0 && (
          <Stack gap={4} role="alert">
            <Text size="sm" fw={500} c="red">
              {t('desk.bulk.failed', { count: failures.length })}
            </Text>
            <List size="sm" spacing={2}>
              {failures.map((failure) => (
                <List.Item key={failure.number}>
                  <Text span fw={500} size="sm">
                    {failure.number}
                  </Text>
                  {`: ${failure.error}`}
                </List.Item>
              ))}
            </List>
          </Stack>
        )}
        {mode === 'assign' && (
          <UserSelect
            label={t('desk.fields.assignee')}
            value={assigneeId}
            onChange={setAssigneeId}
          />
        )}
        {mode === 'group' && (
          <GroupSelect
            label={t('desk.fields.group')}
            value={groupId}
            onChange={setGroupId}
            description={t('desk.bulk.groupHint')}
          />
        )}
        {mode === 'status' && (
          <>
            <Select
              label={t('desk.fields.status')}
              data={BULK_STATUSES.map((value) => ({ value, label: statusLabel(t, value) }))}
              value={status}
              onChange={(value) => setStatus(value as Status | null)}
              required
              allowDeselect={false}
            />
            {status === 'on_hold' && (
              <Select
                label={t('desk.fields.holdReason')}
                data={HOLD_REASONS.map((value) => ({ value, label: holdReasonLabel(t, value) }))}
                value={holdReason}
                onChange={(value) => setHoldReason(value as HoldReason | null)}
                required
              />
            )}
            {status === 'resolved' && (
              <>
                <Select
                  label={t('desk.fields.resolutionCode')}
                  data={RESOLUTION_CODES.map((value) => ({
                    value,
                    label: resolutionLabel(t, value),
                  }))}
                  value={resolutionCode}
                  onChange={(value) => setResolutionCode(value as ResolutionCode | null)}
                  required
                />
                <Textarea
                  label={t('desk.fields.resolutionNotes')}
                  value={resolutionNotes}
                  onChange={(event) => setResolutionNotes(event.currentTarget.value)}
                  autosize
                  minRows={3}
                  required
                />
              </>
            )}
          </>
        )}
        <Group justify="flex-end" gap="xs" mt="sm">
          <Button variant="default" onClick={onClose}>
            {failures.length ? t('actions.close') : t('actions.cancel')}
          </Button>
          <Button onClick={() => void submit()} loading={busy} disabled={missing}>
            {t('desk.bulk.apply', { count: tickets.length })}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
