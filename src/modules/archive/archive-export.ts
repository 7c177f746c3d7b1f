// `meridian export`: the whole workspace as one .tar.gz. Everything is read in one snapshot
// transaction, so the archive is consistent even while the server keeps writing. Rows are read a
// page at a time by primary key (keyset), spooled to a temporary JSON-lines file per table (tar
// needs each entry's size before its bytes), then copied into the archive: memory stays flat
// whatever the size of the workspace.
import { once } from 'node:events';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import { type Expression, sql } from 'kysely';
import type { Executor } from '../../db/executor.js';
import type { FileStorage } from '../../files/storage.js';
import { type Actor, requirePermission } from '../../shared/actor.js';
import { DomainError, invalid } from '../../shared/errors.js';
import {
  ARCHIVE_FORMAT,
  type ArchiveManifest,
  ATTACHMENTS_PREFIX,
  FORMAT_VERSION,
  MANIFEST_ENTRY,
  tableEntry,
} from './manifest.js';
import { toPortable } from './portable-values.js';
import type { TableModel } from './schema-model.js';
import { carriedRow, carriedRows, DERIVED_TABLES, VOLATILE_TABLES } from './table-policy.js';
import { TarWriter } from './tar.js';
import { appliedMigrations, modelOf, restoreOrder } from './workspace-schema.js';

const PAGE = 1000;

export interface ExportDeps {
  db: Executor;
  storage: FileStorage;
  appVersion: string;
  now: () => Date;
}

export type ExportProgress = (
  event: { table: string; rows: number } | { attachments: number },
) => void;

// biome-ignore lint/suspicious/noExplicitAny: the archive reads every table by its name
type AnyDb = any;

/** Rows of `table` after `after` (its primary key values), in primary key order. */
function page(trx: Executor, table: TableModel, after: unknown[] | null) {
  const db = trx as AnyDb;
  let query = carriedRows(table.name, db.selectFrom(table.name).selectAll());
  if (after) {
    const key = table.primaryKey;
    query =
      key.length === 1
        ? query.where(key[0], '>', after[0])
        : query.where(({ eb, refTuple, tuple }: AnyDb) =>
            eb(refTuple(...key), '>', tuple(...(after as Expression<unknown>[]))),
          );
  }
  for (const column of table.primaryKey) query = query.orderBy(column);
  return query.limit(PAGE).execute() as Promise<Record<string, unknown>[]>;
}

async function countRows(trx: Executor, table: TableModel): Promise<number> {
  const db = trx as AnyDb;
  const row = await carriedRows(table.name, db.selectFrom(table.name))
    .select(sql<number>`count(*)`.as('n'))
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** Writes one table's rows as JSON lines to `file`; returns how many. */
async function spoolTable(trx: Executor, table: TableModel, file: string): Promise<number> {
  if (table.primaryKey.length === 0) throw new Error(`archive: ${table.name} has no primary key`);
  const out = fs.createWriteStream(file);
  let rows = 0;
  let after: unknown[] | null = null;
  for (;;) {
    const batch = await page(trx, table, after);
    if (batch.length === 0) break;
    let text = '';
    for (const raw of batch) {
      const row = carriedRow(table.name, raw);
      const portable: Record<string, unknown> = {};
      for (const column of table.columns)
        portable[column.name] = toPortable(column.kind, row[column.name]);
      text += `${JSON.stringify(portable)}\n`;
    }
    if (!out.write(text)) await once(out, 'drain');
    rows += batch.length;
    const last = batch[batch.length - 1] as Record<string, unknown>;
    after = table.primaryKey.map((c) => last[c]);
    if (batch.length < PAGE) break;
  }
  out.end();
  await once(out, 'finish');
  return rows;
}

async function* fileChunks(file: string): AsyncIterable<Buffer> {
  yield* fs.createReadStream(file, { highWaterMark: 256 * 1024 }) as AsyncIterable<Buffer>;
}

export async function exportWorkspace(
  deps: ExportDeps,
  actor: Actor,
  output: string,
  progress: ExportProgress = () => {},
): Promise<ArchiveManifest> {
  requirePermission(actor, 'imports.manage', 'export the workspace');
  const { db, storage } = deps;
  if (!fs.existsSync(path.dirname(output)))
    throw invalid('output', `the folder ${path.dirname(output)} does not exist.`);
  const spool = await fsp.mkdtemp(path.join(os.tmpdir(), 'meridian-export-'));
  // Written under a temporary name and renamed at the end: a failed export never leaves a
  // truncated archive under the name the operator asked for.
  const partial = `${output}.partial`;
  try {
    const manifest = await db
      .transaction()
      .setIsolationLevel('repeatable read')
      .execute(async (trx) => {
        const schema = await appliedMigrations(trx);
        const tables = restoreOrder(await modelOf(schema));
        const counted: ArchiveManifest['tables'] = [];
        for (const table of tables)
          counted.push({
            name: table.name,
            rows: await countRows(trx, table),
            file: tableEntry(table.name),
          });
        const files = await trx
          .selectFrom('attachments')
          .select([sql<number>`count(*)`.as('n'), sql<number>`coalesce(sum(size), 0)`.as('bytes')])
          .executeTakeFirstOrThrow();
        const seal = await trx
          .selectFrom('audit_seals')
          .select(['seq', 'seal_hash'])
          .orderBy('seq', 'desc')
          .limit(1)
          .executeTakeFirst();
        const manifest: ArchiveManifest = {
          format: ARCHIVE_FORMAT,
          formatVersion: FORMAT_VERSION,
          appVersion: deps.appVersion,
          createdAt: deps.now().toISOString(),
          schema,
          tables: counted,
          attachments: { files: Number(files.n), bytes: Number(files.bytes) },
          auditHead: seal ? { seq: Number(seal.seq), hash: seal.seal_hash } : null,
          notCarried: { volatile: [...VOLATILE_TABLES], derived: [...DERIVED_TABLES] },
        };

        const gzip = createGzip();
        const written = pipeline(gzip, fs.createWriteStream(partial));
        // The pipeline's failure (disk full…) must surface even while the writer is blocked.
        written.catch((error: Error) => gzip.destroy(error));
        const tar = new TarWriter(gzip, deps.now());
        const manifestBytes = Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`);
        await tar.add(MANIFEST_ENTRY, manifestBytes.length, manifestBytes);

        for (const [i, table] of tables.entries()) {
          const file = path.join(spool, `${i}.jsonl`);
          const rows = await spoolTable(trx, table, file);
          if (rows !== counted[i]?.rows)
            throw new Error(`archive: ${table.name} changed during the export`);
          const { size } = await fsp.stat(file);
          await tar.add(tableEntry(table.name), size, fileChunks(file));
          await fsp.rm(file);
          progress({ table: table.name, rows });
        }

        let attached = 0;
        let after: string | null = null;
        for (;;) {
          let query = trx
            .selectFrom('attachments')
            .select(['id', 'storage_key', 'file_name'])
            .orderBy('id')
            .limit(PAGE);
          if (after) query = query.where('id', '>', after);
          const batch = await query.execute();
          for (const row of batch) {
            let content: Buffer;
            try {
              content = await storage.get(row.storage_key);
            } catch {
              throw new DomainError(
                'NOT_FOUND',
                `The file of attachment ${row.id} ("${row.file_name}") is missing from the attachment storage (key ${row.storage_key}); the export stopped so the archive is never silently incomplete.`,
              );
            }
            await tar.add(`${ATTACHMENTS_PREFIX}${row.storage_key}`, content.length, content);
            attached += 1;
          }
          if (batch.length) progress({ attachments: attached });
          if (batch.length < PAGE) break;
          after = (batch[batch.length - 1] as { id: string }).id;
        }
        await tar.finish();
        gzip.end();
        await written;
        return manifest;
      });
    await fsp.rename(partial, output);
    return manifest;
  } catch (error) {
    await fsp.rm(partial, { force: true });
    throw error;
  } finally {
    await fsp.rm(spool, { recursive: true, force: true });
  }
}
