import { Badge } from '@mantine/core';
import {
  IconCircleCheck,
  IconCircleDot,
  IconCircleMinus,
  IconCircleX,
  IconClockPause,
  IconProgress,
} from '@tabler/icons-react';
import classes from './status-badge.module.css';

// One vocabulary of status colours and icons for every module, so "done" looks the same on an
// incident, a change or a user account. Never colour alone: the icon and the word go with it.

export type StatusTone = 'new' | 'inProgress' | 'waiting' | 'done' | 'failed' | 'inactive';

const TONES: Record<StatusTone, { color: string; Icon: typeof IconCircleCheck }> = {
  new: { color: 'blue', Icon: IconCircleDot },
  inProgress: { color: 'violet', Icon: IconProgress },
  waiting: { color: 'yellow', Icon: IconClockPause },
  done: { color: 'green', Icon: IconCircleCheck },
  failed: { color: 'red', Icon: IconCircleX },
  inactive: { color: 'gray', Icon: IconCircleMinus },
};

interface StatusBadgeProps {
  tone: StatusTone;
  label: string;
  size?: 'xs' | 'sm' | 'md' | 'lg';
}

export function StatusBadge({ tone, label, size = 'md' }: StatusBadgeProps) {
  const { color, Icon } = TONES[tone];
  return (
    <Badge
      color={color}
      variant="light"
      size={size}
      radius="sm"
      leftSection={<Icon size={12} stroke={2} aria-hidden />}
      className={classes.badge}
      data-tone={tone}
      vars={() => ({ root: { '--badge-color': 'var(--status-fg)' } })}
    >
      {label}
    </Badge>
  );
}
