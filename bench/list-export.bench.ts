// List exports at scale (issue 9): generate N tickets on SQLite with the CLI, start the built
// server, download the desk's "all tickets" queue as CSV and as XLSX through GET
// /api/v1/tickets/export.csv|.xlsx (the export walks the queue's keyset pages itself), first
// filtered to one priority then whole, and report rows per second and the server's resident
// memory sampled every 50 ms during each download: the export streams, so the peak must not grow
// with the rows written.
//
// MERIDIAN_BENCH_LIST_EXPORT_TICKETS (default 200,000) sets the size.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { builtCli, cleanEnv, generateTickets } from './lib/generated-data.js';
import { signInAsDemoManager, startBuiltServer } from './lib/meridian.js';
import { rssMiB } from './lib/processes.js';
import type { BenchContext, BenchResult } from './lib/types.js';

const intEnv = (name: string, fallback: number) => {
  const value = Number(process.env[name]);
  return Number.isInteger(value) && value > 0 ? value : fallback;
};

const TICKETS = intEnv('MERIDIAN_BENCH_LIST_EXPORT_TICKETS', 200_000);
const MiB = 1024 * 1024;
const rssBytes = (pid: number) => (rssMiB(pid) ?? Number.NaN) * MiB;

interface Download {
  format: string;
  filter: string;
  rows: number;
  bytes: number;
  seconds: number;
  rssBefore: number;
  rssPeak: number;
}

export async function run({ root, log }: BenchContext): Promise<BenchResult> {
  const cli = builtCli(root);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'meridian-list-export-bench-'));
  try {
    log(`- generating ${TICKETS.toLocaleString('en')} tickets on SQLite`);
    generateTickets(cli, root, dataDir, TICKETS);
    const sqlite = new Database(path.join(dataDir, 'meridian.db'), { readonly: true });
    const count = (where: string) =>
      (sqlite.prepare(`select count(*) as n from tickets ${where}`).get() as { n: number }).n;
    const all = count('');
    const p1 = count("where priority = 'P1'");
    sqlite.close();
    log(`  ${all.toLocaleString('en')} tickets, ${p1.toLocaleString('en')} of them P1`);

    const server = await startBuiltServer(root, cleanEnv(dataDir));
    const downloads: Download[] = [];
    try {
      const base = `http://127.0.0.1:${server.port}`;
      const { cookie } = await signInAsDemoManager(base);
      const runs = [
        { filter: 'queue=all&priority=P1', expected: p1, format: 'csv' },
        { filter: 'queue=all', expected: all, format: 'csv' },
        { filter: 'queue=all&priority=P1', expected: p1, format: 'xlsx' },
        { filter: 'queue=all', expected: all, format: 'xlsx' },
      ];
      for (const { filter, expected, format } of runs) {
        const rssBefore = rssBytes(server.pid);
        let rssPeak = rssBefore;
        const sampler = setInterval(() => {
          rssPeak = Math.max(rssPeak, rssBytes(server.pid));
        }, 50);
        const started = process.hrtime.bigint();
        let bytes = 0;
        let newlines = 0;
        try {
          const res = await fetch(`${base}/api/v1/tickets/export.${format}?${filter}`, {
            headers: { cookie },
          }).catch((error: Error) => {
            throw new Error(`${format} ${filter}: ${error.message} (${String(error.cause)})`);
          });
          if (!res.ok || !res.body) throw new Error(`${format} export: ${res.status}`);
          for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
            bytes += chunk.length;
            if (format === 'csv') for (const b of chunk) if (b === 10) newlines++;
          }
        } finally {
          clearInterval(sampler);
        }
        const seconds = Number(process.hrtime.bigint() - started) / 1e9;
        // A ticket title holds no line break, so a CSV line is a ticket (after the header); the
        // XLSX holds the same rows.
        if (format === 'csv' && newlines - 1 !== expected)
          throw new Error(`the CSV holds ${newlines - 1} tickets, the database ${expected}`);
        downloads.push({ format, filter, rows: expected, bytes, seconds, rssBefore, rssPeak });
        log(
          `  ${format} ${filter}: ${expected.toLocaleString('en')} rows, ${(bytes / MiB).toFixed(0)} MiB in ${seconds.toFixed(1)} s, RSS ${(rssBefore / MiB).toFixed(0)} → peak ${(rssPeak / MiB).toFixed(0)} MiB`,
        );
      }
    } finally {
      await server.stop();
    }

    const markdown = [
      '## List exports: the whole desk queue (SQLite)',
      '',
      `Command: \`npm run build && npm run bench -- list-export\` (${TICKETS.toLocaleString('en')} tickets generated; \`MERIDIAN_BENCH_LIST_EXPORT_TICKETS\` changes the size).`,
      '',
      '| Download | Rows | Size | Time | Rows/s | Server RSS before | Server RSS peak during |',
      '| --- | --- | --- | --- | --- | --- | --- |',
      ...downloads.map(
        (d) =>
          `| \`GET /api/v1/tickets/export.${d.format}?${d.filter}\` | ${d.rows.toLocaleString('en')} | ${(d.bytes / MiB).toFixed(1)} MiB | ${d.seconds.toFixed(1)} s | ${Math.round(d.rows / d.seconds).toLocaleString('en')} | ${(d.rssBefore / MiB).toFixed(0)} MiB | ${(d.rssPeak / MiB).toFixed(0)} MiB |`,
      ),
      '',
      '- The production build serves the downloads over HTTP on the loopback, signed in as the demo SMS manager; each format is downloaded for the P1 tickets, then for every ticket: the peak memory of the two shows whether it grows with the rows written.',
      "- The export asks the queue for its keyset pages of 200 tickets one after another, writing each out before reading the next. Resident memory is the server process's VmRSS, sampled every 50 ms from `/proc`; it also counts the V8 heap, which grows between garbage collections, and SQLite's page cache, so compare the two downloads' peaks rather than read one alone.",
    ].join('\n');
    const whole = downloads.filter((d) => d.filter === 'queue=all');
    return {
      markdown,
      figures: {
        tickets: TICKETS,
        ...Object.fromEntries(
          whole.flatMap((d) => [
            [`${d.format}Rows`, d.rows],
            [`${d.format}RowsPerSecond`, Math.round(d.rows / d.seconds)],
            [`${d.format}PeakRssMiB`, Math.round(d.rssPeak / MiB)],
          ]),
        ),
      },
    };
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
