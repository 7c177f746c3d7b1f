import { Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import classes from './calendar.module.css';
import {
  byStart,
  type CalendarChange,
  type CalendarWindow,
  coversDay,
  servicesOf,
} from './calendar-model';
import { ChangeChip } from './change-chip';
import { WindowLabel } from './window-label';
import { type DayKey, weekDays } from './zoned-time';

interface CalendarWeekProps {
  day: DayKey;
  today: DayKey;
  changes: CalendarChange[];
  windows: CalendarWindow[];
  /** Only this service's row, when the calendar is filtered. */
  serviceId: string | null;
  serviceName: (id: string) => string;
  timeZone: string;
  locale: string;
}

/**
 * A week by service: one row per affected service, one column per day. Freeze windows for every
 * service shade the whole column; a service's own windows shade its row.
 */
export function CalendarWeek(props: CalendarWeekProps) {
  const { day, today, changes, windows, serviceId, serviceName, timeZone, locale } = props;
  const { t } = useTranslation();
  const days = weekDays(day);
  const heading = new Intl.DateTimeFormat(locale, {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    timeZone: 'UTC',
  });
  const fullDate = new Intl.DateTimeFormat(locale, { dateStyle: 'full', timeZone: 'UTC' });
  const time = new Intl.DateTimeFormat(locale, { timeStyle: 'short', timeZone });
  const inWeek = changes.filter((change) => days.some((d) => coversDay(change, d, timeZone)));
  const global = windows.filter((window) => window.serviceIds === null);
  const serviceWindows = windows.filter((window) => window.serviceIds !== null);
  const serviceIds = serviceId
    ? [serviceId]
    : [
        ...new Set([
          ...servicesOf(inWeek),
          ...serviceWindows
            .filter((window) => days.some((d) => coversDay(window, d, timeZone)))
            .flatMap((window) => window.serviceIds ?? []),
        ]),
      ].sort((a, b) => serviceName(a).localeCompare(serviceName(b), locale));
  const sorted = [...inWeek].sort(byStart);
  const first = days[0] ?? day;
  const last = days[6] ?? day;

  return (
    <div className={classes.frame}>
      <table
        className={classes.grid}
        aria-label={t('changeCalendar.weekOf', {
          from: fullDate.format(new Date(`${first}T12:00:00Z`)),
          to: fullDate.format(new Date(`${last}T12:00:00Z`)),
        })}
      >
        <thead>
          <tr>
            <th scope="col" className={classes.service}>
              {t('changeCalendar.service')}
            </th>
            {days.map((column) => {
              const frozen = global.filter((window) => coversDay(window, column, timeZone));
              return (
                <th
                  key={column}
                  scope="col"
                  className={`${classes.dayHeader} ${column === today ? classes.today : ''}`}
                  data-frozen={frozen.some((w) => w.kind === 'freeze') || undefined}
                  data-blackout={frozen.some((w) => w.kind === 'blackout') || undefined}
                  aria-current={column === today ? 'date' : undefined}
                >
                  <time dateTime={column}>{heading.format(new Date(`${column}T12:00:00Z`))}</time>
                  {frozen.map((window) => (
                    <WindowLabel
                      key={window.id}
                      window={window}
                      day={column}
                      rowStart={column === first}
                      timeZone={timeZone}
                    />
                  ))}
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>
          {serviceIds.length === 0 && (
            <tr>
              <td colSpan={8}>
                <Text size="sm" c="dimmed" py="md" ta="center">
                  {t('changeCalendar.emptyWeek')}
                </Text>
              </td>
            </tr>
          )}
          {serviceIds.map((service) => (
            <tr key={service}>
              <th scope="row" className={classes.service}>
                {serviceName(service)}
              </th>
              {days.map((column) => {
                const frozen = serviceWindows.filter(
                  (window) =>
                    window.serviceIds?.includes(service) && coversDay(window, column, timeZone),
                );
                const globalFrozen = global.filter((window) => coversDay(window, column, timeZone));
                const all = [...frozen, ...globalFrozen];
                return (
                  <td
                    key={column}
                    className={classes.cell}
                    data-frozen={all.some((w) => w.kind === 'freeze') || undefined}
                    data-blackout={all.some((w) => w.kind === 'blackout') || undefined}
                  >
                    {frozen.map((window) => (
                      <WindowLabel
                        key={window.id}
                        window={window}
                        day={column}
                        rowStart={column === first}
                        timeZone={timeZone}
                      />
                    ))}
                    {sorted
                      .filter(
                        (change) =>
                          change.serviceIds.includes(service) &&
                          coversDay(change, column, timeZone),
                      )
                      .map((change) => (
                        <ChangeChip
                          key={change.id}
                          change={change}
                          day={column}
                          timeZone={timeZone}
                          time={time}
                        />
                      ))}
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
