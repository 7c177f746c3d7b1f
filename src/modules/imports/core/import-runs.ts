// The import_runs table: one row per import (dry runs too), written before the import starts and
// completed when it ends, so a screen can list runs and show each one's report.
import type { Executor } from '../../../db/executor.js';
import type { ImportRunsTable } from '../../../db/tables/imports.js';
import { fromJson, toBool, toJson } from '../../../db/values.js';
import type { ImportReport, RowError } from './contract.js';

export interface ImportRun {
  id: string;
  source: string;
  fileName: string | null;
  dryRun: boolean;
  actorId: string | null;
  actorName: string;
  status: 'running' | 'succeeded' | 'failed';
  rows: number;
  totalRows: number | null;
  created: Record<string, number>;
  updated: Record<string, number>;
  unchanged: Record<string, number>;
  errors: RowError[];
  moreErrors: number;
  message: string | null;
  startedAt: string;
  finishedAt: string | null;
}

export const toImportRun = (row: ImportRunsTable): ImportRun => ({
  id: row.id,
  source: row.source,
  fileName: row.file_name,
  dryRun: toBool(row.dry_run),
  actorId: row.actor_id,
  actorName: row.actor_name,
  status: row.status as ImportRun['status'],
  rows: Number(row.rows),
  totalRows: row.total_rows === null ? null : Number(row.total_rows),
  created: fromJson(row.created),
  updated: fromJson(row.updated),
  unchanged: fromJson(row.unchanged),
  errors: fromJson(row.errors),
  moreErrors: Number(row.more_errors),
  message: row.message,
  startedAt: new Date(row.started_at).toISOString(),
  finishedAt: row.finished_at === null ? null : new Date(row.finished_at).toISOString(),
});

export const importRunsRepository = {
  async start(
    db: Executor,
    run: {
      id: string;
      source: string;
      fileName: string | null;
      dryRun: boolean;
      actorId: string | null;
      actorName: string;
      totalRows: number | null;
      startedAt: string;
    },
  ) {
    await db
      .insertInto('import_runs')
      .values({
        id: run.id,
        source: run.source,
        file_name: run.fileName,
        dry_run: run.dryRun,
        actor_id: run.actorId,
        actor_name: run.actorName,
        status: 'running',
        rows: 0,
        total_rows: run.totalRows,
        created: toJson({}),
        updated: toJson({}),
        unchanged: toJson({}),
        errors: toJson([]),
        more_errors: 0,
        message: null,
        started_at: run.startedAt,
        finished_at: null,
      })
      .execute();
  },

  async finish(
    db: Executor,
    id: string,
    report: ImportReport & { status: 'succeeded' | 'failed' },
  ) {
    await db
      .updateTable('import_runs')
      .set({
        status: report.status,
        rows: report.rows,
        created: toJson(report.created),
        updated: toJson(report.updated),
        unchanged: toJson(report.unchanged),
        errors: toJson(report.errors),
        more_errors: report.moreErrors,
        message: report.message ?? null,
        finished_at: report.finishedAt,
      })
      .where('id', '=', id)
      .execute();
  },

  async get(db: Executor, id: string): Promise<ImportRun | null> {
    const row = await db
      .selectFrom('import_runs')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    return row ? toImportRun(row) : null;
  },

  /** Most recent first. */
  async recent(db: Executor, limit: number): Promise<ImportRun[]> {
    const rows = await db
      .selectFrom('import_runs')
      .selectAll()
      .orderBy('started_at', 'desc')
      .orderBy('id', 'desc')
      .limit(limit)
      .execute();
    return rows.map(toImportRun);
  },
};
