// A small streaming CSV reader (RFC 4180: quoted fields, doubled quotes, line breaks inside
// quotes, CRLF or LF). Lines without a quote — all of a ServiceNow export — take a fast path.
export interface CsvRecord {
  /** 1-based line number in the file where the record starts (the header is row 1). */
  row: number;
  fields: string[];
}

export async function* csvRecords(
  text: AsyncIterable<string>,
  delimiter = ',',
): AsyncGenerator<CsvRecord> {
  let carry = '';
  let row = 0;
  // A record that spans lines (a quoted line break) is gathered here until its quotes close.
  let open: { row: number; text: string } | null = null;

  function* line(content: string): Generator<CsvRecord> {
    row++;
    if (open) {
      open.text += `\n${content}`;
      if (!balanced(open.text)) return;
      const record = { row: open.row, fields: parseQuoted(open.text, delimiter) };
      open = null;
      yield record;
      return;
    }
    if (!content.includes('"')) {
      yield { row, fields: content.split(delimiter) };
      return;
    }
    if (!balanced(content)) {
      open = { row, text: content };
      return;
    }
    yield { row, fields: parseQuoted(content, delimiter) };
  }

  for await (const chunk of text) {
    const lines = (carry + chunk).split('\n');
    carry = lines.pop() ?? '';
    for (const l of lines) yield* line(l.endsWith('\r') ? l.slice(0, -1) : l);
  }
  if (carry) yield* line(carry.endsWith('\r') ? carry.slice(0, -1) : carry);
  // A quote never closed: the file ends inside a field; what was read is given as is.
  const unclosed = open as { row: number; text: string } | null;
  if (unclosed) yield { row: unclosed.row, fields: parseQuoted(`${unclosed.text}"`, delimiter) };
}

function balanced(text: string) {
  let quotes = 0;
  for (let i = text.indexOf('"'); i !== -1; i = text.indexOf('"', i + 1)) quotes++;
  return quotes % 2 === 0;
}

function parseQuoted(text: string, delimiter: string): string[] {
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += c;
    } else if (c === '"') quoted = true;
    else if (c === delimiter) {
      fields.push(field);
      field = '';
    } else field += c;
  }
  fields.push(field);
  return fields;
}
