// The job port: work that must happen once, later or in the background, on whichever node is free.
// Jobs live in the `jobs` table on both engines, so a job enqueued in a transaction exists exactly
// when that transaction commits. Only how a worker claims due jobs differs per engine (claim.*.ts).
import { hostname } from 'node:os';
import { isUniqueViolation } from '../db/errors.js';
import type { Executor } from '../db/executor.js';
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
  /** At most one pending or running job per key; a second enqueue with the key is ignored. */
  uniqueKey?: string;
}

/** Claims up to `limit` due jobs for `worker`, marking them running until `lockedUntil`. */
export type ClaimDueJobs = (
  db: Executor,
  args: { now: string; worker: string; lockedUntil: string; limit: number },
) => Promise<JobsTable[]>;

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
    if (opts.uniqueKey) {
      // A savepoint-free way to "insert unless one is active" that works on both engines.
      const active = await trx
        .selectFrom('jobs')
        .select('id')
        .where('unique_key', '=', opts.uniqueKey)
        .where('status', 'in', ['pending', 'running'])
        .executeTakeFirst();
      if (active) return active.id;
    }
    await trx.insertInto('jobs').values(row).execute();
    return id;
  }

  async function finish(row: JobsTable) {
    const now = clock.now();
    await db.transaction().execute(async (trx) => {
      await trx
        .updateTable('jobs')
        .set({
          status: 'done',
          finished_at: now.toISOString(),
          updated_at: now.toISOString(),
          locked_until: null,
        })
        .where('id', '=', row.id)
        .where('locked_by', '=', workerId)
        .execute();
      const every = recurring.get(row.name);
      if (every !== undefined) {
        await insert(trx, row.name, fromJson(row.payload), {
          runAt: new Date(now.getTime() + every),
          uniqueKey: row.unique_key ?? row.name,
          maxAttempts: row.max_attempts,
        });
      }
    });
  }

  async function fail(row: JobsTable, error: unknown) {
    const now = clock.now();
    const attempts = row.attempts;
    const dead = attempts >= row.max_attempts;
    const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    await db
      .updateTable('jobs')
      .set({
        status: dead ? 'dead' : 'pending',
        run_at: dead ? row.run_at : new Date(now.getTime() + backoffMs(attempts)).toISOString(),
        last_error: message.slice(0, 4000),
        locked_by: null,
        locked_until: null,
        updated_at: now.toISOString(),
        finished_at: dead ? now.toISOString() : null,
      })
      .where('id', '=', row.id)
      .execute();
    options.log?.error(
      { job: row.id, name: row.name, attempts, dead, err: message },
      dead ? 'job is dead' : 'job failed; will retry',
    );
  }

  async function run(row: JobsTable) {
    const handler = handlers.get(row.name);
    try {
      if (!handler) throw new Error(`no handler registered for job "${row.name}"`);
      await handler({
        id: row.id,
        name: row.name,
        payload: fromJson(row.payload),
        attempts: row.attempts,
        maxAttempts: row.max_attempts,
      });
      await finish(row);
    } catch (error) {
      await fail(row, error).catch(() => {});
    }
  }

  /** Claims and runs one batch of due jobs; returns how many ran. Workers call it on a timer. */
  async function runDue(limit = concurrency): Promise<number> {
    const now = clock.now();
    const rows = await claim(db, {
      now: now.toISOString(),
      worker: workerId,
      lockedUntil: new Date(now.getTime() + lockMs).toISOString(),
      limit,
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
      for (const [name] of recurring) {
        try {
          await db.transaction().execute((trx) => insert(trx, name, {}, { uniqueKey: name }));
        } catch (error) {
          if (!isUniqueViolation(error)) throw error;
        }
      }
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
      const result = await db
        .updateTable('jobs')
        .set({ status: 'pending', attempts: 0, run_at: now, updated_at: now, finished_at: null })
        .where('id', '=', id)
        .where('status', '=', 'dead')
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
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
