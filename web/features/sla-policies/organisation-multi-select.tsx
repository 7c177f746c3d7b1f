import { MultiSelect } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQueries, useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import type { Organisation } from '../../api/types';
import { organisationQuery, organisationsKeys } from '../admin-organisations/api';

// Pick organisations by typing part of a name: the server searches, and the chosen ones are
// fetched by id so their names show even when they are not among the results.

interface OrganisationMultiSelectProps {
  label: string;
  description?: string;
  value: string[];
  onChange: (value: string[]) => void;
  error?: React.ReactNode;
  disabled?: boolean;
}

export function OrganisationMultiSelect(props: OrganisationMultiSelectProps) {
  const { label, description, value, onChange, error, disabled } = props;
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search.trim(), 250);
  const selected = useQueries({ queries: value.map((id) => organisationQuery(id)) });
  const results = useQuery({
    queryKey: [...organisationsKeys.lists, 'picker', debounced],
    queryFn: ({ signal }) =>
      api.list<Organisation>('/api/v1/organisations', { q: debounced, limit: 50 }, signal),
    staleTime: 30_000,
  });
  const selectedNames = selected.map((query) => query.data?.name);
  const data = useMemo(() => {
    const options = new Map<string, { value: string; label: string }>();
    value.forEach((id, index) => {
      const name = selectedNames[index];
      options.set(id, { value: id, label: name ?? t('organisations.unknown') });
    });
    for (const organisation of results.data?.items ?? []) {
      if (!options.has(organisation.id)) {
        options.set(organisation.id, {
          value: organisation.id,
          label: `${organisation.name} · ${t(`organisations.kinds.${organisation.kind}`)}`,
        });
      }
    }
    return [...options.values()];
  }, [results.data, value, selectedNames, t]);
  return (
    <MultiSelect
      label={label}
      description={description}
      data={data}
      value={value}
      onChange={onChange}
      searchable
      searchValue={search}
      onSearchChange={setSearch}
      clearable
      clearButtonProps={{ 'aria-label': t('policies.conditions.clearOrganisations') }}
      placeholder={value.length === 0 ? t('policies.conditions.anyOrganisation') : undefined}
      nothingFoundMessage={t('common.nothingFound')}
      error={error}
      disabled={disabled}
      hidePickedOptions
    />
  );
}
