// Group commit on SQLite (src/db/dialect/sqlite-group-commit.ts): transactions that arrive together
// share one COMMIT, yet each caller hears "done" only once its work is committed, a failing
// transaction takes nothing of the others with it, and a write outside a transaction never waits
// in a batch. A second, independent connection to the same file is the judge of what is committed.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import SqliteDatabase from 'better-sqlite3';
import { type Kysely, sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSqlite, type SqliteHandle } from '../src/db/dialect/sqlite.js';
import { DEFER_UNTIL_COMMIT } from '../src/db/dialect/sqlite-group-commit.js';
import type { Database } from '../src/db/schema.js';

describe('SQLite group commit', () => {
  let dir: string;
  let handle: SqliteHandle;
  let judge: SqliteDatabase.Database;

  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'meridian-group-commit-'));
    const file = path.join(dir, 'meridian.db');
    handle = openSqlite(file);
    await sql`create table notes (id integer primary key, body text not null unique)`.execute(
      handle.db,
    );
    judge = new SqliteDatabase(file, { readonly: true });
  });

  afterEach(async () => {
    judge.close();
    await handle.destroy();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const committed = () =>
    (judge.prepare('select body from notes order by id').all() as { body: string }[]).map(
      (r) => r.body,
    );
  const insert = (body: string) =>
    handle.db
      .insertInto('notes' as never)
      .values({ body } as never)
      .execute();
  /** A transaction writing note `body`, after `first` when given; fails at the end when asked. */
  const transaction = (
    body: string,
    fail = false,
    first?: (trx: Kysely<Database>) => Promise<unknown>,
  ) =>
    handle.db.transaction().execute(async (trx) => {
      await first?.(trx);
      await trx
        .insertInto('notes' as never)
        .values({ body } as never)
        .execute();
      if (fail) throw new Error(`${body} fails`);
      return body;
    });

  it('answers each transaction only once its work is committed, with fewer commits than transactions', async () => {
    const before = { ...handle.groupCommit };
    const seenWhenAnswered = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        transaction(`note ${i}`).then((body) => committed().includes(body)),
      ),
    );
    expect(seenWhenAnswered).toEqual(Array(40).fill(true));
    expect(committed()).toHaveLength(40);
    const units = handle.groupCommit.units - before.units;
    const commits = handle.groupCommit.commits - before.commits;
    expect(units).toBe(40);
    expect(commits).toBeGreaterThan(0);
    expect(commits).toBeLessThan(units);
  });

  it('rolls back a failing transaction alone: the others of its batch commit', async () => {
    const outcomes = await Promise.allSettled(
      Array.from({ length: 10 }, (_, i) => transaction(`note ${i}`, i % 2 === 1)),
    );
    expect(outcomes.map((o) => o.status)).toEqual(
      Array.from({ length: 10 }, (_, i) => (i % 2 === 1 ? 'rejected' : 'fulfilled')),
    );
    expect(committed()).toEqual(['note 0', 'note 2', 'note 4', 'note 6', 'note 8']);
  });

  it('commits the open batch before a write made outside a transaction, which is committed when answered', async () => {
    const first = transaction('in a transaction');
    // Issued while the transaction above still runs: it waits for the connection, then must not
    // join the batch (its caller would be answered before the COMMIT).
    const alone = insert('outside a transaction').then(() => committed());
    await first;
    expect(await alone).toEqual(['in a transaction', 'outside a transaction']);
  });

  it('commits the open batch before a streamed read, which may hold the connection for long', async () => {
    await insert('existing');
    let streamed = false;
    const first = transaction('in a transaction').then(() => ({ streamed, seen: committed() }));
    // Queued right behind the transaction: takes the connection before the batch would commit.
    const reading = (async () => {
      for await (const _row of handle.db
        .selectFrom('notes' as never)
        .selectAll()
        .stream())
        await sleep(100);
      streamed = true;
    })();
    const answered = await first;
    expect(answered.streamed).toBe(false);
    expect(answered.seen).toEqual(['existing', 'in a transaction']);
    await reading;
  });

  it('fails every transaction of a batch that SQLite itself rolled back', async () => {
    await insert('taken');
    const outcomes = await Promise.allSettled([
      transaction('first'),
      handle.db.transaction().execute(async (trx) => {
        // OR ROLLBACK makes SQLite abandon the whole transaction, not just this statement.
        await sql`insert or rollback into notes (body) values ('taken')`.execute(trx);
      }),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(['rejected', 'rejected']);
    expect(committed()).toEqual(['taken']);
    // The connection is usable afterwards.
    await transaction('after');
    expect(committed()).toEqual(['taken', 'after']);
  });

  it('reads inside a transaction see its own writes and those of its batch', async () => {
    const [, count] = await Promise.all([
      transaction('one'),
      handle.db.transaction().execute(async (trx) => {
        await trx
          .insertInto('notes' as never)
          .values({ body: 'two' } as never)
          .execute();
        const { n } = await sql<{ n: number }>`select count(*) as n from notes`
          .execute(trx)
          .then((r) => r.rows[0] as { n: number });
        return n;
      }),
    ]);
    expect(count).toBe(2);
    expect(committed()).toEqual(['one', 'two']);
  });

  describe('statements deferred until the commit (the full-text index)', () => {
    beforeEach(async () => {
      await sql`create virtual table words using fts5(body)`.execute(handle.db);
    });
    const indexed = () =>
      (judge.prepare('select body from words order by rowid').all() as { body: string }[]).map(
        (r) => r.body,
      );
    const deferredInsert = (trx: Kysely<Database>, body: string) =>
      sql`${sql.raw(DEFER_UNTIL_COMMIT)} insert into words (body) values (${body})`.execute(trx);
    const indexing = (body: string, fail = false) =>
      transaction(body, fail, (trx) => deferredInsert(trx, body));

    it('writes the deferred statements of committed transactions with their batch, and none of a failed one', async () => {
      const outcomes = await Promise.allSettled(
        Array.from({ length: 12 }, (_, i) =>
          indexing(`word${i}`, i % 3 === 2).then((body) => indexed().includes(body)),
        ),
      );
      expect(outcomes.map((o) => (o.status === 'fulfilled' ? o.value : 'failed'))).toEqual(
        Array.from({ length: 12 }, (_, i) => (i % 3 === 2 ? 'failed' : true)),
      );
      const kept = Array.from({ length: 12 }, (_, i) => `word${i}`).filter((_, i) => i % 3 !== 2);
      expect(indexed()).toEqual(kept);
      expect(committed()).toEqual(kept);
    });

    it('runs a deferred statement at once outside a transaction', async () => {
      await deferredInsert(handle.db, 'alone');
      expect(indexed()).toEqual(['alone']);
    });

    it('fails the whole batch when a deferred statement fails at the commit', async () => {
      await indexing('fine');
      await sql`create table strict_words (body text not null check (length(body) < 5))`.execute(
        handle.db,
      );
      const failing = await Promise.allSettled([
        indexing('kept?'),
        handle.db.transaction().execute(async (trx) => {
          await sql`${sql.raw(DEFER_UNTIL_COMMIT)} insert into strict_words (body) values ('far too long')`.execute(
            trx,
          );
        }),
      ]);
      // Both were answered only after the batch failed: neither is written.
      expect(failing.map((o) => o.status)).toEqual(['rejected', 'rejected']);
      expect(indexed()).toEqual(['fine']);
      expect(committed()).toEqual(['fine']);
      // The connection is usable afterwards.
      await indexing('after');
      expect(indexed()).toEqual(['fine', 'after']);
    });
  });
});
