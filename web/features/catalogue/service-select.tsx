import { Select } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { catalogueKeys, type Service, serviceQuery } from './api';

interface ServiceSelectProps {
  label: string;
  value: string | null;
  onChange: (value: string | null) => void;
  error?: ReactNode;
  disabled?: boolean;
  required?: boolean;
  clearable?: boolean;
  placeholder?: string;
  'aria-label'?: string;
  w?: number;
}

/** Chooses a service of the catalogue (a catalogue has tens of services: all are offered). */
export function ServiceSelect(props: ServiceSelectProps) {
  const { label, value, onChange, error, disabled, required, clearable, placeholder, w } = props;
  const { t } = useTranslation();
  const query = useQuery({
    queryKey: [...catalogueKeys.serviceLists, 'picker'],
    queryFn: ({ signal }) => api.list<Service>('/api/v1/services', { limit: 200 }, signal),
    staleTime: 30_000,
  });
  const data = (query.data?.items ?? []).map((service) => ({
    value: service.id,
    label: service.name,
  }));
  if (value && !data.some((option) => option.value === value)) {
    data.unshift({ value, label: t('catalogue.services.unknown') });
  }
  return (
    <Select
      label={props['aria-label'] ? undefined : label}
      aria-label={props['aria-label']}
      data={data}
      value={value}
      onChange={onChange}
      searchable
      allowDeselect={!!clearable}
      clearable={clearable}
      required={required}
      placeholder={placeholder ?? t('catalogue.pickers.service')}
      nothingFoundMessage={t('common.nothingFound')}
      error={error}
      disabled={disabled}
      w={w}
    />
  );
}

/** A service's name from its id (cached). */
export function ServiceName({ id }: { id: string }) {
  const { t } = useTranslation();
  const query = useQuery(serviceQuery(id));
  return <>{query.data?.name ?? (query.isError ? t('catalogue.services.unknown') : '…')}</>;
}
