// runTicketImport: the one way imported tickets enter Meridian, whatever reader produced them.
//
// Never half an import: the whole import runs in ONE database transaction, written in batches of
// ~1,000 tickets (multi-row inserts). If the file turns out unreadable halfway (truncated zip,
// wrong encoding), if any row fails (unless the caller accepts errors), or if it is a dry run,
// the transaction is rolled back and nothing but the import_runs row remains. One transaction is
// also the fastest way on SQLite (one commit). Its cost: on SQLite the database is busy for the
// import's duration (the server's other requests wait; 120k rows take well under a minute); on
// PostgreSQL readers carry on and see the tickets when the import commits.
// The import_runs row is written before and after the transaction, so it survives a rollback.
import type { Actor } from '../../../shared/actor.js';
import { requirePermission } from '../../../shared/actor.js';
import { uuidv7 } from '../../../shared/ids.js';
import type {
  ImportedTicket,
  ImportProgress,
  ImportRecord,
  ImportReport,
  RowError,
} from './contract.js';
import { importRunsRepository } from './import-runs.js';
import { createTicketWriter, type ImportServices } from './ticket-writer.js';
import { validateTicket } from './validate.js';

export interface TicketImportOptions {
  /** A short name of the source: servicenow, bpic2013, helpdesk, csv… (stored with each ticket). */
  source: string;
  dryRun: boolean;
  actor: Actor;
  onProgress?: (progress: ImportProgress) => void;
  fileName?: string | null;
  /** Data rows in the file, when the caller knows them beforehand (for progress). */
  totalRows?: number | null;
  /** The import_runs id to use, when the caller must know it before the import ends. */
  runId?: string;
  /** Write the valid tickets even when some rows fail. Default: any row error, nothing written. */
  acceptErrors?: boolean;
  batchSize?: number;
}

export interface TicketImportReport extends ImportReport {
  runId: string;
  status: 'succeeded' | 'failed';
  message: string | null;
}

const MAX_LISTED_ERRORS = 1000;

/**
 * Progress of the imports running in this process, by run id. On SQLite the import's transaction
 * holds the only connection, so a screen polling a run cannot read import_runs until it ends:
 * it asks here instead.
 */
const live = new Map<string, ImportProgress>();
export const liveImportProgress = (runId: string): ImportProgress | null => live.get(runId) ?? null;

/** Ends the transaction without writing: a dry run, or an import with row errors. */
class Rollback extends Error {}

export async function runTicketImport(
  services: ImportServices,
  options: TicketImportOptions,
  records: AsyncIterable<ImportRecord | ImportedTicket | RowError>,
): Promise<TicketImportReport> {
  requirePermission(options.actor, 'imports.manage', 'import records');
  const { db, clock } = services;
  const runId = options.runId ?? uuidv7();
  const startedAt = clock.now().toISOString();
  await importRunsRepository.start(db, {
    id: runId,
    source: options.source,
    fileName: options.fileName ?? null,
    dryRun: options.dryRun,
    actorId: options.actor.id,
    actorName: options.actor.name,
    totalRows: options.totalRows ?? null,
    startedAt,
  });

  const report: TicketImportReport = {
    runId,
    source: options.source,
    dryRun: options.dryRun,
    rows: 0,
    created: {},
    updated: {},
    unchanged: {},
    errors: [],
    moreErrors: 0,
    startedAt,
    finishedAt: startedAt,
    status: 'succeeded',
    message: null,
  };
  const addError = (error: RowError) => {
    if (report.errors.length < MAX_LISTED_ERRORS) report.errors.push(error);
    else report.moreErrors++;
  };
  const merge = (into: Record<string, number>, from: Record<string, number>) => {
    for (const [k, v] of Object.entries(from)) into[k] = (into[k] ?? 0) + v;
  };
  // Rows as the reader reports them, else as the tickets and errors span.
  let readerRows: number | null = null;
  let total = options.totalRows ?? null;
  let spanned = 0;
  const progress = () => {
    report.rows = readerRows ?? spanned;
    live.set(runId, { rows: report.rows, total });
    options.onProgress?.({ rows: report.rows, total });
  };

  try {
    const settings = await services.deskSettings.current();
    await db.transaction().execute(async (trx) => {
      const writer = await createTicketWriter(services, trx, {
        source: options.source,
        runId,
        actor: options.actor,
        settings,
      });
      const size = options.batchSize ?? 1000;
      let batch: ImportedTicket[] = [];
      // A source key twice in one file is a mistake of the file: the later rows are refused.
      const seen = new Map<string, number>();
      const flush = async () => {
        const counts = await writer.write(batch);
        merge(report.created, counts.created);
        merge(report.updated, counts.updated);
        merge(report.unchanged, counts.unchanged);
        batch = [];
        progress();
      };
      for await (const record of records) {
        if (record.kind === 'progress') {
          readerRows = record.rows;
          if (record.total !== undefined) total = record.total;
          continue;
        }
        if (record.kind === 'row-error') {
          spanned++;
          addError(record);
          continue;
        }
        spanned += Math.max(1, record.rows.last - record.rows.first + 1);
        const checked = validateTicket(record);
        if (checked.kind === 'row-error') {
          addError(checked);
          continue;
        }
        const earlier = seen.get(checked.sourceKey);
        if (earlier !== undefined) {
          addError({
            kind: 'row-error',
            row: checked.rows.first,
            column: null,
            reason: `source key "${checked.sourceKey}" was already imported from row ${earlier}`,
          });
          continue;
        }
        seen.set(checked.sourceKey, checked.rows.first);
        batch.push(checked);
        if (batch.length >= size) await flush();
      }
      await flush();
      for (const [kind, n] of Object.entries(writer.parties.created))
        if (n) report.created[kind] = (report.created[kind] ?? 0) + n;

      const failedRows = report.errors.length + report.moreErrors;
      if (failedRows && !options.acceptErrors)
        throw new Rollback(
          `${failedRows} row${failedRows === 1 ? '' : 's'} could not be imported: nothing was written. Correct the file and run the import again.`,
        );
      if (options.dryRun) throw new Rollback('');
      await services.audit.record(trx, options.actor, {
        action: 'import',
        entityType: 'import_run',
        entityId: runId,
        changes: {
          source: { from: null, to: options.source },
          fileName: { from: null, to: options.fileName ?? null },
          rows: { from: null, to: report.rows },
          created: { from: null, to: report.created },
          updated: { from: null, to: report.updated },
          unchanged: { from: null, to: report.unchanged },
          rowErrors: { from: null, to: failedRows },
        },
      });
    });
  } catch (error) {
    if (error instanceof Rollback) {
      if (error.message) {
        report.status = 'failed';
        report.message = error.message;
      }
    } else {
      // An unreadable file (ImportFileError) says what is wrong in its message; anything else
      // still leaves the database as it was and must not take the process down.
      report.status = 'failed';
      const reason = error instanceof Error ? error.message : String(error);
      report.message = `${reason.replace(/\.?$/, '.')} Nothing was written.`;
    }
  }
  progress();
  report.finishedAt = clock.now().toISOString();
  try {
    await importRunsRepository.finish(db, runId, report);
  } finally {
    live.delete(runId);
  }
  return report;
}
