import type { Executor } from '../../db/executor.js';
import { prepared } from '../../db/prepared.js';
import type { ApiTokensTable, SessionsTable } from '../../db/schema.js';
import type { ThrottleState } from './auth.js';

// Run on every authenticated request: compiled once (src/db/prepared.ts). They return the whole
// user, so a request needs no second query to know who is calling.
const sessionWithUserQuery = prepared((db: Executor, id: string, now: string) =>
  db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select(['sessions.id as session_id', 'sessions.csrf_token', 'sessions.expires_at'])
    .selectAll('users')
    .where('sessions.id', '=', id)
    .where('sessions.expires_at', '>', now),
);

const tokenWithUserQuery = prepared((db: Executor, tokenHash: string) =>
  db
    .selectFrom('api_tokens')
    .innerJoin('users', 'users.id', 'api_tokens.user_id')
    .select([
      'api_tokens.id as token_id',
      'api_tokens.expires_at',
      'api_tokens.revoked_at',
      'api_tokens.last_used_at',
    ])
    .selectAll('users')
    .where('api_tokens.token_hash', '=', tokenHash),
);

export const authRepository = {
  async insertSession(db: Executor, row: SessionsTable) {
    await db.insertInto('sessions').values(row).execute();
  },

  async sessionWithUser(db: Executor, id: string, now: string) {
    return (await sessionWithUserQuery(db, id, now))[0];
  },

  async deleteSession(db: Executor, id: string) {
    const row = await db
      .deleteFrom('sessions')
      .where('id', '=', id)
      .returning('user_id')
      .executeTakeFirst();
    return row?.user_id ?? null;
  },

  async deleteExpiredSessions(db: Executor, now: string) {
    const result = await db
      .deleteFrom('sessions')
      .where('expires_at', '<=', now)
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  },

  async tokenWithUser(db: Executor, tokenHash: string) {
    return (await tokenWithUserQuery(db, tokenHash))[0];
  },

  async touchToken(db: Executor, id: string, now: string, olderThan: string) {
    await db
      .updateTable('api_tokens')
      .set({ last_used_at: now })
      .where('id', '=', id)
      .where((eb) => eb.or([eb('last_used_at', 'is', null), eb('last_used_at', '<', olderThan)]))
      .execute();
  },

  async insertToken(db: Executor, row: ApiTokensTable) {
    await db.insertInto('api_tokens').values(row).execute();
  },

  async tokenById(db: Executor, id: string) {
    return db.selectFrom('api_tokens').selectAll().where('id', '=', id).executeTakeFirst();
  },

  async listTokens(
    db: Executor,
    userId: string | null,
    after: [string | number, string] | null,
    limit: number,
  ) {
    let query = db.selectFrom('api_tokens').selectAll();
    if (userId) query = query.where('user_id', '=', userId);
    if (after) query = query.where('id', '<', after[1]);
    return query.orderBy('id', 'desc').limit(limit).execute();
  },

  async revokeToken(db: Executor, id: string, now: string) {
    await db
      .updateTable('api_tokens')
      .set({ revoked_at: now })
      .where('id', '=', id)
      .where('revoked_at', 'is', null)
      .execute();
  },

  async throttle(db: Executor, keys: string[]) {
    const rows = await db
      .selectFrom('login_throttle')
      .selectAll()
      .where('key', 'in', keys)
      .execute();
    return new Map<string, ThrottleState>(
      rows.map((r) => [
        r.key,
        { failures: r.failures, windowStartedAt: r.window_started_at, lockedUntil: r.locked_until },
      ]),
    );
  },

  async saveThrottle(db: Executor, key: string, state: ThrottleState) {
    const values = {
      failures: state.failures,
      window_started_at: state.windowStartedAt,
      locked_until: state.lockedUntil,
    };
    await db
      .insertInto('login_throttle')
      .values({ key, ...values })
      .onConflict((oc) => oc.column('key').doUpdateSet(values))
      .execute();
  },

  async clearThrottle(db: Executor, key: string) {
    await db.deleteFrom('login_throttle').where('key', '=', key).execute();
  },
};
