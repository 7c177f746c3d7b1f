// The archive's table of contents, written first so a restore can check the schema before it
// writes anything, and the counts it must find.
import { DomainError } from '../../shared/errors.js';

export const ARCHIVE_FORMAT = 'meridian-workspace-archive';
export const FORMAT_VERSION = 1;
export const MANIFEST_ENTRY = 'manifest.json';
export const tableEntry = (table: string) => `tables/${table}.jsonl`;
export const ATTACHMENTS_PREFIX = 'attachments/';

export interface ArchiveManifest {
  format: typeof ARCHIVE_FORMAT;
  formatVersion: number;
  appVersion: string;
  createdAt: string;
  /** The migrations applied to the exported database, in order: its schema version. */
  schema: string[];
  /** In restore order (a table comes after the tables it refers to, cycles aside). */
  tables: { name: string; rows: number; file: string }[];
  attachments: { files: number; bytes: number };
  /** The last seal of the audit trail, to check with `meridian audit verify --anchor`. */
  auditHead: { seq: number; hash: string } | null;
  /** Tables deliberately left out, and why (see docs/archive.md). */
  notCarried: { volatile: string[]; derived: string[] };
}

export const invalidArchive = (message: string) =>
  new DomainError('VALIDATION_FAILED', `The archive cannot be restored: ${message}`, {
    reason: 'archive-invalid',
  });

/** Checks the manifest's shape; the schema and counts are checked by the restore. */
export function parseManifest(text: string): ArchiveManifest {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw invalidArchive('manifest.json is not valid JSON.');
  }
  const m = value as Partial<ArchiveManifest>;
  if (m?.format !== ARCHIVE_FORMAT)
    throw invalidArchive('this is not a Meridian workspace archive.');
  if (typeof m.formatVersion !== 'number' || m.formatVersion > FORMAT_VERSION)
    throw invalidArchive(
      `its format version ${String(m.formatVersion)} is newer than this Meridian reads (${FORMAT_VERSION}); upgrade Meridian first.`,
    );
  const tablesOk =
    Array.isArray(m.tables) &&
    m.tables.every(
      (t) => typeof t?.name === 'string' && Number.isInteger(t.rows) && typeof t.file === 'string',
    );
  if (
    !Array.isArray(m.schema) ||
    !m.schema.every((s) => typeof s === 'string') ||
    !tablesOk ||
    !Number.isInteger(m.attachments?.files)
  )
    throw invalidArchive('manifest.json lacks its schema, tables or attachments.');
  return m as ArchiveManifest;
}
