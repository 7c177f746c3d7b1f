import {
  Button,
  Checkbox,
  Grid,
  Group,
  Modal,
  MultiSelect,
  NumberInput,
  Select,
  Stack,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError, isVersionConflict, newIdempotencyKey } from '../../api/client';
import { notify } from '../../ui/notify';
import { ProblemAlert } from '../../ui/problem';
import { UserMultiSelect, UserSelect } from '../admin-users/user-select';
import { GroupMultiSelect } from '../catalogue/group-select';
import {
  complianceKeys,
  createTask,
  libraryQuery,
  RACI_ROLES,
  type Raci,
  type Roadmap,
  TASK_STATUSES,
  type Task,
  type TaskPatch,
  type TaskStatus,
  updateTask,
} from './api';

// Adds or edits a roadmap task or milestone: phase and workstream, owner and RACI, dates,
// dependencies, status and progress, effort, and the requirements and gaps it serves. An edit
// sends only what changed, against the version it started from.

interface Values {
  title: string;
  description: string;
  phaseId: string;
  workstreamId: string | null;
  ownerId: string | null;
  responsible: string[];
  accountable: string[];
  consulted: string[];
  informed: string[];
  raciGroups: Raci;
  startDate: string;
  dueDate: string;
  status: TaskStatus;
  percentComplete: number;
  effortDays: number | '';
  milestone: boolean;
  dependsOn: string[];
  requirementNumbers: string[];
}

function toValues(task: Task | null, roadmap: Roadmap): Values {
  return {
    title: task?.title ?? '',
    description: task?.description ?? '',
    phaseId:
      task?.phaseId ??
      roadmap.phases.find((p) => p.key === 'implementation')?.id ??
      roadmap.phases[0]?.id ??
      '',
    workstreamId: task?.workstreamId ?? null,
    ownerId: task?.ownerId ?? null,
    responsible: task?.raci.responsible ?? [],
    accountable: task?.raci.accountable ?? [],
    consulted: task?.raci.consulted ?? [],
    informed: task?.raci.informed ?? [],
    raciGroups: task?.raciGroups ?? {
      responsible: [],
      accountable: [],
      consulted: [],
      informed: [],
    },
    startDate: task?.startDate ?? '',
    dueDate: task?.dueDate ?? '',
    status: task?.status ?? 'not_started',
    percentComplete: task?.percentComplete ?? 0,
    effortDays: task?.effortDays ?? '',
    milestone: task?.milestone ?? false,
    dependsOn: task?.dependsOn ?? [],
    requirementNumbers: task?.requirementNumbers ?? [],
  };
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

function toPatch(values: Values, base: Values): TaskPatch {
  const patch: TaskPatch = {};
  if (values.title.trim() !== base.title) patch.title = values.title.trim();
  if (values.description !== base.description) patch.description = values.description;
  if (values.phaseId !== base.phaseId) patch.phaseId = values.phaseId;
  if (values.workstreamId !== base.workstreamId) patch.workstreamId = values.workstreamId;
  if (values.ownerId !== base.ownerId) patch.ownerId = values.ownerId;
  if (RACI_ROLES.some((role) => !same(values[role], base[role])))
    patch.raci = {
      responsible: values.responsible,
      accountable: values.accountable,
      consulted: values.consulted,
      informed: values.informed,
    };
  if (!same(values.raciGroups, base.raciGroups)) patch.raciGroups = values.raciGroups;
  if (values.startDate !== base.startDate) patch.startDate = values.startDate || null;
  if (values.dueDate !== base.dueDate) patch.dueDate = values.dueDate || null;
  if (values.status !== base.status) patch.status = values.status;
  if (values.percentComplete !== base.percentComplete)
    patch.percentComplete = values.percentComplete;
  if (values.effortDays !== base.effortDays)
    patch.effortDays = values.effortDays === '' ? null : values.effortDays;
  if (values.milestone !== base.milestone) patch.milestone = values.milestone;
  if (!same(values.dependsOn, base.dependsOn)) patch.dependsOn = values.dependsOn;
  if (!same(values.requirementNumbers, base.requirementNumbers))
    patch.requirementNumbers = values.requirementNumbers;
  return patch;
}

interface TaskDialogProps {
  /** The task to edit; `null` adds a new one. */
  task: Task | null;
  roadmap: Roadmap;
  readOnly: boolean;
  onClose: () => void;
}

export function TaskDialog({ task, roadmap, readOnly, onClose }: TaskDialogProps) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const library = useQuery(libraryQuery(i18n.language));
  const base = useMemo(() => toValues(task, roadmap), [task, roadmap]);
  const [values, setValues] = useState<Values>(base);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [idempotencyKey] = useState(newIdempotencyKey);
  const patch = toPatch(values, base);
  const dirty = Object.keys(patch).length > 0;
  const fieldErrors = isApiError(error) ? error.fieldErrors() : {};
  const titleMissing = !values.title.trim();
  const datesInvalid = Boolean(
    values.startDate && values.dueDate && values.dueDate < values.startDate,
  );
  const set = <K extends keyof Values>(key: K, value: Values[K]) =>
    setValues((current) => ({ ...current, [key]: value }));

  const requirementOptions = useMemo(
    () =>
      (library.data?.nodes ?? [])
        .filter((node) => node.leaf)
        .map((node) => ({ value: node.number, label: `${node.number} ${node.title}` })),
    [library.data],
  );
  const taskOptions = roadmap.tasks
    .filter((other) => other.id !== task?.id)
    .map((other) => ({ value: other.id, label: `${other.number} ${other.title}` }));

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    if (titleMissing || datesInvalid || (task && !dirty)) return;
    setSaving(true);
    setError(null);
    try {
      const saved = task
        ? await updateTask(task.id, patch, task.version)
        : await createTask(
            {
              ...patch,
              title: values.title.trim(),
              phaseId: values.phaseId,
            },
            idempotencyKey,
          );
      await queryClient.invalidateQueries({ queryKey: complianceKeys.roadmap });
      void queryClient.invalidateQueries({ queryKey: complianceKeys.assessments });
      notify({
        color: 'green',
        message: task
          ? t('compliance.taskDialog.saved', { number: saved.number })
          : t('compliance.taskDialog.created', { number: saved.number }),
      });
      onClose();
    } catch (failure) {
      setError(failure);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      opened
      onClose={onClose}
      size="xl"
      title={
        task
          ? t('compliance.taskDialog.editTitle', { number: task.number })
          : t('compliance.taskDialog.newTitle')
      }
      closeOnClickOutside={!dirty}
      closeButtonProps={{ 'aria-label': t('actions.close') }}
    >
      <form onSubmit={(event) => void submit(event)} noValidate>
        <Stack gap="sm">
          {error !== null && (
            <ProblemAlert error={error}>
              {isVersionConflict(error) && (
                <Button
                  size="xs"
                  variant="default"
                  onClick={() => {
                    void queryClient.invalidateQueries({ queryKey: complianceKeys.roadmap });
                    onClose();
                  }}
                >
                  {t('compliance.reload')}
                </Button>
              )}
            </ProblemAlert>
          )}
          <TextInput
            label={t('compliance.task.title')}
            required
            data-autofocus
            value={values.title}
            onChange={(event) => set('title', event.currentTarget.value)}
            error={titleMissing && dirty ? t('validation.required') : fieldErrors.title}
            readOnly={readOnly}
          />
          <Textarea
            label={t('compliance.task.description')}
            value={values.description}
            onChange={(event) => set('description', event.currentTarget.value)}
            autosize
            minRows={2}
            maxRows={8}
            readOnly={readOnly}
          />
          <Grid gap="sm">
            <Grid.Col span={{ base: 12, sm: 6 }}>
              <Select
                label={t('compliance.task.phase')}
                data={roadmap.phases.map((phase) => ({ value: phase.id, label: phase.title }))}
                value={values.phaseId}
                onChange={(value) => value && set('phaseId', value)}
                allowDeselect={false}
                readOnly={readOnly}
                error={fieldErrors.phaseId}
              />
            </Grid.Col>
            <Grid.Col span={{ base: 12, sm: 6 }}>
              <Select
                label={t('compliance.task.workstream')}
                placeholder={t('compliance.task.noWorkstream')}
                data={roadmap.workstreams.map((w) => ({ value: w.id, label: w.name }))}
                value={values.workstreamId}
                onChange={(value) => set('workstreamId', value)}
                clearable
                readOnly={readOnly}
              />
            </Grid.Col>
            <Grid.Col span={{ base: 12, sm: 6 }}>
              <UserSelect
                label={t('compliance.task.owner')}
                value={values.ownerId}
                onChange={(value) => set('ownerId', value)}
                disabled={readOnly}
                error={fieldErrors.ownerId}
              />
            </Grid.Col>
            <Grid.Col span={{ base: 6, sm: 3 }}>
              <TextInput
                type="date"
                label={t('compliance.task.startDate')}
                value={values.startDate}
                onChange={(event) => set('startDate', event.currentTarget.value)}
                readOnly={readOnly}
                error={fieldErrors.startDate}
              />
            </Grid.Col>
            <Grid.Col span={{ base: 6, sm: 3 }}>
              <TextInput
                type="date"
                label={t('compliance.task.dueDate')}
                value={values.dueDate}
                onChange={(event) => set('dueDate', event.currentTarget.value)}
                readOnly={readOnly}
                error={
                  datesInvalid ? t('compliance.taskDialog.dueBeforeStart') : fieldErrors.dueDate
                }
              />
            </Grid.Col>
            <Grid.Col span={{ base: 12, sm: 4 }}>
              <Select
                label={t('compliance.task.status')}
                data={TASK_STATUSES.map((status) => ({
                  value: status,
                  label: t(`compliance.task.statuses.${status}`),
                }))}
                value={values.status}
                onChange={(value) => value && set('status', value as TaskStatus)}
                allowDeselect={false}
                readOnly={readOnly}
              />
            </Grid.Col>
            <Grid.Col span={{ base: 6, sm: 4 }}>
              <NumberInput
                label={t('compliance.task.percentComplete')}
                value={values.percentComplete}
                onChange={(value) =>
                  set('percentComplete', Math.max(0, Math.min(100, Math.round(Number(value) || 0))))
                }
                min={0}
                max={100}
                step={5}
                suffix=" %"
                readOnly={readOnly}
                error={fieldErrors.percentComplete}
              />
            </Grid.Col>
            <Grid.Col span={{ base: 6, sm: 4 }}>
              <NumberInput
                label={t('compliance.task.effortDays')}
                value={values.effortDays}
                onChange={(value) => set('effortDays', value === '' ? '' : Number(value))}
                min={0}
                max={10_000}
                decimalScale={1}
                readOnly={readOnly}
                error={fieldErrors.effortDays}
              />
            </Grid.Col>
          </Grid>
          <Checkbox
            label={t('compliance.task.milestoneHint')}
            checked={values.milestone}
            onChange={(event) => set('milestone', event.currentTarget.checked)}
            disabled={readOnly}
          />
          <Title order={3} fz="h5" mt="xs">
            {t('compliance.task.raci')}
          </Title>
          <Grid gap="sm">
            {RACI_ROLES.map((role) => (
              <Grid.Col key={role} span={{ base: 12, sm: 6 }}>
                <Stack gap={4}>
                  <UserMultiSelect
                    label={t(`compliance.raci.${role}`)}
                    value={values[role]}
                    onChange={(value) => set(role, value)}
                    disabled={readOnly}
                    error={fieldErrors[`raci.${role}`]}
                  />
                  <GroupMultiSelect
                    label={t('compliance.raciGroupsOf', { role: t(`compliance.raci.${role}`) })}
                    value={values.raciGroups[role]}
                    onChange={(value) => set('raciGroups', { ...values.raciGroups, [role]: value })}
                    disabled={readOnly}
                    error={fieldErrors[`raciGroups.${role}`]}
                  />
                </Stack>
              </Grid.Col>
            ))}
          </Grid>
          <MultiSelect
            label={t('compliance.task.dependsOn')}
            description={t('compliance.task.dependsOnHint')}
            data={taskOptions}
            value={values.dependsOn}
            onChange={(value) => set('dependsOn', value)}
            searchable
            clearable
            readOnly={readOnly}
            error={fieldErrors.dependsOn}
            nothingFoundMessage={t('common.nothingFound')}
          />
          <MultiSelect
            label={t('compliance.task.requirements')}
            data={requirementOptions}
            value={values.requirementNumbers}
            onChange={(value) => set('requirementNumbers', value)}
            searchable
            clearable
            readOnly={readOnly}
            error={fieldErrors.requirementNumbers}
            nothingFoundMessage={t('common.nothingFound')}
          />
          <Group justify="flex-end" gap="xs" mt="sm">
            <Button variant="default" onClick={onClose}>
              {readOnly ? t('actions.close') : t('actions.cancel')}
            </Button>
            {!readOnly && (
              <Button type="submit" loading={saving} disabled={task !== null && !dirty}>
                {task ? t('actions.save') : t('compliance.taskDialog.create')}
              </Button>
            )}
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
