// A streaming XLSX reader over exceljs's WorkbookReader: the first worksheet, its first row as the
// header. Cells keep their kind (a date stays a Date, a number a number) so the mapping reads
// spreadsheet dates without a format.
import fs from 'node:fs';
import ExcelJS from 'exceljs';
import { checkHeader } from './csv-reader.js';
import { type Cell, cellText, fileError, type TableReader, type TableRow } from './table.js';

function toCell(value: ExcelJS.CellValue | undefined): Cell {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value;
  if (typeof value === 'number') return value;
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'string') return value === '' ? null : value;
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((r) => r.text).join('') || null;
    if ('formula' in value || 'sharedFormula' in value)
      return toCell((value as ExcelJS.CellFormulaValue).result as ExcelJS.CellValue);
    if ('text' in value && 'hyperlink' in value) return String(value.text);
    if ('error' in value) return null;
  }
  return String(value);
}

export async function openXlsx(file: string): Promise<TableReader> {
  const input = fs.createReadStream(file);
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(input, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    // Styles tell a date cell from a number cell.
    styles: 'cache',
    hyperlinks: 'ignore',
    entries: 'emit',
  });
  async function* allRows(): AsyncGenerator<TableRow> {
    try {
      for await (const sheet of reader) {
        for await (const row of sheet) {
          const values = Array.isArray(row.values) ? row.values : [];
          // exceljs rows are 1-based: values[0] is always empty.
          const cells = values.slice(1).map((v) => toCell(v as ExcelJS.CellValue));
          yield { row: row.number, cells };
        }
        // Only the first worksheet is read.
        return;
      }
    } catch (error) {
      if (error instanceof Error && error.name === 'DomainError') throw error;
      throw fileError(
        `The file could not be read as an XLSX workbook (${error instanceof Error ? error.message : String(error)}); save it again from the spreadsheet as .xlsx or export it as CSV UTF-8.`,
      );
    }
  }
  const rows = allRows();
  let header: TableRow | undefined;
  for (;;) {
    const next = await rows.next();
    if (next.done) break;
    if (next.value.cells.some((c) => c !== null)) {
      header = next.value;
      break;
    }
  }
  if (!header) {
    input.destroy();
    throw fileError(
      'The workbook is empty: its first sheet needs a header row naming the columns.',
    );
  }
  const columns = header.cells.map((c) => cellText(c).trim());
  checkHeader(columns);
  async function* dataRows(): AsyncGenerator<TableRow> {
    for await (const row of rows) if (row.cells.some((c) => c !== null)) yield row;
  }
  return {
    columns,
    rows: dataRows(),
    async close() {
      await rows.return(undefined);
      input.destroy();
    },
  };
}
