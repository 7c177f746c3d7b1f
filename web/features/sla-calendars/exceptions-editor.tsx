import { ActionIcon, Button, Group, Stack, Table, Text, VisuallyHidden } from '@mantine/core';
import { DateInput } from '@mantine/dates';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CalendarException, Intervals } from '../../api/types';
import { WEEKDAYS } from '../../api/types';
import { errorAt, isDate, type Week } from './spec';
import { IntervalsEditor, IntervalsText } from './week-editor';
import { useDayFormat, useWeekdayName } from './zoned';

// Exceptions: a date with its own working hours (a half day on 24 December), or none (closed).

interface ExceptionsEditorProps {
  value: CalendarException[];
  onChange: (value: CalendarException[]) => void;
  week: Week;
  errors: Record<string, unknown>;
  readOnly?: boolean;
}

function weekdayOf(date: string) {
  const day = new Date(`${date}T00:00:00Z`).getUTCDay();
  return WEEKDAYS[(day + 6) % 7];
}

export function ExceptionsEditor({
  value,
  onChange,
  week,
  errors,
  readOnly,
}: ExceptionsEditorProps) {
  const { t } = useTranslation();
  const longDay = useDayFormat('long');
  const weekdayName = useWeekdayName();
  const [date, setDate] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const add = () => {
    if (!date || !isDate(date)) {
      setError(t('calendars.holidays.pickDate'));
      return;
    }
    if (value.some((exception) => exception.date === date)) {
      setError(t('calendars.exceptions.duplicate', { date: longDay(date) }));
      return;
    }
    onChange([...value, { date, hours: [] }]);
    setDate(null);
    setError(null);
  };

  const setHours = (index: number, hours: Intervals) =>
    onChange(value.map((exception, at) => (at === index ? { ...exception, hours } : exception)));
  const problemText = (problem: string) =>
    problem === 'dateFormat'
      ? t('calendars.problems.dateFormat')
      : problem === 'duplicateException'
        ? t('calendars.problems.duplicateException')
        : problem;

  return (
    <Stack gap="sm">
      {value.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('calendars.exceptions.empty')}
        </Text>
      ) : (
        <Table
          verticalSpacing={8}
          horizontalSpacing="xs"
          aria-label={t('calendars.exceptions.title')}
        >
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col" w={190}>
                {t('calendars.exceptions.date')}
              </Table.Th>
              <Table.Th scope="col">{t('calendars.week.hours')}</Table.Th>
              {!readOnly && (
                <Table.Th scope="col" w={44}>
                  <VisuallyHidden>{t('common.actions')}</VisuallyHidden>
                </Table.Th>
              )}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {value.map((exception, index) => {
              const label = isDate(exception.date) ? longDay(exception.date) : exception.date;
              const dateError = errorAt(errors, `exceptions.${index}.date`);
              const weekday = isDate(exception.date) ? weekdayOf(exception.date) : undefined;
              return (
                // biome-ignore lint/suspicious/noArrayIndexKey: rows are edited in place by position
                <Table.Tr key={index}>
                  <Table.Td style={{ verticalAlign: 'top' }}>
                    {readOnly ? (
                      <Text size="sm" fw={500}>
                        {label}
                      </Text>
                    ) : (
                      <DateInput
                        aria-label={t('calendars.exceptions.dateOf', { number: index + 1 })}
                        value={exception.date}
                        onChange={(next) =>
                          onChange(
                            value.map((item, at) =>
                              at === index ? { ...item, date: next ?? '' } : item,
                            ),
                          )
                        }
                        valueFormat="YYYY-MM-DD"
                        placeholder={t('calendars.datePlaceholder')}
                        error={dateError ? problemText(dateError) : undefined}
                        size="sm"
                        w={150}
                      />
                    )}
                    {weekday && (
                      <Text size="xs" c="dimmed" mt={4}>
                        {t('calendars.exceptions.usually', {
                          day: weekdayName(exception.date),
                          hours:
                            week[weekday].length === 0
                              ? t('calendars.week.closedInline')
                              : week[weekday].map(([s, e]) => `${s}–${e}`).join(', '),
                        })}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td style={{ verticalAlign: 'top' }}>
                    {readOnly ? (
                      <IntervalsText
                        intervals={exception.hours}
                        closedLabel={t('calendars.exceptions.closed')}
                      />
                    ) : (
                      <IntervalsEditor
                        label={label}
                        value={exception.hours}
                        onChange={(hours) => setHours(index, hours)}
                        path={`exceptions.${index}.hours`}
                        errors={errors}
                        closedLabel={t('calendars.exceptions.closed')}
                      />
                    )}
                  </Table.Td>
                  {!readOnly && (
                    <Table.Td style={{ verticalAlign: 'top' }}>
                      <ActionIcon
                        variant="subtle"
                        color="red"
                        aria-label={t('calendars.exceptions.remove', { date: label })}
                        onClick={() => onChange(value.filter((_, at) => at !== index))}
                      >
                        <IconTrash size={16} aria-hidden />
                      </ActionIcon>
                    </Table.Td>
                  )}
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      )}
      {!readOnly && (
        <Group gap="xs" align="flex-start" wrap="wrap">
          <DateInput
            label={t('calendars.exceptions.newDate')}
            value={date}
            onChange={(next) => {
              setDate(next);
              setError(null);
            }}
            valueFormat="YYYY-MM-DD"
            placeholder={t('calendars.datePlaceholder')}
            clearable
            clearButtonProps={{ 'aria-label': t('calendars.clearDate') }}
            error={error}
            w={200}
            onKeyDown={(event) => {
              if (event.key === 'Enter') {
                event.preventDefault();
                add();
              }
            }}
          />
          <Button
            variant="default"
            leftSection={<IconPlus size={16} aria-hidden />}
            onClick={add}
            mt={25}
          >
            {t('calendars.exceptions.add')}
          </Button>
        </Group>
      )}
    </Stack>
  );
}
