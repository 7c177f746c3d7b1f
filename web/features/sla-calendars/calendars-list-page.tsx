import { Button, EmptyState } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconCalendarTime, IconPlus } from '@tabler/icons-react';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import type { Calendar } from '../../api/types';
import { type Column, DataTable } from '../../ui/data-table';
import { DateTime } from '../../ui/dates';
import { useDurationFormat } from '../../ui/durations';
import { AnchorLink } from '../../ui/links';
import { PageHeader } from '../../ui/page';
import { usePermissions } from '../auth/session';
import { calendarsListQuery } from './api';
import { CalendarCreateDialog } from './calendar-create-dialog';
import { weekMinutes } from './spec';

export function CalendarsListPage() {
  const { t } = useTranslation();
  const can = usePermissions();
  const navigate = useNavigate();
  const duration = useDurationFormat();
  const [createOpened, create] = useDisclosure(false);
  const query = useInfiniteQuery(calendarsListQuery());
  const manage = can('sla.manage');

  const openCalendar = (id: string) =>
    void navigate({ to: '/sla/calendars/$calendarId', params: { calendarId: id } });

  const columns: Column<Calendar>[] = [
    {
      id: 'name',
      header: t('calendars.fields.name'),
      cell: (calendar) => (
        <AnchorLink
          to="/sla/calendars/$calendarId"
          params={{ calendarId: calendar.id }}
          fw={500}
          size="sm"
        >
          {calendar.name}
        </AnchorLink>
      ),
    },
    {
      id: 'timeZone',
      header: t('calendars.fields.timeZone'),
      cell: (calendar) => calendar.spec.timeZone,
    },
    {
      id: 'version',
      header: t('calendars.fields.versionNumber'),
      cell: (calendar) => t('calendars.versions.number', { number: calendar.versionNumber }),
    },
    {
      id: 'businessDay',
      header: t('calendars.fields.businessDayShort'),
      cell: (calendar) => duration(calendar.businessDayMinutes),
    },
    {
      id: 'week',
      header: t('calendars.fields.weekHours'),
      cell: (calendar) => duration(weekMinutes(calendar.spec.week)),
    },
    {
      id: 'holidays',
      header: t('calendars.fields.holidays'),
      cell: (calendar) => calendar.spec.holidays?.length ?? 0,
      defaultHidden: true,
    },
    {
      id: 'updatedAt',
      header: t('common.updatedAt'),
      cell: (calendar) => <DateTime value={calendar.updatedAt} format="date" />,
    },
  ];

  return (
    <>
      <PageHeader
        title={t('modules.calendars.label')}
        description={t('calendars.description')}
        actions={
          manage && (
            <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={create.open}>
              {t('calendars.create.open')}
            </Button>
          )
        }
      />
      <DataTable
        label={t('modules.calendars.label')}
        storageKey="calendars"
        columns={columns}
        query={query}
        rowKey={(calendar) => calendar.id}
        onOpen={(calendar) => openCalendar(calendar.id)}
        empty={
          <EmptyState
            icon={<IconCalendarTime size={28} aria-hidden />}
            title={t('calendars.empty.title')}
            description={t('calendars.empty.description')}
            withIndicatorBackground
          >
            {manage && (
              <EmptyState.Actions>
                <Button onClick={create.open}>{t('calendars.create.open')}</Button>
              </EmptyState.Actions>
            )}
          </EmptyState>
        }
      />
      {manage && (
        <CalendarCreateDialog
          opened={createOpened}
          onClose={create.close}
          onCreated={(calendar) => openCalendar(calendar.id)}
        />
      )}
    </>
  );
}
