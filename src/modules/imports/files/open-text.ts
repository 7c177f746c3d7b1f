// Opens an import file as a stream of text, whatever its packaging: plain, gzip (.gz) or zip
// (the first CSV entry, read in one pass from its local header, inflated by node's zlib, so a
// 40 MB export never sits in memory). The text must be UTF-8: anything else stops the import
// with a message that says so, rather than importing mojibake.
import { createReadStream } from 'node:fs';
import { pipeline, Readable } from 'node:stream';
import { createGunzip, createInflateRaw } from 'node:zlib';
import { ImportFileError } from '../core/contract.js';

const ZIP_LOCAL_HEADER = 0x04034b50;

/** Reads the zip's first entry whose name ends in .csv (or the first entry) as a byte stream. */
async function* zipEntry(source: AsyncIterable<Buffer>, fileName: string): AsyncGenerator<Buffer> {
  let pending: Buffer = Buffer.alloc(0);
  const iterator = source[Symbol.asyncIterator]();
  async function need(bytes: number) {
    while (pending.length < bytes) {
      const next = await iterator.next();
      if (next.done)
        throw new ImportFileError(`${fileName} is not a complete zip file (it ends too early).`);
      pending = Buffer.concat([pending, next.value]);
    }
  }
  for (;;) {
    await need(4);
    if (pending.readUInt32LE(0) !== ZIP_LOCAL_HEADER)
      throw new ImportFileError(`${fileName} holds no CSV file (or is not a zip file).`);
    await need(30);
    const flags = pending.readUInt16LE(6);
    const method = pending.readUInt16LE(8);
    const compressedSize = pending.readUInt32LE(18);
    const nameLength = pending.readUInt16LE(26);
    const extraLength = pending.readUInt16LE(28);
    await need(30 + nameLength + extraLength);
    const name = pending.subarray(30, 30 + nameLength).toString('utf8');
    pending = pending.subarray(30 + nameLength + extraLength);
    const sizeKnown = (flags & 0x08) === 0;
    if (!name.toLowerCase().endsWith('.csv') || name.endsWith('/')) {
      // Skip a folder or another file: only possible when its size is in the header.
      if (!sizeKnown)
        throw new ImportFileError(`${fileName}: put the CSV file first in the zip archive.`);
      await need(compressedSize);
      pending = pending.subarray(compressedSize);
      continue;
    }
    if (method !== 0 && method !== 8)
      throw new ImportFileError(
        `${fileName}: the CSV in the zip is compressed in a way Meridian cannot read (method ${method}).`,
      );
    if (method === 0 && !sizeKnown)
      throw new ImportFileError(`${fileName}: the CSV in the zip has no recorded size.`);
    yield* entryBytes(method, sizeKnown ? compressedSize : null);
    return;
  }

  async function* entryBytes(method: number, size: number | null): AsyncGenerator<Buffer> {
    if (method === 0) {
      let left = size ?? 0;
      while (left > 0) {
        if (!pending.length) {
          const next = await iterator.next();
          if (next.done)
            throw new ImportFileError(
              `${fileName} is not a complete zip file (it ends too early).`,
            );
          pending = next.value;
        }
        const part = pending.subarray(0, left);
        pending = pending.subarray(part.length);
        left -= part.length;
        yield part;
      }
      return;
    }
    // Raw deflate ends by itself; a truncated archive ends before it does.
    const inflate = createInflateRaw();
    const feed = (async () => {
      let left = size ?? Number.POSITIVE_INFINITY;
      const write = (chunk: Buffer) =>
        new Promise<void>((resolve) => {
          if (inflate.write(chunk)) resolve();
          else inflate.once('drain', resolve);
        });
      try {
        if (pending.length) {
          const part = pending.subarray(0, Math.min(left, pending.length));
          left -= part.length;
          await write(part);
        }
        while (left > 0 && !inflate.writableEnded && !inflate.destroyed) {
          const next = await iterator.next();
          if (next.done) break;
          const part = next.value.subarray(0, Math.min(left, next.value.length));
          left -= part.length;
          await write(part);
        }
      } finally {
        if (!inflate.destroyed) inflate.end();
      }
    })();
    try {
      for await (const chunk of inflate) yield chunk as Buffer;
    } catch {
      throw new ImportFileError(`${fileName} is damaged or truncated: its CSV cannot be unzipped.`);
    }
    await feed.catch(() => undefined);
    if (size === null) return;
  }
}

async function* gunzip(source: AsyncIterable<Buffer>, fileName: string): AsyncGenerator<Buffer> {
  // pipeline, not pipe: a failing source must end the gunzip with its error, not go unhandled.
  const stream = createGunzip();
  pipeline(Readable.from(source), stream, () => undefined);
  try {
    for await (const chunk of stream) yield chunk as Buffer;
  } catch (error) {
    if (error instanceof ImportFileError) throw error;
    throw new ImportFileError(`${fileName} is damaged or truncated: it cannot be gunzipped.`);
  }
}

/** The file's bytes; a file that cannot be read (gone, unreadable) stops with a clear message. */
async function* fileBytes(path: string, displayName: string): AsyncGenerator<Buffer> {
  try {
    for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 }))
      yield chunk as Buffer;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new ImportFileError(
      code === 'ENOENT'
        ? `${displayName} does not exist (any more).`
        : `${displayName} cannot be read (${code ?? 'read error'}).`,
    );
  }
}

/**
 * Decodes UTF-8 strictly, drops a byte-order mark and refuses other encodings with a message an
 * administrator can act on ("save it as UTF-8").
 */
export async function* utf8Text(
  bytes: AsyncIterable<Buffer>,
  fileName: string,
): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });
  let first = true;
  for await (const chunk of bytes) {
    if (first && chunk.length >= 2) {
      const utf16 =
        (chunk[0] === 0xff && chunk[1] === 0xfe) || (chunk[0] === 0xfe && chunk[1] === 0xff);
      if (utf16)
        throw new ImportFileError(
          `${fileName} is UTF-16 text: save it as CSV UTF-8 and import it again.`,
        );
    }
    first = false;
    let text: string;
    try {
      text = decoder.decode(chunk, { stream: true });
    } catch {
      throw new ImportFileError(
        `${fileName} is not UTF-8 text (it may be binary, or saved in another encoding): save it as CSV UTF-8 and import it again.`,
      );
    }
    if (text.includes('\u0000'))
      throw new ImportFileError(`${fileName} holds binary data, not CSV text.`);
    if (text) yield text;
  }
  try {
    const rest = decoder.decode();
    if (rest) yield rest;
  } catch {
    throw new ImportFileError(
      `${fileName} ends in the middle of a character: it is truncated or not UTF-8.`,
    );
  }
}

/** The bytes of a .csv, .csv.gz or .zip file (the CSV inside), by its name. */
export function openBytes(path: string, displayName = path): AsyncIterable<Buffer> {
  const lower = path.toLowerCase();
  const raw = fileBytes(path, displayName);
  return lower.endsWith('.zip')
    ? zipEntry(raw, displayName)
    : lower.endsWith('.gz')
      ? gunzip(raw, displayName)
      : raw;
}

/** The text of a .csv, .csv.gz or .zip file, by its name. */
export function openText(path: string, displayName = path): AsyncGenerator<string> {
  return utf8Text(openBytes(path, displayName), displayName);
}

/**
 * Data lines (after the header) for a progress bar's total: one quick pass over the bytes. A
 * quoted line break counts twice; the bar is a guide, not a figure of the report.
 */
export async function countDataLines(path: string): Promise<number | null> {
  let lines = 0;
  let last = 0x0a;
  try {
    for await (const chunk of openBytes(path)) {
      for (let i = chunk.indexOf(0x0a); i !== -1; i = chunk.indexOf(0x0a, i + 1)) lines++;
      if (chunk.length) last = chunk[chunk.length - 1] as number;
    }
  } catch {
    // The import itself will report what is wrong with the file.
    return null;
  }
  return Math.max(0, lines + (last === 0x0a ? 0 : 1) - 1);
}
