// CSV/XLSX imports for administrators (issue 9): upload a file, see its columns and first rows,
// check a mapping, then dry-run or run it in the background and follow its progress. Every use
// case needs imports.manage. Runs go in the import core's import_runs table; while a run is going
// its progress is kept in memory here, because on SQLite the import's transaction holds the
// database until it commits and a progress read from the table would wait for the end.

import path from 'node:path';
import type { Executor } from '../../db/executor.js';
import { type Actor, requirePermission } from '../../shared/actor.js';
import type { Clock } from '../../shared/clock.js';
import { DomainError, invalid, notFound } from '../../shared/errors.js';
import { uuidv7 } from '../../shared/ids.js';
import type { ImportReport } from './core/contract.js';
import { type ImportRun, importRunsRepository } from './core/import-runs.js';
import type { ImportServices } from './core/ticket-writer.js';
import { mappingForFile, runCsvImport, scanFile } from './csv/csv-import.js';
import {
  FIELDS,
  IMPORT_TYPES,
  type ImportType,
  isImportType,
  needsSourceKey,
} from './csv/mapping.js';
import { tableFormatOf } from './csv/open-table.js';
import { cellText } from './csv/table.js';
import { createUploadStore, type UploadFacts } from './csv/uploads.js';

/** Big enough for years of tickets from a CSV export; the body is held in memory while stored. */
export const IMPORT_MAX_BYTES = 100 * 1024 * 1024;
const PREVIEW_ROWS = 10;

export type UploadView = Omit<UploadFacts, 'uploadedBy'>;

export interface RunRequest {
  fileId: string;
  type: string;
  mapping: unknown;
  dryRun: boolean;
}

export type RunView = Omit<ImportRun, 'actorId'> & { type: ImportType | null };

interface LiveRun {
  view: RunView;
}

export function createImportService(
  deps: ImportServices & {
    db: Executor;
    clock: Clock;
    dataDir: string;
    /** On SQLite a running import holds the only connection: lists then answer from memory. */
    engine: 'sqlite' | 'postgres';
    log?: { error(obj: object, msg: string): void };
  },
) {
  const { db, clock } = deps;
  const uploads = createUploadStore(path.join(deps.dataDir, 'imports'));
  const live = new Map<string, LiveRun>();
  // import_runs has no type column: the type of runs started here, for the history list.
  const typeOfRun = new Map<string, ImportType>();

  const manage = (actor: Actor, action: string) =>
    requirePermission(actor, 'imports.manage', action);

  async function loadUpload(id: string, field = '/fileId') {
    const facts = await uploads.facts(id);
    if (!facts)
      throw new DomainError('VALIDATION_FAILED', 'The uploaded file is gone: upload it again.', {
        errors: [{ field, message: 'no such uploaded file (files are kept for a day)' }],
      });
    return facts;
  }

  const toView = (run: ImportRun): RunView => {
    const { actorId: _a, ...rest } = run;
    return { ...rest, type: typeOfRun.get(run.id) ?? typeFromCounts(run) };
  };

  return {
    /** The Meridian fields of each import type, for the mapping screen. */
    fields(actor: Actor) {
      manage(actor, 'import records');
      return IMPORT_TYPES.map((type) => ({
        type,
        sourceKey: needsSourceKey(type),
        fields: FIELDS[type].map((f) => ({
          name: f.name,
          kind: f.kind,
          required: f.required === true,
        })),
      }));
    },

    async upload(actor: Actor, fileName: string, content: Buffer): Promise<UploadView> {
      manage(actor, 'upload files to import');
      if (content.length === 0) throw invalid('/file', 'the file is empty');
      if (content.length > IMPORT_MAX_BYTES)
        throw new DomainError(
          'PAYLOAD_TOO_LARGE',
          `The file is larger than ${IMPORT_MAX_BYTES / 1024 / 1024} MB: import it with "meridian import csv" instead.`,
        );
      const name = fileName.trim().slice(0, 200) || 'import.csv';
      const { id, file } = await uploads.put(content, clock.now());
      try {
        const scanned = await scanFile(file, PREVIEW_ROWS);
        const preview = scanned.preview.map((r) =>
          scanned.columns.map((_c, i) => cellText(r.cells[i] ?? null)),
        );
        const facts: UploadFacts = {
          id,
          fileName: name,
          format: await tableFormatOf(file),
          size: content.length,
          uploadedBy: actor.id,
          uploadedAt: clock.now().toISOString(),
          columns: scanned.columns,
          rowCount: scanned.rowCount,
          preview,
        };
        await uploads.saveFacts(facts);
        const { uploadedBy: _u, ...view } = facts;
        return view;
      } catch (error) {
        // An unreadable file is refused whole: nothing of it is kept.
        await uploads.remove(id);
        throw error;
      }
    },

    async getUpload(actor: Actor, id: string): Promise<UploadView> {
      manage(actor, 'see files to import');
      const facts = await uploads.facts(id);
      if (!facts) throw notFound('The uploaded file');
      const { uploadedBy: _u, file: _f, ...view } = facts;
      return view;
    },

    /** Checks the request, then starts the import in the background; returns the run's id. */
    async startRun(actor: Actor, request: RunRequest): Promise<{ id: string }> {
      manage(actor, 'import records');
      if (!isImportType(request.type))
        throw invalid('/type', `must be one of ${IMPORT_TYPES.join(', ')}`);
      const type = request.type;
      const upload = await loadUpload(request.fileId);
      const mapping = await mappingForFile(upload.file, type, request.mapping, '/mapping');
      const id = uuidv7(clock.now().getTime());
      const startedAt = clock.now().toISOString();
      const view: RunView = {
        id,
        type,
        source: mapping.source,
        fileName: upload.fileName,
        dryRun: request.dryRun,
        actorName: actor.name,
        status: 'running',
        rows: 0,
        totalRows: upload.rowCount,
        created: {},
        updated: {},
        unchanged: {},
        errors: [],
        moreErrors: 0,
        message: null,
        startedAt,
        finishedAt: null,
      };
      live.set(id, { view });
      typeOfRun.set(id, type);
      // In-process: the import streams the stored file; the HTTP request does not wait for it.
      void runCsvImport(deps, {
        file: upload.file,
        fileName: upload.fileName,
        type,
        mapping,
        dryRun: request.dryRun,
        actor,
        totalRows: upload.rowCount,
        runId: id,
        onProgress: (p) => {
          view.rows = p.rows;
          if (p.total !== null) view.totalRows = p.total;
        },
      })
        .then((report: ImportReport) => {
          Object.assign(view, {
            status: report.status ?? 'succeeded',
            rows: report.rows,
            created: report.created,
            updated: report.updated,
            unchanged: report.unchanged,
            errors: report.errors,
            moreErrors: report.moreErrors,
            message: report.message ?? null,
            finishedAt: report.finishedAt,
          });
        })
        .catch((error: unknown) => {
          deps.log?.error({ err: error, runId: id }, 'import run failed');
          Object.assign(view, {
            status: 'failed',
            message: 'The import stopped on an unexpected error; nothing was written.',
            finishedAt: clock.now().toISOString(),
          });
        })
        .finally(() => {
          // The table has the final word once the run is over; keep the entry briefly for readers
          // that raced the commit.
          setTimeout(() => live.delete(id), 60_000).unref();
        });
      return { id };
    },

    async getRun(actor: Actor, id: string): Promise<RunView> {
      manage(actor, 'see imports');
      const going = live.get(id);
      if (going && going.view.status === 'running') return going.view;
      const run = await importRunsRepository.get(db, id);
      if (run) return toView(run);
      if (going) return going.view;
      throw notFound('The import run');
    },

    async listRuns(actor: Actor, limit = 20): Promise<RunView[]> {
      manage(actor, 'see imports');
      const running = [...live.values()].map((l) => l.view).filter((v) => v.status === 'running');
      // While a run holds the database (SQLite), the list shows the live ones only.
      if (running.length && deps.engine === 'sqlite') return running;
      const stored = (await importRunsRepository.recent(db, limit)).map(toView);
      const ids = new Set(stored.map((r) => r.id));
      return [
        ...running.filter((r) => !ids.has(r.id)),
        ...stored.map((r) =>
          live.get(r.id)?.view.status === 'running' ? (live.get(r.id) as LiveRun).view : r,
        ),
      ];
    },

    /** The tickets a run created or updated, to open them from its result. */
    async ticketsOfRun(actor: Actor, id: string, limit = 100) {
      manage(actor, 'see imports');
      const rows = await db
        .selectFrom('ticket_imports as ti')
        .innerJoin('tickets as t', 't.id', 'ti.ticket_id')
        .select(['t.id', 't.number', 't.title', 't.status', 't.type', 'ti.source_number'])
        .where('ti.run_id', '=', id)
        .orderBy('t.number')
        .limit(limit)
        .execute();
      return rows.map((r) => ({
        id: r.id,
        number: r.number,
        title: r.title,
        status: r.status,
        type: r.type,
        sourceNumber: r.source_number,
      }));
    },

    /** For the CLI and tests: the same import, run to the end in the caller. */
    runNow: runCsvImport,
  };
}

/** Runs started elsewhere (CLI, another node): the type from what they created. */
function typeFromCounts(run: ImportRun): ImportType | null {
  const kinds = new Set(Object.keys({ ...run.created, ...run.updated, ...run.unchanged }));
  if (kinds.has('incident')) return 'incidents';
  if (kinds.has('request')) return 'requests';
  if (kinds.has('user') && !kinds.has('group')) return 'users';
  if (kinds.has('service')) return 'services';
  return null;
}

export type ImportService = ReturnType<typeof createImportService>;
