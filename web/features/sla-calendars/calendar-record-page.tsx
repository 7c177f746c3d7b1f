import {
  Alert,
  Box,
  Button,
  Group,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconDownload, IconFileImport, IconInfoCircle, IconTrash } from '@tabler/icons-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import type { TFunction } from 'i18next';
import { type ReactNode, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { isVersionConflict } from '../../api/client';
import {
  type Calendar,
  type CalendarException,
  type CalendarSpec,
  type Intervals,
  WEEKDAYS,
  type Weekday,
} from '../../api/types';
import { ConfirmDialog } from '../../ui/confirm-dialog';
import { DateTime } from '../../ui/dates';
import { useDurationFormat } from '../../ui/durations';
import { HistoryTimeline } from '../../ui/history-timeline';
import { notify } from '../../ui/notify';
import { Fact, Facts, PageHeader, RecordLayout, Section } from '../../ui/page';
import { RecordNotices, UnsavedChangesGuard, useRecordForm } from '../../ui/record-form';
import { RecordError, RecordSkeleton } from '../../ui/record-states';
import { timeZoneOptions } from '../../ui/time-zones';
import { usePermissions } from '../auth/session';
import {
  calendarQuery,
  calendarsKeys,
  deleteCalendar,
  holidaysIcsUrl,
  type NewCalendar,
  updateCalendar,
} from './api';
import { ExceptionsEditor } from './exceptions-editor';
import { errorScopeClass } from './field-error';
import { HolidaysEditor } from './holidays-editor';
import { IcsImportDialog } from './ics-import-dialog';
import { SlaDatesProvider } from './sla-dates';
import {
  errorAt,
  intervalsMinutes,
  specOf,
  specProblems,
  specValuesOf,
  type Week,
  WORKING_DAYS,
  weekMinutes,
  withoutErrors,
} from './spec';
import { TryIt } from './try-it';
import { VersionsPanel } from './versions-panel';
import { intervalsSummary, WeekEditor } from './week-editor';

const route = getRouteApi('/app/sla/calendars/$calendarId');

export function CalendarRecordPage() {
  const { t } = useTranslation();
  const { calendarId } = route.useParams();
  const query = useQuery(calendarQuery(calendarId));
  if (query.isPending) return <RecordSkeleton />;
  if (query.isError) {
    return (
      <>
        <PageHeader
          title={t('modules.calendars.label')}
          crumbs={[{ label: t('modules.calendars.label'), to: '/sla/calendars' }]}
        />
        <RecordError
          error={query.error}
          onRetry={() => void query.refetch()}
          backTo="/sla/calendars"
          backLabel={t('calendars.backToList')}
        />
      </>
    );
  }
  return (
    <SlaDatesProvider>
      <div className={errorScopeClass}>
        <CalendarRecord calendar={query.data} refetch={async () => (await query.refetch()).data} />
      </div>
    </SlaDatesProvider>
  );
}

interface FormValues extends Record<string, unknown> {
  name: string;
  description: string;
  businessDayMinutes: number | string;
  timeZone: string;
  week: Week;
  holidays: string[];
  exceptions: CalendarException[];
}

const SPEC_FIELDS = ['timeZone', 'week', 'holidays', 'exceptions'] as const;
const FIELDS = ['name', 'description', 'businessDayMinutes', ...SPEC_FIELDS] as const;

const toValues = (calendar: Calendar): FormValues => ({
  name: calendar.name,
  description: calendar.description,
  businessDayMinutes: calendar.businessDayMinutes,
  ...specValuesOf(calendar.spec),
});

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

function fieldLabelOf(field: string, t: TFunction): string {
  if ((FIELDS as readonly string[]).includes(field)) {
    return t(`calendars.fields.${field as (typeof FIELDS)[number]}`);
  }
  if (field === 'spec') return t('calendars.fields.spec');
  if (field === 'versionNumber') return t('calendars.fields.versionNumber');
  return field;
}

/** One line for a week: "Mon–Fri 09:00–18:00" style, day by day. */
function weekSummary(
  week: Partial<Record<Weekday, Intervals>>,
  t: TFunction,
  days?: readonly Weekday[],
): string {
  const shown = days ?? WEEKDAYS.filter((day) => (week[day] ?? []).length > 0);
  if (shown.length === 0) return t('calendars.week.closedAllWeek');
  return shown
    .map(
      (day) =>
        `${t(`calendars.daysShort.${day}`)} ${intervalsSummary(week[day] ?? [], t('calendars.week.closedInline'))}`,
    )
    .join(' · ');
}

function specSummary(spec: CalendarSpec, t: TFunction, duration: (m: number) => string): string {
  return [
    spec.timeZone,
    t('calendars.summary.week', { duration: duration(weekMinutes(spec.week)) }),
    t('calendars.summary.holidays', { count: spec.holidays?.length ?? 0 }),
    t('calendars.summary.exceptions', { count: spec.exceptions?.length ?? 0 }),
  ].join(' · ');
}

interface CalendarRecordProps {
  calendar: Calendar;
  refetch: () => Promise<Calendar | undefined>;
}

function CalendarRecord({ calendar, refetch }: CalendarRecordProps) {
  const { t } = useTranslation();
  const can = usePermissions();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const duration = useDurationFormat();
  const [deleteOpened, remove] = useDisclosure(false);
  const [importOpened, importDialog] = useDisclosure(false);
  const manage = can('sla.manage');
  const zones = useMemo(() => timeZoneOptions(calendar.spec.timeZone), [calendar.spec.timeZone]);

  const adoptSaved = (saved: Calendar) => {
    queryClient.setQueryData(calendarsKeys.detail(saved.id), saved);
    void queryClient.invalidateQueries({ queryKey: calendarsKeys.lists });
    void queryClient.invalidateQueries({ queryKey: calendarsKeys.versions(saved.id) });
    void queryClient.invalidateQueries({ queryKey: ['audit-events'] });
  };

  const record = useRecordForm({
    record: calendar,
    toValues,
    validate: {
      name: (value: string) => (value.trim() ? null : t('validation.required')),
      businessDayMinutes: (value: number | string) =>
        Number.isInteger(Number(value)) && Number(value) >= 1 && Number(value) <= 1440
          ? null
          : t('calendars.problems.businessDay'),
    },
    normalize: (values) => ({
      ...values,
      name: values.name.trim(),
      description: values.description.trim(),
      businessDayMinutes: Number(values.businessDayMinutes),
    }),
    save: (changes, version) => {
      const patch: Partial<NewCalendar> = {};
      if (changes.name !== undefined) patch.name = changes.name;
      if (changes.description !== undefined) patch.description = changes.description;
      if (changes.businessDayMinutes !== undefined) {
        patch.businessDayMinutes = Number(changes.businessDayMinutes);
      }
      if (SPEC_FIELDS.some((field) => field in changes)) {
        patch.spec = specOf(record.form.getValues());
      }
      return updateCalendar(calendar.id, patch, version);
    },
    reload: refetch,
    onSaved: (saved) => {
      adoptSaved(saved);
      if (saved.versionNumber > calendar.versionNumber) {
        notify({
          color: 'green',
          title: t('calendars.saved.versionTitle', { version: saved.versionNumber }),
          message: t('calendars.saved.versionMessage'),
        });
      } else {
        notify({ color: 'green', message: t('record.saved') });
      }
    },
  });
  const { form } = record;
  const values = form.values;
  const initial = form.getInitialValues();
  const specDirty = SPEC_FIELDS.some((field) => !same(values[field], initial[field]));

  const clearErrors = (path: string) => form.setErrors(withoutErrors(form.errors, path));
  const setDay = (day: Weekday, intervals: Intervals) => {
    form.setFieldValue(`week.${day}`, intervals);
    form.setErrors(withoutErrors(withoutErrors(form.errors, `week.${day}`), 'week'));
  };

  const submit = (event?: React.FormEvent<HTMLFormElement>) => {
    event?.preventDefault();
    const problems = specProblems(values);
    if (Object.keys(problems).length > 0) {
      form.setErrors({ ...form.validate().errors, ...problems });
      notify({ color: 'red', message: t('calendars.problems.fix') });
      return;
    }
    record.submit();
  };

  const fieldLabel = (field: string) => fieldLabelOf(field, t);
  const formatValue = (field: string, value: unknown): ReactNode => {
    if (field === 'week') {
      // Only the days on which the two versions differ matter to the person deciding.
      const theirs = record.conflict?.theirs.week;
      const days = theirs
        ? WEEKDAYS.filter((day) => !same(values.week[day], theirs[day]))
        : [...WEEKDAYS];
      const week = value as Week;
      return weekSummary(
        Object.fromEntries(days.map((day) => [day, week[day]])) as Partial<Week>,
        t,
        days,
      );
    }
    if (field === 'holidays') {
      return t('calendars.summary.holidays', { count: (value as string[]).length });
    }
    if (field === 'exceptions') {
      return t('calendars.summary.exceptions', {
        count: (value as CalendarException[]).length,
      });
    }
    if (field === 'businessDayMinutes') return duration(Number(value));
    return value === null || value === '' ? '—' : String(value);
  };
  const formatHistoryValue = (field: string, value: unknown): ReactNode | undefined => {
    if (value === null || value === undefined) return undefined;
    if (field === 'spec') return specSummary(value as CalendarSpec, t, duration);
    if (field === 'businessDayMinutes') return duration(Number(value));
    return undefined;
  };

  const mondayMinutes = intervalsMinutes(values.week.mon);
  const businessDay = Number(values.businessDayMinutes);

  return (
    <>
      <UnsavedChangesGuard when={record.dirty} />
      <PageHeader
        title={calendar.name}
        crumbs={[{ label: t('modules.calendars.label'), to: '/sla/calendars' }]}
        meta={
          <Text size="sm" c="dimmed">
            {t('calendars.meta', {
              version: calendar.versionNumber,
              zone: calendar.spec.timeZone,
              day: duration(calendar.businessDayMinutes),
            })}
          </Text>
        }
        actions={
          manage && (
            <Button
              variant="default"
              color="red"
              leftSection={<IconTrash size={16} aria-hidden />}
              onClick={remove.open}
            >
              {t('actions.delete')}
            </Button>
          )
        }
      />
      <RecordLayout
        main={
          <>
            <form onSubmit={submit} noValidate aria-label={t('calendars.formLabel')}>
              <Stack gap="lg">
                <Section title={t('record.details')}>
                  <Stack gap="sm">
                    <TextInput
                      label={t('calendars.fields.name')}
                      required
                      disabled={!manage}
                      {...form.getInputProps('name')}
                    />
                    <Textarea
                      label={t('calendars.fields.description')}
                      autosize
                      minRows={1}
                      maxRows={6}
                      disabled={!manage}
                      {...form.getInputProps('description')}
                    />
                    <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
                      <Select
                        label={t('calendars.fields.timeZone')}
                        description={t('calendars.timeZoneHint')}
                        data={zones}
                        searchable
                        allowDeselect={false}
                        nothingFoundMessage={t('common.nothingFound')}
                        disabled={!manage}
                        {...form.getInputProps('timeZone')}
                        error={errorAt(form.errors, 'timeZone')}
                        onChange={(value) => {
                          form.setFieldValue('timeZone', value ?? '');
                          clearErrors('timeZone');
                        }}
                      />
                      <NumberInput
                        label={t('calendars.fields.businessDayMinutes')}
                        description={
                          Number.isFinite(businessDay) && businessDay > 0
                            ? t('calendars.businessDayHint', {
                                duration: duration(businessDay),
                                monday: duration(mondayMinutes),
                              })
                            : undefined
                        }
                        min={1}
                        max={1440}
                        step={15}
                        allowDecimal={false}
                        suffix={` ${t('calendars.units.minutesShort')}`}
                        disabled={!manage}
                        {...form.getInputProps('businessDayMinutes')}
                      />
                    </SimpleGrid>
                  </Stack>
                </Section>
                <Section title={t('calendars.week.title')}>
                  <WeekEditor
                    value={values.week}
                    onChange={setDay}
                    onCopyMonday={() => {
                      for (const day of WORKING_DAYS) {
                        if (day !== 'mon')
                          setDay(
                            day,
                            values.week.mon.map((i) => [...i]),
                          );
                      }
                    }}
                    errors={form.errors}
                    readOnly={!manage}
                  />
                </Section>
                <Section
                  title={t('calendars.holidays.title')}
                  actions={
                    <Group gap="xs">
                      {manage && (
                        <Button
                          variant="default"
                          size="xs"
                          leftSection={<IconFileImport size={14} aria-hidden />}
                          onClick={importDialog.open}
                          disabled={record.dirty}
                          title={record.dirty ? t('calendars.import.saveFirst') : undefined}
                        >
                          {t('calendars.import.open')}
                        </Button>
                      )}
                      <Button
                        component="a"
                        href={holidaysIcsUrl(calendar.id)}
                        download
                        variant="default"
                        size="xs"
                        leftSection={<IconDownload size={14} aria-hidden />}
                      >
                        {t('calendars.export')}
                      </Button>
                    </Group>
                  }
                >
                  <HolidaysEditor
                    value={values.holidays}
                    onChange={(holidays) => {
                      form.setFieldValue('holidays', holidays);
                      clearErrors('holidays');
                    }}
                    errors={form.errors}
                    readOnly={!manage}
                  />
                </Section>
                <Section title={t('calendars.exceptions.title')}>
                  <Text size="sm" c="dimmed" mb="sm">
                    {t('calendars.exceptions.description')}
                  </Text>
                  <ExceptionsEditor
                    value={values.exceptions}
                    onChange={(exceptions) => {
                      form.setFieldValue('exceptions', exceptions);
                      form.setErrors(
                        withoutErrors(withoutErrors(form.errors, 'exceptions'), 'week'),
                      );
                    }}
                    week={values.week}
                    errors={form.errors}
                    readOnly={!manage}
                  />
                </Section>
                {manage && (
                  <Box
                    py="sm"
                    style={{
                      position: 'sticky',
                      bottom: 0,
                      zIndex: 3,
                      background: 'var(--mantine-color-body)',
                      borderTop: '1px solid var(--mantine-color-default-border)',
                    }}
                  >
                    <Stack gap="xs">
                      {/* Next to the save button, where the user is looking after saving. */}
                      <RecordNotices
                        record={record}
                        fieldLabel={fieldLabel}
                        formatValue={formatValue}
                      />
                      {specDirty && (
                        <Alert
                          variant="light"
                          color="blue"
                          icon={<IconInfoCircle aria-hidden />}
                          p="xs"
                        >
                          <Text size="sm">
                            {t('calendars.newVersionHint', {
                              next: calendar.versionNumber + 1,
                              current: calendar.versionNumber,
                            })}
                          </Text>
                        </Alert>
                      )}
                      <Group gap="xs">
                        <Button type="submit" loading={record.saving} disabled={!record.dirty}>
                          {specDirty
                            ? t('calendars.saveVersion', { next: calendar.versionNumber + 1 })
                            : t('actions.save')}
                        </Button>
                        <Button
                          variant="default"
                          onClick={record.discard}
                          disabled={!record.dirty || record.saving}
                        >
                          {t('actions.discard')}
                        </Button>
                        {record.dirty && (
                          <Text size="sm" c="dimmed">
                            {t('record.unsavedHint')}
                          </Text>
                        )}
                      </Group>
                    </Stack>
                  </Box>
                )}
              </Stack>
            </form>
            <Section title={t('history.title')}>
              <HistoryTimeline
                entity={`sla_calendar:${calendar.id}`}
                fieldLabel={fieldLabel}
                formatValue={formatHistoryValue}
                omitFields={['versionId']}
              />
            </Section>
          </>
        }
        side={
          <>
            <Section title={t('record.facts')}>
              <Facts>
                <Fact label={t('calendars.fields.versionNumber')}>
                  {t('calendars.versions.number', { number: calendar.versionNumber })}
                </Fact>
                <Fact label={t('calendars.fields.timeZone')}>{calendar.spec.timeZone}</Fact>
                <Fact label={t('calendars.fields.weekHours')}>
                  {duration(weekMinutes(calendar.spec.week))}
                </Fact>
                <Fact label={t('calendars.fields.businessDayMinutes')}>
                  {duration(calendar.businessDayMinutes)}
                </Fact>
                <Fact label={t('calendars.fields.holidays')}>
                  {calendar.spec.holidays?.length ?? 0}
                </Fact>
                <Fact label={t('common.createdAt')}>
                  <DateTime value={calendar.createdAt} />
                </Fact>
                <Fact label={t('common.updatedAt')}>
                  <DateTime value={calendar.updatedAt} />
                </Fact>
              </Facts>
            </Section>
            <Section title={t('calendars.tryIt.title')}>
              <TryIt calendar={calendar} dirty={specDirty} />
            </Section>
            <Section title={t('calendars.versions.title')}>
              <VersionsPanel calendar={calendar} />
            </Section>
          </>
        }
      />
      {manage && (
        <IcsImportDialog
          opened={importOpened}
          onClose={importDialog.close}
          calendar={calendar}
          onImported={(result) => adoptSaved(result.calendar)}
          onStale={() => void refetch()}
        />
      )}
      <ConfirmDialog
        opened={deleteOpened}
        onClose={remove.close}
        title={t('calendars.delete.title', { name: calendar.name })}
        description={t('calendars.delete.description')}
        confirmLabel={t('actions.delete')}
        danger
        onConfirm={async () => {
          try {
            await deleteCalendar(calendar.id, calendar.version);
          } catch (error) {
            if (isVersionConflict(error)) await refetch();
            throw error;
          }
          queryClient.removeQueries({ queryKey: calendarsKeys.detail(calendar.id) });
          void queryClient.invalidateQueries({ queryKey: calendarsKeys.lists });
          notify({
            color: 'green',
            message: t('calendars.delete.done', { name: calendar.name }),
          });
          await navigate({ to: '/sla/calendars' });
        }}
      />
    </>
  );
}
