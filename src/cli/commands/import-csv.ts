import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import type { ImportReport } from '../../modules/imports/core/contract.js';
import { mappingForFile, runCsvImport, scanFile } from '../../modules/imports/csv/csv-import.js';
import { IMPORT_TYPES, isImportType } from '../../modules/imports/csv/mapping.js';
import { DomainError } from '../../shared/errors.js';
import { fail, operator, withServices } from '../context.js';

// `meridian import csv` (issue 9): any tool's CSV or XLSX export, through a column mapping.
// Exit codes: 0 imported (or the dry run found no bad row), 1 rows failed (listed) or the file
// cannot be read, 2 wrong usage or mapping.
export function registerCsvImportCommand(importCommand: Command) {
  importCommand
    .command('csv')
    .description(
      'import incidents, requests, users or services from a CSV or XLSX file through a column mapping (see docs/imports.md)',
    )
    .argument('<file>', 'the CSV (UTF-8, "," ";" or tab) or XLSX file')
    .requiredOption('--type <type>', `what the rows are: ${IMPORT_TYPES.join('|')}`)
    .requiredOption('--mapping <file>', 'the mapping JSON file')
    .option('--dry-run', 'check every row and report what would be written, without writing')
    .action(async (file: string, opts: { type: string; mapping: string; dryRun?: boolean }) => {
      if (!isImportType(opts.type)) fail(`--type must be one of ${IMPORT_TYPES.join(', ')}`, 2);
      const type = opts.type;
      if (!fs.existsSync(file)) fail(`${file}: no such file`, 2);
      let rawMapping: unknown;
      try {
        rawMapping = JSON.parse(fs.readFileSync(opts.mapping, 'utf8'));
      } catch (error) {
        fail(`${opts.mapping}: not a readable JSON file (${(error as Error).message})`, 2);
      }
      let mapping: Awaited<ReturnType<typeof mappingForFile>>;
      let total: number;
      try {
        mapping = await mappingForFile(file, type, rawMapping);
        process.stderr.write(`Reading ${path.basename(file)}…\n`);
        total = (await scanFile(file, 0)).rowCount;
      } catch (error) {
        if (error instanceof DomainError)
          fail(
            describeInvalid(error),
            error.details.errors?.some((e) => e.field === '/file') ? 1 : 2,
          );
        throw error;
      }
      const report = await withServices(async (services) => {
        const bar = progressBar(total);
        try {
          return await runCsvImport(services, {
            file,
            fileName: path.basename(file),
            type,
            mapping,
            dryRun: opts.dryRun === true,
            actor: operator(),
            totalRows: total,
            onProgress: (p) => bar.update(p.rows),
          });
        } finally {
          bar.done();
        }
      });
      process.stdout.write(summary(report));
      if (report.status === 'failed') process.exitCode = 1;
    });
}

function describeInvalid(error: DomainError): string {
  const errors = error.details.errors ?? [];
  if (errors.length <= 1) return error.message;
  return [
    error.message.replace(/ \(and \d+ more\)\.$/, '.'),
    ...errors.map((e) => `  ${e.field || 'mapping'}: ${e.message}`),
  ].join('\n');
}

const counts = (c: Record<string, number>) =>
  Object.entries(c)
    .map(([kind, n]) => `${n} ${kind}${n === 1 ? '' : 's'}`)
    .join(', ') || 'none';

export function summary(report: ImportReport): string {
  const lines = [
    `${report.dryRun ? 'Dry run' : 'Import'} of ${report.rows} row${report.rows === 1 ? '' : 's'}: ${report.status ?? 'succeeded'}.`,
    `  ${report.dryRun || report.status === 'failed' ? 'would create' : 'created'}:   ${counts(report.created)}`,
    `  ${report.dryRun || report.status === 'failed' ? 'would update' : 'updated'}:   ${counts(report.updated)}`,
    `  unchanged: ${counts(report.unchanged)}`,
  ];
  if (report.errors.length) {
    lines.push(`Rows that cannot be imported (${report.errors.length + report.moreErrors}):`);
    for (const e of report.errors)
      lines.push(`  row ${e.row}${e.column ? `, column "${e.column}"` : ''}: ${e.reason}`);
    if (report.moreErrors) lines.push(`  … and ${report.moreErrors} more`);
  }
  if (report.message) lines.push(report.message);
  return `${lines.join('\n')}\n`;
}

function progressBar(total: number) {
  const tty = process.stderr.isTTY;
  let lastTenth = -1;
  return {
    update(done: number) {
      const share = total ? Math.min(1, done / total) : 1;
      if (tty) {
        const width = 30;
        const filled = Math.round(share * width);
        process.stderr.write(
          `\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${(share * 100).toFixed(0).padStart(3)}% ${done}/${total} rows`,
        );
      } else if (Math.floor(share * 10) > lastTenth) {
        lastTenth = Math.floor(share * 10);
        process.stderr.write(`${done}/${total} rows\n`);
      }
    },
    done() {
      if (tty) process.stderr.write('\n');
    },
  };
}
