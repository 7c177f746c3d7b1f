import {
  Group,
  Loader,
  Popover,
  Progress,
  Stack,
  Text,
  ThemeIcon,
  UnstyledButton,
} from '@mantine/core';
import {
  IconAlertTriangle,
  IconCircleCheck,
  IconClock,
  IconClockPause,
  IconFlame,
} from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formattingLocale, useDateFormat } from '../../ui/dates';
import { useDurationFormat } from '../../ui/durations';
import { ProblemAlert } from '../../ui/problem';
import { type ClockView, explanationQuery, type TicketSummary } from './api';
import { dynamicLabel, holdReasonLabel, statusLabel } from './labels';

// SLA clocks the way people think about them: time left in business time, amber when under a
// quarter is left, red and "breached" when it ran out, grey and "paused" with the reason. The
// engine's own explanation ("why is this due then?") opens on hover or focus.

type Tone = 'ok' | 'warning' | 'breached' | 'paused' | 'met';

const TONE_COLOUR: Record<Tone, string> = {
  ok: 'var(--mantine-color-text)',
  warning: 'var(--mantine-color-orange-light-color)',
  breached: 'var(--mantine-color-red-light-color)',
  paused: 'var(--mantine-color-dimmed)',
  met: 'var(--mantine-color-green-light-color)',
};

const TONE_ICON = {
  ok: IconClock,
  warning: IconAlertTriangle,
  breached: IconFlame,
  paused: IconClockPause,
  met: IconCircleCheck,
} as const;

/** "Breaching soon" in the queue: the server's window for its breaching queue. */
const SOON_MINUTES = 4 * 60;

/** The queue's compact indicator: the resolution clock's state and its deadline. */
export function QueueSla({ sla, now }: { sla: TicketSummary['sla']; now: number }) {
  const { t } = useTranslation();
  const duration = useDurationFormat();
  const dates = useDateFormat();
  const { i18n } = useTranslation();
  const short = new Intl.DateTimeFormat(formattingLocale(i18n.language), {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
    timeZone: dates.timeZone,
  });
  if (!sla) {
    return (
      <Text span size="xs" c="dimmed">
        {t('desk.sla.none')}
      </Text>
    );
  }
  const due = sla.dueAt ? Date.parse(sla.dueAt) : null;
  const minutes = due === null ? null : Math.round((due - now) / 60_000);
  let tone: Tone;
  let text: string;
  if (sla.breached) {
    tone = 'breached';
    text = t('desk.sla.breached');
  } else if (sla.state === 'paused') {
    tone = 'paused';
    text = t('desk.sla.paused');
  } else if (sla.state === 'stopped') {
    tone = 'met';
    text = t('desk.sla.met');
  } else if (minutes !== null && minutes < 0) {
    tone = 'breached';
    text = t('desk.sla.overdueBy', { duration: duration(-(sla.remainingMinutes ?? minutes)) });
  } else if (minutes !== null && due !== null) {
    tone = minutes <= SOON_MINUTES ? 'warning' : 'ok';
    // Time left is business time from the engine; beyond a day, the date says more.
    text =
      minutes < 24 * 60
        ? t('desk.sla.dueIn', { duration: duration(Math.round(sla.remainingMinutes ?? minutes)) })
        : t('desk.sla.dueOn', { date: short.format(new Date(due)) });
  } else {
    tone = 'ok';
    text = t('desk.sla.running');
  }
  const Icon = TONE_ICON[tone];
  return (
    <Group
      gap={4}
      wrap="nowrap"
      title={sla.dueAt ? t('desk.sla.dueAt', { date: dates.exact(sla.dueAt) }) : undefined}
    >
      <Icon size={14} aria-hidden style={{ color: TONE_COLOUR[tone], flexShrink: 0 }} />
      <Text
        span
        size="xs"
        fw={tone === 'breached' ? 600 : 400}
        style={{ color: TONE_COLOUR[tone] }}
      >
        {text}
      </Text>
    </Group>
  );
}

function clockTone(clock: ClockView): Tone {
  if (clock.breached) return 'breached';
  if (clock.state === 'stopped') return 'met';
  if (clock.state === 'paused') return 'paused';
  if (clock.remainingMinutes < 0) return 'breached';
  return clock.percentUsed >= 75 ? 'warning' : 'ok';
}

/** "status on_hold" (the engine's pause reason) in words, with the ticket's hold reason. */
export function pauseReason(t: TFunction, reason: string | null, holdReason: string | null) {
  if (!reason) return t('desk.sla.pausedNoReason');
  const match = /^status (\w+)$/.exec(reason);
  if (!match?.[1]) return reason;
  const status = statusLabel(t, match[1]);
  return holdReason && match[1] === 'on_hold'
    ? `${status} (${holdReasonLabel(t, holdReason)})`
    : status;
}

interface ClockIndicatorProps {
  ticketId: string;
  clock: ClockView;
  holdReason: string | null;
  /** The engine's explanation needs sla.read. */
  explain: boolean;
}

/** One clock on the ticket page, with the engine's explanation on hover or focus. */
export function ClockIndicator({ ticketId, clock, holdReason, explain }: ClockIndicatorProps) {
  const { t } = useTranslation();
  const duration = useDurationFormat();
  const dates = useDateFormat();
  const [opened, setOpened] = useState(false);
  const tone = clockTone(clock);
  const Icon = TONE_ICON[tone];
  const name = dynamicLabel(t, `desk.sla.clocks.${clock.clock}`, clock.clock);

  let text: string;
  if (tone === 'met') text = t('desk.sla.met');
  else if (clock.breached && clock.state === 'stopped') text = t('desk.sla.breached');
  else if (clock.remainingMinutes < 0 || (clock.breached && clock.state !== 'paused'))
    text = t('desk.sla.overdueBusiness', { duration: duration(Math.abs(clock.remainingMinutes)) });
  else if (clock.state === 'paused')
    text = t('desk.sla.pausedWith', {
      reason: pauseReason(t, clock.pausedReason, holdReason),
      duration: duration(Math.max(0, clock.remainingMinutes)),
    });
  else text = t('desk.sla.leftBusiness', { duration: duration(clock.remainingMinutes) });

  const body = (
    <Stack gap={4}>
      <Group justify="space-between" gap="xs" wrap="nowrap">
        <Text size="sm" fw={500}>
          {name}
        </Text>
        <ThemeIcon size="sm" variant="transparent" style={{ color: TONE_COLOUR[tone] }} aria-hidden>
          <Icon size={16} />
        </ThemeIcon>
      </Group>
      <Text size="sm" fw={tone === 'breached' ? 600 : 500} style={{ color: TONE_COLOUR[tone] }}>
        {text}
      </Text>
      <Progress
        value={Math.min(100, Math.max(0, clock.percentUsed))}
        color={
          tone === 'breached'
            ? 'red'
            : tone === 'warning'
              ? 'orange'
              : tone === 'paused'
                ? 'gray'
                : tone === 'met'
                  ? 'green'
                  : 'blue'
        }
        size="sm"
        aria-label={t('desk.sla.used', { percent: Math.round(clock.percentUsed) })}
      />
      {clock.dueAt && clock.state !== 'stopped' && (
        <Text size="xs" c="dimmed">
          {t('desk.sla.dueAt', { date: dates.exact(clock.dueAt) })}
        </Text>
      )}
      {clock.breachedAt && (
        <Text size="xs" c="dimmed">
          {t('desk.sla.breachedAt', { date: dates.dateTime(clock.breachedAt) })}
        </Text>
      )}
    </Stack>
  );

  if (!explain) return body;

  return (
    <Popover opened={opened} position="left-start" width={340} shadow="md" withArrow>
      <Popover.Target>
        <UnstyledButton
          onMouseEnter={() => setOpened(true)}
          onMouseLeave={() => setOpened(false)}
          onFocus={() => setOpened(true)}
          onBlur={() => setOpened(false)}
          onKeyDown={(event) => {
            if (event.key === 'Escape') setOpened(false);
          }}
          aria-label={`${name}: ${text}. ${t('desk.sla.explainHint')}`}
          aria-expanded={opened}
          w="100%"
          p={6}
          style={{ borderRadius: 'var(--mantine-radius-sm)' }}
          className="sla-indicator"
        >
          {body}
        </UnstyledButton>
      </Popover.Target>
      <Popover.Dropdown>
        <Explanation ticketId={ticketId} clock={clock} enabled={opened} />
      </Popover.Dropdown>
    </Popover>
  );
}

function Explanation({
  ticketId,
  clock,
  enabled,
}: {
  ticketId: string;
  clock: ClockView;
  enabled: boolean;
}) {
  const { t } = useTranslation();
  const duration = useDurationFormat();
  const dates = useDateFormat();
  const query = useQuery(explanationQuery(ticketId, clock.clock, enabled));
  if (query.isPending) return <Loader size="sm" aria-label={t('common.loading')} />;
  if (query.isError) return <ProblemAlert error={query.error} />;
  const data = query.data;
  const paused = data.segments.filter((segment) => segment.state === 'paused').length;
  return (
    <Stack gap={6} role="status">
      <Text size="sm" fw={600}>
        {t('desk.sla.explanation.title')}
      </Text>
      <Text size="sm">
        {t('desk.sla.explanation.target', {
          target: duration(data.targetMinutes),
          text: data.targetText,
        })}
      </Text>
      {data.calendar && (
        <Text size="sm">
          {t('desk.sla.explanation.calendar', {
            name: data.calendar.name,
            timeZone: data.calendar.timeZone,
            version: data.calendar.currentVersion,
          })}
        </Text>
      )}
      <Text size="sm">
        {t('desk.sla.explanation.counted', {
          elapsed: duration(data.elapsedMinutes),
          count: paused,
        })}
      </Text>
      {data.dueAt && data.state !== 'stopped' && (
        <Text size="sm">{t('desk.sla.explanation.due', { date: dates.exact(data.dueAt) })}</Text>
      )}
      <Text size="xs" c="dimmed">
        {t('desk.sla.explanation.policy', { reason: data.selectionReason })}
      </Text>
    </Stack>
  );
}
