import { Button, Text, VisuallyHidden } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import classes from './calendar.module.css';
import {
  byStart,
  type CalendarChange,
  type CalendarWindow,
  coversDay,
  touchesService,
} from './calendar-model';
import { ChangeChip } from './change-chip';
import { WindowLabel } from './window-label';
import { type DayKey, monthGridDays } from './zoned-time';

const MAX_CHIPS = 4;

interface CalendarMonthProps {
  /** Any day of the month to show. */
  day: DayKey;
  today: DayKey;
  changes: CalendarChange[];
  windows: CalendarWindow[];
  serviceId: string | null;
  timeZone: string;
  locale: string;
  /** Shows the week of a day whose changes do not all fit in its cell. */
  onShowWeek: (day: DayKey) => void;
}

/** A month as whole weeks (Monday first); each day lists the changes planned on it. */
export function CalendarMonth(props: CalendarMonthProps) {
  const { day, today, changes, windows, serviceId, timeZone, locale, onShowWeek } = props;
  const { t } = useTranslation();
  const days = monthGridDays(day);
  const month = day.slice(0, 7);
  const weeks: DayKey[][] = [];
  for (let index = 0; index < days.length; index += 7) weeks.push(days.slice(index, index + 7));
  const weekday = new Intl.DateTimeFormat(locale, { weekday: 'long', timeZone: 'UTC' });
  const fullDate = new Intl.DateTimeFormat(locale, { dateStyle: 'full', timeZone: 'UTC' });
  const time = new Intl.DateTimeFormat(locale, { timeStyle: 'short', timeZone });
  const monthName = new Intl.DateTimeFormat(locale, {
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(`${month}-01T12:00:00Z`));
  const sorted = [...changes].sort(byStart);

  return (
    <div className={classes.frame}>
      <table
        className={classes.grid}
        aria-label={t('changeCalendar.monthOf', { month: monthName })}
      >
        <thead>
          <tr>
            {weeks[0]?.map((column) => (
              <th key={column} scope="col">
                {weekday.format(new Date(`${column}T12:00:00Z`))}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {weeks.map((week) => (
            <tr key={week[0]}>
              {week.map((cell) => {
                const date = new Date(`${cell}T12:00:00Z`);
                const onDay = sorted.filter((change) => coversDay(change, cell, timeZone));
                const frozen = windows.filter(
                  (window) =>
                    touchesService(window, serviceId) && coversDay(window, cell, timeZone),
                );
                const hidden = onDay.length - MAX_CHIPS;
                return (
                  <td
                    key={cell}
                    className={`${classes.day} ${cell === today ? classes.today : ''}`}
                    data-outside={cell.slice(0, 7) !== month || undefined}
                    data-frozen={frozen.some((w) => w.kind === 'freeze') || undefined}
                    data-blackout={frozen.some((w) => w.kind === 'blackout') || undefined}
                    aria-current={cell === today ? 'date' : undefined}
                  >
                    <div className={classes.dayNumber}>
                      <time dateTime={cell}>
                        <span aria-hidden>{Number(cell.slice(8))}</span>
                        <VisuallyHidden>{fullDate.format(date)}</VisuallyHidden>
                      </time>
                    </div>
                    {frozen.map((window) => (
                      <WindowLabel
                        key={window.id}
                        window={window}
                        day={cell}
                        rowStart={cell === week[0]}
                        timeZone={timeZone}
                      />
                    ))}
                    {onDay.slice(0, MAX_CHIPS).map((change) => (
                      <ChangeChip
                        key={change.id}
                        change={change}
                        day={cell}
                        timeZone={timeZone}
                        time={time}
                      />
                    ))}
                    {hidden > 0 && (
                      <Button
                        variant="subtle"
                        size="compact-xs"
                        mt={2}
                        onClick={() => onShowWeek(cell)}
                        aria-label={t('changeCalendar.moreOn', {
                          count: hidden,
                          date: fullDate.format(date),
                        })}
                      >
                        <Text span size="xs">
                          {t('changeCalendar.more', { count: hidden })}
                        </Text>
                      </Button>
                    )}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
