// The column mapping of a CSV/XLSX import (documented in docs/imports.md, "CSV and XLSX"): for each
// Meridian field, the source column or a constant, optional value translations and, for dates, the
// format and time zone. Checked as a whole so an administrator sees every bad key at once, each
// named by its JSON path. Pure.
import { DomainError, type FieldError } from '../../../shared/errors.js';
import { isTimeZone } from '../../sla/time-zone.js';
import { checkDateFormat, type DateCell, parseDate } from './dates.js';
import { type Cell, cellText } from './table.js';

export const IMPORT_TYPES = ['incidents', 'requests', 'users', 'services'] as const;
export type ImportType = (typeof IMPORT_TYPES)[number];
export const isImportType = (value: string): value is ImportType =>
  (IMPORT_TYPES as readonly string[]).includes(value);

export type FieldKind = 'text' | 'date' | 'number' | 'boolean';

export interface FieldSpec {
  name: string;
  kind: FieldKind;
  required?: boolean;
}

const TICKET_FIELDS: FieldSpec[] = [
  { name: 'title', kind: 'text', required: true },
  { name: 'description', kind: 'text' },
  { name: 'status', kind: 'text' },
  { name: 'impact', kind: 'number' },
  { name: 'urgency', kind: 'number' },
  { name: 'priority', kind: 'text' },
  { name: 'category', kind: 'text' },
  { name: 'service', kind: 'text' },
  { name: 'requester', kind: 'text' },
  { name: 'requesterEmail', kind: 'text' },
  { name: 'organisation', kind: 'text' },
  { name: 'group', kind: 'text' },
  { name: 'assignee', kind: 'text' },
  { name: 'assigneeEmail', kind: 'text' },
  { name: 'createdAt', kind: 'date', required: true },
  { name: 'firstRespondedAt', kind: 'date' },
  { name: 'resolvedAt', kind: 'date' },
  { name: 'closedAt', kind: 'date' },
  { name: 'resolutionCode', kind: 'text' },
  { name: 'slaMet', kind: 'boolean' },
  { name: 'configurationItem', kind: 'text' },
  { name: 'problem', kind: 'text' },
  { name: 'change', kind: 'text' },
];

/** The Meridian fields each import type takes, in the order the web screen shows them. */
export const FIELDS: Record<ImportType, FieldSpec[]> = {
  incidents: TICKET_FIELDS,
  requests: TICKET_FIELDS,
  users: [
    { name: 'email', kind: 'text', required: true },
    { name: 'name', kind: 'text', required: true },
    { name: 'role', kind: 'text' },
    { name: 'organisation', kind: 'text' },
    { name: 'locale', kind: 'text' },
    { name: 'timeZone', kind: 'text' },
  ],
  services: [
    { name: 'name', kind: 'text', required: true },
    { name: 'description', kind: 'text' },
    { name: 'status', kind: 'text' },
    { name: 'owner', kind: 'text' },
    { name: 'defaultGroup', kind: 'text' },
  ],
};

/** Ticket imports need a column that identifies each record in the source tool. */
export const needsSourceKey = (type: ImportType) => type === 'incidents' || type === 'requests';

export interface FieldMapping {
  column?: string;
  constant?: string;
  values?: Record<string, string>;
  format?: string;
  timeZone?: string;
}

export interface Mapping {
  type?: ImportType;
  /** Names the source tool in the tickets' source keys: "<source>:<key>". */
  source?: string;
  sourceKey?: string;
  dateFormat?: string;
  timeZone?: string;
  fields: Record<string, string | FieldMapping>;
}

const TOP_KEYS = ['type', 'source', 'sourceKey', 'dateFormat', 'timeZone', 'fields'];
const FIELD_KEYS = ['column', 'constant', 'values', 'format', 'timeZone'];

interface CompiledField {
  spec: FieldSpec;
  column: number | null;
  columnName: string | null;
  constant: string | null;
  values: Map<string, string> | null;
  format: string;
  timeZone: string;
}

export interface CompiledMapping {
  type: ImportType;
  source: string;
  sourceKeyColumn: number | null;
  sourceKeyName: string | null;
  fields: Map<string, CompiledField>;
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Checks a mapping against the import type and the file's columns, and compiles it for reading
 * rows. Throws one VALIDATION_FAILED listing every bad key as `<prefix>/fields/<field>/column`…
 */
export function compileMapping(
  raw: unknown,
  type: ImportType,
  columns: string[],
  prefix = '',
): CompiledMapping {
  const errors: FieldError[] = [];
  const bad = (path: string, message: string) =>
    errors.push({ field: `${prefix}${path}`, message });
  const specs = FIELDS[type];
  const columnIndex = (name: string, path: string): number | null => {
    const i = columns.indexOf(name);
    if (i < 0) {
      bad(
        path,
        `"${name}" is not a column of the file (its columns: ${columns.filter(Boolean).join(', ')})`,
      );
      return null;
    }
    return i;
  };
  const compiled: CompiledMapping = {
    type,
    source: 'csv',
    sourceKeyColumn: null,
    sourceKeyName: null,
    fields: new Map(),
  };
  if (!isObject(raw)) {
    bad('', 'must be a JSON object with "fields"');
    throw mappingError(errors);
  }
  for (const key of Object.keys(raw))
    if (!TOP_KEYS.includes(key))
      bad(`/${key}`, `is not a mapping key (expected ${TOP_KEYS.join(', ')})`);
  if (raw.type !== undefined && raw.type !== type)
    bad('/type', `says "${String(raw.type)}" but the import is of ${type}`);
  if (raw.source !== undefined) {
    if (typeof raw.source !== 'string' || !/^[\w.-]{1,40}$/.test(raw.source))
      bad(
        '/source',
        'must be a short name of letters, digits, ".", "_" or "-" (e.g. "legacy-desk")',
      );
    else compiled.source = raw.source;
  }
  const defaultZone = raw.timeZone === undefined ? 'UTC' : raw.timeZone;
  if (typeof defaultZone !== 'string' || !isTimeZone(defaultZone))
    bad('/timeZone', `"${String(defaultZone)}" is not an IANA time zone (e.g. Europe/Paris)`);
  const defaultFormat = raw.dateFormat === undefined ? 'iso' : raw.dateFormat;
  if (typeof defaultFormat !== 'string') bad('/dateFormat', 'must be a text');
  else
    try {
      checkDateFormat(defaultFormat);
    } catch (error) {
      bad('/dateFormat', (error as Error).message);
    }
  if (needsSourceKey(type)) {
    if (typeof raw.sourceKey !== 'string' || !raw.sourceKey)
      bad('/sourceKey', 'must name the column that identifies each record in the source tool');
    else {
      compiled.sourceKeyColumn = columnIndex(raw.sourceKey, '/sourceKey');
      compiled.sourceKeyName = raw.sourceKey;
    }
  } else if (raw.sourceKey !== undefined)
    bad(
      '/sourceKey',
      `is not used for ${type} (they are matched by ${type === 'users' ? 'email' : 'name'})`,
    );

  const fields = raw.fields;
  if (!isObject(fields)) bad('/fields', 'must be an object of Meridian field → source column');
  else {
    for (const [name, value] of Object.entries(fields)) {
      const path = `/fields/${name}`;
      const spec = specs.find((s) => s.name === name);
      if (!spec) {
        bad(path, `is not a field of ${type} (fields: ${specs.map((s) => s.name).join(', ')})`);
        continue;
      }
      const entry: FieldMapping | null =
        typeof value === 'string'
          ? { column: value }
          : isObject(value)
            ? (value as FieldMapping)
            : null;
      if (!entry) {
        bad(path, 'must be a column name or an object with "column" or "constant"');
        continue;
      }
      for (const key of Object.keys(entry))
        if (!FIELD_KEYS.includes(key))
          bad(`${path}/${key}`, `is not a field mapping key (expected ${FIELD_KEYS.join(', ')})`);
      const field: CompiledField = {
        spec,
        column: null,
        columnName: null,
        constant: null,
        values: null,
        format: typeof defaultFormat === 'string' ? defaultFormat : 'iso',
        timeZone: typeof defaultZone === 'string' ? defaultZone : 'UTC',
      };
      if (entry.column !== undefined && entry.constant !== undefined)
        bad(path, 'takes a "column" or a "constant", not both');
      else if (entry.column !== undefined) {
        if (typeof entry.column !== 'string' || !entry.column)
          bad(`${path}/column`, 'must be a column name');
        else {
          field.column = columnIndex(entry.column, `${path}/column`);
          field.columnName = entry.column;
        }
      } else if (entry.constant !== undefined) {
        if (typeof entry.constant !== 'string') bad(`${path}/constant`, 'must be a text');
        else field.constant = entry.constant;
      } else if (entry.values === undefined) bad(path, 'needs a "column" or a "constant"');
      if (entry.values !== undefined) {
        if (
          !isObject(entry.values) ||
          Object.values(entry.values).some((v) => typeof v !== 'string')
        )
          bad(`${path}/values`, 'must be an object of source value → Meridian value (texts)');
        else
          field.values = new Map(
            Object.entries(entry.values as Record<string, string>).map(([k, v]) => [
              k.trim().toLowerCase(),
              v,
            ]),
          );
      }
      if (entry.format !== undefined) {
        if (spec.kind !== 'date') bad(`${path}/format`, 'applies to date fields only');
        else if (typeof entry.format !== 'string') bad(`${path}/format`, 'must be a text');
        else
          try {
            checkDateFormat(entry.format);
            field.format = entry.format;
          } catch (error) {
            bad(`${path}/format`, (error as Error).message);
          }
      }
      if (entry.timeZone !== undefined) {
        if (typeof entry.timeZone !== 'string' || !isTimeZone(entry.timeZone))
          bad(`${path}/timeZone`, `"${String(entry.timeZone)}" is not an IANA time zone`);
        else field.timeZone = entry.timeZone;
      }
      compiled.fields.set(name, field);
    }
    for (const spec of specs)
      if (spec.required && !(spec.name in fields)) bad(`/fields/${spec.name}`, 'is required');
  }
  if (errors.length) throw mappingError(errors);
  return compiled;
}

function mappingError(errors: FieldError[]) {
  const first = errors[0] as FieldError;
  const more = errors.length > 1 ? ` (and ${errors.length - 1} more)` : '';
  return new DomainError(
    'VALIDATION_FAILED',
    `The mapping is not valid: ${first.field || 'mapping'} ${first.message}${more}.`,
    { errors },
  );
}

/** A row error of one field: reasons name the source column when there is one. */
export interface FieldProblem {
  column: string | null;
  reason: string;
}

/** Reads mapped fields off one row, collecting problems instead of throwing. */
export class RowReader {
  readonly problems: FieldProblem[] = [];
  constructor(
    private readonly mapping: CompiledMapping,
    private readonly cells: Cell[],
  ) {}

  private raw(name: string): { field: CompiledField; cell: Cell } | null {
    const field = this.mapping.fields.get(name);
    if (!field) return null;
    const cell =
      field.constant !== null
        ? field.constant
        : field.column !== null
          ? (this.cells[field.column] ?? null)
          : null;
    return { field, cell };
  }

  columnOf(name: string): string | null {
    return this.mapping.fields.get(name)?.columnName ?? null;
  }

  problem(name: string | null, reason: string) {
    this.problems.push({ column: name === null ? null : (this.columnOf(name) ?? name), reason });
  }

  /** The cell's text after value translation; null when empty. */
  text(name: string): string | null {
    const got = this.raw(name);
    if (!got) return null;
    let value = got.cell === null ? null : cellText(got.cell).trim();
    if (got.field.values) {
      const translated = got.field.values.get((value ?? '').toLowerCase());
      if (translated !== undefined) value = translated;
    }
    if (value === '' || value === null) {
      if (got.field.spec.required) this.problem(name, `${name} is required but the cell is empty`);
      return null;
    }
    return value;
  }

  date(name: string): string | null {
    const got = this.raw(name);
    if (!got) return null;
    const { field, cell } = got;
    // Translations may turn placeholders such as "?" into "" (missing).
    if (field.values && cell !== null && !(cell instanceof Date)) {
      const translated = field.values.get(cellText(cell).trim().toLowerCase());
      if (translated !== undefined)
        return translated === '' ? this.missing(name) : this.parse(name, translated, field);
    }
    if (cell === null || (typeof cell === 'string' && cell.trim() === ''))
      return this.missing(name);
    return this.parse(name, cell, field);
  }

  private missing(name: string) {
    if (this.mapping.fields.get(name)?.spec.required)
      this.problem(name, `${name} is required but the cell is empty`);
    return null;
  }

  private parse(name: string, cell: DateCell, field: CompiledField): string | null {
    const result = parseDate(cell, field.format, field.timeZone);
    if (result.ok) return result.iso;
    this.problem(name, result.reason);
    return null;
  }

  boolean(name: string): boolean | null {
    const value = this.text(name);
    if (value === null) return null;
    const v = value.toLowerCase();
    if (['true', 'yes', 'y', '1', 'oui', 'vrai', 'ja'].includes(v)) return true;
    if (['false', 'no', 'n', '0', 'non', 'faux', 'nein'].includes(v)) return false;
    this.problem(name, `"${value}" is not yes/no (true, false, yes, no, 1, 0)`);
    return null;
  }

  /** A whole number in [min, max]. */
  integer(name: string, min: number, max: number): number | null {
    const value = this.text(name);
    if (value === null) return null;
    const n = Number(value);
    if (!Number.isInteger(n) || n < min || n > max) {
      this.problem(
        name,
        `"${value}" is not a whole number from ${min} to ${max} (add a value translation)`,
      );
      return null;
    }
    return n;
  }

  /** One of `allowed` (case-insensitive). */
  oneOf<T extends string>(name: string, allowed: readonly T[]): T | null {
    const value = this.text(name);
    if (value === null) return null;
    const found = allowed.find((a) => a.toLowerCase() === value.toLowerCase());
    if (!found)
      this.problem(
        name,
        `"${value}" is not one of ${allowed.join(', ')} (add a value translation)`,
      );
    return found ?? null;
  }

  sourceKey(): string | null {
    const { sourceKeyColumn, sourceKeyName } = this.mapping;
    if (sourceKeyColumn === null) return null;
    const cell = this.cells[sourceKeyColumn] ?? null;
    const value = cell === null ? '' : cellText(cell).trim();
    if (!value) {
      this.problems.push({
        column: sourceKeyName,
        reason: 'the source key is empty: every row needs one',
      });
      return null;
    }
    return value;
  }
}
