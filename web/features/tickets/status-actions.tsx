import { Alert, Button, Group, Modal, Select, Stack, Text, Textarea } from '@mantine/core';
import {
  IconArrowBackUp,
  IconCircleCheck,
  IconLock,
  IconPlayerPause,
  IconPlayerPlay,
  IconRefresh,
} from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from '../../ui/problem';
import {
  HOLD_REASONS,
  type HoldReason,
  RESOLUTION_CODES,
  type ResolutionCode,
  type TicketDetail,
} from './api';
import { holdReasonLabel, resolutionLabel } from './labels';
import type { TicketActions } from './use-ticket-actions';

// The lifecycle buttons of the ticket page. Putting on hold needs a reason and resolving needs a
// resolution code and notes, so those open a dialog; the others act at once. All send the version
// the page shows; a conflict keeps the dialog open and offers to reload.

type Dialog = 'hold' | 'resolve' | null;

interface StatusActionsProps {
  ticket: TicketDetail;
  actions: TicketActions;
}

export function StatusActions({ ticket, actions }: StatusActionsProps) {
  const { t } = useTranslation();
  const [dialog, setDialog] = useState<Dialog>(null);
  const status = ticket.status;
  const open = status !== 'resolved' && status !== 'closed';
  const move = (next: 'in_progress' | 'closed') => void actions.status({ status: next });

  return (
    <>
      {(status === 'new' || status === 'assigned') && (
        <Button
          leftSection={<IconPlayerPlay size={16} aria-hidden />}
          onClick={() => move('in_progress')}
          loading={actions.busy}
        >
          {t('desk.actions.start')}
        </Button>
      )}
      {status === 'on_hold' && (
        <Button
          leftSection={<IconPlayerPlay size={16} aria-hidden />}
          onClick={() => move('in_progress')}
          loading={actions.busy}
        >
          {t('desk.actions.resume')}
        </Button>
      )}
      {open && status !== 'on_hold' && (
        <Button
          variant="default"
          leftSection={<IconPlayerPause size={16} aria-hidden />}
          onClick={() => setDialog('hold')}
        >
          {t('desk.actions.hold')}
        </Button>
      )}
      {open && (
        <Button
          variant={status === 'in_progress' ? 'filled' : 'default'}
          color="green"
          leftSection={<IconCircleCheck size={16} aria-hidden />}
          onClick={() => setDialog('resolve')}
        >
          {t('desk.actions.resolve')}
        </Button>
      )}
      {status === 'resolved' && (
        <>
          <Button
            leftSection={<IconLock size={16} aria-hidden />}
            onClick={() => move('closed')}
            loading={actions.busy}
          >
            {t('desk.actions.close')}
          </Button>
          <Button
            variant="default"
            leftSection={<IconArrowBackUp size={16} aria-hidden />}
            onClick={() => move('in_progress')}
            loading={actions.busy}
          >
            {t('desk.actions.reopen')}
          </Button>
        </>
      )}
      <HoldDialog opened={dialog === 'hold'} onClose={() => setDialog(null)} actions={actions} />
      <ResolveDialog
        opened={dialog === 'resolve'}
        onClose={() => setDialog(null)}
        actions={actions}
        type={ticket.type}
      />
    </>
  );
}

interface StepDialogProps {
  opened: boolean;
  onClose: () => void;
  actions: TicketActions;
}

/** What went wrong in a status dialog, with "Reload" after a conflict. */
function DialogProblem({ actions }: { actions: TicketActions }) {
  const { t } = useTranslation();
  if (actions.conflict) {
    return (
      <Alert color="orange" variant="light" title={t('desk.conflict.title')} role="alert">
        <Stack gap="xs">
          <Text size="sm">{t('desk.conflict.dialog')}</Text>
          <Group>
            <Button
              size="xs"
              variant="default"
              leftSection={<IconRefresh size={14} aria-hidden />}
              onClick={() => void actions.reload()}
            >
              {t('desk.conflict.reload')}
            </Button>
          </Group>
        </Stack>
      </Alert>
    );
  }
  return actions.error !== null ? <ProblemAlert error={actions.error} /> : null;
}

function HoldDialog({ opened, onClose, actions }: StepDialogProps) {
  const { t } = useTranslation();
  const [reason, setReason] = useState<HoldReason | null>(null);
  const close = () => {
    actions.clearError();
    onClose();
  };
  return (
    <Modal
      opened={opened}
      onClose={close}
      title={t('desk.hold.title')}
      size="md"
      closeButtonProps={{ 'aria-label': t('actions.close') }}
    >
      <form
        onSubmit={async (event) => {
          event.preventDefault();
          if (!reason) return;
          if (await actions.status({ status: 'on_hold', holdReason: reason })) {
            setReason(null);
            close();
          }
        }}
        noValidate
      >
        <Stack gap="sm">
          <DialogProblem actions={actions} />
          <Text size="sm" c="dimmed">
            {t('desk.hold.description')}
          </Text>
          <Select
            label={t('desk.fields.holdReason')}
            data={HOLD_REASONS.map((value) => ({ value, label: holdReasonLabel(t, value) }))}
            value={reason}
            onChange={(value) => setReason(value as HoldReason | null)}
            required
            data-autofocus
          />
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={close}>
              {t('actions.cancel')}
            </Button>
            <Button type="submit" disabled={!reason} loading={actions.busy}>
              {t('desk.actions.hold')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

function ResolveDialog({ opened, onClose, actions, type }: StepDialogProps & { type: string }) {
  const { t } = useTranslation();
  const [code, setCode] = useState<ResolutionCode | null>(null);
  const [notes, setNotes] = useState('');
  const close = () => {
    actions.clearError();
    onClose();
  };
  const ready = !!code && !!notes.trim();
  return (
    <Modal
      opened={opened}
      onClose={close}
      title={t('desk.resolve.title')}
      size="md"
      closeOnClickOutside={!notes}
      closeButtonProps={{ 'aria-label': t('actions.close') }}
    >
      <form
        onSubmit={async (event) => {
          event.preventDefault();
          if (!ready) return;
          const done = await actions.status({
            status: 'resolved',
            resolutionCode: code,
            resolutionNotes: notes.trim(),
          });
          if (done) {
            setCode(null);
            setNotes('');
            close();
          }
        }}
        noValidate
      >
        <Stack gap="sm">
          <DialogProblem actions={actions} />
          <Select
            label={t('desk.fields.resolutionCode')}
            data={RESOLUTION_CODES.filter((value) =>
              type === 'incident' ? value !== 'fulfilled' : true,
            ).map((value) => ({ value, label: resolutionLabel(t, value) }))}
            value={code}
            onChange={(value) => setCode(value as ResolutionCode | null)}
            required
            data-autofocus
          />
          <Textarea
            label={t('desk.fields.resolutionNotes')}
            description={t('desk.resolve.notesHint')}
            value={notes}
            onChange={(event) => setNotes(event.currentTarget.value)}
            autosize
            minRows={4}
            required
          />
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={close}>
              {t('actions.cancel')}
            </Button>
            <Button type="submit" color="green" disabled={!ready} loading={actions.busy}>
              {t('desk.actions.resolve')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
