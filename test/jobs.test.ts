// The background job port on both databases: what an operator notices is that work enqueued with a
// change happens once (and only if the change committed), on time, retried when it fails, visible
// when it gives up, and never twice when several workers or nodes share one queue.
import { setTimeout as sleep } from 'node:timers/promises';
import { expect, it, vi } from 'vitest';
import { openDatabase } from '../src/db/database.js';
import type { Executor } from '../src/db/executor.js';
import { claimPostgres } from '../src/jobs/claim.postgres.js';
import { claimSqlite } from '../src/jobs/claim.sqlite.js';
import { backoffMs, createJobQueue, type JobQueueOptions } from '../src/jobs/job-queue.js';
import { describeEachDatabase } from './helpers/test-app.js';

// Every test uses its own job names, and a queue claims only the names it has handlers for, so the
// queues of one test never touch the jobs of another (they share the file's database).
let sequence = 0;
const jobName = (what: string) => `test.${what}.${++sequence}`;

describeEachDatabase('background jobs', (get) => {
  const claimFor = () => (get().engine === 'postgres' ? claimPostgres : claimSqlite);
  const queue = (options: Partial<JobQueueOptions> = {}) =>
    createJobQueue({ db: get().services.db, claim: claimFor(), clock: get().clock, ...options });
  const job = (id: string) =>
    get().services.db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const jobsNamed = (name: string) =>
    get()
      .services.db.selectFrom('jobs')
      .selectAll()
      .where('name', '=', name)
      .orderBy('created_at')
      .orderBy('id')
      .execute();
  const inOneHour = () => new Date(get().clock.now().getTime() + 3_600_000);
  /** What a worker that dies right after claiming leaves behind: a running job with a lock. */
  const claimAndDie = (name: string, worker: string, lockMs: number) => {
    const now = get().clock.now();
    return claimFor()(get().services.db, {
      now: now.toISOString(),
      worker,
      lockedUntil: new Date(now.getTime() + lockMs).toISOString(),
      limit: 10,
      names: [name],
    });
  };

  it('enqueues with the caller’s transaction: a rolled-back job never exists, a committed one runs once', async () => {
    const { db } = get().services;
    const name = jobName('transactional');
    const q = queue();
    const seen: unknown[] = [];
    q.register(name, async (job) => {
      seen.push(job.payload);
    });

    await expect(
      db.transaction().execute(async (trx) => {
        await q.enqueue(trx, name, { ticket: 'rolled back' });
        throw new Error('the ticket could not be saved');
      }),
    ).rejects.toThrow('the ticket could not be saved');
    expect(await jobsNamed(name)).toHaveLength(0);
    expect(await q.runDue()).toBe(0);

    const id = await db
      .transaction()
      .execute((trx) => q.enqueue(trx, name, { ticket: 'committed' }));
    expect(await q.runDue()).toBe(1);
    expect(await q.runDue()).toBe(0);
    expect(seen).toEqual([{ ticket: 'committed' }]);
    expect(await job(id)).toMatchObject({
      status: 'done',
      attempts: 1,
      locked_by: q.workerId,
      last_error: null,
      finished_at: get().clock.now().toISOString(),
    });
  });

  it('does not run a job scheduled for later until its time has come', async () => {
    const { services, clock } = get();
    const name = jobName('scheduled');
    const q = queue();
    let runs = 0;
    q.register(name, async () => {
      runs++;
    });
    const id = await q.enqueue(services.db, name, {}, { runAt: inOneHour() });

    expect(await q.runDue()).toBe(0);
    clock.advance(3_600_000 - 1000);
    expect(await q.runDue()).toBe(0);
    expect(runs).toBe(0);
    expect(await job(id)).toMatchObject({ status: 'pending', attempts: 0 });

    clock.advance(1000);
    expect(await q.runDue()).toBe(1);
    expect(runs).toBe(1);
    expect(await job(id)).toMatchObject({ status: 'done', attempts: 1 });
  });

  it('retries a failing job with exponential backoff, then shows it as dead to administrators, who can retry it', async () => {
    const { services, clock, as } = get();
    const name = jobName('flaky');
    const q = queue();
    let calls = 0;
    let mailServerUp = false;
    q.register(name, async (job) => {
      calls++;
      if (!mailServerUp) throw new Error(`mail server unreachable (attempt ${job.attempts})`);
    });
    const id = await q.enqueue(
      services.db,
      name,
      { to: 'someone@example.com' },
      { maxAttempts: 3 },
    );

    for (const attempt of [1, 2]) {
      const failedAt = clock.now().getTime();
      expect(await q.runDue()).toBe(1);
      expect(await job(id)).toMatchObject({
        status: 'pending',
        attempts: attempt,
        locked_by: null,
        locked_until: null,
        run_at: new Date(failedAt + backoffMs(attempt)).toISOString(),
        last_error: `Error: mail server unreachable (attempt ${attempt})`,
      });
      // Not a moment before the backoff has passed.
      clock.advance(backoffMs(attempt) - 1);
      expect(await q.runDue()).toBe(0);
      clock.advance(1);
    }
    expect(await q.runDue()).toBe(1);
    expect(await job(id)).toMatchObject({
      status: 'dead',
      attempts: 3,
      last_error: 'Error: mail server unreachable (attempt 3)',
      finished_at: clock.now().toISOString(),
    });
    // Dead means it is not tried again, however long we wait.
    clock.advance(backoffMs(10));
    expect(await q.runDue()).toBe(0);
    expect(calls).toBe(3);

    const admin = await as('admin');
    const dead = await admin.get('/api/v1/admin/jobs?status=dead');
    expect(dead.status).toBe(200);
    expect(dead.body.items).toContainEqual(
      expect.objectContaining({
        id,
        name,
        status: 'dead',
        attempts: 3,
        maxAttempts: 3,
        payload: { to: 'someone@example.com' },
        lastError: 'Error: mail server unreachable (attempt 3)',
      }),
    );
    expect(dead.body.items.every((j: { status: string }) => j.status === 'dead')).toBe(true);
    expect(dead.body.counts.dead).toBeGreaterThanOrEqual(1);

    const agent = await as('agent');
    const refused = await agent.get('/api/v1/admin/jobs?status=dead');
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('FORBIDDEN');
    expect((await agent.post(`/api/v1/admin/jobs/${id}/retry`)).status).toBe(403);
    expect((await job(id)).status).toBe('dead');

    expect((await admin.post(`/api/v1/admin/jobs/${id}/retry`)).status).toBe(204);
    expect(await job(id)).toMatchObject({ status: 'pending', attempts: 0, finished_at: null });
    // Only a dead job can be retried.
    expect((await admin.post(`/api/v1/admin/jobs/${id}/retry`)).status).toBe(404);

    mailServerUp = true;
    expect(await q.runDue()).toBe(1);
    expect(await job(id)).toMatchObject({ status: 'done', attempts: 1 });
    expect(calls).toBe(4);
  });

  it('lets another worker take over a job whose worker died, once its lock has expired', async () => {
    const { services, clock } = get();
    const name = jobName('orphaned');
    const lockMs = 60_000;
    const survivor = queue({ lockMs, workerId: 'survivor' });
    let runs = 0;
    survivor.register(name, async () => {
      runs++;
    });
    const id = await survivor.enqueue(services.db, name);

    expect((await claimAndDie(name, 'node-that-died', lockMs)).map((r) => r.id)).toEqual([id]);
    expect(await job(id)).toMatchObject({ status: 'running', locked_by: 'node-that-died' });
    expect(await survivor.runDue()).toBe(0);
    clock.advance(lockMs - 1000);
    expect(await survivor.runDue()).toBe(0);

    clock.advance(1001);
    expect(await survivor.runDue()).toBe(1);
    expect(runs).toBe(1);
    expect(await job(id)).toMatchObject({ status: 'done', attempts: 2, locked_by: 'survivor' });
  });

  it('does not let a worker whose lock expired undo the work of the worker that took over', async () => {
    const { services, clock } = get();
    const name = jobName('slow');
    const lockMs = 60_000;
    const slow = queue({ lockMs, workerId: 'slow-worker' });
    let settle: ((error?: Error) => void) | undefined;
    slow.register(
      name,
      () =>
        new Promise<void>((resolve, reject) => {
          settle = (error) => (error ? reject(error) : resolve());
        }),
    );
    const fast = queue({ lockMs, workerId: 'fast-worker' });
    let fastRuns = 0;
    fast.register(name, async () => {
      fastRuns++;
    });
    const id = await slow.enqueue(services.db, name);

    const slowRun = slow.runDue();
    await vi.waitFor(() => expect(settle).toBeDefined());
    clock.advance(lockMs + 1);
    expect(await fast.runDue()).toBe(1);
    expect(await job(id)).toMatchObject({ status: 'done', attempts: 2, locked_by: 'fast-worker' });

    // The slow worker finally gives up: the job stays done, and is not queued again.
    settle?.(new Error('gave up waiting for the mail server'));
    expect(await slowRun).toBe(1);
    expect(await job(id)).toMatchObject({
      status: 'done',
      attempts: 2,
      locked_by: 'fast-worker',
      last_error: null,
    });
    clock.advance(backoffMs(2));
    expect(await fast.runDue()).toBe(0);
    expect(fastRuns).toBe(1);
  });

  it('gives up on a job whose last attempt never finished, instead of retrying it forever', async () => {
    const { services, clock } = get();
    const name = jobName('poison');
    const lockMs = 60_000;
    const q = queue({ lockMs });
    let runs = 0;
    q.register(name, async () => {
      runs++;
    });
    const id = await q.enqueue(services.db, name, {}, { maxAttempts: 2 });
    // Each attempt takes its worker down with it.
    for (const worker of ['node-a', 'node-b']) {
      expect(await claimAndDie(name, worker, lockMs)).toHaveLength(1);
      clock.advance(lockMs + 1);
    }

    expect(await q.runDue()).toBe(1);
    expect(runs).toBe(0);
    expect(await job(id)).toMatchObject({
      status: 'dead',
      attempts: 2,
      max_attempts: 2,
      last_error: 'LockExpiredError: attempt 2 of 2 did not finish before its lock expired',
    });
    clock.advance(backoffMs(10));
    expect(await q.runDue()).toBe(0);
  });

  it('keeps exactly one pending run of a recurring job and schedules the next when one finishes', async () => {
    const { clock } = get();
    const name = jobName('recurring');
    const every = 15 * 60_000;
    const q = queue();
    let runs = 0;
    q.registerRecurring(name, every, async () => {
      runs++;
    });
    const pending = async () =>
      (await jobsNamed(name)).filter((j) => j.status === 'pending').map((j) => j.run_at);

    // Every node calls this at start-up.
    await q.scheduleRecurring();
    await q.scheduleRecurring();
    expect(await jobsNamed(name)).toHaveLength(1);
    expect(await pending()).toEqual([clock.now().toISOString()]);

    expect(await q.runDue()).toBe(1);
    expect(runs).toBe(1);
    const next = new Date(clock.now().getTime() + every).toISOString();
    expect(await pending()).toEqual([next]);
    await q.scheduleRecurring();
    expect(await pending()).toEqual([next]);

    clock.advance(every - 1);
    expect(await q.runDue()).toBe(0);
    clock.advance(1);
    expect(await q.runDue()).toBe(1);
    expect(runs).toBe(2);
    expect(await pending()).toEqual([new Date(clock.now().getTime() + every).toISOString()]);
    const all = await jobsNamed(name);
    expect(all.map((j) => j.status)).toEqual(['done', 'done', 'pending']);
  });

  it('keeps a recurring job on schedule after one of its runs died, and an administrator can retry the dead run', async () => {
    const { clock, as } = get();
    const name = jobName('recurring-broken');
    const every = 15 * 60_000;
    const q = queue();
    let diskFull = true;
    let runs = 0;
    q.registerRecurring(name, every, async () => {
      runs++;
      if (diskFull) throw new Error('disk full');
    });
    await q.scheduleRecurring();
    const [first] = await jobsNamed(name);
    for (let attempt = 1; attempt <= 5; attempt++) {
      expect(await q.runDue()).toBe(1);
      if (attempt < 5) clock.advance(backoffMs(attempt));
    }
    const diedAt = clock.now().getTime();
    expect(await job(first?.id ?? '')).toMatchObject({ status: 'dead', attempts: 5 });
    const [, next] = await jobsNamed(name);
    expect(next).toMatchObject({
      status: 'pending',
      run_at: new Date(diedAt + every).toISOString(),
    });

    // Retrying the dead run while the next one is pending runs it once more; nothing doubles up.
    const admin = await as('admin');
    expect((await admin.post(`/api/v1/admin/jobs/${first?.id}/retry`)).status).toBe(204);
    diskFull = false;
    expect(await q.runDue()).toBe(1);
    expect(await job(first?.id ?? '')).toMatchObject({ status: 'done', attempts: 1 });
    expect((await jobsNamed(name)).filter((j) => j.status === 'pending')).toEqual([
      expect.objectContaining({ id: next?.id }),
    ]);
    clock.advance(every);
    expect(await q.runDue()).toBe(1);
    expect(runs).toBe(7);
  });

  it('de-duplicates pending jobs by unique key, until the job has run', async () => {
    const { services } = get();
    const name = jobName('unique');
    const key = `remind:${name}`;
    const q = queue();
    let runs = 0;
    q.register(name, async () => {
      runs++;
    });

    const first = await q.enqueue(services.db, name, { n: 1 }, { uniqueKey: key });
    const second = await q.enqueue(services.db, name, { n: 2 }, { uniqueKey: key });
    expect(second).toBe(first);
    // Jobs without a key, or with another key, are not affected.
    await q.enqueue(services.db, name, { n: 3 });
    await q.enqueue(services.db, name, { n: 4 }, { uniqueKey: `${key}:other` });
    expect(await jobsNamed(name)).toHaveLength(3);

    expect(await q.runDue()).toBe(3);
    expect(runs).toBe(3);
    // Once it has run, the key is free for the next one.
    const third = await q.enqueue(services.db, name, {}, { uniqueKey: key });
    expect(third).not.toBe(first);
    expect(await job(third)).toMatchObject({ status: 'pending', unique_key: key });
  });

  it('lets two transactions enqueue the same unique key at once: both commit, one job', async () => {
    const { db } = get().services;
    const name = jobName('unique-race');
    const key = `seal:${name}`;
    const q = queue();
    let enqueued: () => void = () => {};
    const firstEnqueued = new Promise<void>((resolve) => {
      enqueued = resolve;
    });
    let commit: () => void = () => {};
    const mayCommit = new Promise<void>((resolve) => {
      commit = resolve;
    });

    const first = db.transaction().execute(async (trx) => {
      const id = await q.enqueue(trx, name, {}, { uniqueKey: key });
      enqueued();
      await mayCommit;
      return id;
    });
    await firstEnqueued;
    // PostgreSQL: the second waits on the first's uncommitted row; SQLite: on the one writer.
    const second = db
      .transaction()
      .execute((trx: Executor) => q.enqueue(trx, name, {}, { uniqueKey: key }));
    await sleep(100);
    commit();

    const [a, b] = await Promise.all([first, second]);
    expect(b).toBe(a);
    expect(await jobsNamed(name)).toHaveLength(1);
  });

  it('leaves alone the jobs it has no handler for (an older node during a rolling deploy)', async () => {
    const { services } = get();
    const q = queue();
    q.register(jobName('known'), async () => {});
    const id = await q.enqueue(services.db, jobName('introduced-by-newer-version'));

    expect(await q.runDue()).toBe(0);
    expect(await job(id)).toMatchObject({ status: 'pending', attempts: 0, last_error: null });
  });

  it('runs every job exactly once with two workers on separate connection pools (PostgreSQL)', async (ctx) => {
    const { engine, database, clock } = get();
    ctx.skip(engine !== 'postgres', 'SKIP LOCKED claims across nodes: PostgreSQL only');
    // Two nodes: each its own connection pool and worker id, one database.
    const handles = [openDatabase(database.config), openDatabase(database.config)];
    const name = jobName('concurrent');
    const executions = new Map<string, number>();
    const workers = handles.map((handle, i) =>
      createJobQueue({
        db: handle.db,
        claim: claimPostgres,
        clock,
        pollMs: 5,
        workerId: `worker-${i}`,
      }),
    );
    const ranBy = new Map<string, number>();
    for (const worker of workers) {
      worker.register(name, async (job) => {
        executions.set(job.id, (executions.get(job.id) ?? 0) + 1);
        ranBy.set(worker.workerId, (ranBy.get(worker.workerId) ?? 0) + 1);
        await sleep(1);
      });
    }
    try {
      const producer = queue();
      const ids = await get()
        .services.db.transaction()
        .execute(async (trx) => {
          const created: string[] = [];
          for (let i = 0; i < 300; i++) created.push(await producer.enqueue(trx, name, { i }));
          return created;
        });
      for (const worker of workers) worker.start();
      await vi.waitFor(
        async () => {
          const done = (await jobsNamed(name)).filter((j) => j.status === 'done');
          expect(done).toHaveLength(300);
        },
        { timeout: 30_000, interval: 100 },
      );
      await Promise.all(workers.map((w) => w.stop()));

      expect([...executions.keys()].sort()).toEqual([...ids].sort());
      expect([...executions.values()].every((n) => n === 1)).toBe(true);
      expect(ranBy.get('worker-0')).toBeGreaterThan(0);
      expect(ranBy.get('worker-1')).toBeGreaterThan(0);
      const rows = await jobsNamed(name);
      expect(rows.every((j) => j.attempts === 1)).toBe(true);
      for (const worker of ['worker-0', 'worker-1']) {
        expect(rows.filter((j) => j.locked_by === worker)).toHaveLength(ranBy.get(worker) ?? 0);
      }
    } finally {
      await Promise.all(workers.map((w) => w.stop()));
      await Promise.all(handles.map((h) => h.destroy()));
    }
  });
});
