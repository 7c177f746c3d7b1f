import type { Executor } from '../../db/executor.js';
import { decodeCursor, type Page, type PageRequest, pageSize, toPage } from '../../db/keyset.js';
import type { ApiTokensTable } from '../../db/schema.js';
import { toBool } from '../../db/values.js';
import { type Actor, can, requirePermission } from '../../shared/actor.js';
import type { Clock } from '../../shared/clock.js';
import { DomainError, invalid, notFound } from '../../shared/errors.js';
import { uuidv7 } from '../../shared/ids.js';
import type { Role } from '../../shared/permissions.js';
import type { AuditService } from '../audit/audit.service.js';
import type { User } from '../users/users.js';
import { toUser } from '../users/users.repository.js';
import type { UserService } from '../users/users.service.js';
import {
  API_TOKEN_PREFIX,
  afterFailure,
  lockedFor,
  newSecret,
  retryText,
  sameSecret,
  sha256,
} from './auth.js';
import { authRepository as repo } from './auth.repository.js';
import type { CredentialCache } from './credential-cache.js';
import type { PasswordHasher } from './passwords.js';

export interface ApiToken {
  id: string;
  name: string;
  userId: string;
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  expiresAt: string | null;
  revokedAt: string | null;
}

const toToken = (row: ApiTokensTable): ApiToken => ({
  id: row.id,
  name: row.name,
  userId: row.user_id,
  prefix: row.prefix,
  createdAt: row.created_at,
  lastUsedAt: row.last_used_at,
  expiresAt: row.expires_at,
  revokedAt: row.revoked_at,
});

export interface LoginPolicy {
  sessionTtlHours: number;
  maxFailuresPerAccount: number;
  maxFailuresPerAddress: number;
  lockMinutes: number;
}

export function createAuthService(deps: {
  db: Executor;
  users: UserService;
  audit: AuditService;
  passwords: PasswordHasher;
  clock: Clock;
  policy: LoginPolicy;
  credentials: CredentialCache;
}) {
  const { db, users, audit, passwords, clock, policy, credentials } = deps;
  // Verified against when the email is unknown, so a wrong email costs as much time as a wrong password.
  let dummyHash: Promise<string> | null = null;
  const dummy = () => {
    dummyHash ??= passwords.hash(newSecret());
    return dummyHash;
  };

  audit.registerReader('api_token', async (actor, id) => {
    if (can(actor, 'tokens.manage')) return true;
    const row = await repo.tokenById(db, id);
    return row?.user_id === actor.id;
  });

  const actorOf = (
    row: { id: string; name: string; role: string },
    extra: Partial<Actor> = {},
  ): Actor => ({
    id: row.id,
    name: row.name,
    role: row.role as Role,
    ...extra,
  });

  async function loadToken(id: string) {
    const row = await repo.tokenById(db, id);
    if (!row) throw notFound('The API token');
    return row;
  }

  async function revoke(actor: Actor, row: ApiTokensTable) {
    if (row.revoked_at) return;
    await db.transaction().execute(async (trx) => {
      const now = clock.now().toISOString();
      await repo.revokeToken(trx, row.id, now);
      await audit.record(trx, actor, {
        action: 'revoke',
        entityType: 'api_token',
        entityId: row.id,
        changes: { revokedAt: { from: null, to: now } },
      });
    });
    // After the commit, so no request in between can cache the token as still valid.
    credentials.clear();
  }

  return {
    async login(input: { email: string; password: string; address: string; userAgent?: string }) {
      const now = clock.now();
      const email = input.email.trim().toLowerCase();
      const accountKey = `account:${email}`;
      const addressKey = `address:${input.address}`;
      const throttle = await repo.throttle(db, [accountKey, addressKey]);
      const addressWait = lockedFor(throttle.get(addressKey), now);
      if (addressWait > 0) {
        throw new DomainError(
          'LOGIN_RATE_LIMITED',
          `Too many failed sign-ins from your network address. Try again ${retryText(addressWait)}.`,
          { retryAfterSeconds: addressWait },
        );
      }
      const accountWait = lockedFor(throttle.get(accountKey), now);
      if (accountWait > 0) {
        throw new DomainError(
          'ACCOUNT_LOCKED',
          `This account is locked after too many failed sign-ins. Try again ${retryText(accountWait)}, or ask an administrator to reset the password.`,
          { retryAfterSeconds: accountWait },
        );
      }

      const found = await users.credentials(email);
      const ok = await passwords.verify(found?.passwordHash ?? (await dummy()), input.password);
      if (!found || !ok || !found.user.active || !found.passwordHash) {
        const accountState = afterFailure(
          throttle.get(accountKey),
          { maxFailures: policy.maxFailuresPerAccount, lockMinutes: policy.lockMinutes },
          now,
        );
        const addressState = afterFailure(
          throttle.get(addressKey),
          { maxFailures: policy.maxFailuresPerAddress, lockMinutes: policy.lockMinutes },
          now,
        );
        await db.transaction().execute(async (trx) => {
          await repo.saveThrottle(trx, accountKey, accountState);
          await repo.saveThrottle(trx, addressKey, addressState);
          if (found && accountState.lockedUntil && !throttle.get(accountKey)?.lockedUntil) {
            await audit.record(
              trx,
              { id: null, name: `sign-in from ${input.address}`, role: 'system' },
              {
                action: 'lock',
                entityType: 'user',
                entityId: found.user.id,
                changes: { lockedUntil: { from: null, to: accountState.lockedUntil } },
              },
            );
          }
        });
        throw new DomainError(
          'INVALID_CREDENTIALS',
          'The email or password is wrong, or the account is disabled.',
        );
      }

      const secret = newSecret();
      const csrfToken = newSecret();
      const user = found.user;
      await db.transaction().execute(async (trx) => {
        await repo.clearThrottle(trx, accountKey);
        await repo.insertSession(trx, {
          id: sha256(secret),
          user_id: user.id,
          csrf_token: csrfToken,
          created_at: now.toISOString(),
          expires_at: new Date(now.getTime() + policy.sessionTtlHours * 3_600_000).toISOString(),
          ip: input.address,
          user_agent: input.userAgent?.slice(0, 500) ?? null,
        });
        await audit.record(trx, actorOf(user), {
          action: 'login',
          entityType: 'user',
          entityId: user.id,
          changes: { address: { from: null, to: input.address } },
        });
      });
      return {
        sessionSecret: secret,
        csrfToken,
        user,
        expiresInSeconds: policy.sessionTtlHours * 3600,
      };
    },

    async logout(actor: Actor, sessionSecret: string) {
      await db.transaction().execute(async (trx) => {
        const userId = await repo.deleteSession(trx, sha256(sessionSecret));
        if (userId) {
          await audit.record(trx, actor, {
            action: 'logout',
            entityType: 'user',
            entityId: userId,
            changes: {},
          });
        }
      });
      credentials.clear();
    },

    /** Resolves a session cookie to its actor and CSRF token, or null when unknown or expired. */
    async authenticateSession(
      sessionSecret: string,
    ): Promise<{ actor: Actor; user: User; csrfToken: string } | null> {
      const cached = credentials.get('session', sessionSecret);
      if (cached)
        return { actor: cached.actor, user: cached.user, csrfToken: cached.csrfToken ?? '' };
      const row = await repo.sessionWithUser(db, sha256(sessionSecret), clock.now().toISOString());
      if (!row || !toBool(row.active)) return null;
      const actor = actorOf(row);
      const user = toUser(row);
      credentials.set('session', sessionSecret, {
        actor,
        user,
        csrfToken: row.csrf_token,
        validUntil: Date.parse(row.expires_at),
      });
      return { actor, user, csrfToken: row.csrf_token };
    },

    checkCsrf(expected: string, given: string | undefined) {
      if (!given || !sameSecret(expected, given)) {
        throw new DomainError(
          'CSRF_FAILED',
          'This request is missing the x-csrf-token header that matches your session. Reload the page and try again.',
        );
      }
    },

    /** The token's owner if it was resolved within the last second; no I/O, for the hot path. */
    cachedToken(secret: string): { readonly actor: Actor; readonly user: User } | null {
      return credentials.get('token', secret);
    },

    async authenticateToken(secret: string): Promise<{ actor: Actor; user: User } | null> {
      // Keyed by the secret itself: hashing it on every request would cost more than the lookup.
      const cached = credentials.get('token', secret);
      if (cached) return { actor: cached.actor, user: cached.user };
      const hash = sha256(secret);
      const row = await repo.tokenWithUser(db, hash);
      const now = clock.now();
      if (!row || row.revoked_at || !toBool(row.active)) return null;
      if (row.expires_at && row.expires_at <= now.toISOString()) return null;
      const actor = actorOf(row, { tokenId: row.token_id });
      const user = toUser(row);
      credentials.set('token', secret, {
        actor,
        user,
        csrfToken: null,
        validUntil: row.expires_at ? Date.parse(row.expires_at) : Number.POSITIVE_INFINITY,
      });
      // Record use at most once a minute per token, so reads stay reads.
      const minuteAgo = new Date(now.getTime() - 60_000).toISOString();
      if (!row.last_used_at || row.last_used_at < minuteAgo) {
        await repo.touchToken(db, row.token_id, now.toISOString(), minuteAgo);
      }
      return { actor, user };
    },

    /** Creates a token for the actor, or — for administrators and operators — for `userId`. */
    async createToken(
      actor: Actor,
      input: { name: string; expiresAt?: string | null; userId?: string },
    ) {
      const ownerId = input.userId ?? actor.id;
      if (ownerId !== actor.id)
        requirePermission(actor, 'tokens.manage', 'create API tokens for other users');
      else requirePermission(actor, 'tokens.own', 'create API tokens');
      if (!ownerId) throw invalid('/userId', 'name the user who will own the token');
      const name = input.name.trim();
      if (!name) throw invalid('/name', 'must not be empty');
      const now = clock.now();
      if (input.expiresAt && new Date(input.expiresAt).getTime() <= now.getTime()) {
        throw invalid('/expiresAt', 'must be in the future');
      }
      const secret = newSecret(API_TOKEN_PREFIX);
      const row: ApiTokensTable = {
        id: uuidv7(now.getTime()),
        user_id: ownerId,
        name,
        token_hash: sha256(secret),
        prefix: secret.slice(0, API_TOKEN_PREFIX.length + 6),
        created_at: now.toISOString(),
        last_used_at: null,
        expires_at: input.expiresAt ? new Date(input.expiresAt).toISOString() : null,
        revoked_at: null,
      };
      await db.transaction().execute(async (trx) => {
        await repo.insertToken(trx, row);
        await audit.record(trx, actor, {
          action: 'create',
          entityType: 'api_token',
          entityId: row.id,
          changes: {
            name: { from: null, to: name },
            userId: { from: null, to: ownerId },
            expiresAt: { from: null, to: row.expires_at },
          },
        });
      });
      return { token: toToken(row), secret };
    },

    async listOwnTokens(actor: Actor, page: PageRequest): Promise<Page<ApiToken>> {
      const size = pageSize(page.limit);
      const rows = await repo.listTokens(db, actor.id ?? '', decodeCursor(page.cursor), size + 1);
      return toPage(rows, size, (r) => [r.created_at, r.id], toToken);
    },

    async listAllTokens(actor: Actor, page: PageRequest): Promise<Page<ApiToken>> {
      requirePermission(actor, 'tokens.manage', "see other users' API tokens");
      const size = pageSize(page.limit);
      const rows = await repo.listTokens(db, null, decodeCursor(page.cursor), size + 1);
      return toPage(rows, size, (r) => [r.created_at, r.id], toToken);
    },

    async revokeOwnToken(actor: Actor, id: string) {
      const row = await loadToken(id);
      if (row.user_id !== actor.id) throw notFound('The API token');
      await revoke(actor, row);
    },

    async revokeAnyToken(actor: Actor, id: string) {
      requirePermission(actor, 'tokens.manage', "revoke other users' API tokens");
      await revoke(actor, await loadToken(id));
    },

    async purgeExpiredSessions() {
      return repo.deleteExpiredSessions(db, clock.now().toISOString());
    },
  };
}

export type AuthService = ReturnType<typeof createAuthService>;
export type { User };
