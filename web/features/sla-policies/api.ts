import { infiniteQueryOptions, queryOptions } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { Page, SlaPolicy } from '../../api/types';

export const policiesKeys = {
  all: ['sla-policies'] as const,
  lists: ['sla-policies', 'list'] as const,
  list: () => ['sla-policies', 'list', 'all'] as const,
  table: () => ['sla-policies', 'list', 'table'] as const,
  detail: (id: string) => ['sla-policies', 'detail', id] as const,
};

const path = (id: string) => `/api/v1/sla-policies/${encodeURIComponent(id)}`;

const fetchPolicies = (signal?: AbortSignal) =>
  api.get<{ items: SlaPolicy[] }>('/api/v1/sla-policies', { signal });

/** Every policy, in the order they are tried (the server answers them all at once). */
export function policiesQuery() {
  return queryOptions({
    queryKey: policiesKeys.list(),
    queryFn: ({ signal }) => fetchPolicies(signal),
  });
}

/** The same list shaped as one page, for the shared data table. */
export function policiesTableQuery() {
  return infiniteQueryOptions({
    queryKey: policiesKeys.table(),
    queryFn: async ({ signal }): Promise<Page<SlaPolicy>> => ({
      items: (await fetchPolicies(signal)).items,
      nextCursor: null,
    }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: () => undefined,
  });
}

export function policyQuery(id: string) {
  return queryOptions({
    queryKey: policiesKeys.detail(id),
    queryFn: ({ signal }) => api.get<SlaPolicy>(path(id), { signal }),
    staleTime: 60_000,
  });
}

export type PolicyBody = Omit<SlaPolicy, 'id' | 'createdAt' | 'updatedAt' | 'version'>;

export function createPolicy(body: PolicyBody, idempotencyKey: string) {
  return api.post<SlaPolicy>('/api/v1/sla-policies', body, { idempotencyKey });
}

export function updatePolicy(id: string, patch: Partial<PolicyBody>, version: number) {
  return api.patch<SlaPolicy>(path(id), patch, { version });
}

export function deletePolicy(id: string, version: number): Promise<void> {
  return api.delete(path(id), { version });
}
