// The rollup thread of a bulk load (see rollup-alongside.ts). It only reads: for each settled day
// it is told of, it computes the day's cells and posts them to the main thread, which writes them
// between its batches (two writers on one SQLite file starve each other: the loader takes the
// lock again the moment it lets it go). Told the load is over, it computes the rest and ends.
import { parentPort, workerData } from 'node:worker_threads';
import { openDatabase } from '../db/database.js';
import { FAMILIES } from '../modules/kpis/rollup.js';
import type { Config } from '../server/config.js';
import { createServices } from '../server/services.js';
import type { RollupAlongsideMessage, RollupThreadMessage } from './rollup-alongside.js';

const port = parentPort;
if (!port) throw new Error('rollup-alongside.worker runs as a worker thread');
const { config } = workerData as { config: Config };
const post = (message: RollupThreadMessage) => port.postMessage(message);

let settledBefore = '';
let finishing = false;
let news = false;
let wake: (() => void) | null = null;
port.on('message', (message: RollupAlongsideMessage) => {
  settledBefore = message.settledBefore;
  if (message.finish) finishing = true;
  news = true;
  wake?.();
});

const database = openDatabase(config.database);
try {
  const { rollup } = createServices({ ...config, jobWorkers: false }, database).kpis;
  // The last day posted per family: the log keeps a day until the main thread has written it.
  const posted = new Map<string, string>(FAMILIES.map((family) => [family, '']));
  let days = 0;
  for (;;) {
    if (!news) await new Promise<void>((resolve) => (wake = resolve));
    wake = null;
    news = false;
    const last = finishing;
    for (const family of FAMILIES) {
      for (;;) {
        const range = { family, after: posted.get(family) ?? '', before: settledBefore };
        const computed = await rollup.computeSettled(range, 8);
        if (!computed.length) break;
        posted.set(family, computed[computed.length - 1]?.day ?? range.after);
        days += computed.length;
        post({ days: computed });
      }
    }
    if (last) {
      post({ done: days });
      break;
    }
  }
} finally {
  await database.destroy();
}
port.close();
