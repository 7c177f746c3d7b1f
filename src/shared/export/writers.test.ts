import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { csvChunks, csvField } from './csv.js';
import { columnName, sheetName, xlsxChunks } from './xlsx.js';

async function* pagesOf<T>(...pages: T[]) {
  for (const page of pages) yield page;
}

async function collect(chunks: AsyncIterable<string | Uint8Array>): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const c of chunks) parts.push(typeof c === 'string' ? Buffer.from(c) : Buffer.from(c));
  return Buffer.concat(parts);
}

describe('CSV', () => {
  it('quotes by RFC 4180, writes numbers with a dot and never a formula', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a, b')).toBe('"a, b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField(3.5)).toBe('3.5');
    expect(csvField(-2)).toBe('-2');
    expect(csvField(null)).toBe('');
    expect(csvField('=HYPERLINK("x")')).toBe('"\'=HYPERLINK(""x"")"');
    expect(csvField('-1 day')).toBe("'-1 day");
  });

  it('starts with a byte order mark and ends every line with CRLF', async () => {
    const bytes = await collect(csvChunks(['A', 'B'], pagesOf([['é', 1]], [], [[null, 2]])));
    expect(bytes.toString('utf8')).toBe('\uFEFFA,B\r\né,1\r\n,2\r\n');
  });
});

describe('XLSX', () => {
  it('names columns and sheets as Excel expects', () => {
    expect([0, 25, 26, 27, 701, 702].map(columnName)).toEqual(['A', 'Z', 'AA', 'AB', 'ZZ', 'AAA']);
    expect(sheetName('a/b:c?[d]*e that is far longer than thirty-one')).toBe(
      'a b c  d  e that is far longer ',
    );
  });

  it('writes a workbook exceljs reads back, over many deflate blocks', async () => {
    const rows = Array.from({ length: 5_000 }, (_, i) => [
      `Ligne ${i} <&> "été"\u0007`,
      i / 4,
      null,
    ]);
    const bytes = await collect(
      xlsxChunks(
        'Records',
        ['Title', 'Value', 'Empty'],
        pagesOf(rows.slice(0, 2_500), rows.slice(2_500)),
      ),
    );
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0] as ExcelJS.Worksheet;
    expect(sheet.name).toBe('Records');
    expect(sheet.rowCount).toBe(5_001);
    expect(sheet.getRow(1).values).toEqual([undefined, 'Title', 'Value', 'Empty']);
    expect(sheet.getCell('A5001').value).toBe('Ligne 4999 <&> "été"');
    expect(sheet.getCell('B5001').value).toBe(1249.75);
    expect(sheet.getCell('C5001').value).toBeNull();
  });
});
