// A small streaming reader and writer of POSIX ustar archives: the archive holds a few hundred
// entries of plain files, so this is all of tar it needs, and owning it lets a truncated or altered
// archive be named precisely (checksum per header, the end-of-archive marker required) instead of
// being half-read. Neither side ever holds more than one chunk of an entry in memory.
import type { Writable } from 'node:stream';

const BLOCK = 512;

export class TarFormatError extends Error {}

function octal(value: number, width: number): string {
  return `${value.toString(8).padStart(width - 1, '0')}\0`;
}

function header(name: string, size: number, mtime: Date): Buffer {
  const bytes = Buffer.from(name, 'utf8');
  if (bytes.length > 100) throw new TarFormatError(`entry name too long: ${name}`);
  const block = Buffer.alloc(BLOCK, 0);
  bytes.copy(block, 0);
  block.write(octal(0o644, 8), 100, 'ascii');
  block.write(octal(0, 8), 108, 'ascii');
  block.write(octal(0, 8), 116, 'ascii');
  block.write(octal(size, 12), 124, 'ascii');
  block.write(octal(Math.floor(mtime.getTime() / 1000), 12), 136, 'ascii');
  block.write('        ', 148, 'ascii');
  block.write('0', 156, 'ascii');
  block.write('ustar\0', 257, 'ascii');
  block.write('00', 263, 'ascii');
  block.write(`${checksum(block).toString(8).padStart(6, '0')}\0 `, 148, 'ascii');
  return block;
}

function checksum(block: Buffer): number {
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 32 : (block[i] as number);
  return sum;
}

const padding = (size: number) => (BLOCK - (size % BLOCK)) % BLOCK;

/** Writes entries one after the other to `out` (typically a gzip stream). */
export class TarWriter {
  constructor(
    private readonly out: Writable,
    private readonly mtime: Date,
  ) {}

  private async write(chunk: Buffer): Promise<void> {
    // A destroyed stream (its file could not be written) never drains: fail instead of waiting.
    const failed = () => this.out.errored ?? new Error('the archive stream closed before the end');
    if (this.out.destroyed) throw failed();
    if (!this.out.write(chunk)) {
      if (this.out.destroyed) throw failed();
      await new Promise<void>((resolve, reject) => {
        const done = (error?: Error) => {
          this.out.off('drain', done);
          this.out.off('error', done);
          this.out.off('close', closed);
          if (error) reject(error);
          else resolve();
        };
        const closed = () => done(new Error('the archive stream closed before the end'));
        this.out.on('drain', done);
        this.out.on('error', done);
        this.out.on('close', closed);
      });
    }
  }

  /** Adds one file; `body` must yield exactly `size` bytes. */
  async add(name: string, size: number, body: Buffer | AsyncIterable<Buffer>): Promise<void> {
    await this.write(header(name, size, this.mtime));
    let written = 0;
    const chunks = Buffer.isBuffer(body) ? [body] : body;
    for await (const chunk of chunks) {
      written += chunk.length;
      await this.write(chunk);
    }
    if (written !== size)
      throw new TarFormatError(`${name}: ${written} bytes written, ${size} announced`);
    const pad = padding(size);
    if (pad) await this.write(Buffer.alloc(pad, 0));
  }

  /** The end-of-archive marker; the caller then ends `out`. */
  async finish(): Promise<void> {
    await this.write(Buffer.alloc(2 * BLOCK, 0));
  }
}

/** Pulls exact byte counts out of a stream of chunks of any size. */
class ByteReader {
  private pending: Buffer[] = [];
  private available = 0;
  private ended = false;

  constructor(private readonly source: AsyncIterator<Buffer>) {}

  private async fill(wanted: number): Promise<void> {
    while (this.available < wanted && !this.ended) {
      const next = await this.source.next();
      if (next.done) this.ended = true;
      else {
        this.pending.push(next.value);
        this.available += next.value.length;
      }
    }
  }

  /** Up to `max` bytes, at least one; null at the end of the stream. */
  async some(max: number): Promise<Buffer | null> {
    await this.fill(1);
    const first = this.pending[0];
    if (!first) return null;
    if (first.length <= max) {
      this.pending.shift();
      this.available -= first.length;
      return first;
    }
    this.pending[0] = first.subarray(max);
    this.available -= max;
    return first.subarray(0, max);
  }

  /** Exactly `size` bytes, or null when the stream ends before them. */
  async exactly(size: number): Promise<Buffer | null> {
    await this.fill(size);
    if (this.available < size) return null;
    const all = Buffer.concat(this.pending);
    this.pending = all.length > size ? [all.subarray(size)] : [];
    this.available -= size;
    return all.subarray(0, size);
  }
}

export interface TarEntry {
  name: string;
  size: number;
  /** The entry's bytes; read it before asking for the next entry (unread bytes are skipped). */
  body: AsyncIterable<Buffer>;
}

function parseHeader(block: Buffer): { name: string; size: number; type: string } {
  const stored = Number.parseInt(block.toString('ascii', 148, 156).replace(/[\0 ]+$/, ''), 8);
  if (stored !== checksum(block)) throw new TarFormatError('a header checksum does not match');
  if (block.toString('ascii', 257, 262) !== 'ustar') throw new TarFormatError('not a ustar header');
  const field = (start: number, end: number) => {
    const raw = block.subarray(start, end);
    const zero = raw.indexOf(0);
    return raw.subarray(0, zero === -1 ? raw.length : zero).toString('utf8');
  };
  const prefix = field(345, 500);
  const name = prefix ? `${prefix}/${field(0, 100)}` : field(0, 100);
  const size = Number.parseInt(field(124, 136).trim() || '0', 8);
  if (!Number.isFinite(size) || size < 0) throw new TarFormatError(`bad size for ${name}`);
  return { name, size, type: field(156, 157) || '0' };
}

/** The regular files of a tar stream, in order. Throws TarFormatError on damage or truncation. */
export async function* readTar(source: AsyncIterable<Buffer>): AsyncGenerator<TarEntry> {
  const reader = new ByteReader(source[Symbol.asyncIterator]());
  for (;;) {
    const block = await reader.exactly(BLOCK);
    if (!block) throw new TarFormatError('the archive ends before its end-of-archive marker');
    if (block.every((b) => b === 0)) {
      // The marker is two empty blocks: one alone is an archive cut short.
      const second = await reader.exactly(BLOCK);
      if (!second?.every((b) => b === 0))
        throw new TarFormatError('the archive ends inside its end-of-archive marker');
      return;
    }
    const { name, size, type } = parseHeader(block);
    let left = size;
    const body = async function* () {
      while (left > 0) {
        const chunk = await reader.some(left);
        if (!chunk) throw new TarFormatError(`the archive ends inside ${name}`);
        left -= chunk.length;
        yield chunk;
      }
    };
    if (type === '0' || type === '\0') yield { name, size, body: body() };
    // Skip whatever the consumer left unread (and entries of other types), then the padding.
    for await (const _ of body()) {
      // discarded
    }
    if (padding(size) && !(await reader.exactly(padding(size))))
      throw new TarFormatError(`the archive ends inside ${name}`);
  }
}
