import { Select } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import type { Organisation } from '../../api/types';
import { organisationQuery, organisationsKeys } from './api';

interface OrganisationSelectProps {
  label: string;
  value: string | null;
  onChange: (value: string | null) => void;
  error?: React.ReactNode;
  disabled?: boolean;
  /** An organisation cannot be its own parent. */
  exclude?: string;
  description?: string;
}

export function OrganisationSelect(props: OrganisationSelectProps) {
  const { label, value, onChange, error, disabled, exclude, description } = props;
  const { t } = useTranslation();
  const optionLabel = useCallback(
    (organisation: Organisation) =>
      `${organisation.name} · ${t(`organisations.kinds.${organisation.kind}`)}`,
    [t],
  );
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search.trim(), 250);
  const current = useQuery({ ...organisationQuery(value ?? ''), enabled: !!value });
  const currentLabel = current.data ? optionLabel(current.data) : undefined;
  // The chosen organisation's label fills the search box: that is not a search.
  const q = debounced === currentLabel ? '' : debounced;
  const results = useQuery({
    queryKey: [...organisationsKeys.lists, 'picker', q],
    queryFn: ({ signal }) =>
      api.list<Organisation>('/api/v1/organisations', { q, limit: 50 }, signal),
    staleTime: 30_000,
  });
  const data = useMemo(() => {
    const options = new Map<string, { value: string; label: string }>();
    if (value) options.set(value, { value, label: currentLabel ?? value });
    for (const organisation of results.data?.items ?? []) {
      if (organisation.id !== exclude && !options.has(organisation.id)) {
        options.set(organisation.id, {
          value: organisation.id,
          label: optionLabel(organisation),
        });
      }
    }
    return [...options.values()];
  }, [results.data, value, currentLabel, exclude, optionLabel]);
  return (
    <Select
      label={label}
      description={description}
      data={data}
      value={value}
      onChange={onChange}
      searchable
      searchValue={search}
      onSearchChange={setSearch}
      clearable
      placeholder={t('organisations.picker.placeholder')}
      nothingFoundMessage={t('common.nothingFound')}
      error={error}
      disabled={disabled}
    />
  );
}

/** An organisation's name from its id (cached). */
export function OrganisationName({ id }: { id: string | null | undefined }) {
  const { t } = useTranslation();
  const query = useQuery({ ...organisationQuery(id ?? ''), enabled: !!id });
  if (!id) return <>{t('history.none')}</>;
  return <>{query.data?.name ?? (query.isError ? t('organisations.unknown') : '…')}</>;
}
