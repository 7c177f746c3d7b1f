// The service desk at scale (issue 4): generate a million tickets on SQLite with the CLI, then
// measure the agent queues and full-text search in server time (in-process requests through the
// whole HTTP stack, without a network), and ticket creation over HTTP with its SLA clocks, search
// document and audit event (autocannon against the built server).
//
// MERIDIAN_BENCH_TICKETS (default 1,000,000) sets the size; MERIDIAN_BENCH_SECONDS the load time.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { openDatabase } from '../src/db/database.js';
import { DEMO_PASSWORD } from '../src/demo/demo.js';
import { buildApp } from '../src/server/app.js';
import { loadConfig } from '../src/server/config.js';
import { createServices } from '../src/server/services.js';
import { builtCli, cleanEnv, generateTickets } from './lib/generated-data.js';
import { describeMachine } from './lib/machine.js';
import { startServer } from './lib/processes.js';
import type { BenchContext, BenchResult } from './lib/types.js';

const intEnv = (name: string, fallback: number) => {
  const value = Number(process.env[name]);
  return Number.isInteger(value) && value > 0 ? value : fallback;
};

const TICKETS = intEnv('MERIDIAN_BENCH_TICKETS', 1_000_000);
const SECONDS = intEnv('MERIDIAN_BENCH_SECONDS', 10);
const SAMPLES = 200;

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;

interface Latency {
  name: string;
  p50: number;
  p95: number;
  p99: number;
  rows: number;
}

export async function run({ root, machine, log }: BenchContext): Promise<BenchResult> {
  const cli = builtCli(root);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'meridian-desk-bench-'));
  try {
    // 1. Generation, through the command an operator runs.
    log(`- generating ${TICKETS.toLocaleString('en')} tickets on SQLite`);
    const started = process.hrtime.bigint();
    const output = generateTickets(cli, root, dataDir, TICKETS);
    const generationSeconds = Number(process.hrtime.bigint() - started) / 1e9;
    log(`  ${output.trim()} (whole command ${generationSeconds.toFixed(1)} s)`);
    const dbBytes = fs.statSync(path.join(dataDir, 'meridian.db')).size;

    // 2. Queues and search, in-process: the whole HTTP stack without a network.
    const config = { ...loadConfig(cleanEnv(dataDir)), jobWorkers: false };
    const database = openDatabase(config.database);
    const services = createServices(config, database);
    const app = await buildApp(services, { webRoot: '/nonexistent' });
    const latencies: Latency[] = [];
    let serviceId = '';
    try {
      const login = await app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { email: 'marco.rossi@verlaine.example', password: DEMO_PASSWORD },
      });
      const cookie = String(login.headers['set-cookie']).split(';')[0] ?? '';
      const service = await services.db
        .selectFrom('services')
        .select(['id', 'default_group_id'])
        .where('name', '=', 'Point of sale (boutiques)')
        .executeTakeFirstOrThrow();
      serviceId = service.id;
      const cases: [string, string][] = [
        ['Queue "all open", first page', '/api/v1/tickets?queue=open&limit=50'],
        ['Queue "my groups", first page', '/api/v1/tickets?queue=my-groups&limit=50'],
        ['Queue "unassigned", first page', '/api/v1/tickets?queue=unassigned&limit=50'],
        ['Queue "breaching soon", first page', '/api/v1/tickets?queue=breaching&limit=50'],
        [
          'Filtered: open P2 incidents of one service',
          `/api/v1/tickets?queue=open&priority=P2&type=incident&serviceId=${service.id}&limit=50`,
        ],
        [
          'Filtered: all tickets of one group, by creation',
          `/api/v1/tickets?queue=all&groupId=${service.default_group_id}&sort=created&limit=50`,
        ],
      ];
      const words = [
        'printer',
        'checkout',
        'refund',
        'password',
        'laptop',
        'mailbox',
        'stock',
        'amex',
        'terminal frozen',
        'images collection',
      ];
      const measure = async (name: string, url: (i: number) => string) => {
        for (let i = 0; i < 10; i++)
          await app.inject({ method: 'GET', url: url(i), headers: { cookie } });
        const times: number[] = [];
        let rows = 0;
        for (let i = 0; i < SAMPLES; i++) {
          const t0 = process.hrtime.bigint();
          const res = await app.inject({ method: 'GET', url: url(i), headers: { cookie } });
          times.push(Number(process.hrtime.bigint() - t0) / 1e6);
          if (res.statusCode !== 200) throw new Error(`${name}: ${res.statusCode} ${res.body}`);
          const body = JSON.parse(res.body);
          rows = Array.isArray(body) ? body.length : body.items.length;
        }
        times.sort((a, b) => a - b);
        const result = {
          name,
          p50: percentile(times, 50),
          p95: percentile(times, 95),
          p99: percentile(times, 99),
          rows,
        };
        log(`  ${name}: p95 ${result.p95.toFixed(1)} ms (${rows} rows)`);
        latencies.push(result);
      };
      for (const [name, url] of cases) await measure(name, () => url);
      // Second pages too: keyset paging must cost the same deep in a queue.
      const first = JSON.parse(
        (await app.inject({ method: 'GET', url: cases[0]?.[1] ?? '', headers: { cookie } })).body,
      );
      await measure(
        'Queue "all open", second page (keyset)',
        () => `${cases[0]?.[1]}&cursor=${first.nextCursor}`,
      );
      await measure(
        'Full-text search (10 different queries)',
        (i) =>
          `/api/v1/tickets/search?q=${encodeURIComponent(words[i % words.length] ?? '')}&limit=20`,
      );
    } finally {
      await app.close();
      await database.destroy();
    }

    // 3. Creating tickets over HTTP against the built server on the same million-ticket database.
    log('- creating tickets over HTTP');
    const server = await startServer({
      name: 'Meridian',
      args: [path.join(root, 'dist', 'src', 'server', 'main.js')],
      cwd: root,
      env: { ...cleanEnv(dataDir), HOST: '127.0.0.1', PORT: '0' },
      ready: /Open http:\/\/[^/\s]+:(\d+)\//,
      timeoutMs: 120_000,
    });
    let create: { rps: number; p99: number; non2xx: number; total: number };
    try {
      const base = `http://127.0.0.1:${server.port}`;
      const login = await fetch(`${base}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'admin@verlaine.example', password: DEMO_PASSWORD }),
      });
      const cookie = login.headers
        .getSetCookie()
        .map((c) => c.split(';')[0])
        .join('; ');
      const { csrfToken } = (await login.json()) as { csrfToken: string };
      const token = await fetch(`${base}/api/v1/me/tokens`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken },
        body: JSON.stringify({ name: 'desk bench' }),
      });
      const { secret } = (await token.json()) as { secret: string };
      const result = await autocannon({
        url: `${base}/api/v1/tickets`,
        method: 'POST',
        connections: 10,
        duration: SECONDS,
        headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          type: 'incident',
          title: 'Till [<id>] frozen after the update',
          description: 'The till shows a spinning wheel since the morning update.',
          serviceId,
          category: 'hardware',
          impact: 2,
          urgency: 2,
        }),
        idReplacement: true,
      });
      create = {
        rps: result.requests.average,
        p99: result.latency.p99,
        non2xx: result.non2xx,
        total: result.requests.total,
      };
      log(`  ${create.rps.toFixed(0)} tickets/s, p99 ${create.p99} ms, ${create.non2xx} non-2xx`);
      if (create.non2xx > 0) throw new Error(`${create.non2xx} ticket creations failed`);
    } finally {
      await server.stop();
    }

    const ms = (n: number) => n.toFixed(1);
    const markdown = [
      '## Service desk at a million tickets (SQLite)',
      '',
      `Measured ${machine.date} on ${describeMachine(machine)}.`,
      '',
      `Command: \`npm run build && npm run bench -- desk\` (${TICKETS.toLocaleString('en')} tickets; \`MERIDIAN_BENCH_TICKETS\` changes it).`,
      '',
      '| Goal | Measured | Met |',
      '| --- | --- | --- |',
      `| \`meridian demo generate --tickets ${TICKETS.toLocaleString('en')}\` under 5 minutes | ${generationSeconds.toFixed(0)} s for the whole command (demo workspace seeding included): ${output
        .trim()
        .replace(/\|/g, '/')
        .replace(/\s*\n\s*/g, ' ')} | ${generationSeconds < 300 ? 'yes' : '**no**'} |`,
      ...latencies.map((l) => {
        const goal = l.name.startsWith('Full-text') ? 100 : 50;
        return `| ${l.name}: p95 under ${goal} ms | p50 ${ms(l.p50)} ms, p95 ${ms(l.p95)} ms, p99 ${ms(l.p99)} ms (${l.rows} rows) | ${l.p95 < goal ? 'yes' : '**no**'} |`;
      }),
      `| Creating a ticket over HTTP (SLA clocks, search document, audit event): at least 1,000/s | ${create.rps.toFixed(0)}/s, p99 ${create.p99} ms, ${create.total} created in ${SECONDS} s | ${create.rps >= 1000 ? 'yes' : '**no**'} |`,
      '',
      `- Database file after generation: ${(dbBytes / 1024 / 1024).toFixed(0)} MiB.`,
      `- Queue and search times are server time: ${SAMPLES} sequential requests each (after 10 discarded), made in-process with \`app.inject\` through the whole HTTP stack (authentication by session cookie as the demo agent, validation, query, serialisation) without a network.`,
      '- Ticket creation: autocannon, 10 connections, against the production build on the same database, authenticated with an API token, each request a new incident with its SLA clocks started, its search document written and its audit event chained, in one transaction.',
    ].join('\n');
    return {
      markdown,
      figures: {
        tickets: TICKETS,
        generationSeconds: Math.round(generationSeconds),
        ...Object.fromEntries(latencies.map((l, i) => [`p95_${i}`, Number(ms(l.p95))])),
        createPerSecond: Math.round(create.rps),
      },
    };
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
