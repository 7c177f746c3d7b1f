// `meridian import archive FILE`: restores an archive into an empty database, in one transaction.
// The archive is read once, as a stream: the manifest first (schema checked before anything is
// written), then each table's JSON lines inserted in batches, then the attachment files. Any
// damage (bad gzip, truncated tar, a line that does not parse, a count or checksum that does not
// match) rolls the whole restore back and removes the files already put in storage.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { createGunzip } from 'node:zlib';
import type { Executor } from '../../db/executor.js';
import type { FileStorage } from '../../files/storage.js';
import type { TicketSearch } from '../../search/ticket-search.js';
import { type Actor, requirePermission } from '../../shared/actor.js';
import { DomainError } from '../../shared/errors.js';
import {
  type ArchiveManifest,
  ATTACHMENTS_PREFIX,
  invalidArchive,
  MANIFEST_ENTRY,
  parseManifest,
  tableEntry,
} from './manifest.js';
import { fromPortable } from './portable-values.js';
import type { SchemaModel, TableModel } from './schema-model.js';
import { DERIVED_TABLES, isCarried, REPLACED_TABLES, VOLATILE_TABLES } from './table-policy.js';
import { readTar, type TarEntry, TarFormatError } from './tar.js';
import { appliedMigrations, modelOf, restoreOrder } from './workspace-schema.js';

export interface RestoreDeps {
  db: Executor;
  storage: FileStorage;
  ticketSearch: TicketSearch;
}

export interface RestoreReport {
  manifest: ArchiveManifest;
  rows: number;
  attachments: number;
}

export type RestoreProgress = (
  event: { table: string; rows: number } | { attachments: number },
) => void;

// biome-ignore lint/suspicious/noExplicitAny: the archive writes every table by its name
type AnyDb = any;

/** A reference to a row loaded later (or to the row's own table), set once every table is in. */
interface Deferred {
  table: string;
  key: Record<string, unknown>;
  column: string;
  value: unknown;
}

const MAX_ATTACHMENT_BYTES = 1024 ** 3;

/** The target must stand at exactly the archive's schema (see prepareTargetSchema). */
function checkSchema(manifest: ArchiveManifest, target: string[]) {
  const newer = manifest.schema.filter((name) => !target.includes(name));
  if (newer.length)
    throw new DomainError(
      'CONFLICT',
      `The archive comes from a newer Meridian (its schema has ${newer.join(', ')}, unknown here); upgrade Meridian, then restore.`,
      { reason: 'schema-too-new' },
    );
  if (target.length !== manifest.schema.length)
    throw new DomainError(
      'CONFLICT',
      `The archive's schema stops at ${manifest.schema[manifest.schema.length - 1]}, and the target database is already migrated further. Restore it into a brand-new database (do not run "meridian migrate" or start a server on it first).`,
      { reason: 'schema-too-old' },
    );
}

/** The target holds nothing beyond what the migrations put there (see docs/archive.md). */
async function checkEmpty(trx: Executor, model: SchemaModel) {
  const db = trx as AnyDb;
  const held: string[] = [];
  for (const table of model.tables.values()) {
    if (!isCarried(table.name) || REPLACED_TABLES.has(table.name)) continue;
    const row = await db.selectFrom(table.name).select(db.fn.countAll().as('n')).executeTakeFirst();
    const n = Number(row?.n ?? 0);
    if (n > table.seededRows) held.push(`${table.name} (${n})`);
  }
  if (held.length)
    throw new DomainError(
      'CONFLICT',
      `The target database already holds records: ${held.slice(0, 8).join(', ')}${held.length > 8 ? ', …' : ''}. Restore into a new, empty database (created and migrated, never started as a server).`,
      { reason: 'target-not-empty', tables: held },
    );
}

/** Empties what the restore replaces: seeded and replaced tables, volatile and derived ones. */
async function clearTarget(trx: Executor, model: SchemaModel, order: TableModel[]) {
  const db = trx as AnyDb;
  for (const table of [...order].reverse())
    if (table.seededRows > 0 || REPLACED_TABLES.has(table.name))
      await db.deleteFrom(table.name).execute();
  for (const name of [...VOLATILE_TABLES, ...DERIVED_TABLES])
    if (model.tables.has(name)) await db.deleteFrom(name).execute();
}

async function* lines(entry: TarEntry): AsyncGenerator<string> {
  let rest = '';
  const decoder = new TextDecoder('utf-8', { fatal: true });
  for await (const chunk of entry.body) {
    let text: string;
    try {
      text = rest + decoder.decode(chunk, { stream: true });
    } catch {
      throw invalidArchive(`${entry.name} is not valid UTF-8.`);
    }
    const parts = text.split('\n');
    rest = parts.pop() ?? '';
    yield* parts;
  }
  if (rest + decoder.decode()) throw invalidArchive(`${entry.name} ends in the middle of a line.`);
}

async function loadTable(
  trx: Executor,
  table: TableModel,
  entry: TarEntry,
  loaded: Set<string>,
  deferred: Deferred[],
  progress: RestoreProgress,
): Promise<number> {
  const db = trx as AnyDb;
  const columns = new Map(table.columns.map((c) => [c.name, c]));
  // References to this table itself or to a table further on go in after every table is loaded.
  const later = table.foreignKeys.filter(
    (fk) => isCarried(fk.table) && (fk.table === table.name || !loaded.has(fk.table)),
  );
  for (const fk of later) {
    const column = columns.get(fk.columns[0] as string);
    if (fk.columns.length !== 1 || column?.notNull)
      throw new Error(`archive: cannot defer ${table.name}(${fk.columns.join(', ')})`);
  }
  const batchSize = Math.max(1, Math.min(500, Math.floor(30000 / table.columns.length)));
  let batch: Record<string, unknown>[] = [];
  let count = 0;
  const flush = async () => {
    if (batch.length) await db.insertInto(table.name).values(batch).execute();
    batch = [];
    progress({ table: table.name, rows: count });
  };
  for await (const line of lines(entry)) {
    count += 1;
    const where = `${entry.name}, line ${count}`;
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch {
      throw invalidArchive(`${where} is not valid JSON.`);
    }
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed))
      throw invalidArchive(`${where} is not a record.`);
    const source = parsed as Record<string, unknown>;
    for (const name of Object.keys(source))
      if (!columns.has(name)) throw invalidArchive(`${where}: unknown column "${name}".`);
    const row: Record<string, unknown> = {};
    for (const column of table.columns) {
      const value = fromPortable(column.kind, source[column.name] ?? null);
      if (!value.ok) throw invalidArchive(`${where}, column "${column.name}": ${value.reason}.`);
      if (value.value === null && column.notNull)
        throw invalidArchive(`${where}, column "${column.name}": a value is required.`);
      row[column.name] = value.value;
    }
    for (const fk of later) {
      const name = fk.columns[0] as string;
      if (row[name] === null) continue;
      const key = Object.fromEntries(table.primaryKey.map((c) => [c, row[c]]));
      deferred.push({ table: table.name, key, column: name, value: row[name] });
      row[name] = null;
    }
    batch.push(row);
    if (batch.length >= batchSize) await flush();
  }
  await flush();
  return count;
}

async function restoreFile(
  trx: Executor,
  storage: FileStorage,
  entry: TarEntry,
  written: string[],
): Promise<void> {
  const key = entry.name.slice(ATTACHMENTS_PREFIX.length);
  const row = await trx
    .selectFrom('attachments')
    .select(['sha256'])
    .where('storage_key', '=', key)
    .executeTakeFirst();
  if (!row) throw invalidArchive(`${entry.name} belongs to no attachment.`);
  if (entry.size > MAX_ATTACHMENT_BYTES) throw invalidArchive(`${entry.name} is too large.`);
  const parts: Buffer[] = [];
  for await (const chunk of entry.body) parts.push(chunk);
  const content = Buffer.concat(parts);
  if (createHash('sha256').update(content).digest('hex') !== row.sha256)
    throw invalidArchive(`${entry.name} does not match its recorded checksum.`);
  // Restoring next to the exported workspace (same data folder, e.g. moving SQLite to
  // PostgreSQL) finds the very same file already there: keep it, and never remove it on failure.
  const existing = await storage.get(key).catch(() => null);
  if (existing) {
    if (existing.equals(content)) return;
    throw invalidArchive(`the attachment storage already holds a different file at ${key}.`);
  }
  written.push(key);
  await storage.restore(key, content);
}

/** The search document of every ticket, as the ticket service writes it. */
async function rebuildSearch(trx: Executor, search: TicketSearch) {
  let after: string | null = null;
  for (;;) {
    let query = trx
      .selectFrom('tickets')
      .select(['id', 'seq', 'number', 'title', 'description'])
      .orderBy('id')
      .limit(500);
    if (after) query = query.where('id', '>', after);
    const tickets = await query.execute();
    if (tickets.length === 0) return;
    const comments = await trx
      .selectFrom('ticket_comments')
      .select(['ticket_id', 'body'])
      .where(
        'ticket_id',
        'in',
        tickets.map((t) => t.id),
      )
      .orderBy('ticket_id')
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    const bodies = new Map<string, string[]>();
    for (const c of comments) bodies.set(c.ticket_id, [...(bodies.get(c.ticket_id) ?? []), c.body]);
    await search.indexMany(
      trx,
      tickets.map((t) => ({
        ticketId: t.id,
        seq: Number(t.seq),
        text: [t.number, t.title, t.description, ...(bodies.get(t.id) ?? [])].join('\n'),
      })),
    );
    after = (tickets[tickets.length - 1] as { id: string }).id;
  }
}

function openArchive(file: string): AsyncIterable<Buffer> {
  if (!fs.existsSync(file)) throw new DomainError('NOT_FOUND', `No archive at ${file}.`);
  const gunzip = createGunzip();
  fs.createReadStream(file)
    .on('error', (error) => gunzip.destroy(error))
    .pipe(gunzip);
  return gunzip;
}

const damaged = (error: unknown) =>
  error instanceof TarFormatError ||
  (typeof (error as { code?: unknown })?.code === 'string' &&
    (error as { code: string }).code.startsWith('Z_'));

export async function restoreWorkspace(
  deps: RestoreDeps,
  actor: Actor,
  file: string,
  progress: RestoreProgress = () => {},
): Promise<RestoreReport> {
  requirePermission(actor, 'imports.manage', 'restore a workspace archive');
  const { db, storage } = deps;
  const entries = readTar(openArchive(file));
  const written: string[] = [];
  try {
    const first = await entries.next();
    if (first.done || first.value.name !== MANIFEST_ENTRY)
      throw invalidArchive('it does not start with manifest.json.');
    let text = '';
    for await (const chunk of first.value.body) text += chunk.toString('utf8');
    const manifest = parseManifest(text);
    checkSchema(manifest, await appliedMigrations(db));
    const model = await modelOf(manifest.schema);
    const order = restoreOrder(model);
    const expected = new Map(manifest.tables.map((t) => [t.name, t.rows]));
    const unknown = manifest.tables.find((t) => !order.some((o) => o.name === t.name));
    if (unknown)
      throw invalidArchive(`its manifest lists a table this schema lacks: ${unknown.name}.`);

    const rows = await db.transaction().execute(async (trx) => {
      await checkEmpty(trx, model);
      await clearTarget(trx, model, order);
      const loaded = new Set<string>();
      const deferred: Deferred[] = [];
      let total = 0;
      let files = 0;
      for await (const entry of entries) {
        if (entry.name.startsWith(ATTACHMENTS_PREFIX)) {
          await restoreFile(trx, storage, entry, written);
          files += 1;
          progress({ attachments: files });
          continue;
        }
        const table = order.find((t) => tableEntry(t.name) === entry.name);
        if (!table || loaded.has(table.name) || !expected.has(table.name))
          throw invalidArchive(`unexpected entry ${entry.name}.`);
        const count = await loadTable(trx, table, entry, loaded, deferred, progress);
        if (count !== expected.get(table.name))
          throw invalidArchive(
            `${entry.name} holds ${count} rows where the manifest announces ${expected.get(table.name)}.`,
          );
        loaded.add(table.name);
        total += count;
      }
      const absent = manifest.tables.filter((t) => !loaded.has(t.name));
      if (absent.length)
        throw invalidArchive(
          `${absent.map((t) => t.file).join(', ')} missing (truncated archive?).`,
        );
      if (files !== manifest.attachments.files)
        throw invalidArchive(
          `it holds ${files} attachment files where the manifest announces ${manifest.attachments.files}.`,
        );
      for (const d of deferred) {
        let update = (trx as AnyDb).updateTable(d.table).set({ [d.column]: d.value });
        for (const [column, value] of Object.entries(d.key))
          update = update.where(column, '=', value);
        await update.execute();
      }
      await rebuildSearch(trx, deps.ticketSearch);
      return total;
    });
    return { manifest, rows, attachments: written.length };
  } catch (error) {
    for (const key of written) await storage.delete(key).catch(() => {});
    if (damaged(error))
      throw invalidArchive(`the file is damaged or truncated (${(error as Error).message}).`);
    throw error;
  } finally {
    await entries.return(undefined);
  }
}
