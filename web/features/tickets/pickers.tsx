import { Select } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import type { Group } from '../../api/types';
import { groupsKeys } from '../admin-groups/api';

// Compact pickers for the queue's filter bar (labelled for screen readers, no visible label).

export function useAllGroups() {
  return useQuery({
    queryKey: [...groupsKeys.lists, 'desk-all'],
    queryFn: ({ signal }) => api.list<Group>('/api/v1/groups', { limit: 200 }, signal),
    staleTime: 60_000,
  });
}

interface GroupFilterProps {
  value: string | undefined;
  onChange: (value: string | undefined) => void;
}

export function GroupFilter({ value, onChange }: GroupFilterProps) {
  const { t } = useTranslation();
  const groups = useAllGroups();
  const data = (groups.data?.items ?? []).map((group) => ({ value: group.id, label: group.name }));
  if (value && !data.some((option) => option.value === value))
    data.unshift({ value, label: t('catalogue.unknownGroup') });
  return (
    <Select
      aria-label={t('desk.fields.group')}
      placeholder={t('desk.filters.anyGroup')}
      data={data}
      value={value ?? null}
      onChange={(next) => onChange(next ?? undefined)}
      searchable
      clearable
      nothingFoundMessage={t('common.nothingFound')}
      w={170}
    />
  );
}
