// WAL checkpoints of a server's SQLite database, on a thread of their own. The writer's connection
// checkpoints by itself when the write-ahead log reaches `wal_autocheckpoint` pages: it copies
// every page of the log into the database file and syncs it, inside the COMMIT that crossed the
// limit, on the event loop that serves requests. At a million tickets those COMMITs took 20 to
// 700 ms, a tenth of the time of creating tickets. The checkpointer thread copies committed pages
// every few milliseconds on the machine's other core; when the writer's limit comes, little is
// left to copy, and the log starts over from its beginning as before (a log only another
// connection checkpoints never restarts while writes go on, and every read then searches a
// growing log index; that is why the writer keeps its own limit).
import { Worker } from 'node:worker_threads';
import { threadEntry } from '../../shared/thread-entry.js';

export interface CheckpointerOptions {
  file: string;
  /** How often the thread looks for new commits. */
  intervalMs: number;
}

/** What the thread tells its owner after each checkpoint. */
export type CheckpointerReport = { checkpointed: true } | { error: string };

export interface Checkpointer {
  /** Checkpoints run and failed so far (tests and metrics read them). */
  readonly stats: { checkpoints: number; failures: number; lastError: string | null };
  stop(): Promise<void>;
}

export function startCheckpointer(file: string, intervalMs = 100): Checkpointer {
  const stats = { checkpoints: 0, failures: 0, lastError: null as string | null };
  const worker = new Worker(threadEntry(import.meta.url, 'sqlite-checkpointer.worker'), {
    workerData: { file, intervalMs } satisfies CheckpointerOptions,
  });
  // The server must never wait for this thread to exit, nor stop because it failed: without it,
  // the writer's own checkpoints keep the log in bounds.
  worker.unref();
  worker.on('message', (report: CheckpointerReport) => {
    if ('error' in report) {
      stats.failures++;
      stats.lastError = report.error;
    } else {
      stats.checkpoints++;
    }
  });
  worker.on('error', (error) => {
    stats.failures++;
    stats.lastError = error.message;
  });
  return {
    stats,
    async stop() {
      await worker.terminate();
    },
  };
}
