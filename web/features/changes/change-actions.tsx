import { Button, Group, Modal, Select, Stack, Text, Textarea, Tooltip } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import {
  IconCalendarCheck,
  IconCircleCheck,
  IconCircleX,
  IconClipboardCheck,
  IconPlayerPlay,
  IconSend,
} from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { notify } from '../../ui/notify';
import { ProblemAlert } from '../../ui/problem';
import {
  type Change,
  CLOSE_CODES,
  type CloseCode,
  changesKeys,
  type ScheduleConflict,
  scheduleConflictsOf,
  type TransitionAction,
  type TransitionBody,
  transitionChange,
} from './api';
import { ScheduleConflictPanel } from './schedule-conflicts';

/** The key of an action's button label: a standard change is scheduled rather than submitted. */
function actionLabelKey(action: TransitionAction, change: Change) {
  if (action === 'submit' && change.type === 'standard') return 'changes.actions.schedule' as const;
  if (action === 'start' && change.type === 'emergency' && change.approval !== 'approved')
    return 'changes.actions.startEmergency' as const;
  return `changes.actions.${action}` as const;
}

const ICONS: Record<TransitionAction, ReactNode> = {
  assess: <IconClipboardCheck size={16} aria-hidden />,
  submit: <IconSend size={16} aria-hidden />,
  start: <IconPlayerPlay size={16} aria-hidden />,
  complete: <IconCalendarCheck size={16} aria-hidden />,
  close: <IconCircleCheck size={16} aria-hidden />,
  cancel: <IconCircleX size={16} aria-hidden />,
};

/**
 * The life-cycle moves the server allows now, as buttons. A move whose window has conflicts is
 * refused (409 SCHEDULE_CONFLICT) until it is made again with a justification.
 */
export function ChangeActions({ change, blocked }: { change: Change; blocked: boolean }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [closeOpened, closeDialog] = useDisclosure(false);
  const [cancelOpened, cancelDialog] = useDisclosure(false);
  const [conflicts, setConflicts] = useState<{
    action: TransitionAction;
    conflicts: ScheduleConflict[];
  } | null>(null);
  const move = useMutation({
    mutationFn: (body: TransitionBody) => transitionChange(change.id, body, change.version),
    onSuccess: (saved, body) => {
      setConflicts(null);
      queryClient.setQueryData(changesKeys.detail(saved.id), saved);
      void queryClient.invalidateQueries({ queryKey: changesKeys.lists });
      void queryClient.invalidateQueries({ queryKey: changesKeys.inbox });
      void queryClient.invalidateQueries({ queryKey: ['change-calendar'] });
      void queryClient.invalidateQueries({ queryKey: ['audit-events'] });
      notify({
        color: 'green',
        message: t('changes.actions.done', {
          number: saved.number,
          status: t(`changes.statuses.${saved.status}`),
        }),
      });
      if (body.action === 'close') closeDialog.close();
      if (body.action === 'cancel') cancelDialog.close();
    },
    onError: (error, body) => {
      const found = scheduleConflictsOf(error);
      if (found) setConflicts({ action: body.action, conflicts: found });
    },
  });
  const actions = change.allowedActions;
  if (actions.length === 0) return null;
  const run = (action: TransitionAction) => {
    if (action === 'close') return closeDialog.open();
    if (action === 'cancel') return cancelDialog.open();
    move.mutate({ action });
  };
  const needsReview = change.reviewRequired && !change.review;
  return (
    <>
      {actions.map((action) => {
        const disabled = blocked || (action === 'close' && needsReview);
        const button = (
          <Button
            key={action}
            variant={action === 'cancel' ? 'default' : 'filled'}
            color={action === 'cancel' ? 'red' : undefined}
            leftSection={ICONS[action]}
            loading={move.isPending && move.variables?.action === action}
            disabled={disabled}
            onClick={() => run(action)}
          >
            {t(actionLabelKey(action, change))}
          </Button>
        );
        return disabled ? (
          <Tooltip
            key={action}
            label={blocked ? t('changes.actions.saveFirst') : t('changes.actions.reviewFirst')}
          >
            <span>{button}</span>
          </Tooltip>
        ) : (
          button
        );
      })}
      {move.isError && !conflicts && !closeOpened && !cancelOpened && (
        <div style={{ flexBasis: '100%' }}>
          <ProblemAlert error={move.error} />
        </div>
      )}
      <Modal
        opened={conflicts !== null}
        onClose={() => setConflicts(null)}
        title={t('changes.conflicts.dialogTitle')}
        size="lg"
        closeButtonProps={{ 'aria-label': t('actions.close') }}
      >
        {conflicts && (
          <ScheduleConflictPanel
            conflicts={conflicts.conflicts}
            busy={move.isPending}
            onOverride={(justification) =>
              move.mutate({ action: conflicts.action, scheduleOverride: { justification } })
            }
            onDismiss={() => setConflicts(null)}
          />
        )}
      </Modal>
      <CloseDialog
        opened={closeOpened}
        onClose={closeDialog.close}
        busy={move.isPending}
        error={move.isError && closeOpened ? move.error : null}
        onConfirm={(closeCode, closeNotes) =>
          move.mutate({ action: 'close', closeCode, closeNotes })
        }
      />
      <CancelDialog
        opened={cancelOpened}
        onClose={cancelDialog.close}
        busy={move.isPending}
        error={move.isError && cancelOpened ? move.error : null}
        onConfirm={(reason) => move.mutate({ action: 'cancel', reason })}
      />
    </>
  );
}

interface DialogProps {
  opened: boolean;
  onClose: () => void;
  busy: boolean;
  error: unknown;
}

function CloseDialog(props: DialogProps & { onConfirm: (code: CloseCode, notes: string) => void }) {
  const { t } = useTranslation();
  const [code, setCode] = useState<CloseCode | null>(null);
  const [notes, setNotes] = useState('');
  const [missing, setMissing] = useState(false);
  return (
    <Modal
      opened={props.opened}
      onClose={props.onClose}
      title={t('changes.close.title')}
      closeButtonProps={{ 'aria-label': t('actions.close') }}
    >
      <Stack gap="sm">
        <Text size="sm">{t('changes.close.description')}</Text>
        {props.error !== null && <ProblemAlert error={props.error} />}
        <Select
          label={t('changes.fields.closeCode')}
          data={CLOSE_CODES.map((value) => ({ value, label: t(`changes.closeCodes.${value}`) }))}
          value={code}
          onChange={(value) => {
            setCode(value as CloseCode | null);
            setMissing(false);
          }}
          required
          error={missing ? t('validation.required') : undefined}
          data-autofocus
          comboboxProps={{ withinPortal: true }}
        />
        <Textarea
          label={t('changes.fields.closeNotes')}
          value={notes}
          onChange={(event) => setNotes(event.currentTarget.value)}
          autosize
          minRows={3}
        />
        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={props.onClose}>
            {t('actions.cancel')}
          </Button>
          <Button
            loading={props.busy}
            onClick={() => {
              if (!code) {
                setMissing(true);
                return;
              }
              props.onConfirm(code, notes.trim());
            }}
          >
            {t('changes.close.submit')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

function CancelDialog(props: DialogProps & { onConfirm: (reason: string) => void }) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const [missing, setMissing] = useState(false);
  return (
    <Modal
      opened={props.opened}
      onClose={props.onClose}
      title={t('changes.cancel.title')}
      closeButtonProps={{ 'aria-label': t('actions.close') }}
    >
      <Stack gap="sm">
        <Text size="sm">{t('changes.cancel.description')}</Text>
        {props.error !== null && <ProblemAlert error={props.error} />}
        <Textarea
          label={t('changes.cancel.reason')}
          value={reason}
          onChange={(event) => {
            setReason(event.currentTarget.value);
            setMissing(false);
          }}
          required
          error={missing ? t('validation.required') : undefined}
          autosize
          minRows={2}
          data-autofocus
        />
        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={props.onClose}>
            {t('changes.cancel.keep')}
          </Button>
          <Button
            color="red"
            loading={props.busy}
            onClick={() => {
              if (!reason.trim()) {
                setMissing(true);
                return;
              }
              props.onConfirm(reason.trim());
            }}
          >
            {t('changes.cancel.submit')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
