// The job port: work that must happen once, later or in the background, on whichever node is free.
// Jobs live in the `jobs` table on both engines, so a job enqueued in a transaction exists exactly
// when that transaction commits. Only how a worker claims due jobs differs per engine (claim.*.ts).
import { hostname } from 'node:os';
import { sql } from 'kysely';
import { isUniqueViolation } from '../db/errors.js';
import type { Executor } from '../db/executor.js';
import { preparedInsert } from '../db/prepared.js';
import type { JobsTable } from '../db/schema.js';
import { fromJson, toJson } from '../db/values.js';
import type { Clock } from '../shared/clock.js';
import { uuidv7 } from '../shared/ids.js';

export interface Job<P = unknown> {
  id: string;
  name: string;
  payload: P;
  attempts: number;
  maxAttempts: number;
}

export type JobHandler<P = unknown> = (job: Job<P>) => Promise<void>;

export interface EnqueueOptions {
  runAt?: Date;
  maxAttempts?: number;
  /** At most one pending or running job per key: enqueuing again returns the active job's id. */
  uniqueKey?: string;
}

/**
 * Claims up to `limit` due jobs named in `names` for `worker`, marking them running until
 * `lockedUntil`. Only jobs this worker has handlers for: during a rolling deploy an older node
 * must leave a newer job type alone rather than burn its attempts with "no handler".
 */
export type ClaimDueJobs = (
  db: Executor,
  args: {
    now: string;
    worker: string;
    lockedUntil: string;
    limit: number;
    names: readonly string[];
  },
) => Promise<JobsTable[]>;

// The predicate of the partial unique index jobs_unique_key_active, repeated verbatim so that
// ON CONFLICT can name that index on both engines (literals, not parameters: both engines must
// prove at plan time that it implies the index's predicate).
const ACTIVE_UNIQUE_KEY = sql<boolean>`unique_key is not null and status in ('pending', 'running')`;

// Each ticket created enqueues three jobs (its two SLA clocks' next thresholds, its notification): compiled once.
const insertJob = preparedInsert('jobs');

export interface JobQueueOptions {
  db: Executor;
  claim: ClaimDueJobs;
  clock: Clock;
  pollMs?: number;
  concurrency?: number;
  /** How long a claimed job may run before another worker may take it over. */
  lockMs?: number;
  log?: { error(obj: object, msg: string): void; info?(obj: object, msg: string): void };
  workerId?: string;
}

/** A job claimed again after its last allowed attempt never finished within its lock. */
class LockExpiredError extends Error {
  override name = 'LockExpiredError';
}

/** Exponential backoff: 10 s, 20 s, 40 s … capped at one hour. */
export const backoffMs = (attempt: number) =>
  Math.min(10_000 * 2 ** Math.max(attempt - 1, 0), 3_600_000);

export function createJobQueue(options: JobQueueOptions) {
  const { db, claim, clock } = options;
  const pollMs = options.pollMs ?? 1000;
  const concurrency = options.concurrency ?? 4;
  const lockMs = options.lockMs ?? 5 * 60_000;
  const workerId = options.workerId ?? `${hostname()}:${process.pid}:${uuidv7().slice(-8)}`;
  const handlers = new Map<string, JobHandler>();
  const recurring = new Map<string, number>();
  let timer: NodeJS.Timeout | null = null;
  let running = false;
  let inFlight: Promise<unknown> = Promise.resolve();

  async function insert(trx: Executor, name: string, payload: unknown, opts: EnqueueOptions) {
    const now = clock.now().toISOString();
    const id = uuidv7(clock.now().getTime());
    const row: JobsTable = {
      id,
      name,
      payload: toJson(payload ?? {}),
      status: 'pending',
      run_at: (opts.runAt ?? clock.now()).toISOString(),
      attempts: 0,
      max_attempts: opts.maxAttempts ?? 5,
      locked_by: null,
      locked_until: null,
      last_error: null,
      unique_key: opts.uniqueKey ?? null,
      created_at: now,
      updated_at: now,
      finished_at: null,
    };
    if (!opts.uniqueKey) {
      await insertJob(trx, row);
      return id;
    }
    // ON CONFLICT DO NOTHING rather than "select, then insert": two transactions enqueuing the same
    // key at once must both succeed (one job), not fail the loser's whole transaction with a
    // unique violation. PostgreSQL waits for the other transaction and then skips the insert.
    for (let round = 0; round < 3; round++) {
      const inserted = await trx
        .insertInto('jobs')
        .values(row)
        .onConflict((oc) => oc.column('unique_key').where(ACTIVE_UNIQUE_KEY).doNothing())
        .returning('id')
        .executeTakeFirst();
      if (inserted) return inserted.id;
      const active = await trx
        .selectFrom('jobs')
        .select('id')
        .where('unique_key', '=', opts.uniqueKey)
        .where('status', 'in', ['pending', 'running'])
        .executeTakeFirst();
      // Gone already (it finished between the two statements): try the insert again.
      if (active) return active.id;
    }
    throw new Error(`could not enqueue job "${name}" with unique key "${opts.uniqueKey}"`);
  }

  /** Schedules the next run of a recurring job, unless one is already pending or running. */
  async function scheduleNext(trx: Executor, row: JobsTable, every: number, now: Date) {
    await insert(trx, row.name, fromJson(row.payload), {
      runAt: new Date(now.getTime() + every),
      uniqueKey: row.unique_key ?? row.name,
      maxAttempts: row.max_attempts,
    });
  }

  async function finish(row: JobsTable) {
    const now = clock.now();
    await db.transaction().execute(async (trx) => {
      const result = await trx
        .updateTable('jobs')
        .set({
          status: 'done',
          finished_at: now.toISOString(),
          updated_at: now.toISOString(),
          locked_until: null,
        })
        .where('id', '=', row.id)
        .where('status', '=', 'running')
        .where('locked_by', '=', workerId)
        .executeTakeFirst();
      // Lost the lock (another worker took the job over): that worker finishes it and schedules.
      if (Number(result.numUpdatedRows) !== 1) return;
      const every = recurring.get(row.name);
      if (every !== undefined) await scheduleNext(trx, row, every, now);
    });
  }

  async function fail(row: JobsTable, error: unknown) {
    const now = clock.now();
    const attempts = row.attempts;
    const dead = attempts >= row.max_attempts;
    const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    const updated = await db.transaction().execute(async (trx) => {
      const result = await trx
        .updateTable('jobs')
        .set({
          status: dead ? 'dead' : 'pending',
          // A claim after the last attempt was lost is not an attempt of its own (see run()).
          attempts: Math.min(attempts, row.max_attempts),
          run_at: dead ? row.run_at : new Date(now.getTime() + backoffMs(attempts)).toISOString(),
          last_error: message.slice(0, 4000),
          locked_by: null,
          locked_until: null,
          updated_at: now.toISOString(),
          finished_at: dead ? now.toISOString() : null,
        })
        .where('id', '=', row.id)
        // Only while this worker still holds the job: a worker whose lock expired must not put
        // back in the queue a job another worker has taken over (or already finished).
        .where('status', '=', 'running')
        .where('locked_by', '=', workerId)
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) !== 1) return false;
      // A recurring job that died keeps its schedule: the dead run stays visible to operators,
      // and the next one is due at the usual interval instead of never (until a restart).
      const every = recurring.get(row.name);
      if (dead && every !== undefined) await scheduleNext(trx, row, every, now);
      return true;
    });
    if (!updated) return;
    options.log?.error(
      { job: row.id, name: row.name, attempts, dead, err: message },
      dead ? 'job is dead' : 'job failed; will retry',
    );
  }

  async function run(row: JobsTable) {
    const handler = handlers.get(row.name);
    try {
      if (!handler) throw new Error(`no handler registered for job "${row.name}"`);
      // Claimed again after its last allowed attempt never finished (the worker died or hung past
      // its lock): stop here, or a job that kills its worker would be retried forever.
      if (row.attempts > row.max_attempts) {
        throw new LockExpiredError(
          `attempt ${row.max_attempts} of ${row.max_attempts} did not finish before its lock expired`,
        );
      }
      await handler({
        id: row.id,
        name: row.name,
        payload: fromJson(row.payload),
        attempts: row.attempts,
        maxAttempts: row.max_attempts,
      });
      await finish(row);
    } catch (error) {
      await fail(row, error).catch((failure: unknown) => {
        // The lock expires and another worker retries the job; say why it was not recorded.
        options.log?.error(
          { job: row.id, name: row.name, err: String(failure) },
          'could not record the outcome of a job',
        );
      });
    }
  }

  /** Claims and runs one batch of due jobs; returns how many ran. Workers call it on a timer. */
  async function runDue(limit = concurrency): Promise<number> {
    if (handlers.size === 0) return 0;
    const now = clock.now();
    const rows = await claim(db, {
      now: now.toISOString(),
      worker: workerId,
      lockedUntil: new Date(now.getTime() + lockMs).toISOString(),
      limit,
      names: [...handlers.keys()],
    });
    await Promise.all(rows.map(run));
    return rows.length;
  }

  async function tick() {
    if (!running) return;
    try {
      while (running && (await runDue()) > 0) {
        // keep draining while there is work
      }
    } catch (error) {
      options.log?.error({ err: String(error) }, 'job worker could not claim jobs');
    }
    if (running) {
      timer = setTimeout(() => {
        inFlight = tick();
      }, pollMs);
    }
  }

  return {
    workerId,

    register<P>(name: string, handler: JobHandler<P>) {
      handlers.set(name, handler as JobHandler);
    },

    /** A job that schedules its next run when it finishes. */
    registerRecurring<P>(name: string, everyMs: number, handler: JobHandler<P>) {
      handlers.set(name, handler as JobHandler);
      recurring.set(name, everyMs);
    },

    /** Enqueues inside the caller's transaction: the job exists only if that transaction commits. */
    enqueue(trx: Executor, name: string, payload: unknown = {}, opts: EnqueueOptions = {}) {
      return insert(trx, name, payload, opts);
    },

    /** Makes sure every recurring job has a pending run; safe on every node at every start. */
    async scheduleRecurring() {
      for (const [name] of recurring) await insert(db, name, {}, { uniqueKey: name });
    },

    runDue,

    start() {
      if (running) return;
      running = true;
      inFlight = tick();
    },

    async stop() {
      running = false;
      if (timer) clearTimeout(timer);
      await inFlight;
    },

    async list(filter: { status?: string; limit?: number }) {
      let query = db.selectFrom('jobs').selectAll();
      if (filter.status) query = query.where('status', '=', filter.status);
      return query
        .orderBy('updated_at', 'desc')
        .limit(filter.limit ?? 100)
        .execute();
    },

    /** Puts a dead job back in the queue for another round of attempts. */
    async retry(id: string) {
      const now = clock.now().toISOString();
      const revive = (keepKey: boolean) =>
        db
          .updateTable('jobs')
          .set({
            status: 'pending',
            attempts: 0,
            run_at: now,
            updated_at: now,
            finished_at: null,
            ...(keepKey ? {} : { unique_key: null }),
          })
          .where('id', '=', id)
          .where('status', '=', 'dead')
          .executeTakeFirst();
      let result: Awaited<ReturnType<typeof revive>>;
      try {
        result = await revive(true);
      } catch (error) {
        // Another job with the same unique key is already pending (a dead recurring job's next
        // run, for instance): the operator asked for this one to run again, so it runs once more
        // without the key instead of failing with a unique violation.
        if (!isUniqueViolation(error)) throw error;
        result = await revive(false);
      }
      return Number(result.numUpdatedRows) === 1;
    },

    /** Deletes finished jobs older than the cut-off; dead ones stay until someone looks at them. */
    async purgeFinished(olderThan: Date) {
      const result = await db
        .deleteFrom('jobs')
        .where('status', '=', 'done')
        .where('finished_at', '<', olderThan.toISOString())
        .executeTakeFirst();
      return Number(result.numDeletedRows);
    },

    async counts() {
      const rows = await db
        .selectFrom('jobs')
        .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
        .groupBy('status')
        .execute();
      return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)])) as Record<string, number>;
    },
  };
}

export type JobQueue = ReturnType<typeof createJobQueue>;
