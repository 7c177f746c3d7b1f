// A CSV/XLSX import end to end, for the CLI and the web: open the file, check the mapping against
// its header, then stream the mapped rows to the import core (tickets) or the directory import
// (users, services). The file is read twice: once to count its rows and find an unreadable file
// before anything starts (so progress has a total), once to import.
import type { Actor } from '../../../shared/actor.js';
import { uuidv7 } from '../../../shared/ids.js';
import { type ImportProgress, type ImportRecord, runTicketImport } from '../core/index.js';
import type { ImportServices } from '../core/ticket-writer.js';
import { runDirectoryImport } from './directory-import.js';
import { type CompiledMapping, compileMapping, type ImportType } from './mapping.js';
import { openTable } from './open-table.js';
import type { TableReader, TableRow } from './table.js';
import { rowToTicket } from './to-ticket.js';

export interface ScannedFile {
  columns: string[];
  rowCount: number;
  preview: TableRow[];
}

/** Reads the whole file once: its columns, its data row count and its first rows. */
export async function scanFile(file: string, previewRows = 10): Promise<ScannedFile> {
  const table = await openTable(file);
  const preview: TableRow[] = [];
  let rowCount = 0;
  try {
    for await (const row of table.rows) {
      rowCount += 1;
      if (preview.length < previewRows) preview.push(row);
    }
  } finally {
    await table.close();
  }
  return { columns: table.columns, rowCount, preview };
}

export interface CsvImportOptions {
  file: string;
  fileName: string | null;
  type: ImportType;
  mapping: CompiledMapping;
  dryRun: boolean;
  actor: Actor;
  totalRows: number | null;
  runId?: string;
  onProgress?: (progress: ImportProgress) => void;
}

/** Checks a mapping against a file's header (throws VALIDATION_FAILED naming each bad key). */
export async function mappingForFile(
  file: string,
  type: ImportType,
  mapping: unknown,
  prefix = '',
): Promise<CompiledMapping> {
  const table = await openTable(file);
  await table.close();
  return compileMapping(mapping, type, table.columns, prefix);
}

async function* ticketRecords(table: TableReader, mapping: CompiledMapping, total: number | null) {
  let rows = 0;
  for await (const row of table.rows) {
    rows += 1;
    const result = rowToTicket(row, mapping);
    if (Array.isArray(result)) yield* result;
    else yield result;
    if (rows % 200 === 0) yield { kind: 'progress', rows, total } as ImportRecord;
  }
  yield { kind: 'progress', rows, total } as ImportRecord;
}

export async function runCsvImport(services: ImportServices, options: CsvImportOptions) {
  const table = await openTable(options.file);
  const runId = options.runId ?? uuidv7();
  try {
    if (options.type === 'incidents' || options.type === 'requests')
      return await runTicketImport(
        services,
        {
          source: options.mapping.source,
          dryRun: options.dryRun,
          actor: options.actor,
          fileName: options.fileName,
          totalRows: options.totalRows,
          runId,
          onProgress: options.onProgress,
        },
        ticketRecords(table, options.mapping, options.totalRows),
      );
    return await runDirectoryImport(
      services,
      {
        mapping: options.mapping,
        dryRun: options.dryRun,
        actor: options.actor,
        source: `${options.mapping.source}:${options.type}`,
        runId,
        fileName: options.fileName,
        totalRows: options.totalRows,
        onProgress: (rows) => options.onProgress?.({ rows, total: options.totalRows }),
      },
      table.rows,
    );
  } finally {
    await table.close();
  }
}
