// The executive dashboard at scale (issue 8): generate N tickets with the CLI (which also brings the
// KPI rollup up to date), start the built server, and time the requests the executive dashboard
// makes when it opens — the KPI list with baselines, the four programme KPIs' trend series and the
// two breakdown tables — fired together as the browser does. On SQLite and on PostgreSQL, at a
// tenth of the size and at the full size: the rollup makes the cost follow the days shown, not the
// tickets, so the two sizes should cost about the same. Also timed: the first load after a ticket
// is created and resolved (the rollup refreshes that day before answering).
//
// MERIDIAN_BENCH_DASHBOARD_TICKETS (default 1,000,000) sets the full size;
// MERIDIAN_BENCH_DASHBOARD_DATABASES (default "sqlite,postgres") the databases.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { builtCli, cleanEnv, generateTickets } from './lib/generated-data.js';
import { signInAsDemoManager, startBuiltServer } from './lib/meridian.js';
import type { BenchContext, BenchResult } from './lib/types.js';

const intEnv = (name: string, fallback: number) => {
  const value = Number(process.env[name]);
  return Number.isInteger(value) && value > 0 ? value : fallback;
};

const TICKETS = intEnv('MERIDIAN_BENCH_DASHBOARD_TICKETS', 1_000_000);
const DATABASES = (process.env.MERIDIAN_BENCH_DASHBOARD_DATABASES ?? 'sqlite,postgres')
  .split(',')
  .map((d) => d.trim())
  .filter((d) => d === 'sqlite' || d === 'postgres');
const RUNS = 20;
const PG_ADMIN = 'postgres://postgres@127.0.0.1:5432/postgres';
const PG_BENCH_DB = 'meridian_bench_dashboard';

const PROGRAMME = [
  'service-delivery-time',
  'customer-satisfaction-index',
  'compliance-audit-success-rate',
  'training-completion',
];

interface Timing {
  database: string;
  tickets: number;
  view: string;
  p50: number;
  p95: number;
  max: number;
}

const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** The dashboard's requests for a period, as web/features/kpis asks them. */
function dashboardRequests(from: string, to: string, serviceId?: string): string[] {
  const days = (Date.parse(to) - Date.parse(from)) / 86_400_000 + 1;
  const trend = days <= 92 ? 'week' : 'month';
  const breakdown = days > 184 ? 'quarter' : 'month';
  const service = serviceId ? `&service=${serviceId}` : '';
  return [
    `/api/v1/kpis?from=${from}&to=${to}${service}`,
    ...PROGRAMME.map((k) => `/api/v1/kpis/${k}/series?from=${from}&to=${to}&grain=${trend}`),
    ...PROGRAMME.slice(0, 2).map(
      (k) =>
        `/api/v1/kpis/${k}/series?from=${from}&to=${to}&grain=${breakdown}&by=${serviceId ? 'group' : 'service'}${service}`,
    ),
  ];
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)] as number;

async function resetPostgres(): Promise<string> {
  const admin = new pg.Client({ connectionString: PG_ADMIN });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${PG_BENCH_DB} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${PG_BENCH_DB}`);
  } finally {
    await admin.end();
  }
  return `postgres://postgres@127.0.0.1:5432/${PG_BENCH_DB}`;
}

async function measure(
  root: string,
  database: string,
  tickets: number,
  log: (line: string) => void,
): Promise<{ timings: Timing[]; generated: string }> {
  const cli = builtCli(root);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'meridian-dashboard-bench-'));
  const env: NodeJS.ProcessEnv = { ...cleanEnv(dataDir) };
  if (database === 'postgres') env.DATABASE_URL = await resetPostgres();
  try {
    log(`- ${database}: generating ${tickets.toLocaleString('en')} tickets`);
    const generated = generateTickets(cli, root, dataDir, tickets, env).trim();
    log(`  ${generated.replace(/\n/g, ' ')}`);
    const server = await startBuiltServer(root, env);
    const timings: Timing[] = [];
    try {
      const base = `http://127.0.0.1:${server.port}`;
      const { cookie, csrfToken: csrf } = await signInAsDemoManager(base);
      const get = async (url: string) => {
        const res = await fetch(`${base}${url}`, { headers: { cookie } });
        if (!res.ok) throw new Error(`${url}: ${res.status} ${await res.text()}`);
        await res.arrayBuffer();
      };
      const load = async (urls: string[]) => {
        const started = process.hrtime.bigint();
        await Promise.all(urls.map(get));
        return Number(process.hrtime.bigint() - started) / 1e6;
      };
      const services = (await (
        await fetch(`${base}/api/v1/services`, { headers: { cookie } })
      ).json()) as {
        items: { id: string; name: string }[];
      };
      const storefront =
        services.items.find((s) => /storefront/i.test(s.name)) ?? services.items[0];
      const today = Date.now();
      const views: [string, string[]][] = [
        ['Last 30 days', dashboardRequests(day(today - 29 * 86_400_000), day(today))],
        ['Last 12 months', dashboardRequests(day(today - 364 * 86_400_000), day(today))],
        [
          `Last 12 months, one service (${storefront?.name})`,
          dashboardRequests(day(today - 364 * 86_400_000), day(today), storefront?.id),
        ],
      ];
      for (const [view, urls] of views) {
        await load(urls); // warm-up: statement caches, the first page of the files
        const samples: number[] = [];
        for (let i = 0; i < RUNS; i++) samples.push(await load(urls));
        samples.sort((a, b) => a - b);
        const timing = {
          database,
          tickets,
          view,
          p50: percentile(samples, 50),
          p95: percentile(samples, 95),
          max: samples[samples.length - 1] as number,
        };
        timings.push(timing);
        log(`  ${view}: p50 ${timing.p50.toFixed(0)} ms, p95 ${timing.p95.toFixed(0)} ms`);
      }
      // A write, then the next load: the rollup recomputes today's cells before answering.
      const requester = (await (
        await fetch(`${base}/api/v1/users?role=requester&limit=1`, { headers: { cookie } })
      ).json()) as { items: { id: string }[] };
      const afterWrite: number[] = [];
      for (let i = 0; i < 5; i++) {
        const created = await fetch(`${base}/api/v1/tickets`, {
          method: 'POST',
          headers: { cookie, 'content-type': 'application/json', 'x-csrf-token': csrf },
          body: JSON.stringify({
            type: 'incident',
            title: `Benchmark incident ${i}`,
            description: 'Created by the dashboard benchmark',
            requesterId: requester.items[0]?.id,
            serviceId: storefront?.id,
          }),
        });
        if (created.status !== 201) throw new Error(`ticket create: ${created.status}`);
        afterWrite.push(await load((views[0] as [string, string[]])[1]));
      }
      afterWrite.sort((a, b) => a - b);
      timings.push({
        database,
        tickets,
        view: 'Last 30 days, right after a ticket is created',
        p50: percentile(afterWrite, 50),
        p95: percentile(afterWrite, 95),
        max: afterWrite[afterWrite.length - 1] as number,
      });
    } finally {
      await server.stop();
    }
    return { timings, generated };
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

export async function run({ root, log }: BenchContext): Promise<BenchResult> {
  const timings: Timing[] = [];
  const generation: string[] = [];
  for (const database of DATABASES)
    for (const tickets of [Math.max(1, Math.round(TICKETS / 10)), TICKETS]) {
      const result = await measure(root, database, tickets, log);
      timings.push(...result.timings);
      generation.push(
        `- ${database}, ${tickets.toLocaleString('en')} tickets: ${result.generated.replace(/\n/g, ' ')}`,
      );
    }
  const full = timings.filter((t) => t.tickets === TICKETS);
  const worstP95 = Math.max(...full.map((t) => t.p95));
  const ratio = (database: string, view: string) => {
    const small = timings.find(
      (t) => t.database === database && t.view === view && t.tickets !== TICKETS,
    );
    const big = timings.find(
      (t) => t.database === database && t.view === view && t.tickets === TICKETS,
    );
    return small && big ? big.p50 / small.p50 : null;
  };
  const markdown = [
    '## Executive dashboard: data load at a million tickets (KPI rollup)',
    '',
    `Command: \`npm run build && npm run bench -- kpi-dashboard\` (\`MERIDIAN_BENCH_DASHBOARD_TICKETS\`, default 1,000,000, sets the full size; a tenth of it is measured too; \`MERIDIAN_BENCH_DASHBOARD_DATABASES\` picks the databases).`,
    '',
    'Goal: the dashboard’s data under 300 ms with 1,000,000 tickets, on SQLite and on PostgreSQL, at a cost that follows the days shown, not the number of tickets.',
    '',
    '| Database | Tickets | View | p50 | p95 | max | p50 vs a tenth of the tickets |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    ...timings.map(
      (t) =>
        `| ${t.database} | ${t.tickets.toLocaleString('en')} | ${t.view} | ${t.p50.toFixed(0)} ms | ${t.p95.toFixed(0)} ms | ${t.max.toFixed(0)} ms | ${t.tickets === TICKETS ? `${ratio(t.database, t.view)?.toFixed(2) ?? '—'}×` : '—'} |`,
    ),
    '',
    `- One load = the seven requests the executive dashboard sends when it opens (the KPI list with every KPI's value and baseline, the four programme KPIs' trend series, the two breakdown tables), sent together over the loopback to the production build, signed in as the demo SMS manager; ${RUNS} loads after one warm-up.`,
    '- "Right after a ticket is created": each load follows the creation of an incident over the API, so the rollup first recomputes the day it touched (the cost of keeping it exact).',
    '- Generation (`meridian demo generate --tickets N --with-workspace`, which rolls up the KPI cells of settled days while it writes and ends with a refresh of the rest):',
    ...generation.map((g) => `  ${g}`),
  ].join('\n');
  return {
    markdown,
    figures: {
      tickets: TICKETS,
      worstP95Ms: Math.round(worstP95),
      ...Object.fromEntries(full.map((t) => [`${t.database}:${t.view}:p95Ms`, Math.round(t.p95)])),
    },
  };
}
