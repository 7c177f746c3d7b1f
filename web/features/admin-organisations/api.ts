import { infiniteQueryOptions, queryOptions } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { Organisation, OrganisationKind } from '../../api/types';

export interface OrganisationFilters {
  q?: string;
}

export const organisationsKeys = {
  all: ['organisations'] as const,
  lists: ['organisations', 'list'] as const,
  list: (filters: OrganisationFilters) => ['organisations', 'list', filters] as const,
  detail: (id: string) => ['organisations', 'detail', id] as const,
};

export function organisationsListQuery(filters: OrganisationFilters) {
  return infiniteQueryOptions({
    queryKey: organisationsKeys.list(filters),
    queryFn: ({ pageParam, signal }) =>
      api.list<Organisation>(
        '/api/v1/organisations',
        { ...filters, limit: 50, cursor: pageParam },
        signal,
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export function organisationQuery(id: string) {
  return queryOptions({
    queryKey: organisationsKeys.detail(id),
    queryFn: ({ signal }) =>
      api.get<Organisation>(`/api/v1/organisations/${encodeURIComponent(id)}`, { signal }),
    staleTime: 60_000,
  });
}

export interface NewOrganisation {
  name: string;
  kind: OrganisationKind;
  parentId?: string | null;
}

export function createOrganisation(body: NewOrganisation, idempotencyKey: string) {
  return api.post<Organisation>('/api/v1/organisations', body, { idempotencyKey });
}

export function updateOrganisation(id: string, patch: Partial<NewOrganisation>, version: number) {
  return api.patch<Organisation>(`/api/v1/organisations/${encodeURIComponent(id)}`, patch, {
    version,
  });
}

export function deleteOrganisation(id: string, version: number): Promise<void> {
  return api.delete(`/api/v1/organisations/${encodeURIComponent(id)}`, { version });
}
