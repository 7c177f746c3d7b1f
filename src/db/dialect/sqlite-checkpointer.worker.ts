// The WAL checkpointer thread of a server's SQLite database (see sqlite-checkpointer.ts). Its own
// connection never writes rows: it copies committed pages from the write-ahead log into the
// database file whenever another connection has committed since its last look.
import { parentPort, workerData } from 'node:worker_threads';
import SqliteDatabase from 'better-sqlite3';
import type { CheckpointerOptions, CheckpointerReport } from './sqlite-checkpointer.js';

const { file, intervalMs } = workerData as CheckpointerOptions;
const database = new SqliteDatabase(file);
database.pragma('busy_timeout = 1000');

let seenVersion = -1;
setInterval(() => {
  try {
    // Changes whenever another connection commits: an idle server checkpoints nothing.
    const version = database.pragma('data_version', { simple: true }) as number;
    if (version === seenVersion) return;
    seenVersion = version;
    database.pragma('wal_checkpoint(PASSIVE)');
    parentPort?.postMessage({ checkpointed: true } satisfies CheckpointerReport);
  } catch (error) {
    // The writer's own automatic checkpoint still runs: report and try again next time.
    parentPort?.postMessage({
      error: error instanceof Error ? error.message : String(error),
    } satisfies CheckpointerReport);
  }
}, intervalMs);
