import { ActionIcon, Button, Group, Stack, Switch, Table, Text, TextInput } from '@mantine/core';
import { IconCopy, IconPlus, IconX } from '@tabler/icons-react';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { type Intervals, WEEKDAYS, type Weekday } from '../../api/types';
import { useDurationFormat } from '../../ui/durations';
import { FieldError } from './field-error';
import {
  errorAt,
  type IntervalProblem,
  intervalsMinutes,
  nextInterval,
  parseTime,
  type Week,
  WORKING_DAYS,
  weekMinutes,
} from './spec';

// The week grid: one row a day, each with its working intervals as pairs of times. A day with no
// interval is closed. The same intervals editor serves the exceptions (a date with its own hours).

type Errors = Record<string, unknown>;

interface TimeFieldProps {
  value: string;
  onChange: (value: string) => void;
  label: string;
  invalid: boolean;
  describedBy?: string;
  disabled?: boolean;
}

/** "HH:MM", forgiving on input ("9", "9h30", "0930" become "09:00", "09:30"). */
function TimeField({ value, onChange, label, invalid, describedBy, disabled }: TimeFieldProps) {
  return (
    <TextInput
      aria-label={label}
      value={value}
      onChange={(event) => onChange(event.currentTarget.value)}
      onBlur={() => {
        const parsed = parseTime(value);
        if (parsed && parsed !== value) onChange(parsed);
      }}
      placeholder="09:00"
      maxLength={5}
      w={72}
      size="sm"
      error={invalid}
      aria-invalid={invalid || undefined}
      aria-describedby={describedBy}
      disabled={disabled}
      autoComplete="off"
      spellCheck={false}
      styles={{ input: { textAlign: 'center', fontVariantNumeric: 'tabular-nums' } }}
    />
  );
}

interface IntervalsEditorProps {
  /** The day or date, for the accessible names of the fields ("Monday, interval 1, start"). */
  label: string;
  value: Intervals;
  onChange: (value: Intervals) => void;
  /** Form path of the list (`week.mon`, `exceptions.2.hours`), to find its errors. */
  path: string;
  errors: Errors;
  readOnly?: boolean;
  closedLabel?: string;
}

export function IntervalsEditor(props: IntervalsEditorProps) {
  const { label, value, onChange, path, errors, readOnly } = props;
  const { t } = useTranslation();
  const baseId = useId();
  if (readOnly) return <IntervalsText intervals={value} closedLabel={props.closedLabel} />;
  const addText = value.length === 0 ? t('calendars.week.addHours') : t('calendars.week.add');
  const problemText = (problem: unknown) =>
    typeof problem === 'string' && problem in PROBLEM_KEYS
      ? t(PROBLEM_KEYS[problem as IntervalProblem])
      : String(problem);
  const setAt = (index: number, position: 0 | 1, time: string) =>
    onChange(
      value.map((interval, at) =>
        at === index
          ? position === 0
            ? [time, interval[1] ?? '']
            : [interval[0] ?? '', time]
          : interval,
      ),
    );
  return (
    <Stack gap={6}>
      {value.length === 0 && (
        <Text size="sm" c="dimmed">
          {props.closedLabel ?? t('calendars.week.closed')}
        </Text>
      )}
      {value.map((interval, index) => {
        const error = errorAt(errors, `${path}.${index}`);
        const errorId = `${baseId}-${index}-error`;
        const position = { label, number: index + 1 };
        return (
          // biome-ignore lint/suspicious/noArrayIndexKey: intervals are edited in place by position
          <Stack key={index} gap={2}>
            <Group gap={6} wrap="nowrap">
              <TimeField
                label={t('calendars.week.start', position)}
                value={interval[0] ?? ''}
                onChange={(time) => setAt(index, 0, time)}
                invalid={!!error}
                describedBy={error ? errorId : undefined}
              />
              <Text span c="dimmed" aria-hidden>
                –
              </Text>
              <TimeField
                label={t('calendars.week.end', position)}
                value={interval[1] ?? ''}
                onChange={(time) => setAt(index, 1, time)}
                invalid={!!error}
                describedBy={error ? errorId : undefined}
              />
              <ActionIcon
                variant="subtle"
                color="gray"
                aria-label={t('calendars.week.remove', position)}
                onClick={() => onChange(value.filter((_, at) => at !== index))}
              >
                <IconX size={16} aria-hidden />
              </ActionIcon>
            </Group>
            {error && (
              <FieldError id={errorId} size="xs">
                {problemText(error)}
              </FieldError>
            )}
          </Stack>
        );
      })}
      <div>
        <Button
          variant="subtle"
          size="compact-sm"
          leftSection={<IconPlus size={14} aria-hidden />}
          onClick={() => onChange([...value, nextInterval(value)])}
          aria-label={t('calendars.week.addFor', { label, action: addText })}
        >
          {addText}
        </Button>
      </div>
    </Stack>
  );
}

const PROBLEM_KEYS = {
  startFormat: 'calendars.problems.startFormat',
  endFormat: 'calendars.problems.endFormat',
  endBeforeStart: 'calendars.problems.endBeforeStart',
  overlap: 'calendars.problems.overlap',
} as const;

export function IntervalsText({
  intervals,
  closedLabel,
}: {
  intervals: Intervals;
  closedLabel?: string;
}) {
  const { t } = useTranslation();
  if (intervals.length === 0) {
    return (
      <Text span size="sm" c="dimmed">
        {closedLabel ?? t('calendars.week.closed')}
      </Text>
    );
  }
  return (
    <Text span size="sm" style={{ fontVariantNumeric: 'tabular-nums' }}>
      {intervals.map(([start, end]) => `${start}–${end}`).join(', ')}
    </Text>
  );
}

/** "09:00–12:30, 13:30–18:00" or "closed", as plain text (conflict panel, history). */
export function intervalsSummary(intervals: Intervals, closed: string): string {
  return intervals.length === 0
    ? closed
    : intervals.map(([start, end]) => `${start}–${end}`).join(', ');
}

interface WeekEditorProps {
  value: Week;
  onChange: (day: Weekday, intervals: Intervals) => void;
  onCopyMonday?: () => void;
  errors: Errors;
  readOnly?: boolean;
}

export function WeekEditor({ value, onChange, onCopyMonday, errors, readOnly }: WeekEditorProps) {
  const { t } = useTranslation();
  const duration = useDurationFormat();
  const weekError = errorAt(errors, 'week', { deep: false });
  return (
    <Stack gap="sm">
      <Table
        verticalSpacing={8}
        horizontalSpacing="xs"
        aria-label={t('calendars.week.title')}
        withRowBorders
      >
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col" w={150}>
              {t('calendars.week.day')}
            </Table.Th>
            <Table.Th scope="col">{t('calendars.week.hours')}</Table.Th>
            <Table.Th scope="col" ta="right" w={100}>
              {t('calendars.week.total')}
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {WEEKDAYS.map((day) => {
            const intervals = value[day];
            const dayName = t(`calendars.days.${day}`);
            return (
              <Table.Tr key={day}>
                <Table.Th scope="row" fw={500} style={{ verticalAlign: 'top' }}>
                  {readOnly ? (
                    dayName
                  ) : (
                    <Switch
                      label={dayName}
                      checked={intervals.length > 0}
                      onChange={(event) =>
                        onChange(day, event.currentTarget.checked ? [nextInterval([])] : [])
                      }
                      aria-label={t('calendars.week.openOn', { day: dayName })}
                      mt={6}
                    />
                  )}
                </Table.Th>
                <Table.Td style={{ verticalAlign: 'top' }}>
                  <IntervalsEditor
                    label={dayName}
                    value={intervals}
                    onChange={(next) => onChange(day, next)}
                    path={`week.${day}`}
                    errors={errors}
                    readOnly={readOnly}
                  />
                </Table.Td>
                <Table.Td
                  ta="right"
                  style={{
                    verticalAlign: 'top',
                    fontVariantNumeric: 'tabular-nums',
                    whiteSpace: 'nowrap',
                  }}
                >
                  <Text size="sm" mt={readOnly ? 0 : 6} c={intervals.length ? undefined : 'dimmed'}>
                    {intervals.length ? duration(intervalsMinutes(intervals)) : '—'}
                  </Text>
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
        <Table.Tfoot>
          <Table.Tr>
            <Table.Th scope="row">{t('calendars.week.weekTotal')}</Table.Th>
            <Table.Td />
            <Table.Td
              ta="right"
              fw={600}
              style={{ fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' }}
            >
              {duration(weekMinutes(value))}
            </Table.Td>
          </Table.Tr>
        </Table.Tfoot>
      </Table>
      {weekError && (
        <FieldError size="sm">
          {weekError === 'noWorkingTime' ? t('calendars.problems.noWorkingTime') : weekError}
        </FieldError>
      )}
      {!readOnly && onCopyMonday && (
        <Group gap="xs">
          <Button
            variant="default"
            size="xs"
            leftSection={<IconCopy size={14} aria-hidden />}
            onClick={onCopyMonday}
            disabled={WORKING_DAYS.every(
              (day) => JSON.stringify(value[day]) === JSON.stringify(value.mon),
            )}
          >
            {t('calendars.week.copyMonday')}
          </Button>
        </Group>
      )}
    </Stack>
  );
}
