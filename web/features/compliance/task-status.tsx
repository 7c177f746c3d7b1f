import { Badge } from '@mantine/core';
import { IconAlarm } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { StatusBadge, type StatusTone } from '../../ui/status-badge';
import type { TaskStatus } from './api';

const TONE: Record<TaskStatus, StatusTone> = {
  not_started: 'new',
  in_progress: 'inProgress',
  blocked: 'waiting',
  done: 'done',
  cancelled: 'inactive',
};

export function TaskStatusBadge({ status }: { status: TaskStatus }) {
  const { t } = useTranslation();
  return (
    <StatusBadge tone={TONE[status]} label={t(`compliance.task.statuses.${status}`)} size="sm" />
  );
}

/** Overdue (a slipped milestone) in words and with an icon, never a red date alone. */
export function OverdueBadge({ milestone = false }: { milestone?: boolean }) {
  const { t } = useTranslation();
  return (
    <Badge
      color="red.9"
      variant="outline"
      size="sm"
      radius="sm"
      tt="none"
      leftSection={<IconAlarm size={12} aria-hidden />}
    >
      {milestone ? t('compliance.task.slipped') : t('compliance.task.overdue')}
    </Badge>
  );
}
