// The storage port for attachment contents. Local disk by default (under the data folder); an
// object store can take its place at scale without the modules noticing.
import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';

export interface FileStorage {
  /** Stores the bytes and returns the key to read them back. */
  put(content: Buffer): Promise<{ key: string; sha256: string }>;
  get(key: string): Promise<Buffer>;
  /** Puts bytes back under a key this storage handed out earlier (restoring a workspace archive). */
  restore(key: string, content: Buffer): Promise<void>;
  delete(key: string): Promise<void>;
}

export function localDiskStorage(root: string): FileStorage {
  // Keys are generated here, never taken from a request, so they cannot climb out of `root`.
  const fileOf = (key: string) => {
    if (!/^[0-9a-f]{2}\/[0-9a-f-]{36}$/.test(key)) throw new Error(`not a storage key: ${key}`);
    return path.join(root, key);
  };
  return {
    async put(content) {
      const id = randomUUID();
      const key = `${id.slice(0, 2)}/${id}`;
      await fs.mkdir(path.join(root, key.slice(0, 2)), { recursive: true });
      // Write then rename: a crash never leaves a half-written file under a live key.
      const temp = `${fileOf(key)}.partial`;
      await fs.writeFile(temp, content, { flag: 'wx' });
      await fs.rename(temp, fileOf(key));
      return { key, sha256: createHash('sha256').update(content).digest('hex') };
    },
    get: (key) => fs.readFile(fileOf(key)),
    async restore(key, content) {
      const file = fileOf(key);
      await fs.mkdir(path.dirname(file), { recursive: true });
      await fs.writeFile(`${file}.partial`, content);
      await fs.rename(`${file}.partial`, file);
    },
    async delete(key) {
      await fs.rm(fileOf(key), { force: true });
    },
  };
}
