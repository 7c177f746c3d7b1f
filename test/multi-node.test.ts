// Two real server processes on one PostgreSQL database, as behind a load balancer: nodes keep no
// state of their own (sessions and records live in the database), and both work the one job queue
// with each job done exactly once.
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type DatabaseHandle, openDatabase } from '../src/db/database.js';
import { claimPostgres } from '../src/jobs/claim.postgres.js';
import { createJobQueue } from '../src/jobs/job-queue.js';
import { PING_JOB } from '../src/server/system-jobs.js';
import { systemClock } from '../src/shared/clock.js';
import { createTestDatabase, type TestDatabase } from './helpers/databases.js';

const hasPostgres = inject('engines').includes('postgres');
if (!hasPostgres) {
  console.warn(
    '\n*** test/multi-node.test.ts SKIPPED: several nodes share one queue only on PostgreSQL, which is not among the test databases. ***\n',
  );
}

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const ADMIN = { email: 'admin@multi-node.example.com', password: 'correct horse battery staple' };

interface ServerNode {
  name: string;
  url: string;
  process: ChildProcess;
  output: string[];
  exited: Promise<unknown>;
}

async function freePort(): Promise<number> {
  const server = net.createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as net.AddressInfo;
  server.close();
  await once(server, 'close');
  return port;
}

function startNode(name: string, databaseUrl: string, port: number, dataDir: string): ServerNode {
  // Only the variables under test: a developer's own MERIDIAN_* settings must not leak in.
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter(([key]) => !/^(MERIDIAN_|DATABASE_URL$)/.test(key)),
  );
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
    cwd: repoRoot,
    env: {
      ...inherited,
      NODE_ENV: 'production',
      DATABASE_URL: databaseUrl,
      PORT: String(port),
      HOST: '127.0.0.1',
      MERIDIAN_DATA_DIR: dataDir,
      MERIDIAN_JOB_WORKERS: 'true',
      MERIDIAN_JOB_POLL_MS: '100',
      MERIDIAN_ADMIN_EMAIL: ADMIN.email,
      MERIDIAN_ADMIN_PASSWORD: ADMIN.password,
      MERIDIAN_LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  child.stdout?.on('data', (chunk) => output.push(String(chunk)));
  child.stderr?.on('data', (chunk) => output.push(String(chunk)));
  const exited = new Promise((resolve) => child.once('exit', resolve));
  return { name, url: `http://127.0.0.1:${port}`, process: child, output, exited };
}

const hasExited = (node: ServerNode) =>
  node.process.exitCode !== null || node.process.signalCode !== null;

async function waitUntilReady(node: ServerNode, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (hasExited(node)) {
      throw new Error(
        `node ${node.name} exited (code ${node.process.exitCode}) before it was ready:\n${node.output.join('')}`,
      );
    }
    try {
      if ((await fetch(`${node.url}/readyz`)).status === 200) return;
    } catch {
      // not listening yet
    }
    await sleep(200);
  }
  throw new Error(`node ${node.name} not ready after ${timeoutMs} ms:\n${node.output.join('')}`);
}

async function stopNode(node: ServerNode | undefined) {
  if (!node || hasExited(node)) return;
  node.process.kill('SIGTERM');
  const outcome = await Promise.race([node.exited, sleep(5000).then(() => 'still running')]);
  if (outcome === 'still running') {
    node.process.kill('SIGKILL');
    await node.exited;
  }
}

async function signIn(node: ServerNode) {
  const response = await fetch(`${node.url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(ADMIN),
  });
  expect(response.status).toBe(200);
  const body = (await response.json()) as { csrfToken: string };
  const cookie = response.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  return { cookie, csrfToken: body.csrfToken };
}

describe.skipIf(!hasPostgres)('two server nodes on one PostgreSQL database', () => {
  let database: TestDatabase | undefined;
  let handle: DatabaseHandle | undefined;
  let dataDir: string | undefined;
  const nodes: ServerNode[] = [];
  const node = (i: number) => {
    const found = nodes[i];
    if (!found) throw new Error(`node ${i} did not start`);
    return found;
  };

  beforeAll(async () => {
    database = await createTestDatabase('postgres');
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'meridian-multi-node-'));
    // One after the other, as a rolling start does: the first node migrates the database and
    // creates the administrator, the second finds both done.
    for (const name of ['A', 'B']) {
      const started = startNode(name, database.url, await freePort(), dataDir);
      nodes.push(started);
      await waitUntilReady(started, 25_000);
    }
    handle = openDatabase({ kind: 'postgres', url: database.url, poolSize: 2 });
  }, 55_000);

  afterAll(async () => {
    await Promise.all(nodes.map(stopNode));
    await handle?.destroy();
    await database?.drop();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  }, 20_000);

  it('accepts a session signed in on one node on the other', async () => {
    const session = await signIn(node(0));
    const me = await fetch(`${node(1).url}/api/v1/me`, { headers: { cookie: session.cookie } });
    expect(me.status).toBe(200);
    expect(((await me.json()) as { user: { email: string } }).user.email).toBe(ADMIN.email);
  });

  it('shows a record created through one node when read through the other', async () => {
    const session = await signIn(node(0));
    const created = await fetch(`${node(0).url}/api/v1/groups`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        cookie: session.cookie,
        'x-csrf-token': session.csrfToken,
      },
      body: JSON.stringify({ name: 'Network operations', description: 'Made on node A' }),
    });
    expect(created.status).toBe(201);
    const group = (await created.json()) as { id: string };

    const read = await fetch(`${node(1).url}/api/v1/groups/${group.id}`, {
      headers: { cookie: session.cookie },
    });
    expect(read.status).toBe(200);
    expect(await read.json()).toMatchObject({
      id: group.id,
      name: 'Network operations',
      description: 'Made on node A',
    });
  });

  it('works the shared job queue on both nodes, each job exactly once', async () => {
    const db = handle?.db;
    if (!db) throw new Error('no database handle');
    // Enqueues only: this process runs no worker.
    const producer = createJobQueue({ db, claim: claimPostgres, clock: systemClock });
    // Due one after another over 1.5 s, as work arrives in production. Were all 100 due at once,
    // one node could finish these no-op jobs before the other's next poll, which would prove
    // nothing about sharing the queue.
    const firstDue = Date.now() + 500;
    const ids = await db.transaction().execute(async (trx) => {
      const enqueued: string[] = [];
      for (let i = 0; i < 100; i++) {
        const runAt = new Date(firstDue + i * 15);
        enqueued.push(await producer.enqueue(trx, PING_JOB, { i }, { runAt }));
      }
      return enqueued;
    });

    const pings = () =>
      db
        .selectFrom('jobs')
        .select(['id', 'status', 'attempts', 'locked_by'])
        .where('name', '=', PING_JOB)
        .execute();
    const deadline = Date.now() + 20_000;
    let rows = await pings();
    while (rows.some((r) => r.status !== 'done') && Date.now() < deadline) {
      await sleep(200);
      rows = await pings();
    }

    expect(rows.map((r) => r.id).sort()).toEqual([...ids].sort());
    expect(rows.filter((r) => r.status !== 'done')).toEqual([]);
    // Claimed once each: every claim counts an attempt.
    expect(rows.filter((r) => r.attempts !== 1)).toEqual([]);
    // A worker id is "<host>:<pid>:<random>"; the pid says which node finished the job.
    const pidOf = (workerId: string | null) => Number(workerId?.split(':').at(-2));
    const finishedBy = new Map<number, number>();
    for (const row of rows) {
      const pid = pidOf(row.locked_by);
      finishedBy.set(pid, (finishedBy.get(pid) ?? 0) + 1);
    }
    const [a, b] = [node(0).process.pid, node(1).process.pid];
    expect([...finishedBy.keys()].sort()).toEqual([a, b].sort());
    expect((finishedBy.get(a ?? -1) ?? 0) + (finishedBy.get(b ?? -1) ?? 0)).toBe(100);
  });
});
