import {
  ActionIcon,
  Button,
  Group,
  List,
  Modal,
  Skeleton,
  Stack,
  Text,
  Title,
  Tooltip,
} from '@mantine/core';
import { IconEye } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Calendar, CalendarVersion } from '../../api/types';
import { DateTime } from '../../ui/dates';
import { ProblemAlert } from '../../ui/problem';
import { StatusBadge } from '../../ui/status-badge';
import { calendarVersionsQuery } from './api';
import { ExceptionsEditor } from './exceptions-editor';
import { HolidaysEditor } from './holidays-editor';
import { type SpecChange, specChanges, specValuesOf } from './spec';
import { intervalsSummary, WeekEditor } from './week-editor';
import { useDayFormat } from './zoned';

// Every version of a calendar, newest first. Clocks keep the version they ran under, so old
// versions stay readable: what the hours were, and what each version changed.

const SHOWN = 5;

export function VersionsPanel({ calendar }: { calendar: Calendar }) {
  const { t } = useTranslation();
  const query = useQuery(calendarVersionsQuery(calendar.id));
  const [all, setAll] = useState(false);
  const [viewing, setViewing] = useState<CalendarVersion | null>(null);
  if (query.isPending) {
    return (
      <Stack gap="xs" aria-busy>
        <Skeleton height={14} width="70%" />
        <Skeleton height={14} width="50%" />
      </Stack>
    );
  }
  if (query.isError) {
    return <ProblemAlert error={query.error} onRetry={() => void query.refetch()} />;
  }
  const versions = query.data;
  const shown = all ? versions : versions.slice(0, SHOWN);
  const previousOf = (version: CalendarVersion) =>
    versions.find((candidate) => candidate.number === version.number - 1);
  return (
    <Stack gap="sm">
      <Stack gap="xs" component="ol" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
        {shown.map((version) => {
          const current = version.id === calendar.versionId;
          const previous = previousOf(version);
          const changes = previous ? specChanges(previous.spec, version.spec) : [];
          return (
            <li key={version.id}>
              <Group justify="space-between" gap="xs" wrap="nowrap" align="flex-start">
                <div style={{ minWidth: 0 }}>
                  <Group gap={6}>
                    <Text size="sm" fw={600}>
                      {t('calendars.versions.number', { number: version.number })}
                    </Text>
                    {current && (
                      <StatusBadge tone="done" size="xs" label={t('calendars.versions.current')} />
                    )}
                  </Group>
                  <Text size="xs" c="dimmed">
                    {t('calendars.versions.by', { name: version.createdBy })} ·{' '}
                    <DateTime value={version.createdAt} format="relative" />
                  </Text>
                  <Text size="xs" c="dimmed">
                    {previous
                      ? t('calendars.versions.changeCount', { count: changes.length })
                      : t('calendars.versions.first')}
                  </Text>
                </div>
                <Tooltip label={t('calendars.versions.viewLabel', { number: version.number })}>
                  <ActionIcon
                    variant="subtle"
                    onClick={() => setViewing(version)}
                    aria-label={t('calendars.versions.viewLabel', { number: version.number })}
                  >
                    <IconEye size={18} aria-hidden />
                  </ActionIcon>
                </Tooltip>
              </Group>
            </li>
          );
        })}
      </Stack>
      {versions.length > SHOWN && (
        <div>
          <Button variant="subtle" size="compact-xs" onClick={() => setAll((value) => !value)}>
            {all
              ? t('calendars.versions.showFewer')
              : t('calendars.versions.showAll', { count: versions.length })}
          </Button>
        </div>
      )}
      <Modal
        opened={viewing !== null}
        onClose={() => setViewing(null)}
        title={
          viewing
            ? t('calendars.versions.viewTitle', { number: viewing.number, name: calendar.name })
            : ''
        }
        size="xl"
        closeButtonProps={{ 'aria-label': t('actions.close') }}
      >
        {viewing && (
          <VersionView
            version={viewing}
            previous={previousOf(viewing)}
            current={viewing.id === calendar.versionId}
          />
        )}
      </Modal>
    </Stack>
  );
}

function VersionView({
  version,
  previous,
  current,
}: {
  version: CalendarVersion;
  previous?: CalendarVersion;
  current: boolean;
}) {
  const { t } = useTranslation();
  const values = specValuesOf(version.spec);
  return (
    <Stack gap="md">
      <Text size="sm" c="dimmed">
        {t('calendars.versions.madeBy', { name: version.createdBy })} ·{' '}
        <DateTime value={version.createdAt} /> ·{' '}
        {current ? t('calendars.versions.currentReadOnly') : t('calendars.versions.readOnly')}
      </Text>
      {previous && (
        <Stack gap={4}>
          <Title order={3} fz="sm">
            {t('calendars.versions.changesFrom', { number: previous.number })}
          </Title>
          <ChangeList changes={specChanges(previous.spec, version.spec)} />
        </Stack>
      )}
      <Text size="sm">{t('calendars.versions.timeZone', { zone: version.spec.timeZone })}</Text>
      <Stack gap={4}>
        <Title order={3} fz="sm">
          {t('calendars.week.title')}
        </Title>
        <WeekEditor value={values.week} onChange={() => undefined} errors={{}} readOnly />
      </Stack>
      <Stack gap={4}>
        <Title order={3} fz="sm">
          {t('calendars.holidays.title')}
        </Title>
        <HolidaysEditor
          value={values.holidays}
          onChange={() => undefined}
          errors={{}}
          readOnly
          yearHeadingOrder={4}
        />
      </Stack>
      <Stack gap={4}>
        <Title order={3} fz="sm">
          {t('calendars.exceptions.title')}
        </Title>
        <ExceptionsEditor
          value={values.exceptions}
          onChange={() => undefined}
          week={values.week}
          errors={{}}
          readOnly
        />
      </Stack>
    </Stack>
  );
}

const MAX_DATES = 8;

export function ChangeList({ changes }: { changes: SpecChange[] }) {
  const { t } = useTranslation();
  const day = useDayFormat('short');
  const closed = t('calendars.week.closedInline');
  const dates = (list: string[]) =>
    list.length > MAX_DATES
      ? `${list.slice(0, MAX_DATES).map(day).join(', ')} ${t('calendars.versions.andMore', {
          count: list.length - MAX_DATES,
        })}`
      : list.map(day).join(', ');
  if (changes.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        {t('calendars.versions.noChanges')}
      </Text>
    );
  }
  return (
    <List size="sm" spacing={2}>
      {changes.map((change) => {
        let text: string;
        switch (change.kind) {
          case 'timeZone':
            text = t('calendars.changes.timeZone', change);
            break;
          case 'day':
            text = t('calendars.changes.day', {
              day: t(`calendars.days.${change.day}`),
              from: intervalsSummary(change.from, closed),
              to: intervalsSummary(change.to, closed),
            });
            break;
          case 'holidaysAdded':
            text = t('calendars.changes.holidaysAdded', {
              count: change.dates.length,
              dates: dates(change.dates),
            });
            break;
          case 'holidaysRemoved':
            text = t('calendars.changes.holidaysRemoved', {
              count: change.dates.length,
              dates: dates(change.dates),
            });
            break;
          case 'exceptionAdded':
            text = t('calendars.changes.exceptionAdded', {
              date: day(change.date),
              hours: intervalsSummary(change.hours, closed),
            });
            break;
          case 'exceptionRemoved':
            text = t('calendars.changes.exceptionRemoved', { date: day(change.date) });
            break;
          case 'exceptionChanged':
            text = t('calendars.changes.exceptionChanged', {
              date: day(change.date),
              from: intervalsSummary(change.from, closed),
              to: intervalsSummary(change.to, closed),
            });
            break;
        }
        return <List.Item key={`${change.kind}-${text}`}>{text}</List.Item>;
      })}
    </List>
  );
}
