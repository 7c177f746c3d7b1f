import type { Command } from 'commander';
import { withServices } from '../context.js';
import { type ProgressBar, progressBar } from '../progress.js';

// `meridian kpi refresh|rebuild`: the KPI rollup's maintenance (docs/kpis.md, "Rollups"). The
// server refreshes the rollup by itself before it answers; these are for operators after a bulk
// change made behind its back (a restore without triggers) or to check it from scratch.
export function registerKpiCommands(program: Command) {
  const kpi = program.command('kpi').description('the KPI engine');
  const run = (what: 'refresh' | 'rebuild') => async () => {
    await withServices(async (services) => {
      const started = Date.now();
      let bar: ProgressBar | undefined;
      const days = await services.kpis.rollup[what]((done, total) => {
        bar ??= progressBar(total);
        bar.update(done);
      });
      bar?.done();
      process.stdout.write(
        `KPI rollup ${what === 'rebuild' ? 'rebuilt' : 'refreshed'}: ${days} day(s) recomputed in ${((Date.now() - started) / 1000).toFixed(1)} s.\n`,
      );
    });
  };
  kpi
    .command('refresh')
    .description('bring the KPI rollup up to date with the records written since its last refresh')
    .action(run('refresh'));
  kpi
    .command('rebuild')
    .description('recompute every cell of the KPI rollup from the records')
    .action(run('rebuild'));
}
