// Users and services from a mapped file. They are few (a directory, a catalogue), so the whole file
// is read and checked first, then written in one transaction: a file with bad rows writes nothing,
// and a re-run changes nothing. Users are matched by email, services by name.
//
// Imported users are created active and without a password: they are real people of the
// organisation (requesters, agents) who appear in pickers at once, and sign in once an
// administrator sets their password (or they use the usual password reset). This differs from the
// people a ticket history names, which the core creates inactive.
import type { Executor } from '../../../db/executor.js';
import { type Actor, requirePermission } from '../../../shared/actor.js';
import type { Clock } from '../../../shared/clock.js';
import { uuidv7 } from '../../../shared/ids.js';
import { ROLES } from '../../../shared/permissions.js';
import { diff } from '../../audit/audit.js';
import type { AuditService } from '../../audit/audit.service.js';
import { SERVICE_STATUSES } from '../../catalogue/catalogue.js';
import { isTimeZone } from '../../sla/time-zone.js';
import { LOCALES } from '../../users/users.js';
import type { ImportReport, RowError } from '../core/contract.js';
import { importRunsRepository } from '../core/import-runs.js';
import { nameKey } from '../core/parties.js';
import { type CompiledMapping, RowReader } from './mapping.js';
import type { TableRow } from './table.js';

const MAX_LISTED_ERRORS = 1000;

interface UserRow {
  row: number;
  email: string;
  name: string;
  role: string | null;
  organisation: string | null;
  locale: string | null;
  timeZone: string | null;
}

interface ServiceRow {
  row: number;
  name: string;
  description: string | null;
  status: string | null;
  owner: string | null;
  defaultGroup: string | null;
}

const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

export function rowToUser(row: TableRow, mapping: CompiledMapping): UserRow | RowError[] {
  const r = new RowReader(mapping, row.cells);
  const email = r.text('email')?.toLowerCase() ?? null;
  if (email && !EMAIL.test(email)) r.problem('email', `"${email}" is not an email address`);
  const name = r.text('name');
  const role = r.oneOf('role', ROLES);
  const locale = r.oneOf('locale', LOCALES);
  const timeZone = r.text('timeZone');
  if (timeZone && !isTimeZone(timeZone))
    r.problem('timeZone', `"${timeZone}" is not an IANA time zone`);
  const organisation = r.text('organisation');
  if (r.problems.length || !email || !name)
    return r.problems.map((p) => ({
      kind: 'row-error',
      row: row.row,
      column: p.column,
      reason: p.reason,
    }));
  return { row: row.row, email, name, role, organisation, locale, timeZone };
}

export function rowToService(row: TableRow, mapping: CompiledMapping): ServiceRow | RowError[] {
  const r = new RowReader(mapping, row.cells);
  const name = r.text('name');
  if (name && name.length > 200) r.problem('name', 'is longer than 200 characters');
  const status = r.oneOf('status', SERVICE_STATUSES);
  const description = r.text('description');
  if (description && description.length > 4000)
    r.problem('description', 'is longer than 4,000 characters');
  const owner = r.text('owner');
  const defaultGroup = r.text('defaultGroup');
  if (r.problems.length || !name)
    return r.problems.map((p) => ({
      kind: 'row-error',
      row: row.row,
      column: p.column,
      reason: p.reason,
    }));
  return { row: row.row, name, description, status, owner, defaultGroup };
}

export interface DirectoryImportDeps {
  db: Executor;
  audit: AuditService;
  clock: Clock;
}

export interface DirectoryImportOptions {
  mapping: CompiledMapping;
  dryRun: boolean;
  actor: Actor;
  source: string;
  runId: string;
  fileName: string | null;
  totalRows: number | null;
  onProgress?: (rows: number) => void;
}

/** Counts and errors as the core reports them, keyed by record type. */
function emptyReport(source: string, dryRun: boolean, startedAt: string): ImportReport {
  return {
    source,
    dryRun,
    rows: 0,
    created: {},
    updated: {},
    unchanged: {},
    errors: [],
    moreErrors: 0,
    startedAt,
    finishedAt: startedAt,
  };
}

const bump = (counts: Record<string, number>, key: string) => {
  counts[key] = (counts[key] ?? 0) + 1;
};

export async function runDirectoryImport(
  deps: DirectoryImportDeps,
  options: DirectoryImportOptions,
  rows: AsyncIterable<TableRow>,
): Promise<ImportReport> {
  const { db, audit, clock } = deps;
  const { mapping, dryRun, actor, runId } = options;
  requirePermission(actor, 'imports.manage', 'import records');
  const report: ImportReport & { runId: string } = {
    ...emptyReport(options.source, dryRun, clock.now().toISOString()),
    runId,
  };
  await importRunsRepository.start(db, {
    id: runId,
    source: options.source,
    fileName: options.fileName,
    dryRun,
    actorId: actor.id,
    actorName: actor.name,
    totalRows: options.totalRows,
    startedAt: report.startedAt,
  });
  const addError = (e: RowError) => {
    if (report.errors.length < MAX_LISTED_ERRORS) report.errors.push(e);
    else report.moreErrors += 1;
  };
  const users: UserRow[] = [];
  const services: ServiceRow[] = [];
  const firstRowOf = new Map<string, number>();
  const fail = async (error: unknown) => {
    report.status = 'failed';
    const reason = error instanceof Error ? error.message : String(error);
    report.message = `${reason.replace(/\.?$/, '.')} Nothing was written.`;
    report.finishedAt = clock.now().toISOString();
    await importRunsRepository.finish(db, runId, { ...report, status: 'failed' });
    return report;
  };
  try {
    await readRows();
  } catch (error) {
    return fail(error);
  }
  async function readRows() {
    for await (const row of rows) {
      report.rows += 1;
      if (report.rows % 500 === 0) options.onProgress?.(report.rows);
      if (row.cells.every((c) => c === null)) continue;
      const parsed =
        mapping.type === 'users' ? rowToUser(row, mapping) : rowToService(row, mapping);
      if (Array.isArray(parsed)) {
        for (const e of parsed) addError(e);
        continue;
      }
      // The same record twice in one file is ambiguous: which row wins?
      const key = 'email' in parsed ? parsed.email : nameKey(parsed.name);
      const seen = firstRowOf.get(key);
      if (seen !== undefined) {
        addError({
          kind: 'row-error',
          row: row.row,
          column: mapping.fields.get('email' in parsed ? 'email' : 'name')?.columnName ?? null,
          reason: `repeats row ${seen} (${'email' in parsed ? parsed.email : parsed.name})`,
        });
        continue;
      }
      firstRowOf.set(key, row.row);
      if ('email' in parsed) users.push(parsed);
      else services.push(parsed);
    }
    options.onProgress?.(report.rows);
  }

  const work = async (trx: Executor) => {
    if (mapping.type === 'users') await importUsers(trx, users);
    else await importServices(trx, services);
    if (dryRun || report.errors.length || report.moreErrors) return;
    // One event for the import as a whole, beside each record's own.
    await audit.record(trx, actor, {
      action: 'import',
      entityType: 'import_run',
      entityId: runId,
      changes: {
        source: { from: null, to: options.source },
        fileName: { from: null, to: options.fileName },
        rows: { from: null, to: report.rows },
        created: { from: null, to: report.created },
        updated: { from: null, to: report.updated },
        unchanged: { from: null, to: report.unchanged },
      },
    });
  };

  const columnOf = (field: string) => mapping.fields.get(field)?.columnName ?? null;

  async function importUsers(trx: Executor, wanted: UserRow[]) {
    const orgs = new Map(
      (await trx.selectFrom('organisations').select(['id', 'name']).execute()).map((o) => [
        nameKey(o.name),
        o.id,
      ]),
    );
    const existing = new Map<string, Awaited<ReturnType<typeof loadUsers>>[number]>();
    const loadUsers = (emails: string[]) =>
      trx.selectFrom('users').selectAll().where('email', 'in', emails).execute();
    for (let i = 0; i < wanted.length; i += 500)
      for (const u of await loadUsers(wanted.slice(i, i + 500).map((w) => w.email)))
        existing.set(u.email, u);
    const now = clock.now().toISOString();
    const checked: { w: UserRow; organisationId: string | null | undefined }[] = [];
    for (const w of wanted) {
      let organisationId: string | null | undefined;
      if (w.organisation !== null) {
        organisationId = orgs.get(nameKey(w.organisation));
        if (!organisationId) {
          addError({
            kind: 'row-error',
            row: w.row,
            column: columnOf('organisation'),
            reason: `no organisation is named "${w.organisation}" (create it first)`,
          });
          continue;
        }
      }
      const before = existing.get(w.email);
      // An administrator must not lock themselves out through a file.
      if (before && before.id === actor.id && w.role !== null && w.role !== before.role) {
        addError({
          kind: 'row-error',
          row: w.row,
          column: columnOf('role'),
          reason: 'would change your own role',
        });
        continue;
      }
      checked.push({ w, organisationId });
    }
    const write = !dryRun && report.errors.length === 0 && report.moreErrors === 0;
    for (const { w, organisationId } of checked) {
      const before = existing.get(w.email);
      if (!before) {
        const row = {
          id: uuidv7(),
          email: w.email,
          name: w.name,
          role: w.role ?? 'requester',
          locale: w.locale ?? 'en',
          time_zone: w.timeZone ?? 'Europe/Paris',
          active: true,
          organisation_id: organisationId ?? null,
          manager_id: null,
          password_hash: null,
          created_at: now,
          updated_at: now,
          version: 1,
        };
        bump(report.created, 'user');
        if (!write) continue;
        await trx.insertInto('users').values(row).execute();
        const { password_hash: _p, ...shown } = row;
        await audit.record(trx, actor, {
          action: 'create',
          entityType: 'user',
          entityId: row.id,
          changes: diff(null, shown, { ignore: ['id', 'created_at', 'updated_at', 'version'] }),
        });
        continue;
      }
      const after = {
        name: w.name,
        role: w.role ?? before.role,
        locale: w.locale ?? before.locale,
        time_zone: w.timeZone ?? before.time_zone,
        organisation_id: organisationId === undefined ? before.organisation_id : organisationId,
      };
      const was = {
        name: before.name,
        role: before.role,
        locale: before.locale,
        time_zone: before.time_zone,
        organisation_id: before.organisation_id,
      };
      const changes = diff(was, after);
      if (Object.keys(changes).length === 0) {
        bump(report.unchanged, 'user');
        continue;
      }
      bump(report.updated, 'user');
      if (!write) continue;
      await trx
        .updateTable('users')
        .set({ ...after, updated_at: now, version: Number(before.version) + 1 })
        .where('id', '=', before.id)
        .execute();
      await audit.record(trx, actor, {
        action: 'update',
        entityType: 'user',
        entityId: before.id,
        changes,
      });
    }
  }

  async function importServices(trx: Executor, wanted: ServiceRow[]) {
    const existing = new Map(
      (await trx.selectFrom('services').selectAll().execute()).map((s) => [nameKey(s.name), s]),
    );
    const groups = new Map(
      (await trx.selectFrom('groups').select(['id', 'name']).execute()).map((g) => [
        nameKey(g.name),
        g.id,
      ]),
    );
    const owners = new Map<string, string>();
    const ownerEmails = [
      ...new Set(wanted.flatMap((w) => (w.owner ? [w.owner.toLowerCase()] : []))),
    ];
    for (let i = 0; i < ownerEmails.length; i += 500)
      for (const u of await trx
        .selectFrom('users')
        .select(['id', 'email'])
        .where('email', 'in', ownerEmails.slice(i, i + 500))
        .execute())
        owners.set(u.email, u.id);
    const now = clock.now().toISOString();
    const checked: { w: ServiceRow; ownerId?: string; groupId?: string }[] = [];
    for (const w of wanted) {
      const ownerId = w.owner ? owners.get(w.owner.toLowerCase()) : undefined;
      const groupId = w.defaultGroup ? groups.get(nameKey(w.defaultGroup)) : undefined;
      let ok = true;
      if (w.owner && !ownerId) {
        addError({
          kind: 'row-error',
          row: w.row,
          column: columnOf('owner'),
          reason: `no user has the email "${w.owner}" (the owner is given by email)`,
        });
        ok = false;
      }
      if (w.defaultGroup && !groupId) {
        addError({
          kind: 'row-error',
          row: w.row,
          column: columnOf('defaultGroup'),
          reason: `no group is named "${w.defaultGroup}"`,
        });
        ok = false;
      }
      if (ok) checked.push({ w, ownerId, groupId });
    }
    const write = !dryRun && report.errors.length === 0 && report.moreErrors === 0;
    for (const { w, ownerId, groupId } of checked) {
      const before = existing.get(nameKey(w.name));
      if (!before) {
        const row = {
          id: uuidv7(),
          name: w.name,
          description: w.description ?? '',
          // Services another tool already runs are in operation.
          status: w.status ?? 'live',
          owner_id: ownerId ?? null,
          calendar_id: null,
          default_group_id: groupId ?? null,
          created_at: now,
          updated_at: now,
          version: 1,
        };
        bump(report.created, 'service');
        if (!write) continue;
        await trx.insertInto('services').values(row).execute();
        await audit.record(trx, actor, {
          action: 'create',
          entityType: 'service',
          entityId: row.id,
          changes: diff(null, row, { ignore: ['id', 'created_at', 'updated_at', 'version'] }),
        });
        continue;
      }
      const was = {
        description: before.description,
        status: before.status,
        owner_id: before.owner_id,
        default_group_id: before.default_group_id,
      };
      const after = {
        description: w.description ?? before.description,
        status: w.status ?? before.status,
        owner_id: w.owner ? (ownerId ?? null) : before.owner_id,
        default_group_id: w.defaultGroup ? (groupId ?? null) : before.default_group_id,
      };
      const changes = diff(was, after);
      if (Object.keys(changes).length === 0) {
        bump(report.unchanged, 'service');
        continue;
      }
      bump(report.updated, 'service');
      if (!write) continue;
      await trx
        .updateTable('services')
        .set({ ...after, updated_at: now, version: Number(before.version) + 1 })
        .where('id', '=', before.id)
        .execute();
      await audit.record(trx, actor, {
        action: 'update',
        entityType: 'service',
        entityId: before.id,
        changes,
      });
    }
  }

  // "Never half an import": when any row fails nothing is written; the counts still say what the
  // other rows would do, as in a dry run.
  try {
    await db.transaction().execute(work);
  } catch (error) {
    return fail(error);
  }
  const failed = report.errors.length > 0 || report.moreErrors > 0;
  report.status = failed ? 'failed' : 'succeeded';
  report.message = failed
    ? `${report.errors.length + report.moreErrors} row(s) cannot be imported${dryRun ? '' : ': nothing was written'}. Correct them and run the import again.`
    : null;
  report.finishedAt = clock.now().toISOString();
  await importRunsRepository.finish(db, runId, { ...report, status: report.status ?? 'succeeded' });
  return report;
}
