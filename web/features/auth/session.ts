import { queryOptions, useQueryClient, useSuspenseQuery } from '@tanstack/react-query';
import { useCallback } from 'react';
import { api, isApiError, setCsrfToken } from '../../api/client';
import type { Session, User } from '../../api/types';
import { changeLanguage } from '../../i18n';

// The session is the answer of GET /api/v1/me, cached under one query key. `null` means
// "signed out" (401); any other failure is a real error and is shown as such.

export const sessionQueryKey = ['session'] as const;

export const sessionQuery = queryOptions({
  queryKey: sessionQueryKey,
  queryFn: async (): Promise<Session | null> => {
    try {
      const session = await api.get<Session>('/api/v1/me', { expectUnauthorized: true });
      adoptSession(session);
      return session;
    } catch (error) {
      if (isApiError(error) && error.status === 401) {
        setCsrfToken(null);
        return null;
      }
      throw error;
    }
  },
  staleTime: 5 * 60_000,
  retry: false,
});

/** Side effects of knowing who is signed in: CSRF token and interface language. */
export function adoptSession(session: Session): void {
  setCsrfToken(session.csrfToken);
  void changeLanguage(session.user.locale);
}

/** The signed-in session; only used below the authenticated layout, which guarantees it. */
export function useSession(): Session {
  const { data } = useSuspenseQuery(sessionQuery);
  if (!data) throw new Error('useSession() used outside the signed-in area');
  return data;
}

export function usePermissions() {
  const { permissions } = useSession();
  return useCallback(
    (permission: string | null) => !permission || permissions.includes(permission),
    [permissions],
  );
}

/** Replaces the cached user after the server returned a new version of it. */
export function useUpdateSessionUser() {
  const queryClient = useQueryClient();
  return useCallback(
    (user: User) => {
      queryClient.setQueryData(sessionQueryKey, (current: Session | null | undefined) =>
        current ? { ...current, user } : current,
      );
    },
    [queryClient],
  );
}
