// The one place that turns dialect-specific column values into app values.
import type { Bool } from './schema.js';

export const toBool = (value: Bool): boolean => value === true || value === 1;

export function fromJson<T>(value: unknown): T {
  return (typeof value === 'string' ? JSON.parse(value) : value) as T;
}

/** JSON is always written as text: SQLite stores it as is, PostgreSQL casts it to jsonb. */
export const toJson = (value: unknown): string => JSON.stringify(value);
