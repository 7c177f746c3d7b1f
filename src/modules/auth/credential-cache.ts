// Recently resolved credentials (session cookies, API tokens), kept for one second. Under load the
// same credential arrives many times a second; looking each up again costs more than everything
// else an authenticated read does. Changes made on this node (logout, revocation, a user changed)
// clear the cache at once; other nodes see them within the time to live.
import type { Actor } from '../../shared/actor.js';
import type { Clock } from '../../shared/clock.js';
import type { User } from '../users/users.js';

export interface ResolvedCredential {
  actor: Actor;
  user: User;
  csrfToken: string | null;
  /** When the credential itself stops being valid (session or token expiry), in ms. */
  validUntil: number;
}

export const CREDENTIAL_CACHE_TTL_MS = 1000;
const MAX_ENTRIES = 10_000;

/** Session cookies and API tokens are kept apart, so a lookup needs no key built per request. */
export type CredentialKind = 'session' | 'token';

export function createCredentialCache(clock: Clock, ttlMs = CREDENTIAL_CACHE_TTL_MS) {
  const entries: Record<
    CredentialKind,
    Map<string, ResolvedCredential & { cachedUntil: number }>
  > = { session: new Map(), token: new Map() };
  return {
    get(kind: CredentialKind, secret: string): ResolvedCredential | null {
      const map = entries[kind];
      const entry = map.get(secret);
      if (!entry) return null;
      const now = clock.now().getTime();
      if (entry.cachedUntil <= now || entry.validUntil <= now) {
        map.delete(secret);
        return null;
      }
      return entry;
    },
    set(kind: CredentialKind, secret: string, value: ResolvedCredential) {
      const map = entries[kind];
      if (map.size >= MAX_ENTRIES) map.clear();
      map.set(secret, { ...value, cachedUntil: clock.now().getTime() + ttlMs });
    },
    /** Anything about users or credentials changed on this node: resolve everything afresh. */
    clear() {
      entries.session.clear();
      entries.token.clear();
    },
  };
}

export type CredentialCache = ReturnType<typeof createCredentialCache>;
