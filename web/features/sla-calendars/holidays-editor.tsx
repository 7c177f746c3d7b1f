import { Button, Group, Pill, Stack, Text, Title } from '@mantine/core';
import { DateInput } from '@mantine/dates';
import { IconPlus } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FieldError, fieldErrorClass } from './field-error';
import { errorAt, isDate } from './spec';
import { useDayFormat } from './zoned';

// Holidays: whole dates on which the calendar is closed, grouped by year.

interface HolidaysEditorProps {
  value: string[];
  onChange: (value: string[]) => void;
  errors: Record<string, unknown>;
  readOnly?: boolean;
  /** Level of the per-year headings (4 inside a dialog whose sections are level 3). */
  yearHeadingOrder?: 3 | 4;
}

export function HolidaysEditor(props: HolidaysEditorProps) {
  const { value, onChange, errors, readOnly, yearHeadingOrder = 3 } = props;
  const { t } = useTranslation();
  const day = useDayFormat('short');
  const longDay = useDayFormat('long');
  const [date, setDate] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const years = useMemo(() => {
    const groups = new Map<string, { date: string; index: number }[]>();
    value.forEach((holiday, index) => {
      const year = holiday.slice(0, 4);
      groups.set(year, [...(groups.get(year) ?? []), { date: holiday, index }]);
    });
    return [...groups.entries()];
  }, [value]);

  const add = () => {
    if (!date || !isDate(date)) {
      setError(t('calendars.holidays.pickDate'));
      return;
    }
    if (value.includes(date)) {
      setError(t('calendars.holidays.duplicate', { date: longDay(date) }));
      return;
    }
    onChange([...value, date].sort());
    setDate(null);
    setError(null);
  };

  return (
    <Stack gap="sm">
      {!readOnly && (
        <Group gap="xs" align="flex-start" wrap="wrap">
          <DateInput
            label={t('calendars.holidays.date')}
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
            popoverProps={{ withinPortal: true }}
          />
          <Button
            variant="default"
            leftSection={<IconPlus size={16} aria-hidden />}
            onClick={add}
            mt={25}
          >
            {t('calendars.holidays.add')}
          </Button>
        </Group>
      )}
      {value.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('calendars.holidays.empty')}
        </Text>
      ) : (
        years.map(([year, dates]) => (
          <Stack key={year} gap={6}>
            <Title order={yearHeadingOrder} fz="sm" fw={600}>
              {t('calendars.holidays.year', { year, count: dates.length })}
            </Title>
            <Group gap={6} component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
              {dates.map(({ date: holiday, index }) => {
                const problem = errorAt(errors, `holidays.${index}`);
                return (
                  <li key={holiday}>
                    <Pill
                      size="md"
                      withRemoveButton={!readOnly}
                      onRemove={() => onChange(value.filter((item) => item !== holiday))}
                      removeButtonProps={{
                        'aria-label': t('calendars.holidays.remove', { date: longDay(holiday) }),
                      }}
                      title={problem ?? longDay(holiday)}
                      className={problem ? fieldErrorClass : undefined}
                    >
                      <time dateTime={holiday}>{day(holiday)}</time>
                    </Pill>
                  </li>
                );
              })}
            </Group>
          </Stack>
        ))
      )}
      {Object.keys(errors).some((key) => /^(spec\.)?holidays(\.|$)/.test(key)) && (
        <FieldError size="sm">{errorAt(errors, 'holidays')}</FieldError>
      )}
    </Stack>
  );
}
