import { Badge, Group, Text } from '@mantine/core';
import { IconAlertOctagon } from '@tabler/icons-react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { StatusBadge, type StatusTone } from '../../ui/status-badge';
import {
  HOLD_REASONS,
  type HoldReason,
  PRIORITIES,
  type Priority,
  STATUSES,
  type Status,
} from './api';

// The desk's words: statuses, priorities, hold reasons and resolution codes, each with the one
// tone and icon used everywhere (never colour alone: the word always goes with it).

const STATUS_TONES: Record<Status, StatusTone> = {
  new: 'new',
  assigned: 'new',
  in_progress: 'inProgress',
  on_hold: 'waiting',
  resolved: 'done',
  closed: 'inactive',
};

const PRIORITY_COLOURS: Record<Priority, string> = {
  P1: 'red',
  P2: 'orange',
  P3: 'blue',
  P4: 'gray',
};

export const isStatus = (value: unknown): value is Status =>
  (STATUSES as readonly unknown[]).includes(value);
export const isPriority = (value: unknown): value is Priority =>
  (PRIORITIES as readonly unknown[]).includes(value);
export const isHoldReason = (value: unknown): value is HoldReason =>
  (HOLD_REASONS as readonly unknown[]).includes(value);

/** Open-ended strings from the server (statuses, codes) in words, or as they came. */
export function dynamicLabel(t: TFunction, key: string, fallback: string): string {
  const translate = t as unknown as (key: string, options: { defaultValue: string }) => string;
  return translate(key, { defaultValue: fallback });
}

export const statusLabel = (t: TFunction, status: string) =>
  dynamicLabel(t, `desk.status.${status}`, status);
export const holdReasonLabel = (t: TFunction, reason: string) =>
  dynamicLabel(t, `desk.holdReason.${reason}`, reason);
export const resolutionLabel = (t: TFunction, code: string) =>
  dynamicLabel(t, `desk.resolution.${code}`, code);
export const priorityLabel = (t: TFunction, priority: string) =>
  dynamicLabel(t, `desk.priority.${priority}`, priority);
export const typeLabel = (t: TFunction, type: string) => dynamicLabel(t, `desk.type.${type}`, type);

interface TicketStatusProps {
  status: string;
  holdReason?: string | null;
  size?: 'xs' | 'sm' | 'md' | 'lg';
}

/** The status with its tone, and the hold reason beside "On hold". */
export function TicketStatus({ status, holdReason, size = 'sm' }: TicketStatusProps) {
  const { t } = useTranslation();
  const tone = isStatus(status) ? STATUS_TONES[status] : 'inactive';
  return (
    <Group gap={4} wrap="nowrap">
      <StatusBadge tone={tone} label={statusLabel(t, status)} size={size} />
      {status === 'on_hold' && holdReason && (
        <Text span size="xs" c="dimmed">
          {holdReasonLabel(t, holdReason)}
        </Text>
      )}
    </Group>
  );
}

interface PriorityBadgeProps {
  priority: string;
  /** Also write the name ("P1 · Critical"); the short form has the name on hover. */
  long?: boolean;
  size?: 'xs' | 'sm' | 'md' | 'lg';
}

export function PriorityBadge({ priority, long, size = 'sm' }: PriorityBadgeProps) {
  const { t } = useTranslation();
  const name = priorityLabel(t, priority);
  const colour = isPriority(priority) ? PRIORITY_COLOURS[priority] : 'gray';
  return (
    <Badge
      // Filled red 9 and dark text on the light tints keep the label above 4.5:1 contrast.
      color={priority === 'P1' ? 'red.9' : colour}
      variant={priority === 'P1' ? 'filled' : 'light'}
      styles={priority === 'P1' ? undefined : { label: { color: 'var(--mantine-color-dark-7)' } }}
      size={size}
      radius="sm"
      title={long ? undefined : name}
      aria-label={t('desk.fields.priorityValue', { priority, name })}
    >
      {long ? `${priority} · ${name}` : priority}
    </Badge>
  );
}

export function MajorIncidentBadge({ size = 'sm' }: { size?: 'xs' | 'sm' | 'md' | 'lg' }) {
  const { t } = useTranslation();
  return (
    <Badge
      color="red"
      variant="outline"
      size={size}
      radius="sm"
      leftSection={<IconAlertOctagon size={12} aria-hidden />}
    >
      {t('desk.majorIncident')}
    </Badge>
  );
}

/** The queue's compact mark: an icon with its name for screen readers and on hover. */
export function MajorIncidentIcon() {
  const { t } = useTranslation();
  return (
    <IconAlertOctagon
      size={16}
      role="img"
      aria-label={t('desk.majorIncident')}
      color="var(--mantine-color-red-light-color)"
      style={{ flexShrink: 0 }}
    >
      <title>{t('desk.majorIncident')}</title>
    </IconAlertOctagon>
  );
}
