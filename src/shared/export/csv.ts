// CSV as RFC 4180: comma separated, CRLF line ends, a field quoted when it holds a comma, a quote
// or a line break (quotes doubled). Numbers with a dot decimal. The file starts with a UTF-8 byte
// order mark so spreadsheet tools read accents right. A text cell starting with = + - @ or a tab
// is prefixed with an apostrophe so a spreadsheet never runs it as a formula.
export type Cell = string | number | null;

export const BOM = '\uFEFF';

const FORMULA = /^[=+\-@\t\r]/;

export function csvField(value: Cell): string {
  if (value === null) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  const text = FORMULA.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export const csvLine = (cells: readonly Cell[]): string => `${cells.map(csvField).join(',')}\r\n`;

/** The CSV text of a header and rows, as chunks of at most a page of rows each. */
export async function* csvChunks(
  header: readonly string[],
  pages: AsyncIterable<readonly (readonly Cell[])[]>,
): AsyncGenerator<string> {
  yield BOM + csvLine(header);
  for await (const rows of pages) {
    if (rows.length === 0) continue;
    let chunk = '';
    for (const row of rows) chunk += csvLine(row);
    yield chunk;
  }
}
