// A streaming CSV reader (RFC 4180 quoting, CRLF or LF) that finds the delimiter itself (";" as
// Excel writes it in French and German locales, "," or tab), drops a UTF-8 byte order mark and
// refuses text that is not UTF-8 with a message saying how to fix the file, rather than importing
// mangled names. It holds one record at a time, so files of any length stream.
import fs from 'node:fs';
import { type Cell, fileError, type TableReader, type TableRow } from './table.js';

const DELIMITERS = [';', ',', '\t'] as const;

/** The delimiter of a header line: the candidate seen most often outside quotes. */
export function detectDelimiter(headerLine: string): string {
  const counts = new Map<string, number>(DELIMITERS.map((d) => [d, 0]));
  let quoted = false;
  for (const char of headerLine) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && counts.has(char)) counts.set(char, (counts.get(char) ?? 0) + 1);
  }
  let best = ',';
  let bestCount = 0;
  for (const [d, n] of counts)
    if (n > bestCount) {
      best = d;
      bestCount = n;
    }
  return best;
}

/** Decodes chunks as strict UTF-8, telling which record the bad bytes were in. */
async function* decodeUtf8(chunks: AsyncIterable<Buffer>, rowNow: () => number) {
  const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });
  let first = true;
  for await (const chunk of chunks) {
    if (first) {
      first = false;
      if ((chunk[0] === 0xff && chunk[1] === 0xfe) || (chunk[0] === 0xfe && chunk[1] === 0xff))
        throw fileError(
          'The file is encoded in UTF-16; save it as "CSV UTF-8" (or UTF-8 text) and upload it again.',
        );
      if (chunk.includes(0))
        throw fileError(
          'The file holds binary data, not CSV text; export it from the other tool as CSV (UTF-8) or XLSX.',
        );
    }
    try {
      yield decoder.decode(chunk, { stream: true });
    } catch {
      throw fileError(
        `The file is not valid UTF-8 (from around row ${rowNow()}): it was probably saved as Windows-1252 or ISO-8859-1. Save it as "CSV UTF-8" and upload it again.`,
      );
    }
  }
  try {
    yield decoder.decode();
  } catch {
    throw fileError('The file is not valid UTF-8: it ends in the middle of a character.');
  }
}

/** Records (arrays of fields) of CSV text, with the row number each starts on. */
export async function* parseCsv(
  chunks: AsyncIterable<Buffer>,
): AsyncGenerator<{ row: number; fields: string[] }> {
  let delimiter: string | null = null;
  let field = '';
  let fields: string[] = [];
  let quoted = false;
  // After a closing quote: the next quote is an escaped one ("").
  let afterQuote = false;
  let record = 1;
  let pending = '';
  const text = decodeUtf8(chunks, () => record);
  const emit = () => {
    fields.push(field);
    const out = fields;
    field = '';
    fields = [];
    return out;
  };
  for await (let piece of text) {
    if (delimiter === null) {
      // Wait for the whole header line to choose the delimiter.
      pending += piece;
      const end = pending.search(/\r?\n/);
      if (end < 0) continue;
      delimiter = detectDelimiter(pending.slice(0, end));
      piece = pending;
      pending = '';
    }
    const d = delimiter;
    for (let i = 0; i < piece.length; i++) {
      const c = piece[i] as string;
      if (quoted) {
        if (c === '"') {
          quoted = false;
          afterQuote = true;
        } else field += c;
        continue;
      }
      if (c === '"') {
        if (afterQuote) field += '"';
        quoted = true;
        afterQuote = false;
        continue;
      }
      afterQuote = false;
      if (c === d) {
        fields.push(field);
        field = '';
      } else if (c === '\n') {
        const out = emit();
        if (!(out.length === 1 && out[0] === '')) yield { row: record, fields: out };
        record += 1;
      } else if (c !== '\r') field += c;
    }
  }
  if (delimiter === null && pending) {
    // A one-line file without a newline.
    delimiter = detectDelimiter(pending);
    yield* parseCsv(
      (async function* () {
        yield Buffer.from(`${pending}\n`);
      })(),
    );
    return;
  }
  if (quoted) throw fileError(`Row ${record} opens a quoted value that is never closed.`);
  if (field !== '' || fields.length > 0) yield { row: record, fields: emit() };
}

/** Opens a CSV file: reads its header, then streams the data rows. */
export async function openCsv(file: string): Promise<TableReader> {
  const stream = fs.createReadStream(file, { highWaterMark: 256 * 1024 });
  const records = parseCsv(stream);
  const first = await records.next();
  if (first.done) {
    stream.destroy();
    throw fileError('The file is empty: it needs a header row naming the columns.');
  }
  const columns = first.value.fields.map((c, i) => (i === 0 ? c.replace(/^\uFEFF/, '') : c).trim());
  checkHeader(columns);
  async function* rows(): AsyncGenerator<TableRow> {
    for await (const { row, fields } of records) {
      const cells: Cell[] = fields.map((f) => (f === '' ? null : f));
      yield { row, cells };
    }
  }
  return {
    columns,
    rows: rows(),
    async close() {
      await records.return(undefined);
      stream.destroy();
    },
  };
}

export function checkHeader(columns: string[]) {
  const seen = new Set<string>();
  for (const [i, name] of columns.entries()) {
    if (!name) continue;
    if (seen.has(name))
      throw fileError(`The header names the column "${name}" twice (column ${i + 1}).`);
    seen.add(name);
  }
  if (seen.size === 0) throw fileError('The first row of the file names no columns.');
}
