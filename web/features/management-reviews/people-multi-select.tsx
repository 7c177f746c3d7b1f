import { MultiSelect } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';

interface Person {
  id: string;
  name: string;
}

/** Several people by name (ids and names only, through /api/v1/people). */
export function PeopleMultiSelect(props: {
  label: string;
  value: string[];
  /** Names of the people already chosen, so they show without a search. */
  known: Person[];
  onChange: (value: string[]) => void;
  error?: React.ReactNode;
  disabled?: boolean;
}) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 250);
  const results = useQuery({
    queryKey: ['people', 'q', q],
    queryFn: ({ signal }) => api.get<Person[]>('/api/v1/people', { query: { q }, signal }),
    staleTime: 30_000,
    enabled: !props.disabled,
  });
  const data = useMemo(() => {
    const options = new Map<string, { value: string; label: string }>();
    for (const person of props.known)
      options.set(person.id, { value: person.id, label: person.name });
    for (const person of results.data ?? [])
      if (!options.has(person.id)) options.set(person.id, { value: person.id, label: person.name });
    return [...options.values()];
  }, [results.data, props.known]);
  return (
    <MultiSelect
      label={props.label}
      data={data}
      value={props.value}
      onChange={props.onChange}
      searchable
      searchValue={search}
      onSearchChange={setSearch}
      placeholder={t('users.picker.placeholder')}
      nothingFoundMessage={t('common.nothingFound')}
      error={props.error}
      disabled={props.disabled}
    />
  );
}
