// Files uploaded for an import, kept under <data dir>/imports until they are imported: the web
// screen uploads once, then previews, dry-runs and runs the same file. A file and its facts (name,
// who uploaded it, its columns) sit side by side; ids are made here, never taken from a request
// path without checking their shape, so they cannot climb out of the folder. Files older than a day
// are removed at the next upload.
import fs from 'node:fs/promises';
import path from 'node:path';
import { uuidv7 } from '../../../shared/ids.js';

export interface UploadFacts {
  id: string;
  fileName: string;
  format: 'csv' | 'xlsx';
  size: number;
  uploadedBy: string | null;
  uploadedAt: string;
  columns: string[];
  rowCount: number;
  /** The first rows as text, for the mapping screen. */
  preview: string[][];
}

const ID = /^[0-9a-f-]{36}$/;
const KEEP_MS = 24 * 3_600_000;

export function createUploadStore(root: string) {
  const fileOf = (id: string) => path.join(root, `${id}.upload`);
  const factsOf = (id: string) => path.join(root, `${id}.json`);

  async function sweep(now: number) {
    let names: string[] = [];
    try {
      names = await fs.readdir(root);
    } catch {
      return;
    }
    await Promise.all(
      names.map(async (name) => {
        const full = path.join(root, name);
        const stat = await fs.stat(full).catch(() => null);
        if (stat && now - stat.mtimeMs > KEEP_MS) await fs.rm(full, { force: true });
      }),
    );
  }

  return {
    /** Writes the bytes to a new file and returns its id and path (facts come later). */
    async put(content: Buffer, now: Date): Promise<{ id: string; file: string }> {
      await fs.mkdir(root, { recursive: true });
      await sweep(now.getTime());
      const id = uuidv7(now.getTime());
      await fs.writeFile(fileOf(id), content, { flag: 'wx' });
      return { id, file: fileOf(id) };
    },
    async saveFacts(facts: UploadFacts) {
      await fs.writeFile(factsOf(facts.id), JSON.stringify(facts));
    },
    async facts(id: string): Promise<(UploadFacts & { file: string }) | null> {
      if (!ID.test(id)) return null;
      try {
        const facts = JSON.parse(await fs.readFile(factsOf(id), 'utf8')) as UploadFacts;
        return { ...facts, file: fileOf(id) };
      } catch {
        return null;
      }
    },
    async remove(id: string) {
      if (!ID.test(id)) return;
      await fs.rm(fileOf(id), { force: true });
      await fs.rm(factsOf(id), { force: true });
    },
  };
}

export type UploadStore = ReturnType<typeof createUploadStore>;
