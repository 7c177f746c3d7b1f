import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import type { ImportRecord } from '../../modules/imports/core/contract.js';
import { runTicketImport, type TicketImportReport } from '../../modules/imports/core/index.js';
import { readEventLog } from '../../modules/imports/event-log/event-log-reader.js';
import { EVENT_LOG_FORMATS, isEventLogFormat } from '../../modules/imports/event-log/formats.js';
import { checkTimeZone } from '../../modules/imports/files/local-time.js';
import { countDataLines } from '../../modules/imports/files/open-text.js';
import { readServiceNow } from '../../modules/imports/servicenow/servicenow-reader.js';
import { fail, operator, withServices } from '../context.js';
import { progressBar } from '../progress.js';

// `meridian import servicenow|event-log` (issue 9): incident history from another tool.
// Exit codes: 0 imported (or a dry run found nothing wrong), 1 rows failed or the file cannot be
// read (nothing written), 2 wrong usage.
export function registerHistoryImportCommands(importCommand: Command) {
  importCommand
    .command('servicenow')
    .description('import incidents with their history from a ServiceNow incident audit export')
    .argument('<file>', 'the export: .csv, or .zip holding the CSV')
    .option('--time-zone <zone>', 'time zone of the dates in the file (IANA name)', 'UTC')
    .option('--dry-run', 'read and check everything, report what would be imported, write nothing')
    .action(async (file: string, opts: { timeZone: string; dryRun?: boolean }) => {
      checkFile(file);
      try {
        checkTimeZone(opts.timeZone);
      } catch {
        fail(`--time-zone: "${opts.timeZone}" is not a time zone (e.g. Europe/Paris, UTC)`, 2);
      }
      await runFromCli(file, 'servicenow', opts.dryRun === true, () =>
        readServiceNow(file, { timeZone: opts.timeZone, displayName: path.basename(file) }),
      );
    });

  importCommand
    .command('event-log')
    .description('import incidents from a process-mining event log (BPIC 2013, help desk)')
    .argument('<file>', 'the log: .csv or .csv.gz')
    .requiredOption('--format <format>', `the log's layout: ${EVENT_LOG_FORMATS.join('|')}`)
    .option('--dry-run', 'read and check everything, report what would be imported, write nothing')
    .action(async (file: string, opts: { format: string; dryRun?: boolean }) => {
      checkFile(file);
      if (!isEventLogFormat(opts.format))
        fail(`--format must be one of ${EVENT_LOG_FORMATS.join(', ')}`, 2);
      const format = opts.format;
      await runFromCli(file, format, opts.dryRun === true, () =>
        readEventLog(file, format, { displayName: path.basename(file) }),
      );
    });
}

function checkFile(file: string) {
  if (!fs.existsSync(file) || !fs.statSync(file).isFile()) fail(`${file}: no such file`, 2);
}

async function runFromCli(
  file: string,
  source: string,
  dryRun: boolean,
  read: () => AsyncIterable<ImportRecord>,
) {
  process.stderr.write(`Reading ${path.basename(file)}…\n`);
  const total = await countDataLines(file);
  const started = Date.now();
  const report = await withServices(async (services) => {
    // No bulk-load tuning (prepareForBulkLoad): the whole import is one transaction, and its
    // larger page cache would hold every dirty page of it in memory. With the usual cache, SQLite
    // spills them to the WAL and memory stays flat however long the file.
    const bar = total ? progressBar(total, 'rows') : null;
    try {
      return await runTicketImport(
        services,
        {
          source,
          dryRun,
          actor: operator(),
          fileName: path.basename(file),
          totalRows: total,
          onProgress: (p) => bar?.update(Math.min(p.rows, total ?? p.rows)),
        },
        read(),
      );
    } finally {
      bar?.done();
    }
  });
  process.stdout.write(summary(report, (Date.now() - started) / 1000));
  if (report.status === 'failed') process.exitCode = 1;
}

const counted = (c: Record<string, number>) =>
  Object.entries(c)
    .map(([kind, n]) => `${n} ${kind}${n === 1 ? '' : 's'}`)
    .join(', ') || 'none';

function summary(report: TicketImportReport, seconds: number): string {
  const would = report.dryRun || report.status === 'failed';
  const lines = [
    `${report.dryRun ? 'Dry run' : 'Import'} of ${report.rows} rows from ${report.source}: ${report.status} in ${seconds.toFixed(1)} s.`,
    `  ${would ? 'would create' : 'created'}: ${counted(report.created)}`,
    `  ${would ? 'would update' : 'updated'}: ${counted(report.updated)}`,
    `  unchanged: ${counted(report.unchanged)}`,
  ];
  const failed = report.errors.length + report.moreErrors;
  if (failed) {
    lines.push(`Rows that cannot be imported (${failed}):`);
    for (const e of report.errors.slice(0, 50))
      lines.push(`  row ${e.row}${e.column ? `, column ${e.column}` : ''}: ${e.reason}`);
    if (failed > 50)
      lines.push(`  … and ${failed - 50} more (the run ${report.runId} lists 1,000)`);
  }
  if (report.message) lines.push(report.message);
  return `${lines.join('\n')}\n`;
}
