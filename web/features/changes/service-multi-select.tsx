import { MultiSelect } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useServiceNames } from '../change-calendar/service-names';

interface ServiceMultiSelectProps {
  label: string;
  description?: ReactNode;
  value: string[];
  onChange: (value: string[]) => void;
  error?: ReactNode;
  disabled?: boolean;
  required?: boolean;
}

/** Several services of the catalogue (affected services, services under change control). */
export function ServiceMultiSelect(props: ServiceMultiSelectProps) {
  const { label, description, value, onChange, error, disabled, required } = props;
  const { t } = useTranslation();
  const { services, name } = useServiceNames();
  const data = services.map((service) => ({ value: service.id, label: service.name }));
  for (const id of value) {
    if (!data.some((option) => option.value === id)) data.push({ value: id, label: name(id) });
  }
  return (
    <MultiSelect
      label={label}
      description={description}
      data={data}
      value={value}
      onChange={onChange}
      searchable
      clearable
      withAsterisk={required}
      placeholder={value.length ? undefined : t('catalogue.pickers.service')}
      nothingFoundMessage={t('common.nothingFound')}
      error={error}
      disabled={disabled}
    />
  );
}

/** "Storefront, Payments" from ids. */
export function ServiceNames({ ids }: { ids: string[] }) {
  const { name } = useServiceNames();
  if (ids.length === 0) return <>—</>;
  return <>{ids.map(name).join(', ')}</>;
}
