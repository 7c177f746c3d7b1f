import { describe, expect, it } from 'vitest';
import { parseCsv } from './csv-reader.js';

async function records(...chunks: (string | Buffer)[]) {
  const out: { row: number; fields: string[] }[] = [];
  const source = (async function* () {
    for (const c of chunks) yield typeof c === 'string' ? Buffer.from(c) : c;
  })();
  for await (const r of parseCsv(source)) out.push(r);
  return out;
}

describe('reading CSV files as spreadsheets write them', () => {
  it('finds the semicolon Excel writes in French, and keeps quoted delimiters and newlines', async () => {
    expect(
      await records(
        '\uFEFFNuméro;Titre\r\nA1;"Écran; noir"\r\n\r\nA2;"deux\nlignes ""citées"""\r\n',
      ),
    ).toEqual([
      { row: 1, fields: ['Numéro', 'Titre'] },
      { row: 2, fields: ['A1', 'Écran; noir'] },
      { row: 4, fields: ['A2', 'deux\nlignes "citées"'] },
    ]);
  });

  it('reads commas across chunk boundaries, even inside a character', async () => {
    const text = Buffer.from('id,name\n1,Zoë\n2,Łukasz');
    const cut = text.indexOf(0xc3) + 1;
    expect(await records(text.subarray(0, cut), text.subarray(cut))).toEqual([
      { row: 1, fields: ['id', 'name'] },
      { row: 2, fields: ['1', 'Zoë'] },
      { row: 3, fields: ['2', 'Łukasz'] },
    ]);
  });

  it('refuses text that is not UTF-8 with a message saying how to fix it', async () => {
    await expect(
      records(Buffer.from([0x69, 0x64, 0x0a, 0x43, 0x61, 0x66, 0xe9, 0x0a])),
    ).rejects.toThrow(/not valid UTF-8.*Save it as "CSV UTF-8"/);
    await expect(records(Buffer.from('\uFEFFid\n', 'utf16le'))).rejects.toThrow(/UTF-16/);
  });
});
