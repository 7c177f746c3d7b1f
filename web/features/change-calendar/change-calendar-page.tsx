import {
  ActionIcon,
  Button,
  Group,
  SegmentedControl,
  Skeleton,
  Stack,
  Text,
  Title,
  Tooltip,
} from '@mantine/core';
import {
  IconAlertTriangle,
  IconChevronLeft,
  IconChevronRight,
  IconSnowflake,
} from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { getRouteApi, Link, useNavigate } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { formattingLocale, useDateFormat } from '../../ui/dates';
import { PageHeader } from '../../ui/page';
import { ProblemAlert } from '../../ui/problem';
import { usePermissions } from '../auth/session';
import { ServiceSelect } from '../catalogue/service-select';
import { changeCalendarQuery } from './api';
import classes from './calendar.module.css';
import type { CalendarView } from './calendar-model';
import { CalendarMonth } from './calendar-month';
import { CalendarWeek } from './calendar-week';
import { useServiceNames } from './service-names';
import {
  addDays,
  addMonths,
  type DayKey,
  dayKeyOf,
  monthGridDays,
  startOfDay,
  weekDays,
} from './zoned-time';

const route = getRouteApi('/app/changes/calendar');

/** The days a view shows around a day. */
function daysOf(view: CalendarView, day: DayKey): DayKey[] {
  return view === 'month' ? monthGridDays(day) : weekDays(day);
}

export function ChangeCalendarPage() {
  const { t, i18n } = useTranslation();
  const can = usePermissions();
  const search = route.useSearch();
  const navigate = useNavigate({ from: '/changes/calendar' });
  const { timeZone } = useDateFormat();
  const locale = formattingLocale(i18n.language);
  const services = useServiceNames();
  const today = dayKeyOf(new Date(), timeZone);
  const view: CalendarView = search.view ?? 'month';
  const day = search.date ?? today;
  const serviceId = search.serviceId ?? null;
  const days = daysOf(view, day);
  const first = days[0] ?? day;
  const last = days[days.length - 1] ?? day;
  const from = startOfDay(first, timeZone).toISOString();
  const to = startOfDay(addDays(last, 1), timeZone).toISOString();
  const query = useQuery(changeCalendarQuery({ from, to, serviceId: serviceId ?? undefined }));

  const go = (next: { view?: CalendarView; date?: DayKey; serviceId?: string | null }) =>
    void navigate({
      search: (current) => ({
        ...current,
        ...next,
        serviceId: next.serviceId === null ? undefined : (next.serviceId ?? current.serviceId),
      }),
      replace: true,
    });
  const step = (direction: 1 | -1) =>
    go({ date: view === 'month' ? addMonths(day, direction) : addDays(day, 7 * direction) });

  const period =
    view === 'month'
      ? new Intl.DateTimeFormat(locale, { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
          new Date(`${day.slice(0, 7)}-15T12:00:00Z`),
        )
      : new Intl.DateTimeFormat(locale, {
          day: 'numeric',
          month: 'short',
          year: 'numeric',
          timeZone: 'UTC',
        }).formatRange(new Date(`${first}T12:00:00Z`), new Date(`${last}T12:00:00Z`));
  const previousLabel =
    view === 'month' ? t('changeCalendar.previousMonth') : t('changeCalendar.previousWeek');
  const nextLabel = view === 'month' ? t('changeCalendar.nextMonth') : t('changeCalendar.nextWeek');

  return (
    <>
      <PageHeader
        title={t('modules.changeCalendar.label')}
        description={t('changeCalendar.description')}
        actions={
          can('changes.manage') && (
            <Button
              component={Link}
              to="/admin/freeze-windows"
              variant="default"
              leftSection={<IconSnowflake size={16} aria-hidden />}
            >
              {t('modules.freezeWindows.label')}
            </Button>
          )
        }
      />
      <Stack gap="sm">
        <Group justify="space-between" align="flex-end" gap="sm" wrap="wrap">
          <Group gap="xs" align="center" wrap="wrap">
            <Tooltip label={previousLabel}>
              <ActionIcon
                variant="default"
                size="lg"
                aria-label={previousLabel}
                onClick={() => step(-1)}
              >
                <IconChevronLeft size={18} aria-hidden />
              </ActionIcon>
            </Tooltip>
            <Button variant="default" onClick={() => go({ date: today })}>
              {t('changeCalendar.today')}
            </Button>
            <Tooltip label={nextLabel}>
              <ActionIcon
                variant="default"
                size="lg"
                aria-label={nextLabel}
                onClick={() => step(1)}
              >
                <IconChevronRight size={18} aria-hidden />
              </ActionIcon>
            </Tooltip>
            <Title order={2} fz="h3" ml="xs" aria-live="polite">
              {period}
            </Title>
          </Group>
          <Group gap="sm" align="flex-end" wrap="wrap">
            <ServiceSelect
              label={t('changeCalendar.service')}
              placeholder={t('changeCalendar.allServices')}
              value={serviceId}
              onChange={(value) => go({ serviceId: value })}
              clearable
              w={240}
            />
            <SegmentedControl
              aria-label={t('changeCalendar.view')}
              data={[
                { value: 'month', label: t('changeCalendar.month') },
                { value: 'week', label: t('changeCalendar.week') },
              ]}
              value={view}
              onChange={(value) => go({ view: value as CalendarView })}
            />
          </Group>
        </Group>
        <Legend />
        {query.isPending ? (
          <Skeleton height={480} aria-busy />
        ) : query.isError ? (
          <ProblemAlert error={query.error} onRetry={() => void query.refetch()} />
        ) : view === 'month' ? (
          <CalendarMonth
            day={day}
            today={today}
            changes={query.data.changes}
            windows={query.data.windows}
            serviceId={serviceId}
            timeZone={timeZone}
            locale={locale}
            onShowWeek={(shown) => go({ view: 'week', date: shown })}
          />
        ) : (
          <CalendarWeek
            day={day}
            today={today}
            changes={query.data.changes}
            windows={query.data.windows}
            serviceId={serviceId}
            serviceName={services.name}
            timeZone={timeZone}
            locale={locale}
          />
        )}
        {query.isSuccess && query.data.changes.length === 0 && (
          <Text size="sm" c="dimmed">
            {view === 'month' ? t('changeCalendar.emptyMonth') : t('changeCalendar.emptyWeek')}
          </Text>
        )}
      </Stack>
    </>
  );
}

/** What the colours and hatching mean, in words. */
function Legend() {
  const { t } = useTranslation();
  return (
    <Group gap="md" wrap="wrap" aria-label={t('changeCalendar.legend')} role="group">
      {(['standard', 'normal', 'emergency'] as const).map((type) => (
        <Group key={type} gap={6} wrap="nowrap">
          <span className={`${classes.chip} ${classes.legendSwatch}`} data-type={type} />
          <Text size="xs">{t(`changeCalendar.types.${type}`)}</Text>
        </Group>
      ))}
      <Group gap={6} wrap="nowrap">
        <span className={`${classes.legendSwatch} ${classes.cell}`} data-frozen />
        <Text size="xs">{t('changeCalendar.windowKinds.freeze')}</Text>
      </Group>
      <Group gap={6} wrap="nowrap">
        <span className={`${classes.legendSwatch} ${classes.cell}`} data-blackout />
        <Text size="xs">{t('changeCalendar.windowKinds.blackout')}</Text>
      </Group>
      <Group gap={4} wrap="nowrap" className={classes.conflict}>
        <IconAlertTriangle size={14} aria-hidden />
        <Text size="xs" fw={600} c="inherit">
          {t('changeCalendar.conflictLegend')}
        </Text>
      </Group>
    </Group>
  );
}
