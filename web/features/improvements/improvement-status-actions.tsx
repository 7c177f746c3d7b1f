import { Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client';
import { notify } from '../../ui/notify';
import { ProblemAlert } from '../../ui/problem';
import { usePermissions, useSession } from '../auth/session';
import {
  type Improvement,
  type ImprovementStatus,
  moveImprovement,
  NEXT_STATUSES,
  OWNER_MOVES,
} from './api';

/** The moves open to the user: managers all the life cycle allows, the owner the work steps. */
export function ImprovementStatusActions({
  improvement,
  disabled,
  onSaved,
}: {
  improvement: Improvement;
  /** Unsaved edits on the page: save or discard them before moving the item. */
  disabled: boolean;
  onSaved: (improvement: Improvement) => void;
}) {
  const { t } = useTranslation();
  const can = usePermissions();
  const { user } = useSession();
  const [rejecting, setRejecting] = useState(false);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const manages = can('improvements.manage');
  const owns = improvement.ownerId === user.id;
  const next = NEXT_STATUSES[improvement.status].filter(
    (status) => manages || (owns && (OWNER_MOVES[improvement.status] ?? []).includes(status)),
  );
  if (next.length === 0) return null;

  const move = async (status: ImprovementStatus, rejectionReason?: string) => {
    setBusy(true);
    setError(null);
    try {
      const saved = await moveImprovement(
        improvement.id,
        { status, ...(rejectionReason !== undefined ? { rejectionReason } : {}) },
        improvement.version,
      );
      onSaved(saved);
      setRejecting(false);
      notify({
        color: 'green',
        message: t('improvements.actions.done', { status: t(`improvements.statuses.${status}`) }),
      });
    } catch (failure) {
      setError(failure);
      if (!rejectionReason)
        notify({
          color: 'red',
          message: isApiError(failure) ? failure.message : t('errors.unexpected'),
        });
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <Group gap="xs">
        {next.map((status) => (
          <Button
            key={status}
            variant={status === 'rejected' ? 'default' : 'filled'}
            color={status === 'rejected' ? 'red' : undefined}
            disabled={disabled}
            loading={busy}
            onClick={() => {
              if (status === 'rejected') {
                setReason('');
                setError(null);
                setRejecting(true);
              } else void move(status);
            }}
          >
            {improvement.status === 'implemented' && status === 'in_progress'
              ? t('improvements.actions.reopen')
              : t(`improvements.actions.${status as Exclude<ImprovementStatus, 'proposed'>}`)}
          </Button>
        ))}
      </Group>
      {disabled && (
        <Text size="xs" c="dimmed">
          {t('improvements.actions.saveFirst')}
        </Text>
      )}
      <Modal
        opened={rejecting}
        onClose={() => setRejecting(false)}
        title={t('improvements.actions.rejectTitle', { number: improvement.number })}
        closeButtonProps={{ 'aria-label': t('actions.close') }}
      >
        <form
          onSubmit={(event) => {
            event.preventDefault();
            void move('rejected', reason.trim());
          }}
          noValidate
        >
          <Stack gap="sm">
            {error !== null && <ProblemAlert error={error} />}
            <Textarea
              label={t('improvements.fields.rejectionReason')}
              required
              data-autofocus
              autosize
              minRows={3}
              value={reason}
              onChange={(event) => setReason(event.currentTarget.value)}
            />
            <Group justify="flex-end" gap="xs">
              <Button variant="default" onClick={() => setRejecting(false)}>
                {t('actions.cancel')}
              </Button>
              <Button type="submit" color="red" loading={busy} disabled={!reason.trim()}>
                {t('improvements.actions.rejected')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Modal>
    </>
  );
}
