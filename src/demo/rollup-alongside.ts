// The KPI rollup of a bulk load, brought up to date while the load goes on. `meridian demo
// generate` writes history in order of time on one core, and refreshing the rollup of a million
// tickets afterwards cost another minute or more on that core. The generator tells a second thread
// which days are settled (no later ticket can date anything in them); that thread computes their
// cells, the costly part, with its own database connection on the machine's other core, and the
// main thread writes the results between its batches (a short write each). What is left when the
// load ends, the command's ordinary refresh does.
import { Worker } from 'node:worker_threads';
import type { SettledDay } from '../modules/kpis/rollup.js';
import type { Config } from '../server/config.js';
import type { Services } from '../server/services.js';
import { threadEntry } from '../shared/thread-entry.js';

/** What the main thread tells the rollup thread. */
export type RollupAlongsideMessage = { settledBefore: string; finish?: true };
/** What the rollup thread tells the main thread: days computed, or that it is done. */
export type RollupThreadMessage = { days: SettledDay[] } | { done: number };

/** A day after every day a load can write: "all days are settled". */
const END_OF_TIME = '9999-12-31';

export function startRollupAlongside(config: Config, rollup: Services['kpis']['rollup']) {
  const worker = new Worker(threadEntry(import.meta.url, 'rollup-alongside.worker'), {
    workerData: { config },
  });
  const ready: SettledDay[] = [];
  let applied = 0;
  const done = new Promise<number>((resolve, reject) => {
    worker.on('message', (message: RollupThreadMessage) => {
      if ('days' in message) ready.push(...message.days);
      else resolve(message.done);
    });
    worker.once('error', reject);
    worker.once('exit', (code) =>
      reject(new Error(`the rollup thread stopped before it was done (exit code ${code})`)),
    );
  });
  // Observed by finish(); until then a failed thread must not crash the load.
  done.catch(() => {});
  /** Writes the days the thread has computed so far. */
  async function apply() {
    const days = ready.splice(0);
    await rollup.applySettled(days);
    applied += days.length;
  }
  return {
    /** Every day before `day` is settled: the thread may compute it. Writes what it has computed. */
    async settledBefore(day: string) {
      worker.postMessage({ settledBefore: day } satisfies RollupAlongsideMessage);
      await apply();
    },
    /** The load is over: computes and writes every day left; resolves with how many in all. */
    async finish(): Promise<number> {
      worker.postMessage({
        settledBefore: END_OF_TIME,
        finish: true,
      } satisfies RollupAlongsideMessage);
      try {
        await done;
        await apply();
        // As after any bulk refresh: on PostgreSQL, millions of cleared log rows stay behind as
        // dead rows that every "anything to refresh?" would walk until a vacuum.
        await rollup.tidy();
        return applied;
      } finally {
        await worker.terminate();
      }
    },
  };
}
