import path from 'node:path';
import type { Command } from 'commander';
import { openDatabase } from '../../db/database.js';
import { migrateToLatest } from '../../db/migrator.js';
import { localDiskStorage } from '../../files/storage.js';
import { exportWorkspace } from '../../modules/archive/archive-export.js';
import { type RestoreReport, restoreWorkspace } from '../../modules/archive/archive-restore.js';
import { prepareTargetSchema, readManifest } from '../../modules/archive/target-schema.js';
import { appVersion } from '../../server/app.js';
import { createServices } from '../../server/services.js';
import { cliConfig, operator, withServices } from '../context.js';

// `meridian export` and `meridian import archive` (issue 9): the whole workspace as a portable
// archive of JSON lines, and its restore into an empty database. See docs/archive.md.

/** One progress line on the terminal, rewritten in place; nothing when stderr is not a terminal. */
function progressLine() {
  const tty = process.stderr.isTTY;
  return {
    show(text: string) {
      if (tty) process.stderr.write(`\r\x1b[2K${text}`);
    },
    done() {
      if (tty) process.stderr.write('\r\x1b[2K');
    },
  };
}

const stamp = (date: Date) =>
  date.toISOString().slice(0, 19).replace(/[-:]/g, '').replace('T', '-');

export function registerArchiveCommands(program: Command, importCommand: Command) {
  program
    .command('export')
    .description('write the whole workspace (records, history, attachments) to a .tar.gz archive')
    .option(
      '-o, --output <file>',
      'archive to write (default meridian-archive-<date>-<time>.tar.gz)',
    )
    .action(async (opts: { output?: string }) => {
      const config = cliConfig();
      const output = path.resolve(opts.output ?? `meridian-archive-${stamp(new Date())}.tar.gz`);
      const line = progressLine();
      const manifest = await withServices(
        (services) =>
          exportWorkspace(
            {
              db: services.db,
              storage: localDiskStorage(config.attachmentsDir),
              appVersion,
              now: () => services.clock.now(),
            },
            operator(),
            output,
            (event) =>
              line.show(
                'table' in event
                  ? `Exporting ${event.table}: ${event.rows} rows`
                  : `Exporting attachments: ${event.attachments}`,
              ),
          ),
        config,
      );
      line.done();
      const rows = manifest.tables.reduce((sum, t) => sum + t.rows, 0);
      process.stdout.write(
        `Exported ${rows} records in ${manifest.tables.length} tables and ${manifest.attachments.files} attachment files to ${output}.\n` +
          (manifest.auditHead
            ? `Audit trail head ${manifest.auditHead.seq}:${manifest.auditHead.hash} (check it after a restore with "meridian audit verify --anchor").\n`
            : ''),
      );
    });

  importCommand
    .command('archive <file>')
    .description('restore a workspace archive made by "meridian export" into an empty database')
    .action(async (file: string) => {
      const config = cliConfig();
      const archive = path.resolve(file);
      const line = progressLine();
      const database = openDatabase(config.database);
      try {
        let report: RestoreReport;
        try {
          const manifest = await readManifest(archive);
          // An archive from an earlier version: the target first stands at the archive's schema,
          // and the later migrations run once the records are in.
          await prepareTargetSchema(database.db, manifest.schema);
          // Tunes SQLite's cache for the load; the restore is one transaction either way.
          database.prepareForBulkLoad();
          const services = createServices(config, database);
          report = await restoreWorkspace(
            {
              db: services.db,
              storage: localDiskStorage(config.attachmentsDir),
              ticketSearch: services.ticketSearch,
            },
            operator(),
            archive,
            (event) =>
              line.show(
                'table' in event
                  ? `Restoring ${event.table}: ${event.rows} rows`
                  : `Restoring attachments: ${event.attachments}`,
              ),
          );
        } catch (error) {
          line.done();
          // The restore runs in one transaction: a failure leaves the target's records as they were.
          if (error instanceof Error) error.message = `${error.message} Nothing was restored.`;
          throw error;
        }
        line.done();
        const { applied } = await migrateToLatest(database);
        const head = report.manifest.auditHead;
        process.stdout.write(
          `Restored ${report.rows} records and ${report.attachments} attachment files from the archive of ${report.manifest.createdAt} (Meridian ${report.manifest.appVersion}).\n` +
            (applied.length
              ? `Upgraded the restored workspace with ${applied.length} later migration(s): ${applied.join(', ')}.\n`
              : '') +
            (head
              ? `Check the audit trail: meridian audit verify --anchor ${head.seq}:${head.hash}\n`
              : ''),
        );
      } finally {
        await database.destroy();
      }
    });
}
