import { MultiSelect } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { type ReactNode, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import type { LinkSummary } from './api';

// Linked problems and incidents: several records picked by typing part of their number or title
// (the server searches); the records already linked keep their "number · title" label.

interface Found {
  id: string;
  number: string;
  title: string;
  type?: string;
}

interface RecordMultiSelectProps {
  label: string;
  description?: ReactNode;
  value: string[];
  onChange: (value: string[]) => void;
  /** The records linked when the page loaded, to label the chosen ids. */
  known: LinkSummary[];
  error?: ReactNode;
  disabled?: boolean;
}

function useRecordOptions(
  kind: 'problems' | 'incidents',
  search: string,
  value: string[],
  known: LinkSummary[],
) {
  const [debounced] = useDebouncedValue(search.trim(), 250);
  const results = useQuery({
    queryKey: ['changes', 'link-picker', kind, debounced],
    queryFn: async ({ signal }): Promise<Found[]> => {
      if (kind === 'problems') {
        const page = await api.list<Found>('/api/v1/problems', { q: debounced, limit: 20 }, signal);
        return page.items;
      }
      if (debounced.length >= 2) {
        const hits = await api.get<Found[]>('/api/v1/tickets/search', {
          query: { q: debounced, limit: 20 },
          signal,
        });
        return hits.filter((hit) => hit.type === 'incident');
      }
      const page = await api.list<Found>(
        '/api/v1/tickets',
        { type: 'incident', queue: 'all', limit: 20 },
        signal,
      );
      return page.items;
    },
    staleTime: 30_000,
  });
  const [labels, setLabels] = useState(() => new Map<string, LinkSummary>());
  const data = useMemo(() => {
    const options = new Map<string, { value: string; label: string }>();
    const labelOf = (record: Found | LinkSummary) => `${record.number} · ${record.title}`;
    for (const id of value) {
      const record = labels.get(id) ?? known.find((linked) => linked.id === id);
      options.set(id, { value: id, label: record ? labelOf(record) : id });
    }
    for (const record of results.data ?? []) {
      if (!options.has(record.id))
        options.set(record.id, { value: record.id, label: labelOf(record) });
    }
    return [...options.values()];
  }, [results.data, value, labels, known]);
  const remember = (ids: string[]) => {
    const next = new Map(labels);
    for (const record of results.data ?? []) {
      if (ids.includes(record.id))
        next.set(record.id, { ...record, status: '' } satisfies LinkSummary);
    }
    setLabels(next);
  };
  return { data, remember };
}

function RecordMultiSelect(props: RecordMultiSelectProps & { kind: 'problems' | 'incidents' }) {
  const { label, description, value, onChange, known, error, disabled, kind } = props;
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const { data, remember } = useRecordOptions(kind, search, value, known);
  return (
    <MultiSelect
      label={label}
      description={description}
      data={data}
      value={value}
      onChange={(ids) => {
        remember(ids);
        onChange(ids);
      }}
      searchable
      searchValue={search}
      onSearchChange={setSearch}
      filter={({ options }) => options}
      clearable
      placeholder={value.length ? undefined : t('changes.links.searchPlaceholder')}
      nothingFoundMessage={t('common.nothingFound')}
      error={error}
      disabled={disabled}
    />
  );
}

export function ProblemMultiSelect(props: RecordMultiSelectProps) {
  return <RecordMultiSelect {...props} kind="problems" />;
}

export function IncidentMultiSelect(props: RecordMultiSelectProps) {
  return <RecordMultiSelect {...props} kind="incidents" />;
}
