import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { readTar, TarFormatError, TarWriter } from './tar.js';

async function pack(entries: [string, Buffer][]): Promise<Buffer> {
  const out = new PassThrough();
  const parts: Buffer[] = [];
  out.on('data', (chunk: Buffer) => parts.push(chunk));
  const tar = new TarWriter(out, new Date('2026-03-02T09:00:00Z'));
  for (const [name, body] of entries) await tar.add(name, body.length, body);
  await tar.finish();
  return Buffer.concat(parts);
}

/** Feeds `bytes` in awkward chunk sizes, as a gunzip stream would. */
async function* chunks(bytes: Buffer, size = 333): AsyncIterable<Buffer> {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

async function unpack(bytes: Buffer, readBodies = true) {
  const seen: [string, string][] = [];
  for await (const entry of readTar(chunks(bytes))) {
    if (!readBodies) {
      seen.push([entry.name, '']);
      continue;
    }
    const parts: Buffer[] = [];
    for await (const chunk of entry.body) parts.push(chunk);
    seen.push([entry.name, Buffer.concat(parts).toString('utf8')]);
  }
  return seen;
}

describe('tar codec', () => {
  const entries: [string, Buffer][] = [
    ['manifest.json', Buffer.from('{"a":1}\n')],
    ['tables/empty.jsonl', Buffer.alloc(0)],
    ['tables/users.jsonl', Buffer.from('x'.repeat(1500))],
    ['attachments/ab/0190aa-file', Buffer.from('é'.repeat(300))],
  ];

  it('reads back every entry, whole, in order', async () => {
    const bytes = await pack(entries);
    expect(bytes.length % 512).toBe(0);
    expect(await unpack(bytes)).toEqual(entries.map(([n, b]) => [n, b.toString('utf8')]));
  });

  it('skips the bodies a reader leaves unread', async () => {
    const names = (await unpack(await pack(entries), false)).map(([n]) => n);
    expect(names).toEqual(entries.map(([n]) => n));
  });

  it('refuses a truncated archive and an altered header', async () => {
    const bytes = await pack(entries);
    for (const cut of [100, 600, 2100, bytes.length - 512])
      await expect(unpack(bytes.subarray(0, cut))).rejects.toBeInstanceOf(TarFormatError);
    const altered = Buffer.from(bytes);
    altered[0] = 'M'.charCodeAt(0) + 1;
    await expect(unpack(altered)).rejects.toThrow(/checksum/);
  });

  it('refuses a body that does not match its announced size', async () => {
    const tar = new TarWriter(new PassThrough().resume(), new Date());
    await expect(tar.add('a', 10, Buffer.from('short'))).rejects.toThrow(/5 bytes written, 10/);
  });
});
