import { Button, Group, Modal, Stack, Textarea, TextInput } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError, newIdempotencyKey } from '../../api/client';
import { notify } from '../../ui/notify';
import { ProblemAlert } from '../../ui/problem';
import { UserSelect } from '../admin-users/user-select';
import {
  complianceKeys,
  createWorkstream,
  type Phase,
  updatePhase,
  updateWorkstream,
  type Workstream,
} from './api';

// The programme's frame: the four phases (their titles and dates) and the workstreams that group
// tasks across them.

function useDialogSave(onClose: () => void) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const run = async (save: () => Promise<unknown>) => {
    setSaving(true);
    setError(null);
    try {
      await save();
      await queryClient.invalidateQueries({ queryKey: complianceKeys.roadmap });
      notify({ color: 'green', message: t('record.saved') });
      onClose();
    } catch (failure) {
      setError(failure);
    } finally {
      setSaving(false);
    }
  };
  return { saving, error, run, fieldErrors: isApiError(error) ? error.fieldErrors() : {} };
}

function DialogButtons({
  saving,
  onClose,
  disabled,
}: {
  saving: boolean;
  onClose: () => void;
  disabled?: boolean;
}) {
  const { t } = useTranslation();
  return (
    <Group justify="flex-end" gap="xs" mt="sm">
      <Button variant="default" onClick={onClose}>
        {t('actions.cancel')}
      </Button>
      <Button type="submit" loading={saving} disabled={disabled}>
        {t('actions.save')}
      </Button>
    </Group>
  );
}

export function PhaseDialog({ phase, onClose }: { phase: Phase; onClose: () => void }) {
  const { t } = useTranslation();
  const [title, setTitle] = useState(phase.title);
  const [startDate, setStartDate] = useState(phase.startDate ?? '');
  const [endDate, setEndDate] = useState(phase.endDate ?? '');
  const { saving, error, run, fieldErrors } = useDialogSave(onClose);
  const invalid = Boolean(startDate && endDate && endDate < startDate);
  return (
    <Modal
      opened
      onClose={onClose}
      title={t('compliance.phaseDialog.title', { phase: phase.title })}
      closeButtonProps={{ 'aria-label': t('actions.close') }}
    >
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          if (invalid || !title.trim()) return;
          void run(() =>
            updatePhase(
              phase.id,
              {
                ...(title.trim() !== phase.title ? { title: title.trim() } : {}),
                ...(startDate !== (phase.startDate ?? '') ? { startDate: startDate || null } : {}),
                ...(endDate !== (phase.endDate ?? '') ? { endDate: endDate || null } : {}),
              },
              phase.version,
            ),
          );
        }}
      >
        <Stack gap="sm">
          {error !== null && <ProblemAlert error={error} />}
          <TextInput
            label={t('compliance.phaseDialog.name')}
            value={title}
            onChange={(event) => setTitle(event.currentTarget.value)}
            required
            data-autofocus
            error={fieldErrors.title}
          />
          <Group grow>
            <TextInput
              type="date"
              label={t('compliance.task.startDate')}
              value={startDate}
              onChange={(event) => setStartDate(event.currentTarget.value)}
              error={fieldErrors.startDate}
            />
            <TextInput
              type="date"
              label={t('compliance.phaseDialog.end')}
              value={endDate}
              onChange={(event) => setEndDate(event.currentTarget.value)}
              error={invalid ? t('compliance.taskDialog.dueBeforeStart') : fieldErrors.endDate}
            />
          </Group>
          <DialogButtons saving={saving} onClose={onClose} disabled={invalid} />
        </Stack>
      </form>
    </Modal>
  );
}

export function WorkstreamDialog({
  workstream,
  onClose,
}: {
  workstream: Workstream | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [name, setName] = useState(workstream?.name ?? '');
  const [description, setDescription] = useState(workstream?.description ?? '');
  const [leadId, setLeadId] = useState<string | null>(workstream?.leadId ?? null);
  const [idempotencyKey] = useState(newIdempotencyKey);
  const { saving, error, run, fieldErrors } = useDialogSave(onClose);
  return (
    <Modal
      opened
      onClose={onClose}
      title={
        workstream
          ? t('compliance.workstreamDialog.editTitle', { name: workstream.name })
          : t('compliance.workstreamDialog.newTitle')
      }
      closeButtonProps={{ 'aria-label': t('actions.close') }}
    >
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          if (!name.trim()) return;
          void run(() =>
            workstream
              ? updateWorkstream(
                  workstream.id,
                  {
                    ...(name.trim() !== workstream.name ? { name: name.trim() } : {}),
                    ...(description !== workstream.description ? { description } : {}),
                    ...(leadId !== workstream.leadId ? { leadId } : {}),
                  },
                  workstream.version,
                )
              : createWorkstream({ name: name.trim(), description, leadId }, idempotencyKey),
          );
        }}
      >
        <Stack gap="sm">
          {error !== null && <ProblemAlert error={error} />}
          <TextInput
            label={t('compliance.workstreamDialog.name')}
            value={name}
            onChange={(event) => setName(event.currentTarget.value)}
            required
            data-autofocus
            error={fieldErrors.name}
          />
          <Textarea
            label={t('compliance.task.description')}
            value={description}
            onChange={(event) => setDescription(event.currentTarget.value)}
            autosize
            minRows={2}
          />
          <UserSelect
            label={t('compliance.workstreamDialog.lead')}
            value={leadId}
            onChange={setLeadId}
            error={fieldErrors.leadId}
          />
          <DialogButtons saving={saving} onClose={onClose} />
        </Stack>
      </form>
    </Modal>
  );
}
