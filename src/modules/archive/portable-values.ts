// Values as the archive writes them, the same whichever engine they come from or go to: timestamps
// as ISO-8601 UTC text, booleans as true/false, JSON columns as JSON values, numbers as numbers.
// The engines' own representations (0|1 and JSON text on SQLite) are only ever seen here and in
// src/db/dialect.
import { fromJson, toBool, toJson } from '../../db/values.js';
import type { ColumnKind } from './schema-model.js';

export function toPortable(kind: ColumnKind, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  switch (kind) {
    case 'timestamp': {
      const date = value instanceof Date ? value : new Date(String(value));
      return Number.isNaN(date.getTime()) ? String(value) : date.toISOString();
    }
    case 'boolean':
      return toBool(value as boolean | 0 | 1);
    case 'json':
      return fromJson(value);
    case 'integer':
    case 'real':
      return typeof value === 'number' ? value : Number(value);
    default:
      return value;
  }
}

/** The database value for an archived one, or a reason it cannot be one. */
export function fromPortable(
  kind: ColumnKind,
  value: unknown,
): { ok: true; value: unknown } | { ok: false; reason: string } {
  if (value === null) return { ok: true, value: null };
  switch (kind) {
    case 'timestamp':
      return typeof value === 'string' && !Number.isNaN(Date.parse(value))
        ? { ok: true, value }
        : { ok: false, reason: 'expected an ISO-8601 timestamp' };
    case 'boolean':
      return typeof value === 'boolean'
        ? { ok: true, value }
        : { ok: false, reason: 'expected true or false' };
    case 'json':
      return { ok: true, value: toJson(value) };
    case 'integer':
      return Number.isInteger(value)
        ? { ok: true, value }
        : { ok: false, reason: 'expected an integer' };
    case 'real':
      return typeof value === 'number'
        ? { ok: true, value }
        : { ok: false, reason: 'expected a number' };
    case 'text':
      return typeof value === 'string'
        ? { ok: true, value }
        : { ok: false, reason: 'expected text' };
    default:
      return { ok: true, value };
  }
}
