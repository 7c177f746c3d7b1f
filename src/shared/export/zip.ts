// A streaming ZIP writer: each entry is deflated as its data arrives and written out at once,
// sizes and CRC following in a data descriptor, so a file of any length is produced with a
// steady memory footprint (exceljs's own "streaming" writer keeps the whole archive in memory).
// No ZIP64: an entry must stay under 4 GiB, far above a million-row sheet.
import { Buffer } from 'node:buffer';
import { crc32, deflateRawSync } from 'node:zlib';

interface Written {
  name: Buffer;
  crc: number;
  compressed: number;
  size: number;
  offset: number;
}

type Open = Written & { pending: Buffer[]; pendingSize: number };

const DOS_DATE = ((2020 - 1980) << 9) | (1 << 5) | 1; // 2020-01-01, a fixed stamp: files are reproducible
const FLAGS = 0x0808; // data descriptor follows; names are UTF-8
const DEFLATE = 8;

/** Builds a ZIP as a sequence of buffers; the caller writes each buffer out as it is returned. */
export class ZipStream {
  #offset = 0;
  #entries: Written[] = [];
  #current: Open | null = null;

  #out(buffer: Buffer): Buffer {
    this.#offset += buffer.length;
    return buffer;
  }

  /** Starts an entry; returns its local header. */
  begin(name: string): Buffer {
    if (this.#current) throw new Error('ZipStream: an entry is already open');
    const nameBytes = Buffer.from(name, 'utf8');
    const header = Buffer.alloc(30);
    header.writeUInt32LE(0x04034b50, 0);
    header.writeUInt16LE(20, 4);
    header.writeUInt16LE(FLAGS, 6);
    header.writeUInt16LE(DEFLATE, 8);
    header.writeUInt16LE(0, 10);
    header.writeUInt16LE(DOS_DATE, 12);
    header.writeUInt16LE(nameBytes.length, 26);
    this.#current = {
      name: nameBytes,
      crc: 0,
      compressed: 0,
      size: 0,
      offset: this.#offset,
      pending: [],
      pendingSize: 0,
    };
    return this.#out(Buffer.concat([header, nameBytes]));
  }

  /**
   * Adds data to the open entry. Data is gathered to about 64 KiB and deflated as an independent
   * block (full flush), so memory stays at one block whatever the entry's length.
   */
  write(data: string | Buffer): Buffer | null {
    const entry = this.#current;
    if (!entry) throw new Error('ZipStream: no open entry');
    const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
    entry.pending.push(bytes);
    entry.pendingSize += bytes.length;
    return entry.pendingSize >= 65_536 ? this.#flush(false) : null;
  }

  #flush(last: boolean): Buffer {
    const entry = this.#current as Open;
    const raw = Buffer.concat(entry.pending);
    entry.pending = [];
    entry.pendingSize = 0;
    entry.crc = crc32(raw, entry.crc);
    entry.size += raw.length;
    const deflated = deflateRawSync(raw, { finishFlush: last ? undefined : 2 /* Z_SYNC_FLUSH */ });
    entry.compressed += deflated.length;
    if (entry.size > 0xffff_ffff || entry.compressed > 0xffff_ffff)
      throw new Error('ZipStream: entry larger than 4 GiB');
    return this.#out(deflated);
  }

  /** Ends the open entry; returns its last compressed bytes and data descriptor. */
  end(): Buffer {
    const tail = this.#flush(true);
    const entry = this.#current as Open;
    const descriptor = Buffer.alloc(16);
    descriptor.writeUInt32LE(0x08074b50, 0);
    descriptor.writeUInt32LE(entry.crc >>> 0, 4);
    descriptor.writeUInt32LE(entry.compressed, 8);
    descriptor.writeUInt32LE(entry.size, 12);
    this.#entries.push({
      name: entry.name,
      crc: entry.crc >>> 0,
      compressed: entry.compressed,
      size: entry.size,
      offset: entry.offset,
    });
    this.#current = null;
    return Buffer.concat([tail, this.#out(descriptor)]);
  }

  /** A whole entry at once (small files). */
  file(name: string, data: string): Buffer {
    const head = this.begin(name);
    const body = this.write(data);
    return Buffer.concat([head, ...(body ? [body] : []), this.end()]);
  }

  /** The central directory and its end record. */
  finish(): Buffer {
    const start = this.#offset;
    const records = this.#entries.map((e) => {
      const r = Buffer.alloc(46);
      r.writeUInt32LE(0x02014b50, 0);
      r.writeUInt16LE(20, 4);
      r.writeUInt16LE(20, 6);
      r.writeUInt16LE(FLAGS, 8);
      r.writeUInt16LE(DEFLATE, 10);
      r.writeUInt16LE(0, 12);
      r.writeUInt16LE(DOS_DATE, 14);
      r.writeUInt32LE(e.crc, 16);
      r.writeUInt32LE(e.compressed, 20);
      r.writeUInt32LE(e.size, 24);
      r.writeUInt16LE(e.name.length, 28);
      r.writeUInt32LE(e.offset, 42);
      return Buffer.concat([r, e.name]);
    });
    const directory = Buffer.concat(records);
    const end = Buffer.alloc(22);
    end.writeUInt32LE(0x06054b50, 0);
    end.writeUInt16LE(this.#entries.length, 8);
    end.writeUInt16LE(this.#entries.length, 10);
    end.writeUInt32LE(directory.length, 12);
    end.writeUInt32LE(start, 16);
    return this.#out(Buffer.concat([directory, end]));
  }
}
