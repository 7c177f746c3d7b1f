// A downloadable table: the one shape every export (KPI series and records, any list of the API)
// hands to the HTTP layer, whichever writer produced it. The body is produced while it is read,
// so a file of any length is sent with a steady memory footprint.
import { type Cell, csvChunks } from './csv.js';
import { xlsxChunks } from './xlsx.js';

export const EXPORT_FORMATS = ['csv', 'xlsx'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export type Row = readonly Cell[];

export interface ExportFile {
  filename: string;
  contentType: string;
  /** The file's bytes, produced as they are read. */
  body: AsyncIterable<string | Uint8Array>;
}

export const CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/**
 * A file name safe in a Content-Disposition header and on every file system: letters, digits,
 * dot, dash and underscore only (anything else becomes a dash), never empty.
 */
export function safeFileName(name: string): string {
  const safe = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^[-.]+|-+$/g, '')
    .slice(0, 120);
  return safe || 'export';
}

/** A table as a file of the format: a header row then the rows, page after page. */
export function tableFile(
  format: ExportFormat,
  name: string,
  sheet: string,
  header: readonly string[],
  pages: AsyncIterable<readonly Row[]>,
): ExportFile {
  return {
    filename: `${safeFileName(name)}.${format}`,
    contentType: CONTENT_TYPES[format],
    body: format === 'csv' ? csvChunks(header, pages) : xlsxChunks(sheet, header, pages),
  };
}
