import type { Command } from 'commander';
import { openDatabase } from '../../db/database.js';
import { migrateToLatest, pendingMigrations } from '../../db/migrator.js';
import { PING_JOB } from '../../server/system-jobs.js';
import { cliConfig, fail, operator, withServices } from '../context.js';

export function registerOperationsCommands(program: Command) {
  program
    .command('migrate')
    .description('apply pending database migrations (the server also does this at start)')
    .action(async () => {
      const database = openDatabase(cliConfig().database);
      try {
        const before = await pendingMigrations(database);
        const { applied } = await migrateToLatest(database);
        process.stdout.write(
          applied.length
            ? `Applied ${applied.length} migration(s): ${applied.join(', ')}\n`
            : `Database is up to date (${database.description}).\n`,
        );
        if (before.length !== applied.length) fail('Some migrations were not applied.');
      } finally {
        await database.destroy();
      }
    });

  const audit = program.command('audit').description('the tamper-evident audit trail');
  audit
    .command('verify')
    .description('walk every hash chain; exits 1 and names the first broken link if any')
    .option(
      '--anchor <seq:hash>',
      'a seal head recorded earlier (from "audit head") that must still be in the chain',
    )
    .option('--json', 'print the report as JSON')
    .action(async (opts) => {
      let anchor: { seq: number; hash: string } | undefined;
      if (opts.anchor) {
        const match = /^(\d+):([0-9a-f]{64})$/.exec(opts.anchor);
        if (!match) fail('--anchor must look like 1234:<64 hex characters>', 2);
        anchor = { seq: Number(match[1]), hash: String(match[2]) };
      }
      const report = await withServices(async (services) => {
        await services.audit.seal();
        return services.audit.verify(operator(), { anchor });
      });
      if (opts.json) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
      else if (report.ok) {
        process.stdout.write(
          `Audit trail intact: ${report.events} events in their record chains, ${report.seals} seals; head ${report.head ? `${report.head.seq}:${report.head.hash}` : '(empty)'}.\n`,
        );
      } else {
        const b = report.firstBreak;
        const where =
          b && b.kind === 'record-chain'
            ? `event ${b.eventId} (${b.entityType}:${b.entityId}, #${b.chainSeq})`
            : `seal #${b?.seq} (event ${b?.eventId})`;
        process.stdout.write(`AUDIT TRAIL BROKEN at ${where}: ${b?.reason}.\n`);
      }
      if (!report.ok) process.exitCode = 1;
    });
  audit
    .command('head')
    .description('print the latest seal as seq:hash, to keep outside Meridian as an anchor')
    .action(async () => {
      const head = await withServices(async (services) => {
        await services.audit.seal();
        return services.audit.head();
      });
      process.stdout.write(head ? `${head.seq}:${head.hash}\n` : 'The audit trail is empty.\n');
    });

  const jobs = program.command('jobs').description('background jobs');
  jobs
    .command('list')
    .option('--status <status>', 'pending, running, done or dead')
    .action(async (opts) => {
      await withServices(async (services) => {
        const { counts, items } = await services.operations.listJobs(operator(), {
          status: opts.status,
          limit: 50,
        });
        process.stdout.write(`${JSON.stringify(counts)}\n`);
        for (const job of items) {
          process.stdout.write(
            `${job.id}  ${job.status.padEnd(7)}  ${job.name}  attempts ${job.attempts}/${job.maxAttempts}${job.lastError ? `  ${job.lastError}` : ''}\n`,
          );
        }
      });
    });
  jobs
    .command('retry <id>')
    .description('put a dead job back in the queue')
    .action(async (id: string) => {
      await withServices((services) => services.operations.retryJob(operator(), id));
      process.stdout.write(`Job ${id} is pending again.\n`);
    });
  jobs
    .command('ping')
    .description('enqueue a no-op job and wait until a running server node completes it')
    .option('--timeout <seconds>', 'how long to wait', '30')
    .action(async (opts) => {
      await withServices(async (services) => {
        const id = await services.db
          .transaction()
          .execute((trx) => services.jobs.enqueue(trx, PING_JOB));
        const deadline = Date.now() + Number(opts.timeout) * 1000;
        while (Date.now() < deadline) {
          const row = await services.db
            .selectFrom('jobs')
            .select(['status', 'locked_by'])
            .where('id', '=', id)
            .executeTakeFirst();
          if (row?.status === 'done') {
            process.stdout.write(`Job worker ${row.locked_by} completed the ping.\n`);
            return;
          }
          await new Promise((r) => setTimeout(r, 200));
        }
        fail(
          'No job worker completed the ping in time: is a server running with MERIDIAN_JOB_WORKERS on?',
        );
      });
    });
}
