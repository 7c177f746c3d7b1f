import { infiniteQueryOptions, queryOptions } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { Locale, Role, User } from '../../api/types';

export interface UserFilters {
  q?: string;
  role?: Role;
  active?: 'true' | 'false';
}

export const usersKeys = {
  all: ['users'] as const,
  lists: ['users', 'list'] as const,
  list: (filters: UserFilters) => ['users', 'list', filters] as const,
  detail: (id: string) => ['users', 'detail', id] as const,
};

const PAGE_SIZE = 50;

export function usersListQuery(filters: UserFilters) {
  return infiniteQueryOptions({
    queryKey: usersKeys.list(filters),
    queryFn: ({ pageParam, signal }) =>
      api.list<User>('/api/v1/users', { ...filters, limit: PAGE_SIZE, cursor: pageParam }, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export function userQuery(id: string) {
  return queryOptions({
    queryKey: usersKeys.detail(id),
    queryFn: ({ signal }) => api.get<User>(`/api/v1/users/${encodeURIComponent(id)}`, { signal }),
    staleTime: 60_000,
  });
}

export interface NewUser {
  email: string;
  name: string;
  role: Role;
  locale?: Locale;
  timeZone?: string;
  organisationId?: string | null;
  password?: string;
}

export function createUser(body: NewUser, idempotencyKey: string): Promise<User> {
  return api.post<User>('/api/v1/users', body, { idempotencyKey });
}

export interface UserPatch {
  name?: string;
  role?: Role;
  locale?: Locale;
  timeZone?: string;
  active?: boolean;
  organisationId?: string | null;
}

export function updateUser(id: string, patch: UserPatch, version: number): Promise<User> {
  return api.patch<User>(`/api/v1/users/${encodeURIComponent(id)}`, patch, { version });
}

export function setUserPassword(id: string, password: string): Promise<void> {
  return api.post<void>(`/api/v1/users/${encodeURIComponent(id)}/password`, { password });
}

export const MIN_PASSWORD_LENGTH = 12;
