// Brings a new target database to the archive's schema before the restore, so an archive made by
// an earlier Meridian restores into this one: the target is migrated up to the archive's last
// migration, the archive restored, and the remaining migrations then upgrade the restored data
// exactly as they would have upgraded the original installation.
import fs from 'node:fs';
import { createGunzip } from 'node:zlib';
import { Migrator } from 'kysely/migration';
import type { Executor } from '../../db/executor.js';
import { migrations } from '../../db/migrations/index.js';
import { DomainError } from '../../shared/errors.js';
import { type ArchiveManifest, invalidArchive, MANIFEST_ENTRY, parseManifest } from './manifest.js';
import { readTar, TarFormatError } from './tar.js';

const migrator = (db: Executor) =>
  new Migrator({ db, provider: { getMigrations: async () => migrations } });

/** The manifest alone (the first entry), without reading the rest of the archive. */
export async function readManifest(file: string): Promise<ArchiveManifest> {
  if (!fs.existsSync(file)) throw new DomainError('NOT_FOUND', `No archive at ${file}.`);
  const gunzip = createGunzip();
  const input = fs.createReadStream(file);
  input.on('error', (error) => gunzip.destroy(error)).pipe(gunzip);
  const entries = readTar(gunzip);
  try {
    const first = await entries.next();
    if (first.done || first.value.name !== MANIFEST_ENTRY)
      throw invalidArchive('it does not start with manifest.json.');
    let text = '';
    for await (const chunk of first.value.body) text += chunk.toString('utf8');
    return parseManifest(text);
  } catch (error) {
    if (
      error instanceof TarFormatError ||
      String((error as { code?: string }).code).startsWith('Z_')
    )
      throw invalidArchive(`the file is damaged or truncated (${(error as Error).message}).`);
    throw error;
  } finally {
    input.destroy();
    gunzip.destroy();
  }
}

/**
 * Migrates the target to exactly the archive's schema. Returns the migrations still to apply
 * after the restore (none when the archive comes from this version).
 */
export async function prepareTargetSchema(db: Executor, schema: string[]): Promise<string[]> {
  const known = Object.keys(migrations);
  const newer = schema.filter((name) => !known.includes(name));
  if (newer.length)
    throw new DomainError(
      'CONFLICT',
      `The archive comes from a newer Meridian (its schema has ${newer.join(', ')}, unknown here); upgrade Meridian, then restore.`,
      { reason: 'schema-too-new' },
    );
  if (schema.length === 0 || schema.some((name, i) => known[i] !== name))
    throw invalidArchive('its schema is not a sequence of migrations this Meridian knows.');
  const applied = (await migrator(db).getMigrations())
    .filter((m) => m.executedAt)
    .map((m) => m.name);
  if (applied.length > schema.length)
    throw new DomainError(
      'CONFLICT',
      `The archive's schema stops at ${schema[schema.length - 1]}, and the target database is already migrated further. Restore it into a brand-new database (do not run "meridian migrate" or start a server on it first): the restore brings it to the archive's schema, then upgrades it.`,
      { reason: 'schema-too-old' },
    );
  const last = schema[schema.length - 1] as string;
  const result = await migrator(db).migrateTo(last);
  if (result.error) throw result.error;
  return known.slice(schema.length);
}
