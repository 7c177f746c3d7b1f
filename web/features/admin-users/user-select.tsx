import { MultiSelect, Select } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQueries, useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import type { User } from '../../api/types';
import { userQuery, usersKeys } from './api';

// Pick people by typing part of a name or an email: the server does the search, and the people
// already chosen are fetched by id so their names show even when they are not in the results.

const label = (user: User) => `${user.name} (${user.email})`;

function useUserOptions(search: string, selectedIds: string[]) {
  const [debounced] = useDebouncedValue(search.trim(), 250);
  const selected = useQueries({ queries: selectedIds.map((id) => userQuery(id)) });
  const selectedUsers = selected.map((query) => query.data);
  // A single select shows the chosen person's label as its search text: that is not a search.
  const q = selectedUsers.some((user) => user && label(user) === debounced) ? '' : debounced;
  const results = useQuery({
    queryKey: [...usersKeys.lists, 'picker', q],
    queryFn: ({ signal }) =>
      api.list<User>('/api/v1/users', { q, limit: 20, active: 'true' }, signal),
    staleTime: 30_000,
  });
  const data = useMemo(() => {
    const options = new Map<string, { value: string; label: string }>();
    selectedIds.forEach((id, index) => {
      const user = selectedUsers[index];
      options.set(id, { value: id, label: user ? label(user) : id });
    });
    for (const user of results.data?.items ?? []) {
      if (!options.has(user.id)) {
        options.set(user.id, { value: user.id, label: label(user) });
      }
    }
    return [...options.values()];
  }, [results.data, selectedIds, selectedUsers]);
  return { data, loading: results.isFetching };
}

interface UserSelectProps {
  label: string;
  value: string | null;
  onChange: (value: string | null) => void;
  error?: React.ReactNode;
  disabled?: boolean;
  description?: string;
}

export function UserSelect({
  label,
  value,
  onChange,
  error,
  disabled,
  description,
}: UserSelectProps) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const ids = useMemo(() => (value ? [value] : []), [value]);
  const { data } = useUserOptions(search, ids);
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
      placeholder={t('users.picker.placeholder')}
      nothingFoundMessage={t('common.nothingFound')}
      error={error}
      disabled={disabled}
    />
  );
}

interface UserMultiSelectProps {
  label: string;
  value: string[];
  onChange: (value: string[]) => void;
  error?: React.ReactNode;
  disabled?: boolean;
}

export function UserMultiSelect({ label, value, onChange, error, disabled }: UserMultiSelectProps) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const { data } = useUserOptions(search, value);
  return (
    <MultiSelect
      label={label}
      data={data}
      value={value}
      onChange={onChange}
      searchable
      searchValue={search}
      onSearchChange={setSearch}
      clearable
      placeholder={value.length === 0 ? t('users.picker.placeholderMany') : undefined}
      nothingFoundMessage={t('common.nothingFound')}
      error={error}
      disabled={disabled}
      hidePickedOptions
    />
  );
}

/** A person's name from their id (cached), for tables and timelines. */
export function UserName({ id }: { id: string | null | undefined }) {
  const { t } = useTranslation();
  const query = useQuery({ ...userQuery(id ?? ''), enabled: !!id });
  if (!id) return <>{t('history.none')}</>;
  return <>{query.data?.name ?? (query.isError ? t('users.unknown') : '…')}</>;
}
