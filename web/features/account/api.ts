import { api, isVersionConflict } from '../../api/client';
import type { ApiToken, CreatedApiToken, Locale, Page, Session, User } from '../../api/types';

export interface ProfilePatch {
  name?: string;
  locale?: Locale;
  timeZone?: string;
}

export function patchMe(patch: ProfilePatch, version: number): Promise<User> {
  return api.patch<User>('/api/v1/me', patch, { version });
}

/**
 * Language and time zone are the user's own preferences, set with one click: when the cached
 * version is stale we fetch the current one and apply the choice again instead of failing.
 */
export async function savePreference(patch: ProfilePatch, version: number): Promise<User> {
  try {
    return await patchMe(patch, version);
  } catch (error) {
    if (!isVersionConflict(error)) throw error;
    const fresh = await api.get<Session>('/api/v1/me');
    return patchMe(patch, fresh.user.version);
  }
}

export const myTokensKey = ['me', 'tokens'] as const;

export function listMyTokens(cursor: string | undefined, signal?: AbortSignal) {
  return api.list<ApiToken>('/api/v1/me/tokens', { limit: 50, cursor }, signal);
}

export function createMyToken(
  body: { name: string; expiresAt?: string },
  idempotencyKey: string,
): Promise<CreatedApiToken> {
  return api.post<CreatedApiToken>('/api/v1/me/tokens', body, { idempotencyKey });
}

export function revokeMyToken(id: string): Promise<void> {
  return api.delete(`/api/v1/me/tokens/${encodeURIComponent(id)}`);
}

export type { Page };
