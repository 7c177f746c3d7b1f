import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { sql } from 'kysely';
import { type Checkpointer, startCheckpointer } from './sqlite-checkpointer.js';
import {
  DEFER_UNTIL_COMMIT,
  GroupCommitDialect,
  GroupCommitKysely,
  SqliteGroupCommit,
} from './sqlite-group-commit.js';
import type { DatabaseHandle } from './types.js';

// better-sqlite3 refuses booleans and Dates as parameters; this is the single place where app
// values become SQLite storage values (booleans 0|1, timestamps ISO-8601 text in UTC).
function toSqliteValue(value: unknown): unknown {
  if (value === true) return 1;
  if (value === false) return 0;
  if (value instanceof Date) return value.toISOString();
  return value;
}

// Preparing a statement costs more than running a small one; Kysely prepares on every query, so
// prepared statements are kept by their SQL text. Kysely runs one query at a time on its single
// SQLite connection, so a cached statement is never used by two queries at once.
const STATEMENT_CACHE_SIZE = 500;

/** A statement Kysely issues that the group commit answers instead of SQLite (never a reader). */
function control(action: () => void) {
  return {
    reader: false,
    run: () => {
      action();
      return { changes: 0, lastInsertRowid: 0 };
    },
  };
}

function wrap(database: SqliteDatabase.Database, groupCommit: SqliteGroupCommit) {
  const statements = new Map<string, SqliteDatabase.Statement>();
  const prepared = (query: string) => {
    let statement = statements.get(query);
    if (!statement) {
      statement = database.prepare(query);
      if (statements.size >= STATEMENT_CACHE_SIZE)
        statements.delete(statements.keys().next().value as string);
      statements.set(query, statement);
    }
    return statement;
  };
  return {
    close: () => database.close(),
    prepare(query: string) {
      // Kysely's SQLite driver brackets every transaction with exactly these statements.
      if (query === 'begin') return control(() => groupCommit.begin());
      if (query === 'commit') return control(() => groupCommit.commitUnit());
      if (query === 'rollback') return control(() => groupCommit.rollbackUnit());
      const statement = prepared(query);
      if (query.startsWith(DEFER_UNTIL_COMMIT))
        return {
          reader: false,
          run: (params: ReadonlyArray<unknown>) => {
            groupCommit.deferred(statement, params.map(toSqliteValue));
            return { changes: 0, lastInsertRowid: 0 };
          },
        };
      const map = (params: ReadonlyArray<unknown>) => {
        groupCommit.beforeStatement(statement.readonly);
        return params.map(toSqliteValue);
      };
      return {
        reader: statement.reader,
        all: (params: ReadonlyArray<unknown>) => statement.all(map(params)),
        run: (params: ReadonlyArray<unknown>) => statement.run(map(params)),
        iterate: (params: ReadonlyArray<unknown>) => {
          groupCommit.beforeStream();
          return statement.iterate(map(params));
        },
      };
    },
  };
}

/** The SQLite handle, with how well its group commit and checkpointer do (tests and metrics). */
export interface SqliteHandle extends DatabaseHandle {
  readonly groupCommit: SqliteGroupCommit['stats'];
  /** Null until prepareForServing() starts the checkpointer thread. */
  readonly checkpointer: Checkpointer['stats'] | null;
}

export function openSqlite(file: string): SqliteHandle {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
  const database = new SqliteDatabase(file);
  database.pragma('journal_mode = WAL');
  database.pragma('foreign_keys = ON');
  database.pragma('busy_timeout = 5000');
  database.pragma('synchronous = NORMAL');
  // 64 MiB of page cache (the default is 2 MiB): at a million tickets the queue indexes and the
  // search index stay in memory instead of being re-read page by page.
  database.pragma('cache_size = -65536');
  database.pragma('temp_store = MEMORY');
  // Checkpoint every ~40 MiB of WAL instead of every 4 MiB: a ticket write dirties a few dozen
  // index pages, and each checkpoint's fsync was most of the cost of a commit. A server also
  // copies pages on another thread as it goes (prepareForServing), so that this checkpoint finds
  // little left to do.
  database.pragma('wal_autocheckpoint = 10000');
  const groupCommit = new SqliteGroupCommit(database);
  let checkpointer: Checkpointer | null = null;
  const db = new GroupCommitKysely(
    // biome-ignore lint/suspicious/noExplicitAny: the wrapper satisfies Kysely's SqliteDatabase shape
    new GroupCommitDialect({ database: wrap(database, groupCommit) as any }, groupCommit),
    groupCommit,
  );
  return {
    engine: 'sqlite',
    db,
    groupCommit: groupCommit.stats,
    description: `SQLite ${file}`,
    async ping() {
      await sql`select 1`.execute(db);
    },
    prepareForBulkLoad() {
      // Writing a million rows into a dozen indexes touches pages all over the file: keep up to
      // a quarter of the machine's memory (at most 4 GiB) of them in this connection's cache
      // instead of re-reading them.
      const kib = Math.min(4 * 1024 * 1024, Math.floor(os.totalmem() / 1024 / 4));
      database.pragma(`cache_size = -${kib}`);
      // A crash during the load may lose the last batches, never the file.
      database.pragma('synchronous = OFF');
    },
    prepareForServing() {
      if (file !== ':memory:' && !checkpointer) checkpointer = startCheckpointer(file);
    },
    get checkpointer() {
      return checkpointer?.stats ?? null;
    },
    async destroy() {
      await checkpointer?.stop();
      await db.destroy();
    },
  };
}
