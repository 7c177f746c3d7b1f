// Group commit on SQLite. Every transaction of the server ends in a COMMIT that appends its pages to
// the write-ahead log, and at a million tickets that commit was a third of the cost of creating a
// ticket. Transactions that arrive while others are running share one SQLite transaction instead:
// each runs inside a savepoint of it (a failing one rolls back to its savepoint and leaves the
// others alone), and one COMMIT ends them all. Nobody is told "done" before that COMMIT: a
// transaction's promise resolves only once the batch it joined is committed, and rejects when the
// batch fails, so an answered request is exactly as durable as without batching.
//
// A batch is committed as soon as the connection is idle (no transaction or query holds it), when
// it holds MAX_UNITS transactions or is MAX_AGE_MS old, before any write that runs outside a
// transaction (such a write must never join a batch whose caller answers before the COMMIT), and
// before a streamed read (which holds the connection for long).
// Reads outside a transaction may see the work of a batch a few milliseconds before it is
// committed; they ran on the same single connection before batching too, and see nothing that a
// failed COMMIT could take back except in the rare failure of the COMMIT itself. See
// docs/decisions/0004-sqlite-group-commit.md.
//
// A statement marked DEFER_UNTIL_COMMIT runs just before the COMMIT of its batch instead of in its
// unit's savepoint. This is for the full-text index: FTS5 writes its pending terms out as a new
// index segment at every savepoint and release, so one search document per unit meant one segment
// per ticket and merges to match (a sixth of the cost of creating a ticket at a million tickets);
// deferred, a batch's documents become one segment. Only statements whose effect nobody reads
// within the transaction may be marked: their result is not returned.
import type SqliteDatabase from 'better-sqlite3';
import {
  type DatabaseConnection,
  type Driver,
  Kysely,
  SqliteDialect,
  type SqliteDialectConfig,
  SqliteDriver,
  type TransactionBuilder,
} from 'kysely';
import type { Database } from '../schema.js';

const MAX_UNITS = 64;
const MAX_AGE_MS = 10;
const UNIT = 'meridian_unit';

/** The prefix (an SQL comment) of a statement that may wait for its batch's COMMIT. */
export const DEFER_UNTIL_COMMIT = '/* meridian:defer-until-commit */';

/** A statement kept for the end of the batch, with its parameters already bound to values. */
interface DeferredStatement {
  statement: SqliteDatabase.Statement;
  params: unknown[];
}

interface Batch {
  startedAt: number;
  units: number;
  /** The deferred statements of the batch's committed units, in the order they were issued. */
  deferred: DeferredStatement[];
  committed: Promise<void>;
  resolve(): void;
  reject(error: unknown): void;
}

function newBatch(): Batch {
  let resolve!: () => void;
  let reject!: (error: unknown) => void;
  const committed = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  // The units waiting on it receive the rejection; a batch nobody waits on must not crash the
  // process with an unhandled rejection.
  committed.catch(() => {});
  return { startedAt: performance.now(), units: 0, deferred: [], committed, resolve, reject };
}

export class SqliteGroupCommit {
  readonly #database: SqliteDatabase.Database;
  #batch: Batch | null = null;
  #inUnit = false;
  /** The deferred statements of the running unit: kept when it commits, dropped if it rolls back. */
  #unitDeferred: DeferredStatement[] = [];
  #held = false;
  #flushScheduled = false;
  /** Counters for tests and metrics: transactions run, and COMMITs that ended them. */
  readonly stats = { units: 0, commits: 0 };

  constructor(database: SqliteDatabase.Database) {
    this.#database = database;
  }

  /** What the driver's "begin" does: join the open batch, or open one. */
  begin(): void {
    if (!this.#batch) {
      this.#database.exec('begin');
      this.#batch = newBatch();
    }
    this.#database.exec(`savepoint ${UNIT}`);
    this.#inUnit = true;
  }

  /** What the driver's "commit" does: keep the unit's work in the batch. */
  commitUnit(): void {
    this.#database.exec(`release ${UNIT}`);
    this.#inUnit = false;
    this.stats.units++;
    const batch = this.#batch as Batch;
    batch.units++;
    if (this.#unitDeferred.length) {
      batch.deferred.push(...this.#unitDeferred);
      this.#unitDeferred = [];
    }
    if (batch.units >= MAX_UNITS || performance.now() - batch.startedAt >= MAX_AGE_MS) this.flush();
  }

  /** What the driver's "rollback" does: undo the unit's work only. */
  rollbackUnit(): void {
    this.#inUnit = false;
    this.#unitDeferred = [];
    const batch = this.#batch;
    if (!this.#database.inTransaction) {
      // SQLite itself rolled the whole transaction back (out of disk, I/O error): the work of
      // the units before this one is gone too, and their callers must hear it.
      this.#batch = null;
      batch?.reject(new Error('SQLite rolled back a batch of transactions after an error'));
      return;
    }
    this.#database.exec(`rollback to ${UNIT}`);
    this.#database.exec(`release ${UNIT}`);
  }

  /** Called before every statement: a write outside a transaction first commits the batch. */
  beforeStatement(readonly: boolean): void {
    if (!readonly) this.#commitOutsideUnit();
  }

  /** Runs a DEFER_UNTIL_COMMIT statement: at the end of the batch inside a unit, now outside. */
  deferred(statement: SqliteDatabase.Statement, params: unknown[]): void {
    if (this.#inUnit) this.#unitDeferred.push({ statement, params });
    else {
      this.#commitOutsideUnit();
      statement.run(params);
    }
  }

  /**
   * Called before a streamed read, which holds the connection across many turns of the event loop
   * (a list export): the transactions of the open batch must not wait for it to end.
   */
  beforeStream(): void {
    this.#commitOutsideUnit();
  }

  #commitOutsideUnit(): void {
    if (this.#batch && !this.#inUnit) this.flush();
  }

  /** The promise of the batch the running transaction belongs to. */
  pending(): Promise<void> | null {
    return this.#batch?.committed ?? null;
  }

  acquired(): void {
    this.#held = true;
  }

  released(): void {
    this.#held = false;
    if (!this.#batch || this.#flushScheduled) return;
    this.#flushScheduled = true;
    // After the callbacks already queued: transactions waiting for the connection join first.
    setImmediate(() => {
      this.#flushScheduled = false;
      if (this.#batch && !this.#held && !this.#inUnit) this.flush();
    });
  }

  /** Commits the open batch now (also on close). */
  flush(): void {
    const batch = this.#batch;
    if (!batch) return;
    this.#batch = null;
    try {
      for (const { statement, params } of batch.deferred) statement.run(params);
      this.#database.exec('commit');
      this.stats.commits++;
      batch.resolve();
    } catch (error) {
      if (this.#database.inTransaction) this.#database.exec('rollback');
      batch.reject(error);
    }
  }
}

/** Tells the group commit when the connection is taken and given back. */
class GroupCommitDriver extends SqliteDriver {
  readonly #groupCommit: SqliteGroupCommit;

  constructor(config: SqliteDialectConfig, groupCommit: SqliteGroupCommit) {
    super(config);
    this.#groupCommit = groupCommit;
  }

  override async acquireConnection(): Promise<DatabaseConnection> {
    const connection = await super.acquireConnection();
    this.#groupCommit.acquired();
    return connection;
  }

  override async releaseConnection(): Promise<void> {
    await super.releaseConnection();
    this.#groupCommit.released();
  }

  override async destroy(): Promise<void> {
    this.#groupCommit.flush();
    await super.destroy();
  }
}

export class GroupCommitDialect extends SqliteDialect {
  readonly #config: SqliteDialectConfig;
  readonly #groupCommit: SqliteGroupCommit;

  constructor(config: SqliteDialectConfig, groupCommit: SqliteGroupCommit) {
    super(config);
    this.#config = config;
    this.#groupCommit = groupCommit;
  }

  override createDriver(): Driver {
    return new GroupCommitDriver(this.#config, this.#groupCommit);
  }
}

/** A transaction builder whose execute() resolves once the batch the transaction joined commits. */
function awaitingCommit(
  builder: TransactionBuilder<Database>,
  groupCommit: SqliteGroupCommit,
): TransactionBuilder<Database> {
  return new Proxy(builder, {
    get(target, property) {
      if (property === 'execute') {
        return async <T>(callback: Parameters<typeof target.execute<T>>[0]): Promise<T> => {
          let batch: Promise<void> | null = null;
          const result = await target.execute(async (trx) => {
            batch = groupCommit.pending();
            return callback(trx);
          });
          await batch;
          return result;
        };
      }
      if (property === 'setAccessMode' || property === 'setIsolationLevel') {
        return (value: never) => awaitingCommit(target[property](value), groupCommit);
      }
      const value = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

/** Kysely on SQLite whose transactions answer only after their batch is committed. */
export class GroupCommitKysely extends Kysely<Database> {
  readonly #groupCommit: SqliteGroupCommit;

  constructor(dialect: GroupCommitDialect, groupCommit: SqliteGroupCommit) {
    super({ dialect });
    this.#groupCommit = groupCommit;
  }

  override transaction(): TransactionBuilder<Database> {
    return awaitingCommit(super.transaction(), this.#groupCommit);
  }
}
