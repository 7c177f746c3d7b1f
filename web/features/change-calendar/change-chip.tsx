import { VisuallyHidden } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import classes from './calendar.module.css';
import type { CalendarChange } from './calendar-model';
import { addDays, type DayKey, startOfDay } from './zoned-time';

interface ChangeChipProps {
  change: CalendarChange;
  /** The day the chip sits on: times outside it show as "…". */
  day: DayKey;
  timeZone: string;
  time: Intl.DateTimeFormat;
}

/**
 * One change on the calendar: a link to its record, coloured by type with the type, risk and a
 * conflict also said in words (visible or for screen readers), never by colour alone.
 */
export function ChangeChip({ change, day, timeZone, time }: ChangeChipProps) {
  const { t } = useTranslation();
  const dayStart = startOfDay(day, timeZone).getTime();
  const dayEnd = startOfDay(addDays(day, 1), timeZone).getTime();
  const start = new Date(change.start);
  const end = new Date(change.end);
  const from = start.getTime() >= dayStart ? time.format(start) : '…';
  const to = end.getTime() <= dayEnd ? time.format(end) : '…';
  const type = t(`changeCalendar.types.${change.type}`);
  const risk = change.risk
    ? t('changeCalendar.riskNamed', { risk: riskLabel(change.risk, t) })
    : '';
  return (
    <Link
      to="/changes/$changeId"
      params={{ changeId: change.id }}
      className={classes.chip}
      data-type={change.type}
      title={[`${change.number} · ${change.title}`, `${from}–${to}`, type, risk]
        .filter(Boolean)
        .join('\n')}
    >
      {change.conflicted && (
        <span className={classes.conflict}>
          <IconAlertTriangle size={12} aria-hidden />
          {t('changeCalendar.conflict')}{' '}
        </span>
      )}
      <span className={classes.chipNumber}>{change.number}</span>{' '}
      <span>
        {from}–{to}
      </span>{' '}
      <span>{change.title}</span>
      <VisuallyHidden> ({[type, risk].filter(Boolean).join(', ')})</VisuallyHidden>
    </Link>
  );
}

type Translate = ReturnType<typeof useTranslation>['t'];

export function riskLabel(risk: string, t: Translate): string {
  const dynamicT = t as unknown as (key: string, options?: { defaultValue: string }) => string;
  return dynamicT(`changeCalendar.risks.${risk}`, { defaultValue: risk });
}
