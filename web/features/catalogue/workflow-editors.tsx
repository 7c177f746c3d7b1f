import { ActionIcon, Button, Group, Select, Stack, Text, TextInput, Tooltip } from '@mantine/core';
import { IconArrowDown, IconArrowUp, IconPlus, IconTrash } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { APPROVAL_KINDS, type ApprovalKind, type ApprovalStep, type TaskTemplate } from './api';
import { GroupSelect } from './group-select';
import { moved } from './model';

// Approval steps (decided one after the other) and fulfilment task templates (created when the
// request is approved), each an ordered list editable with the keyboard.

const focusLater = (id: string) =>
  requestAnimationFrame(() => document.getElementById(id)?.focus());

interface RowActionsProps {
  prefix: string;
  index: number;
  count: number;
  name: string;
  onMove: (to: number) => void;
  onRemove: () => void;
}

function RowActions({ prefix, index, count, name, onMove, onRemove }: RowActionsProps) {
  const { t } = useTranslation();
  return (
    <Group gap={4} wrap="nowrap" mt={24}>
      <Tooltip label={t('catalogue.builder.moveUp')}>
        <ActionIcon
          id={`${prefix}-${index}-up`}
          variant="subtle"
          color="gray"
          aria-label={t('catalogue.builder.moveUpNamed', { name })}
          disabled={index === 0}
          onClick={() => {
            onMove(index - 1);
            focusLater(`${prefix}-${index - 1}-${index - 1 === 0 ? 'down' : 'up'}`);
          }}
        >
          <IconArrowUp size={16} aria-hidden />
        </ActionIcon>
      </Tooltip>
      <Tooltip label={t('catalogue.builder.moveDown')}>
        <ActionIcon
          id={`${prefix}-${index}-down`}
          variant="subtle"
          color="gray"
          aria-label={t('catalogue.builder.moveDownNamed', { name })}
          disabled={index === count - 1}
          onClick={() => {
            onMove(index + 1);
            focusLater(`${prefix}-${index + 1}-${index + 1 === count - 1 ? 'up' : 'down'}`);
          }}
        >
          <IconArrowDown size={16} aria-hidden />
        </ActionIcon>
      </Tooltip>
      <Tooltip label={t('catalogue.builder.remove')}>
        <ActionIcon
          variant="subtle"
          color="red"
          aria-label={t('catalogue.builder.removeNamed', { name })}
          onClick={() => {
            onRemove();
            focusLater(`${prefix}-add`);
          }}
        >
          <IconTrash size={16} aria-hidden />
        </ActionIcon>
      </Tooltip>
    </Group>
  );
}

interface ListEditorProps<T> {
  value: T[];
  onChange: (value: T[]) => void;
  errorOf: (path: string) => ReactNode;
  readOnly: boolean;
}

export function ApprovalsEditor({
  value,
  onChange,
  errorOf,
  readOnly,
}: ListEditorProps<ApprovalStep>) {
  const { t } = useTranslation();
  const update = (index: number, step: ApprovalStep) =>
    onChange(value.map((current, i) => (i === index ? step : current)));
  return (
    <Stack gap="xs">
      <Text size="sm" c="dimmed">
        {value.length ? t('catalogue.approvals.description') : t('catalogue.approvals.none')}
      </Text>
      {value.map((step, index) => {
        const name = t('catalogue.approvals.step', { position: index + 1 });
        return (
          // biome-ignore lint/suspicious/noArrayIndexKey: steps are identified by their position
          <Group key={index} align="flex-start" gap="xs" wrap="nowrap">
            <Select
              id={`approval-${index}-kind`}
              label={name}
              data={APPROVAL_KINDS.map((kind) => ({
                value: kind,
                label: t(`catalogue.approvals.kinds.${kind}`),
              }))}
              value={step.kind}
              onChange={(kind) =>
                kind &&
                update(
                  index,
                  kind === 'group'
                    ? { kind: 'group', groupId: step.groupId }
                    : { kind: kind as ApprovalKind },
                )
              }
              allowDeselect={false}
              disabled={readOnly}
              error={errorOf(`approvals.${index}.kind`)}
              w={320}
            />
            {step.kind === 'group' && (
              <div style={{ flex: 1 }}>
                <GroupSelect
                  label={t('catalogue.approvals.group')}
                  value={step.groupId ?? null}
                  onChange={(groupId) =>
                    update(index, groupId ? { kind: 'group', groupId } : { kind: 'group' })
                  }
                  required
                  disabled={readOnly}
                  error={errorOf(`approvals.${index}.groupId`)}
                />
              </div>
            )}
            {step.kind !== 'group' && <div style={{ flex: 1 }} />}
            {!readOnly && (
              <RowActions
                prefix="approval"
                index={index}
                count={value.length}
                name={name}
                onMove={(to) => onChange(moved(value, index, to))}
                onRemove={() => onChange(value.filter((_, i) => i !== index))}
              />
            )}
          </Group>
        );
      })}
      {!readOnly && (
        <Group>
          <Button
            id="approval-add"
            variant="default"
            leftSection={<IconPlus size={16} aria-hidden />}
            onClick={() => {
              onChange([...value, { kind: 'manager' }]);
              focusLater(`approval-${value.length}-kind`);
            }}
          >
            {t('catalogue.approvals.add')}
          </Button>
        </Group>
      )}
    </Stack>
  );
}

export function TasksEditor({ value, onChange, errorOf, readOnly }: ListEditorProps<TaskTemplate>) {
  const { t } = useTranslation();
  const update = (index: number, task: TaskTemplate) =>
    onChange(value.map((current, i) => (i === index ? task : current)));
  return (
    <Stack gap="xs">
      <Text size="sm" c="dimmed">
        {value.length ? t('catalogue.tasks.description') : t('catalogue.tasks.none')}
      </Text>
      {value.map((task, index) => {
        const name = task.title.trim() || t('catalogue.tasks.task', { position: index + 1 });
        return (
          // biome-ignore lint/suspicious/noArrayIndexKey: tasks are identified by their position
          <Group key={index} align="flex-start" gap="xs" wrap="nowrap">
            <TextInput
              id={`task-${index}-title`}
              label={t('catalogue.tasks.title', { position: index + 1 })}
              required
              value={task.title}
              onChange={(event) => update(index, { ...task, title: event.currentTarget.value })}
              disabled={readOnly}
              error={errorOf(`tasks.${index}.title`)}
              style={{ flex: 2 }}
              autoComplete="off"
            />
            <div style={{ flex: 1 }}>
              <GroupSelect
                label={t('catalogue.tasks.group')}
                value={task.groupId}
                onChange={(groupId) => update(index, { ...task, groupId })}
                placeholder={t('catalogue.tasks.defaultGroup')}
                disabled={readOnly}
                error={errorOf(`tasks.${index}.groupId`)}
              />
            </div>
            {!readOnly && (
              <RowActions
                prefix="task"
                index={index}
                count={value.length}
                name={name}
                onMove={(to) => onChange(moved(value, index, to))}
                onRemove={() => onChange(value.filter((_, i) => i !== index))}
              />
            )}
          </Group>
        );
      })}
      {!readOnly && (
        <Group>
          <Button
            id="task-add"
            variant="default"
            leftSection={<IconPlus size={16} aria-hidden />}
            onClick={() => {
              onChange([...value, { title: '', groupId: null }]);
              focusLater(`task-${value.length}-title`);
            }}
          >
            {t('catalogue.tasks.add')}
          </Button>
        </Group>
      )}
    </Stack>
  );
}
