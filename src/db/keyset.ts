// Keyset pagination: the cursor is the sort key of the last row of a page, opaque to clients.
import { DomainError } from '../shared/errors.js';

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface PageRequest {
  limit?: number;
  cursor?: string;
}

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 200;

export type CursorKey = [string | number, string];

export function encodeCursor(key: CursorKey): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

export function decodeCursor(cursor: string | undefined): CursorKey | null {
  if (!cursor) return null;
  try {
    const key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(key) &&
      key.length === 2 &&
      (typeof key[0] === 'string' || typeof key[0] === 'number') &&
      typeof key[1] === 'string'
    ) {
      return key as CursorKey;
    }
  } catch {
    // fall through to the error below
  }
  throw new DomainError('INVALID_CURSOR', 'The cursor is not one this server handed out.', {
    errors: [{ field: '/cursor', message: 'unknown cursor' }],
  });
}

export const pageSize = (limit?: number) =>
  Math.min(Math.max(limit ?? DEFAULT_PAGE_SIZE, 1), MAX_PAGE_SIZE);

/**
 * Repositories fetch `size + 1` rows; this trims the extra row and turns the last kept row's key
 * into the next cursor.
 */
export function toPage<Row, T>(
  rows: Row[],
  size: number,
  key: (row: Row) => CursorKey,
  map: (row: Row) => T,
): Page<T> {
  const more = rows.length > size;
  const kept = more ? rows.slice(0, size) : rows;
  const last = kept[kept.length - 1];
  return {
    items: kept.map(map),
    nextCursor: more && last !== undefined ? encodeCursor(key(last)) : null,
  };
}
