import { Select } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';

// People for request forms ("who is it for?"): anyone who may raise a ticket can pick a colleague
// by name through /api/v1/people, which answers ids and names only. The directory's own picker
// (admin-users/user-select) needs users.read and shows emails.

interface Person {
  id: string;
  name: string;
}

const peopleKey = (what: string, value: string) => ['people', what, value] as const;

function usePerson(id: string | null | undefined) {
  return useQuery({
    queryKey: peopleKey('id', id ?? ''),
    queryFn: ({ signal }) =>
      api.get<Person[]>('/api/v1/people', { query: { ids: id ?? '' }, signal }),
    enabled: !!id,
    staleTime: 300_000,
    select: (people) => people[0] ?? null,
  });
}

interface PersonSelectProps {
  label: string;
  description?: string;
  value: string | null;
  onChange: (value: string | null) => void;
  error?: React.ReactNode;
  disabled?: boolean;
  required?: boolean;
}

export function PersonSelect({
  label,
  description,
  value,
  onChange,
  error,
  disabled,
  required,
}: PersonSelectProps) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search.trim(), 250);
  const chosen = usePerson(value);
  // The chosen person's name shown in the box is not a search.
  const q = chosen.data && chosen.data.name === debounced ? '' : debounced;
  const results = useQuery({
    queryKey: peopleKey('q', q),
    queryFn: ({ signal }) => api.get<Person[]>('/api/v1/people', { query: { q }, signal }),
    staleTime: 30_000,
  });
  const data = useMemo(() => {
    const options = new Map<string, { value: string; label: string }>();
    if (value) options.set(value, { value, label: chosen.data?.name ?? value });
    for (const person of results.data ?? [])
      if (!options.has(person.id)) options.set(person.id, { value: person.id, label: person.name });
    return [...options.values()];
  }, [results.data, value, chosen.data]);
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
      withAsterisk={required}
      placeholder={t('users.picker.placeholder')}
      nothingFoundMessage={t('common.nothingFound')}
      error={error}
      disabled={disabled}
    />
  );
}

/** A person's name from their id, for answers shown back to requesters and agents. */
export function PersonName({ id }: { id: string }) {
  const { t } = useTranslation();
  const person = usePerson(id);
  return (
    <>{person.data?.name ?? (person.isError || person.data === null ? t('users.unknown') : '…')}</>
  );
}
