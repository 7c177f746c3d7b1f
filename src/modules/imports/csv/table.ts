// What a file reader gives the mapping: the header's column names, then each data row's cells.
import { DomainError } from '../../../shared/errors.js';

/** A cell as read: text from a CSV; a spreadsheet may also hold numbers and dates. */
export type Cell = string | number | Date | null;

export interface TableRow {
  /** 1-based row number in the file, the header being row 1. */
  row: number;
  cells: Cell[];
}

export interface TableReader {
  columns: string[];
  /** The data rows after the header, streamed. Throws a FileError when the file breaks midway. */
  rows: AsyncIterable<TableRow>;
  /** Stops reading and releases the file (when the caller leaves early). */
  close(): Promise<void>;
}

/** The whole file cannot be read (encoding, format): a 400 naming the file. */
export const fileError = (message: string) =>
  new DomainError('VALIDATION_FAILED', message, { errors: [{ field: '/file', message }] });

/** Text of a cell for messages and previews. */
export function cellText(cell: Cell): string {
  if (cell === null) return '';
  if (cell instanceof Date)
    return cell
      .toISOString()
      .replace('T', ' ')
      .replace(/(:00)?\.000Z$/, '');
  return String(cell);
}
