import { describe, expect, it } from 'vitest';
import { csvRecords } from './csv-records.js';
import { createZonedClock, parseDayMonthYear } from './local-time.js';
import { utf8Text } from './open-text.js';

async function* chunks(...parts: string[]) {
  for (const p of parts) yield p;
}
async function records(...parts: string[]) {
  const out = [];
  for await (const r of csvRecords(chunks(...parts))) out.push(r);
  return out;
}

describe('csvRecords', () => {
  it('reads plain and quoted fields across chunk boundaries, with their row numbers', async () => {
    expect(await records('a,b\r\n1,"x, ""y""', '"\n2,"line\nbreak"\n3,z')).toEqual([
      { row: 1, fields: ['a', 'b'] },
      { row: 2, fields: ['1', 'x, "y"'] },
      { row: 3, fields: ['2', 'line\nbreak'] },
      { row: 5, fields: ['3', 'z'] },
    ]);
  });
});

describe('parseDayMonthYear', () => {
  it('reads d/m/yyyy HH:MM in the given zone, across daylight saving', () => {
    const utc = createZonedClock('UTC');
    const paris = createZonedClock('Europe/Paris');
    expect(parseDayMonthYear('29/2/2016 01:16', utc)).toBe('2016-02-29T01:16:00.000Z');
    expect(parseDayMonthYear('29/2/2016 01:16', paris)).toBe('2016-02-29T00:16:00.000Z');
    expect(parseDayMonthYear('1/7/2016 12:00:30', paris)).toBe('2016-07-01T10:00:30.000Z');
  });

  it('tells missing ("?", empty) from wrong (31/2, 13th month, text)', () => {
    const utc = createZonedClock('UTC');
    expect(parseDayMonthYear('?', utc)).toBeNull();
    expect(parseDayMonthYear('', utc)).toBeNull();
    for (const bad of ['31/2/2016 10:00', '1/13/2016 10:00', '2016-02-01', 'soon'])
      expect(parseDayMonthYear(bad, utc)).toBeUndefined();
  });
});

describe('utf8Text', () => {
  async function text(bytes: Buffer) {
    let out = '';
    async function* one() {
      yield bytes;
    }
    for await (const t of utf8Text(one(), 'f.csv')) out += t;
    return out;
  }
  it('drops a byte-order mark and refuses UTF-16 and Latin-1 with a clear message', async () => {
    expect(await text(Buffer.from('\ufeffnumber,é', 'utf8'))).toBe('number,é');
    await expect(text(Buffer.from('\ufeffa,b', 'utf16le'))).rejects.toThrow(/UTF-16/);
    await expect(text(Buffer.from('caf\xe9', 'latin1'))).rejects.toThrow(/not UTF-8/);
  });
});
