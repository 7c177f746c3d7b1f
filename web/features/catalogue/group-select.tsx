import { MultiSelect, Select } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { type ReactNode, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import type { Group } from '../../api/types';
import { groupQuery, groupsKeys } from '../admin-groups/api';

interface GroupSelectProps {
  label: string;
  value: string | null;
  onChange: (value: string | null) => void;
  error?: ReactNode;
  disabled?: boolean;
  description?: ReactNode;
  required?: boolean;
  placeholder?: string;
}

/** Chooses a resolver group by typing part of its name (the server searches). */
export function GroupSelect(props: GroupSelectProps) {
  const { label, value, onChange, error, disabled, description, required, placeholder } = props;
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search.trim(), 250);
  const current = useQuery({ ...groupQuery(value ?? ''), enabled: !!value });
  // The chosen group's name fills the search box: that is not a search.
  const q = debounced === current.data?.name ? '' : debounced;
  const results = useQuery({
    queryKey: [...groupsKeys.lists, 'picker', q],
    queryFn: ({ signal }) => api.list<Group>('/api/v1/groups', { q, limit: 50 }, signal),
    staleTime: 30_000,
  });
  const data = useMemo(() => {
    const options = new Map<string, { value: string; label: string }>();
    if (value)
      options.set(value, { value, label: current.data?.name ?? t('catalogue.unknownGroup') });
    for (const group of results.data?.items ?? []) {
      if (!options.has(group.id)) options.set(group.id, { value: group.id, label: group.name });
    }
    return [...options.values()];
  }, [results.data, value, current.data, t]);
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
      clearable={!required}
      required={required}
      placeholder={placeholder ?? t('catalogue.pickers.group')}
      nothingFoundMessage={t('common.nothingFound')}
      error={error}
      disabled={disabled}
    />
  );
}

/** The first hundred groups by name: organisations have tens of groups, not thousands. */
export const allGroupsQuery = queryOptions({
  queryKey: [...groupsKeys.lists, 'picker-all'],
  queryFn: ({ signal }) => api.list<Group>('/api/v1/groups', { limit: 100 }, signal),
  staleTime: 30_000,
});

/**
 * Chooses several groups from all of them, filtered as one types, so chosen groups always
 * have their names.
 */
export function GroupMultiSelect(props: {
  label: string;
  description?: ReactNode;
  value: string[];
  onChange: (value: string[]) => void;
  error?: ReactNode;
  disabled?: boolean;
}) {
  const { label, description, value, onChange, error, disabled } = props;
  const { t } = useTranslation();
  const groups = useQuery(allGroupsQuery);
  const data = useMemo(() => {
    const options = new Map(
      (groups.data?.items ?? []).map((g) => [g.id, { value: g.id, label: g.name }]),
    );
    for (const id of value)
      if (!options.has(id)) options.set(id, { value: id, label: t('catalogue.unknownGroup') });
    return [...options.values()];
  }, [groups.data, value, t]);
  return (
    <MultiSelect
      label={label}
      description={description}
      data={data}
      value={value}
      onChange={onChange}
      searchable
      clearable
      placeholder={value.length === 0 ? t('catalogue.pickers.group') : undefined}
      nothingFoundMessage={t('common.nothingFound')}
      error={error}
      disabled={disabled}
      hidePickedOptions
    />
  );
}

/** A group's name from its id (cached). */
export function GroupName({ id }: { id: string | null | undefined }) {
  const { t } = useTranslation();
  const query = useQuery({ ...groupQuery(id ?? ''), enabled: !!id });
  if (!id) return <>{t('history.none')}</>;
  return <>{query.data?.name ?? (query.isError ? t('catalogue.unknownGroup') : '…')}</>;
}
