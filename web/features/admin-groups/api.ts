import { infiniteQueryOptions, queryOptions } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { Group } from '../../api/types';

export interface GroupFilters {
  q?: string;
}

export const groupsKeys = {
  all: ['groups'] as const,
  lists: ['groups', 'list'] as const,
  list: (filters: GroupFilters) => ['groups', 'list', filters] as const,
  detail: (id: string) => ['groups', 'detail', id] as const,
};

export function groupsListQuery(filters: GroupFilters) {
  return infiniteQueryOptions({
    queryKey: groupsKeys.list(filters),
    queryFn: ({ pageParam, signal }) =>
      api.list<Group>('/api/v1/groups', { ...filters, limit: 50, cursor: pageParam }, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export function groupQuery(id: string) {
  return queryOptions({
    queryKey: groupsKeys.detail(id),
    queryFn: ({ signal }) => api.get<Group>(`/api/v1/groups/${encodeURIComponent(id)}`, { signal }),
  });
}

export interface GroupInput {
  name: string;
  description: string;
  managerId: string | null;
  memberIds: string[];
}

export function createGroup(body: Partial<GroupInput> & { name: string }, idempotencyKey: string) {
  return api.post<Group>('/api/v1/groups', body, { idempotencyKey });
}

export function updateGroup(id: string, patch: Partial<GroupInput>, version: number) {
  return api.patch<Group>(`/api/v1/groups/${encodeURIComponent(id)}`, patch, { version });
}

export function deleteGroup(id: string, version: number): Promise<void> {
  return api.delete(`/api/v1/groups/${encodeURIComponent(id)}`, { version });
}

export const GROUP_FIELDS = ['name', 'description', 'managerId', 'memberIds'] as const;
