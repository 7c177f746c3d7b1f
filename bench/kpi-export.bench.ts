// KPI exports at scale (issue 8): generate N tickets on SQLite with the CLI, start the built
// server, download the records behind the `incidents-per-service` KPI over the whole generated
// range as CSV and as XLSX, and report rows per second and the server's resident memory sampled
// every 50 ms during each download (the export streams: memory must stay flat, not grow with N).
//
// MERIDIAN_BENCH_EXPORT_TICKETS (default 1,000,000) sets the size.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { rssMiB } from './lib/processes.js';

const rssBytes = (pid: number) => (rssMiB(pid) ?? Number.NaN) * 1048576;

import { builtCli, cleanEnv, generateTickets } from './lib/generated-data.js';
import { signInAsDemoManager, startBuiltServer } from './lib/meridian.js';
import type { BenchContext, BenchResult } from './lib/types.js';

const intEnv = (name: string, fallback: number) => {
  const value = Number(process.env[name]);
  return Number.isInteger(value) && value > 0 ? value : fallback;
};

const TICKETS = intEnv('MERIDIAN_BENCH_EXPORT_TICKETS', 1_000_000);
const MiB = 1024 * 1024;

/** The second pass runs the server with its V8 heap capped: a buffering export would die there. */
const CAPPED_HEAP_MIB = 192;

interface Download {
  heap: string;
  format: string;
  range: string;
  rows: number;
  bytes: number;
  seconds: number;
  rssBefore: number;
  rssPeak: number;
}

export async function run({ root, log }: BenchContext): Promise<BenchResult> {
  const cli = builtCli(root);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'meridian-export-bench-'));
  try {
    log(`- generating ${TICKETS.toLocaleString('en')} tickets on SQLite`);
    generateTickets(cli, root, dataDir, TICKETS);
    const sqlite = new Database(path.join(dataDir, 'meridian.db'), { readonly: true });
    const range = sqlite
      .prepare(
        "select min(created_at) as first, max(created_at) as last, count(*) as n from tickets where type = 'incident'",
      )
      .get() as { first: string; last: string; n: number };
    sqlite.close();
    const from = range.first.slice(0, 10);
    const to = range.last.slice(0, 10);
    log(`  ${range.n.toLocaleString('en')} incidents logged from ${from} to ${to}`);

    const downloads: Download[] = [];
    for (const heap of ['default', `capped at ${CAPPED_HEAP_MIB} MiB`]) {
      const capped = heap !== 'default';
      const server = await startBuiltServer(
        root,
        cleanEnv(dataDir),
        capped ? [`--max-old-space-size=${CAPPED_HEAP_MIB}`] : [],
      );
      try {
        const base = `http://127.0.0.1:${server.port}`;
        const { cookie } = await signInAsDemoManager(base);
        // A tenth of the range first, then the whole: a streaming export's memory does not grow
        // with the rows it writes.
        const firstDay = Date.parse(`${from}T00:00:00Z`);
        const days = (Date.parse(`${to}T00:00:00Z`) - firstDay) / 86_400_000;
        const tenth = new Date(firstDay + Math.floor(days / 10) * 86_400_000)
          .toISOString()
          .slice(0, 10);
        const runs = [
          { range: `${from} to ${tenth}`, to: tenth, format: 'csv' },
          { range: `${from} to ${to}`, to, format: 'csv' },
          { range: `${from} to ${tenth}`, to: tenth, format: 'xlsx' },
          { range: `${from} to ${to}`, to, format: 'xlsx' },
        ].filter((r) => !capped || r.to === to);
        const csvRows = new Map<string, number>();
        for (const { range: label, to: until, format } of runs) {
          const rssBefore = rssBytes(server.pid);
          let rssPeak = rssBefore;
          const sampler = setInterval(() => {
            rssPeak = Math.max(rssPeak, rssBytes(server.pid));
          }, 50);
          const started = process.hrtime.bigint();
          let bytes = 0;
          let newlines = 0;
          try {
            const res = await fetch(
              `${base}/api/v1/kpis/incidents-per-service/records.${format}?from=${from}&to=${until}`,
              { headers: { cookie } },
            );
            if (!res.ok || !res.body) throw new Error(`${format} export: ${res.status}`);
            for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
              bytes += chunk.length;
              if (format === 'csv') for (const b of chunk) if (b === 10) newlines++;
            }
          } finally {
            clearInterval(sampler);
          }
          const seconds = Number(process.hrtime.bigint() - started) / 1e9;
          // The CSV has a header line; the XLSX the same rows as the CSV.
          const rows = format === 'csv' ? newlines - 1 : (csvRows.get(label) ?? 0);
          csvRows.set(label, rows);
          if (format === 'csv' && until === to && rows !== range.n)
            throw new Error(`the CSV holds ${rows} records, the database ${range.n} incidents`);
          downloads.push({ heap, format, range: label, rows, bytes, seconds, rssBefore, rssPeak });
          log(
            `  ${heap} heap, ${format} ${label}: ${rows.toLocaleString('en')} rows, ${(bytes / MiB).toFixed(0)} MiB in ${seconds.toFixed(1)} s, RSS ${(rssBefore / MiB).toFixed(0)} → peak ${(rssPeak / MiB).toFixed(0)} MiB`,
          );
        }
      } finally {
        await server.stop();
      }
    }

    const markdown = [
      '## KPI exports: the records behind a number (SQLite)',
      '',
      `Command: \`npm run build && npm run bench -- kpi-export\` (${TICKETS.toLocaleString('en')} tickets generated, ${range.n.toLocaleString('en')} of them incidents; \`MERIDIAN_BENCH_EXPORT_TICKETS\` changes the size).`,
      '',
      '| Server heap | Download | Period | Rows | Size | Time | Rows/s | Server RSS before | Server RSS peak during |',
      '| --- | --- | --- | --- | --- | --- | --- | --- | --- |',
      ...downloads.map(
        (d) =>
          `| ${d.heap} | \`GET /api/v1/kpis/incidents-per-service/records.${d.format}\` | ${d.range} | ${d.rows.toLocaleString('en')} | ${(d.bytes / MiB).toFixed(1)} MiB | ${d.seconds.toFixed(1)} s | ${Math.round(d.rows / d.seconds).toLocaleString('en')} | ${(d.rssBefore / MiB).toFixed(0)} MiB | ${(d.rssPeak / MiB).toFixed(0)} MiB |`,
      ),
      '',
      `- The production build serves the downloads over HTTP on the loopback, signed in as the demo SMS manager; each format is downloaded for the first tenth of the generated range, then for the whole range (every incident one row): the peak memory of the two shows whether it grows with the rows written. Then the server is restarted with its V8 heap capped at ${CAPPED_HEAP_MIB} MiB (\`--max-old-space-size\`) and the whole range downloaded again: an export that held its rows would run out of memory there.`,
      "- Resident memory is the server process's VmRSS, sampled every 50 ms from `/proc` during each download. The export holds one window of days at a time (aimed at 1,000 to 4,000 records, never less than one day) and writes it out before reading the next; the RSS also counts the V8 heap, which grows between garbage collections, and SQLite's page cache, so compare the two periods' peaks rather than read one alone.",
    ].join('\n');
    return {
      markdown,
      figures: {
        tickets: TICKETS,
        ...Object.fromEntries(
          downloads
            .filter((d) => d.range.endsWith(to) && d.heap === 'default')
            .flatMap((d) => [
              [`${d.format}Rows`, d.rows],
              [`${d.format}RowsPerSecond`, Math.round(d.rows / d.seconds)],
              [`${d.format}PeakRssMiB`, Math.round(d.rssPeak / MiB)],
            ]),
        ),
        ...Object.fromEntries(
          downloads
            .filter((d) => d.heap !== 'default')
            .map((d) => [`${d.format}CappedHeapPeakRssMiB`, Math.round(d.rssPeak / MiB)]),
        ),
      },
    };
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
