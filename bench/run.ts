// npm run bench [-- NAME ...]: runs bench/*.bench.ts (all, or the named ones) in file order and
// rewrites their sections of docs/performance.md. Sections of benchmarks not run are kept as they were.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describeMachine, type MachineInfo, machineInfo } from './lib/machine.js';
import { composeReport, parseSections } from './lib/report.js';
import type { Bench } from './lib/types.js';

const benchDir = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(benchDir, '..');
const reportFile = path.join(root, 'docs', 'performance.md');
/** No benchmark may run longer than this; a hung server must not hang CI. */
const BENCH_TIMEOUT_MS = 30 * 60_000;

const log = (line: string) => process.stderr.write(`${line}\n`);

function header(machine: MachineInfo, ran: readonly string[]): string {
  return [
    '# Performance',
    '',
    'The figures below are produced by `npm run bench`, which runs every `bench/*.bench.ts` and',
    'rewrites this file; `npm run bench -- http` runs one benchmark and replaces only its section.',
    'Do not edit between the `<!-- bench:… -->` markers by hand: the next run overwrites it. Each',
    'section names the machine and date it was measured on; the figures are only comparable within a',
    'section, because the baseline runs on the same machine in the same run.',
    '',
    `Last run: ${machine.date} (${ran.join(', ')}) on ${describeMachine(machine)}.`,
  ].join('\n');
}

async function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} took longer than ${ms / 1000} s`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

async function main(): Promise<number> {
  const available = fs
    .readdirSync(benchDir)
    .filter((file) => file.endsWith('.bench.ts'))
    .sort()
    .map((file) => file.slice(0, -'.bench.ts'.length));
  const wanted = process.argv.slice(2).filter((arg) => arg !== '--');
  const unknown = wanted.filter((name) => !available.includes(name));
  if (unknown.length) {
    log(`Unknown benchmark ${unknown.join(', ')}. Available: ${available.join(', ')}.`);
    return 2;
  }
  const selected = wanted.length ? available.filter((name) => wanted.includes(name)) : available;
  const machine = machineInfo();
  log(`Benchmarks: ${selected.join(', ')} on ${describeMachine(machine)}`);

  const fresh = new Map<string, string>();
  const failed: string[] = [];
  for (const name of selected) {
    log(`\n== ${name} ==`);
    try {
      const mod = (await import(pathToFileURL(path.join(benchDir, `${name}.bench.ts`)).href)) as {
        run?: Bench;
      };
      if (typeof mod.run !== 'function') throw new Error(`bench/${name}.bench.ts exports no run()`);
      const result = await withTimeout(
        mod.run({ root, machine, log }),
        BENCH_TIMEOUT_MS,
        `Benchmark ${name}`,
      );
      fresh.set(
        name,
        `${result.markdown.trim()}\n\n<!-- figures:${name} ${JSON.stringify(result.figures)} -->`,
      );
    } catch (error) {
      failed.push(name);
      log(`Benchmark ${name} FAILED: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  if (fresh.size) {
    const previous = fs.existsSync(reportFile)
      ? parseSections(fs.readFileSync(reportFile, 'utf8'))
      : [];
    const report = composeReport({
      header: header(machine, [...fresh.keys()]),
      order: available,
      previous,
      fresh,
    });
    fs.mkdirSync(path.dirname(reportFile), { recursive: true });
    fs.writeFileSync(reportFile, report);
    log(`\nWrote ${path.relative(root, reportFile)} (${[...fresh.keys()].join(', ')}).`);
  }
  if (failed.length) {
    log(`Failed: ${failed.join(', ')}; their sections were left as they were.`);
    return 1;
  }
  return 0;
}

process.exitCode = await main();
// Benchmarks leave sockets and timers behind in failure paths; do not wait for them.
process.exit(process.exitCode);
