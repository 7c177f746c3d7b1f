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

export function createCredentialCache(clock: Clock, ttlMs = CREDENTIAL_CACHE_TTL_MS) {
  const entries = new Map<string, ResolvedCredential & { cachedUntil: number }>();
  return {
    get(key: string): ResolvedCredential | null {
      const entry = entries.get(key);
      if (!entry) return null;
      const now = clock.now().getTime();
      if (entry.cachedUntil <= now || entry.validUntil <= now) {
        entries.delete(key);
        return null;
      }
      return entry;
    },
    set(key: string, value: ResolvedCredential) {
      if (entries.size >= MAX_ENTRIES) entries.clear();
      entries.set(key, { ...value, cachedUntil: clock.now().getTime() + ttlMs });
    },
    /** Anything about users or credentials changed on this node: resolve everything afresh. */
    clear() {
      entries.clear();
    },
  };
}

export type CredentialCache = ReturnType<typeof createCredentialCache>;
