// The KPI rollup against the direct computation: after random writes to tickets, SLA clocks,
// surveys and the ticket trail — made straight in the database, as an import or a script would,
// so only the triggers can tell the rollup — every series of every ticket and survey measure,
// over random periods, grains, breakdowns and filters, must be the same from both sources.
import fc from 'fast-check';
import { expect, it } from 'vitest';
import { startRollupAlongside } from '../src/demo/rollup-alongside.js';
import { generateTickets } from '../src/demo/ticket-generator.js';
import type { Dimension, Grain, Period } from '../src/modules/kpis/kpis.js';
import { bucketsOf, dayNumber, dayString } from '../src/modules/kpis/kpis.js';
import {
  dimensionsOf,
  MEASURE_IDS,
  MEASURES,
  type MeasureId,
} from '../src/modules/kpis/measures.js';
import type { Cell, Filter } from '../src/modules/kpis/source.js';
import { systemActor } from '../src/shared/actor.js';
import { describeEachDatabase, type TestContext } from './helpers/test-app.js';
import { desk } from './kpis-fixtures.js';

const RECORD_MEASURES = MEASURE_IDS.filter((id) => MEASURES[id].kind !== 'figure');
const NOW = '2026-05-20T12:00:00.000Z';
const FIRST_DAY = dayNumber('2026-02-10') as number;
const LAST_DAY = dayNumber('2026-05-25') as number;

type Mutation =
  | { kind: 'resolve'; pick: number; hours: number }
  | { kind: 'reopen'; pick: number }
  | { kind: 'move'; pick: number; dimension: Dimension; choice: number }
  | { kind: 'relog'; pick: number; hours: number }
  | { kind: 'breach'; pick: number; hours: number | null }
  | { kind: 'answer'; pick: number; rating: number; hours: number }
  | { kind: 'more'; count: number; seed: number };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({
    kind: fc.constant('resolve'),
    pick: fc.nat(),
    hours: fc.integer({ min: -48, max: 400 }),
  }),
  fc.record({ kind: fc.constant('reopen'), pick: fc.nat() }),
  fc.record({
    kind: fc.constant('move'),
    pick: fc.nat(),
    dimension: fc.constantFrom<Dimension>('service', 'priority', 'group', 'organisation'),
    choice: fc.nat(),
  }),
  fc.record({
    kind: fc.constant('relog'),
    pick: fc.nat(),
    hours: fc.integer({ min: -300, max: 300 }),
  }),
  fc.record({
    kind: fc.constant('breach'),
    pick: fc.nat(),
    hours: fc.option(fc.integer({ min: 0, max: 200 }), { nil: null }),
  }),
  fc.record({
    kind: fc.constant('answer'),
    pick: fc.nat(),
    rating: fc.integer({ min: 1, max: 5 }),
    hours: fc.integer({ min: 1, max: 300 }),
  }),
  fc.record({ kind: fc.constant('more'), count: fc.integer({ min: 1, max: 30 }), seed: fc.nat() }),
) as fc.Arbitrary<Mutation>;

interface Query {
  measure: MeasureId;
  from: number;
  length: number;
  grain: Grain;
  by: number;
  filters: number[];
}

const query: fc.Arbitrary<Query> = fc.record({
  measure: fc.constantFrom(...RECORD_MEASURES),
  from: fc.integer({ min: FIRST_DAY - 10, max: LAST_DAY }),
  length: fc.integer({ min: 0, max: 120 }),
  grain: fc.constantFrom<Grain>('day', 'week', 'month', 'quarter'),
  by: fc.nat(),
  filters: fc.array(fc.nat(), { maxLength: 2 }),
});

const at = (base: string, hours: number) =>
  new Date(Date.parse(base) + hours * 3_600_000).toISOString();

async function applyMutation(
  ctx: TestContext,
  m: Mutation,
  choices: Record<Dimension, (string | null)[]>,
) {
  const db = ctx.services.db;
  const tickets = await db
    .selectFrom('tickets')
    .select(['id', 'created_at', 'resolved_at'])
    .orderBy('id')
    .execute();
  const ticket = tickets[('pick' in m ? m.pick : 0) % tickets.length];
  if (!ticket) return;
  switch (m.kind) {
    case 'resolve':
      await db
        .updateTable('tickets')
        .set({ resolved_at: at(ticket.created_at, m.hours), status: 'resolved', open: false })
        .where('id', '=', ticket.id)
        .execute();
      return;
    case 'reopen':
      await db.transaction().execute(async (trx) => {
        await trx
          .updateTable('tickets')
          .set({ resolved_at: null, closed_at: null, status: 'in_progress', open: true })
          .where('id', '=', ticket.id)
          .execute();
        await ctx.services.audit.record(trx, systemActor('test'), {
          action: 'reopen',
          entityType: 'ticket',
          entityId: ticket.id,
          changes: { status: { from: 'resolved', to: 'in_progress' } },
        });
      });
      return;
    case 'move': {
      const column = {
        service: 'service_id',
        priority: 'priority',
        group: 'group_id',
        organisation: 'organisation_id',
      } as const;
      const values = choices[m.dimension];
      const value = values[m.choice % values.length] ?? null;
      if (m.dimension === 'priority' && value === null) return;
      await db
        .updateTable('tickets')
        .set({ [column[m.dimension]]: value })
        .where('id', '=', ticket.id)
        .execute();
      return;
    }
    case 'relog':
      await db
        .updateTable('tickets')
        .set({ created_at: at(ticket.created_at, m.hours) })
        .where('id', '=', ticket.id)
        .execute();
      return;
    case 'breach':
      await db
        .updateTable('sla_clocks')
        .set({ breached_at: m.hours === null ? null : at(ticket.created_at, m.hours) })
        .where('subject_id', '=', ticket.id)
        .execute();
      return;
    case 'answer': {
      const surveys = await db
        .selectFrom('surveys')
        .select(['id', 'sent_at'])
        .orderBy('id')
        .execute();
      const survey = surveys[m.pick % Math.max(1, surveys.length)];
      if (!survey) return;
      await db
        .updateTable('surveys')
        .set({ answered_at: at(survey.sent_at, m.hours), rating: m.rating })
        .where('id', '=', survey.id)
        .execute();
      return;
    }
    case 'more':
      await generateTickets(ctx.services, { count: m.count, days: 60, seed: m.seed });
      return;
  }
}

/** The cells keyed by bucket and breakdown value, for an order-free comparison. */
const byKey = (cells: Cell[]) => new Map(cells.map((c) => [`${c.bucket}|${c.group}`, c.figure]));

function expectClose(
  actual: number | null | undefined,
  expected: number | null | undefined,
  what: string,
) {
  if (expected === null || expected === undefined) {
    expect(actual ?? null, what).toBeNull();
    return;
  }
  expect(actual, what).not.toBeNull();
  expect(Math.abs((actual as number) - expected), what).toBeLessThanOrEqual(
    1e-6 * Math.max(1, Math.abs(expected)),
  );
}

describeEachDatabase('KPI rollup', (get) => {
  it('agrees with the direct computation, for every measure, period, grain, breakdown and filter, after random writes', async () => {
    const ctx = get();
    const fixture = await desk(ctx);
    const system = systemActor('test');
    const stores = await Promise.all(
      ['Boutique Paris', 'Boutique Milan'].map((name) =>
        ctx.services.organisations.create(system, {
          name: `${name} ${Math.random()}`,
          kind: 'store',
        }),
      ),
    );
    for (const store of stores) await ctx.createUser('requester', { organisationId: store.id });
    await ctx.createUser('requester');
    ctx.clock.set(NOW);
    await generateTickets(ctx.services, { count: 250, days: 90, seed: 7 });
    const choices: Record<Dimension, (string | null)[]> = {
      service: [fixture.tills.id, fixture.web.id, null],
      priority: ['P1', 'P2', 'P3', 'P4'],
      group: [fixture.group.id, null],
      organisation: [...stores.map((s) => s.id), null],
    };
    const { direct, rolledUp } = ctx.services.kpis.sources;
    const db = ctx.services.db;

    await fc.assert(
      fc.asyncProperty(
        fc.array(mutation, { minLength: 1, maxLength: 8 }),
        fc.array(query, { minLength: 4, maxLength: 8 }),
        async (mutations, queries) => {
          for (const m of mutations) await applyMutation(ctx, m, choices);
          for (const q of queries) {
            const dims = dimensionsOf(q.measure);
            const by =
              q.by % (dims.length + 1) === dims.length
                ? null
                : (dims[q.by % (dims.length + 1)] as Dimension);
            const filter: Filter = {};
            for (const f of q.filters) {
              const dimension = dims[f % dims.length] as Dimension;
              const value =
                choices[dimension][Math.floor(f / dims.length) % choices[dimension].length];
              if (value) filter[dimension] = value;
            }
            const period: Period = { from: dayString(q.from), to: dayString(q.from + q.length) };
            const buckets = bucketsOf(period, q.grain);
            const what = JSON.stringify({ ...q, by, filter });
            const expected = byKey(await direct.series(db, q.measure, buckets, by, filter));
            const actual = byKey(await rolledUp.series(db, q.measure, buckets, by, filter));
            expect([...actual.keys()].sort(), what).toEqual([...expected.keys()].sort());
            for (const [key, figure] of expected) {
              const got = actual.get(key);
              expect(got?.count, `${what} ${key} count`).toBe(figure.count);
              expectClose(got?.value, figure.value, `${what} ${key} value`);
              for (const [name, value] of Object.entries(figure.statistics ?? {}))
                expectClose(got?.statistics?.[name as 'median'], value, `${what} ${key} ${name}`);
              for (const [name, value] of Object.entries(figure.details ?? {}))
                expectClose(got?.details?.[name], value, `${what} ${key} ${name}`);
            }
          }
        },
      ),
      { numRuns: 12, seed: 20261127, endOnFailure: true },
    );
  });

  const cells = (ctx: TestContext) =>
    ctx.services.db
      .selectFrom('kpi_cells')
      .selectAll()
      .orderBy('measure')
      .orderBy('variant')
      .orderBy('span')
      .orderBy('day')
      .orderBy('service_id')
      .orderBy('priority')
      .orderBy('group_id')
      .orderBy('organisation_id')
      .execute();

  /** A rebuild from scratch gives the cells the rollup has now. */
  async function expectRebuildAgrees(ctx: TestContext) {
    const refreshed = await cells(ctx);
    expect(refreshed.length).toBeGreaterThan(0);
    await ctx.services.kpis.rollup.rebuild();
    // Month cells were kept by adding each day's difference, so sums may differ in the last bits.
    const rebuilt = await cells(ctx);
    expect(rebuilt.length).toBe(refreshed.length);
    rebuilt.forEach((row, i) => {
      const before = refreshed[i] as typeof row;
      const { total, bins, ...exact } = row;
      const { total: totalBefore, bins: binsBefore, ...exactBefore } = before;
      expect(exact).toEqual(exactBefore);
      expectClose(total, totalBefore, `${row.measure} ${row.day} total`);
      const histogram = JSON.parse(bins ?? '{}') as Record<string, [number, number]>;
      const histogramBefore = JSON.parse(binsBefore ?? '{}') as Record<string, [number, number]>;
      expect(Object.keys(histogram).sort()).toEqual(Object.keys(histogramBefore).sort());
      for (const [bin, [count, sum]] of Object.entries(histogram)) {
        expect(count).toBe(histogramBefore[bin]?.[0]);
        expectClose(sum, histogramBefore[bin]?.[1], `${row.measure} ${row.day} bin ${bin}`);
      }
    });
  }

  it('is rebuilt from scratch to the same cells, and costs nothing to refresh when nothing changed', async () => {
    const ctx = get();
    await desk(ctx);
    await ctx.createUser('requester');
    ctx.clock.set(NOW);
    await generateTickets(ctx.services, { count: 120, days: 40, seed: 3 });
    expect(await ctx.services.kpis.rollup.refresh()).toBeGreaterThan(0);
    expect(await ctx.services.kpis.rollup.refresh()).toBe(0);
    await expectRebuildAgrees(ctx);
  });

  it('rolls up the settled days of a bulk load on another thread while the load goes on', async () => {
    const ctx = get();
    await desk(ctx);
    await ctx.createUser('requester');
    ctx.clock.set(NOW);
    const settled: string[] = [];
    const alongside = startRollupAlongside(ctx.config, ctx.services.kpis.rollup);
    await generateTickets(ctx.services, {
      count: 600,
      days: 60,
      seed: 11,
      batchSize: 100,
      onSettled: (day) => {
        settled.push(day);
        return alongside.settledBefore(day);
      },
    });
    // The batches settled the days in order, up to the last batch's first ticket.
    expect(settled.length).toBe(5);
    expect([...settled].sort()).toEqual(settled);
    expect(await alongside.finish()).toBeGreaterThan(30);
    // The thread left nothing for the ordinary refresh, and got the same cells as a rebuild.
    expect(await ctx.services.kpis.rollup.refresh()).toBe(0);
    await expectRebuildAgrees(ctx);
  });
});
