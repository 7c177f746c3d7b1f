import { VisuallyHidden } from '@mantine/core';
import { IconBan, IconSnowflake } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import classes from './calendar.module.css';
import type { CalendarWindow } from './calendar-model';
import { type DayKey, dayKeyOf } from './zoned-time';

/**
 * A freeze or blackout window's name on a day it covers: written where it starts and at the start
 * of each row, only shaded (and said to screen readers) on the days in between.
 */
export function WindowLabel({
  window,
  day,
  rowStart,
  timeZone,
}: {
  window: CalendarWindow;
  day: DayKey;
  rowStart: boolean;
  timeZone: string;
}) {
  const { t } = useTranslation();
  const Icon = window.kind === 'freeze' ? IconSnowflake : IconBan;
  const text = `${t(`changeCalendar.windowKinds.${window.kind}`)}: ${window.name}`;
  if (!rowStart && dayKeyOf(window.start, timeZone) !== day) {
    return <VisuallyHidden>{text}</VisuallyHidden>;
  }
  return (
    <div className={classes.windowLabel}>
      <Icon size={12} aria-hidden />
      {text}
    </div>
  );
}
