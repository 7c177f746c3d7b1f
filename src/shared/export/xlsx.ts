// A streaming XLSX writer: the smallest valid workbook (one sheet, inline strings, no shared
// string table) written row by row through ./zip.ts, so memory stays flat whatever the row count.
// Numbers are number cells; text is escaped for XML (control characters XML cannot carry are
// dropped); an empty cell is left out.
import type { Buffer } from 'node:buffer';
import type { Cell } from './csv.js';
import { ZipStream } from './zip.js';

/** Whether XML 1.0 can carry the character code (tab, line feed, carriage return, printable). */
const xmlChar = (code: number) =>
  code === 0x09 ||
  code === 0x0a ||
  code === 0x0d ||
  (code >= 0x20 && code !== 0xfffe && code !== 0xffff);

const dropInvalid = (value: string): string => {
  for (let i = 0; i < value.length; i++)
    if (!xmlChar(value.charCodeAt(i)))
      return [...value].filter((c) => xmlChar(c.charCodeAt(0))).join('');
  return value;
};

export const xmlText = (value: string): string =>
  dropInvalid(value)
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;');

/** The column letters of a zero-based column index: 0 → A, 26 → AA. */
export function columnName(index: number): string {
  let name = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26))
    name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}

function rowXml(rowNumber: number, cells: readonly Cell[]): string {
  let xml = `<row r="${rowNumber}">`;
  cells.forEach((value, i) => {
    if (value === null) return;
    const ref = `${columnName(i)}${rowNumber}`;
    if (typeof value === 'number') {
      if (Number.isFinite(value)) xml += `<c r="${ref}"><v>${value}</v></c>`;
    } else
      xml += `<c r="${ref}" t="inlineStr"><is><t xml:space="preserve">${xmlText(value)}</t></is></c>`;
  });
  return `${xml}</row>`;
}

const XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG_REL = 'http://schemas.openxmlformats.org/package/2006/relationships';

const contentTypes = `${XML}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>`;
const rootRels = `${XML}<Relationships xmlns="${PKG_REL}"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`;
const workbookRels = `${XML}<Relationships xmlns="${PKG_REL}"><Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="${REL}/styles" Target="styles.xml"/></Relationships>`;
const styles = `${XML}<styleSheet xmlns="${MAIN}"><fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs></styleSheet>`;
const workbook = (sheet: string) =>
  `${XML}<workbook xmlns="${MAIN}" xmlns:r="${REL}"><sheets><sheet name="${xmlText(sheet)}" sheetId="1" r:id="rId1"/></sheets></workbook>`;

/** A sheet name Excel accepts: at most 31 characters, none of : \ / ? * [ ]. */
export const sheetName = (name: string): string =>
  name.replace(/[:\\/?*[\]]/g, ' ').slice(0, 31) || 'Sheet1';

/** The XLSX bytes of a header row and rows, as chunks written while the pages arrive. */
export async function* xlsxChunks(
  sheet: string,
  header: readonly string[],
  pages: AsyncIterable<readonly (readonly Cell[])[]>,
): AsyncGenerator<Buffer> {
  const zip = new ZipStream();
  yield zip.file('[Content_Types].xml', contentTypes);
  yield zip.file('_rels/.rels', rootRels);
  yield zip.file('xl/workbook.xml', workbook(sheetName(sheet)));
  yield zip.file('xl/_rels/workbook.xml.rels', workbookRels);
  yield zip.file('xl/styles.xml', styles);
  yield zip.begin('xl/worksheets/sheet1.xml');
  const open = `${XML}<worksheet xmlns="${MAIN}"><sheetData>${rowXml(1, header)}`;
  let pending = zip.write(open);
  if (pending) yield pending;
  let rowNumber = 1;
  for await (const rows of pages) {
    let xml = '';
    for (const row of rows) xml += rowXml(++rowNumber, row);
    pending = zip.write(xml);
    if (pending) yield pending;
  }
  zip.write('</sheetData></worksheet>');
  yield zip.end();
  yield zip.finish();
}
