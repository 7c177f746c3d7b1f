import { Select } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { calendarPickerQuery, calendarQuery } from './api';

interface CalendarSelectProps {
  label: string;
  description?: ReactNode;
  value: string | null;
  onChange: (value: string | null) => void;
  error?: ReactNode;
  disabled?: boolean;
  required?: boolean;
}

/** Chooses a business calendar (they are few: all of them are offered, with their time zone). */
export function CalendarSelect(props: CalendarSelectProps) {
  const { label, description, value, onChange, error, disabled, required } = props;
  const { t } = useTranslation();
  const query = useQuery(calendarPickerQuery());
  const data = (query.data?.items ?? []).map((calendar) => ({
    value: calendar.id,
    label: `${calendar.name} (${calendar.spec.timeZone})`,
  }));
  if (value && !data.some((option) => option.value === value)) {
    data.unshift({ value, label: t('calendars.unknown') });
  }
  return (
    <Select
      label={label}
      description={description}
      data={data}
      value={value}
      onChange={onChange}
      searchable
      allowDeselect={false}
      placeholder={query.isPending ? t('common.loading') : t('calendars.picker.placeholder')}
      nothingFoundMessage={t('calendars.picker.none')}
      error={error}
      disabled={disabled}
      required={required}
    />
  );
}

/** A calendar's name from its id (cached). */
export function CalendarName({ id }: { id: string }) {
  const { t } = useTranslation();
  const query = useQuery(calendarQuery(id));
  return <>{query.data?.name ?? (query.isError ? t('calendars.unknown') : '…')}</>;
}
