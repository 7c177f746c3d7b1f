import { useTranslation } from 'react-i18next';
import { formattingLocale, useDateFormat } from '../../ui/dates';

/** "4 Dec 2026, 21:00 – 23:00": a planned window, the date said once when both ends share it. */
export function WindowRange({
  start,
  end,
  empty = '—',
}: {
  start: string | null;
  end: string | null;
  empty?: string;
}) {
  const { i18n } = useTranslation();
  const { timeZone, exact } = useDateFormat();
  if (!start || !end) return <span>{empty}</span>;
  const format = new Intl.DateTimeFormat(formattingLocale(i18n.language), {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone,
  });
  const from = new Date(start);
  const to = new Date(end);
  return (
    <time
      dateTime={`${from.toISOString()}/${to.toISOString()}`}
      title={`${exact(from)} – ${exact(to)}`}
    >
      {format.formatRange(from, to)}
    </time>
  );
}
