import type { FieldSpec, ImportType, Mapping, Upload } from './api';

// The mapping as the screen edits it: a column per Meridian field, plus what a loaded mapping file
// brought that the screen does not edit (value translations, constants, per-field date formats),
// kept so that load → run → download gives the same mapping back.

type FieldExtras = {
  values?: Record<string, string>;
  constant?: string;
  format?: string;
  timeZone?: string;
};

export interface MappingDraft {
  source: string;
  sourceKey: string | null;
  dateFormat: string;
  timeZone: string;
  columns: Record<string, string | null>;
  extras: Record<string, FieldExtras>;
}

const simplify = (s: string) =>
  s
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]/gi, '')
    .toLowerCase();

/** A first guess: a column named like the field (in code or in the user's language). */
export function guessDraft(
  fields: FieldSpec[],
  columns: string[],
  label: (field: string) => string,
): MappingDraft {
  const byName = new Map(columns.map((c) => [simplify(c), c]));
  const mapped: Record<string, string | null> = {};
  for (const f of fields)
    mapped[f.name] = byName.get(simplify(f.name)) ?? byName.get(simplify(label(f.name))) ?? null;
  const key = ['id', 'number', 'key', 'ticket', 'numero', 'nummer']
    .map((k) => byName.get(k))
    .find(Boolean);
  return {
    source: 'csv',
    sourceKey: key ?? null,
    dateFormat: 'iso',
    timeZone: 'UTC',
    columns: mapped,
    extras: {},
  };
}

export function toMapping(draft: MappingDraft, type: ImportType, needsKey: boolean): Mapping {
  const fields: Mapping['fields'] = {};
  for (const [name, column] of Object.entries(draft.columns)) {
    const extras = draft.extras[name] ?? {};
    if (column) fields[name] = Object.keys(extras).length ? { ...extras, column } : column;
    else if (extras.constant !== undefined) fields[name] = extras;
  }
  return {
    type,
    ...(needsKey ? { source: draft.source || 'csv', sourceKey: draft.sourceKey ?? '' } : {}),
    dateFormat: draft.dateFormat || 'iso',
    timeZone: draft.timeZone || 'UTC',
    fields,
  };
}

/** Reads a mapping file; columns the file does not have are left unmapped. */
export function fromMapping(raw: unknown, fields: FieldSpec[], upload: Upload): MappingDraft {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    throw new Error('not a mapping');
  const m = raw as Record<string, unknown>;
  if (typeof m.fields !== 'object' || m.fields === null) throw new Error('no fields');
  const given = m.fields as Record<string, unknown>;
  const has = (c: unknown): c is string => typeof c === 'string' && upload.columns.includes(c);
  const columns: Record<string, string | null> = {};
  const extras: Record<string, FieldExtras> = {};
  for (const f of fields) {
    const entry = given[f.name];
    if (typeof entry === 'string') columns[f.name] = has(entry) ? entry : null;
    else if (typeof entry === 'object' && entry !== null) {
      const { column, ...rest } = entry as FieldExtras & { column?: string };
      columns[f.name] = has(column) ? column : null;
      extras[f.name] = rest;
    } else columns[f.name] = null;
  }
  return {
    source: typeof m.source === 'string' ? m.source : 'csv',
    sourceKey: has(m.sourceKey) ? m.sourceKey : null,
    dateFormat: typeof m.dateFormat === 'string' ? m.dateFormat : 'iso',
    timeZone: typeof m.timeZone === 'string' ? m.timeZone : 'UTC',
    columns,
    extras,
  };
}

/** The preview rows as the mapping reads them: each mapped field's text after translation. */
export function mappedPreview(draft: MappingDraft, fields: FieldSpec[], upload: Upload) {
  const shown = fields.filter(
    (f) => draft.columns[f.name] || draft.extras[f.name]?.constant !== undefined,
  );
  const rows = upload.preview.map((cells) =>
    shown.map((f) => {
      const column = draft.columns[f.name];
      const extras = draft.extras[f.name] ?? {};
      const raw = column ? (cells[upload.columns.indexOf(column)] ?? '') : (extras.constant ?? '');
      const translated = Object.entries(extras.values ?? {}).find(
        ([from]) => from.trim().toLowerCase() === raw.trim().toLowerCase(),
      );
      return translated ? translated[1] : raw;
    }),
  );
  return { fields: shown, rows };
}

export function downloadMapping(mapping: Mapping, fileName: string) {
  const blob = new Blob([`${JSON.stringify(mapping, null, 2)}\n`], { type: 'application/json' });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = `${fileName.replace(/\.[^.]+$/, '')}.mapping.json`;
  a.click();
  URL.revokeObjectURL(url);
}
