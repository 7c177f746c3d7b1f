// Opens an uploaded or named file as a table, by its content (an XLSX file is a zip: "PK"), not
// its name, so a workbook renamed .csv is still read right.
import fs from 'node:fs/promises';
import { openCsv } from './csv-reader.js';
import type { TableReader } from './table.js';
import { openXlsx } from './xlsx-reader.js';

export type TableFormat = 'csv' | 'xlsx';

export async function tableFormatOf(file: string): Promise<TableFormat> {
  const handle = await fs.open(file, 'r');
  try {
    const head = Buffer.alloc(4);
    await handle.read(head, 0, 4, 0);
    return head[0] === 0x50 && head[1] === 0x4b && head[2] === 3 && head[3] === 4 ? 'xlsx' : 'csv';
  } finally {
    await handle.close();
  }
}

export async function openTable(file: string): Promise<TableReader> {
  return (await tableFormatOf(file)) === 'xlsx' ? openXlsx(file) : openCsv(file);
}
