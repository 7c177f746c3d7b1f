import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { inspect } from 'node:util';
import type { Command } from 'commander';
import { DEMO_PASSWORD, seedDemo } from '../../demo/demo.js';
import { startRollupAlongside } from '../../demo/rollup-alongside.js';
import { generateTickets } from '../../demo/ticket-generator.js';
import { loadConfig } from '../../server/config.js';
import { startServer } from '../../server/start.js';
import { cliConfig, fail, withServices } from '../context.js';
import { type ProgressBar, progressBar } from '../progress.js';

export function registerDemoCommands(program: Command) {
  const demo = program
    .command('demo')
    .description(
      'start a server on a fresh throw-away SQLite database filled with the demo workspace',
    )
    .action(async () => {
      const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'meridian-demo-'));
      const env = { ...process.env, MERIDIAN_DATA_DIR: dataDir, DATABASE_URL: '' };
      const config = loadConfig(env);
      const server = await startServer(
        { ...config, admin: { email: 'admin@verlaine.example', password: DEMO_PASSWORD } },
        {
          beforeListen: async (services) => {
            const workspace = await seedDemo(services);
            console.log(`Demo workspace ready in ${dataDir} (deleted when you stop the server).`);
            console.log(`Demo logins (password for all: ${DEMO_PASSWORD}):`);
            for (const user of Object.values(workspace.users)) {
              console.log(`  ${user.role.padEnd(10)} ${user.email.padEnd(36)} ${user.name}`);
            }
          },
        },
      );
      const cleanup = () => {
        void server.stop().finally(() => {
          fs.rmSync(dataDir, { recursive: true, force: true });
          process.exit(0);
        });
      };
      process.once('SIGINT', cleanup);
      process.once('SIGTERM', cleanup);
    });

  demo
    .command('generate')
    .description(
      'add N generated tickets with their history (replies, SLA clocks, surveys, complaints) to the configured database',
    )
    .requiredOption('--tickets <n>', 'how many tickets', (v) => Number.parseInt(v, 10))
    .option(
      '--days <n>',
      'spread them over this many days up to now',
      (v) => Number.parseInt(v, 10),
      180,
    )
    .option(
      '--seed <n>',
      'random seed: the same seed gives the same tickets',
      (v) => Number.parseInt(v, 10),
      20261126,
    )
    .option('--with-workspace', 'seed the demo workspace first (only on an empty database)')
    .action(
      async (opts: { tickets: number; days: number; seed: number; withWorkspace?: boolean }) => {
        if (!Number.isInteger(opts.tickets) || opts.tickets < 1 || opts.tickets > 10_000_000)
          fail('--tickets must be a whole number from 1 to 10000000', 2);
        if (!Number.isInteger(opts.days) || opts.days < 1)
          fail('--days must be a whole number of days', 2);
        const config = cliConfig();
        await withServices(async (services) => {
          if (opts.withWorkspace) {
            const { count } = await services.db
              .selectFrom('services')
              .select((eb) => eb.fn.countAll<number>().as('count'))
              .executeTakeFirstOrThrow();
            if (Number(count) > 0) fail('--with-workspace needs a database without services.', 2);
            await seedDemo(services, { tickets: 0 });
          }
          const started = Date.now();
          const bar = progressBar(opts.tickets);
          // The KPI rollup learns of every written day through its triggers; the days the load
          // has left behind are rolled up on another thread meanwhile (rollup-alongside.ts).
          const alongside = startRollupAlongside(config, services.kpis.rollup);
          const totals = await generateTickets(services, {
            count: opts.tickets,
            days: opts.days,
            seed: opts.seed,
            onProgress: bar.update,
            onSettled: alongside.settledBefore,
          });
          bar.done();
          const seconds = (Date.now() - started) / 1000;
          const rollupStarted = Date.now();
          const daysAlongside = await alongside.finish().catch((error: unknown) => {
            // Only slower: the refresh below does whatever the thread left.
            process.stderr.write(
              `The rollup thread failed (${inspect(error)}); refreshing here.\n`,
            );
            return 0;
          });
          // Whatever is left (none, unless the thread failed), so the first dashboard after a
          // bulk load is as fast as any other.
          let rollupBar: ProgressBar | undefined;
          const daysAfter = await services.kpis.rollup.refresh((done, total) => {
            rollupBar ??= progressBar(total);
            rollupBar.update(done);
          });
          rollupBar?.done();
          process.stdout.write(
            `Generated ${totals.tickets} tickets, ${totals.comments} replies and notes, ${totals.surveys} surveys, ${totals.complaints} complaints in ${seconds.toFixed(1)} s (${Math.round(totals.tickets / seconds)} tickets/s).\n` +
              `Updated the KPI rollup (${daysAlongside + daysAfter} days, ${daysAlongside} of them during generation) ${((Date.now() - rollupStarted) / 1000).toFixed(1)} s after it.\n`,
          );
        }, config);
      },
    );
}
