// The WAL checkpointer thread of a server's SQLite database (src/db/dialect/sqlite-checkpointer.ts):
// committed pages reach the database file without the writer checkpointing, and an idle database
// is left alone. The database file itself is the judge: the writer alone would leave every page
// in the write-ahead log until it holds 10,000 of them.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSqlite, type SqliteHandle } from '../src/db/dialect/sqlite.js';

describe('SQLite checkpointer thread', () => {
  let dir: string;
  let file: string;
  let handle: SqliteHandle;

  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'meridian-checkpointer-'));
    file = path.join(dir, 'meridian.db');
    handle = openSqlite(file);
    await sql`create table notes (id integer primary key, body text not null)`.execute(handle.db);
  });

  afterEach(async () => {
    await handle.destroy();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const write = (rows: number) =>
    handle.db.transaction().execute(async (trx) => {
      for (let i = 0; i < rows; i++)
        await sql`insert into notes (body) values (${`note ${i} `.repeat(20)})`.execute(trx);
    });

  async function until(condition: () => boolean, timeoutMs = 10_000) {
    const deadline = Date.now() + timeoutMs;
    while (!condition()) {
      if (Date.now() > deadline) throw new Error('timed out');
      await sleep(20);
    }
  }

  it('copies committed pages into the database file on its own thread', async () => {
    await write(2000);
    const fileBefore = fs.statSync(file).size;
    // Nothing started yet: a plain connection (tests, the CLI) leaves the pages in the log.
    expect(handle.checkpointer).toBeNull();
    handle.prepareForServing();
    await until(() => fs.statSync(file).size > 400_000);
    expect(fileBefore).toBeLessThan(100_000);
    expect(handle.checkpointer?.checkpoints).toBeGreaterThan(0);
    expect(handle.checkpointer?.failures).toBe(0);
  });

  it('leaves an idle database alone and catches up after the next commit', async () => {
    handle.prepareForServing();
    await write(10);
    await until(() => (handle.checkpointer?.checkpoints ?? 0) > 0);
    const settled = handle.checkpointer?.checkpoints ?? 0;
    await sleep(400);
    expect(handle.checkpointer?.checkpoints).toBe(settled);
    await write(10);
    await until(() => (handle.checkpointer?.checkpoints ?? 0) > settled);
  });
});
