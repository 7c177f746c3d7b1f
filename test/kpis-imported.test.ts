// Imported history counts in the KPIs over its own dates (issue 9): the source's SLA verdict in
// the SLA attainment, its reopenings and reassignments in the reopen and first-contact rates, its
// dates in the delivery time and the incident counts — through the rollup as through the direct
// computation.
import { expect, it } from 'vitest';
import type { ImportedTicket } from '../src/modules/imports/core/index.js';
import { runTicketImport } from '../src/modules/imports/core/index.js';
import { systemActor } from '../src/shared/actor.js';
import { describeEachDatabase } from './helpers/test-app.js';

const MARCH_2016 = { from: '2016-03-01', to: '2016-03-31' };

function incident(n: number, overrides: Partial<ImportedTicket>): ImportedTicket {
  return {
    kind: 'ticket',
    sourceKey: `kpi-import-test:INC${n}`,
    sourceNumber: `INC${n}`,
    type: 'incident',
    title: `Imported incident ${n}`,
    description: 'From the old tool',
    status: 'closed',
    impact: 2,
    urgency: 2,
    priority: 'P3',
    group: 'Old tool service desk',
    assignee: { name: 'Old tool agent' },
    createdAt: '2016-03-01T10:00:00Z',
    resolvedAt: '2016-03-01T14:00:00Z',
    closedAt: '2016-03-03T10:00:00Z',
    slaMet: true,
    history: [],
    rows: { first: n + 1, last: n + 1 },
    ...overrides,
  };
}

async function* stream(items: ImportedTicket[]) {
  for (const item of items) yield item;
}

describeEachDatabase('KPIs over imported history', (get) => {
  it('counts imported incidents with the source’s SLA verdict, reopenings and reassignments, over their own dates', async () => {
    const ctx = get();
    const report = await runTicketImport(
      ctx.services,
      { source: 'kpi-import-test', dryRun: false, actor: systemActor('test') },
      stream([
        incident(1, {}),
        incident(2, { slaMet: false, resolvedAt: '2016-03-02T10:00:00Z' }),
        incident(3, {
          reopenCount: 1,
          history: [
            { at: '2016-03-01T10:00:00Z', kind: 'opened', status: 'new' },
            { at: '2016-03-01T12:00:00Z', kind: 'resolved', status: 'resolved' },
            { at: '2016-03-01T13:00:00Z', kind: 'reopened', status: 'in_progress' },
            { at: '2016-03-01T14:00:00Z', kind: 'resolved', status: 'resolved' },
          ],
        }),
        incident(4, {
          slaMet: null,
          history: [
            {
              at: '2016-03-01T10:05:00Z',
              kind: 'assigned',
              status: 'assigned',
              group: 'Old tool service desk',
              assignee: 'Old tool agent',
            },
            {
              at: '2016-03-01T11:00:00Z',
              kind: 'assigned',
              status: 'assigned',
              group: 'Old tool network team',
              assignee: 'Old tool engineer',
            },
          ],
        }),
      ]),
    );
    expect(report.errors).toEqual([]);
    const manager = await ctx.as('manager');
    const value = async (key: string) => {
      const res = await manager.get(`/api/v1/kpis/${key}`, { query: MARCH_2016 });
      expect(res.status, res.text).toBe(200);
      return res.body.current as { value: number | null; count: number };
    };
    // Three verdicts (one unknown): met, missed, met.
    expect(await value('sla-resolution-attainment')).toMatchObject({ value: 66.7, count: 3 });
    expect(await value('incidents-per-service')).toMatchObject({ value: 4, count: 4 });
    // One of four reopened; the reopened one and the reassigned one were not first contact.
    expect(await value('reopen-rate')).toMatchObject({ value: 25, count: 4 });
    expect(await value('first-contact-resolution')).toMatchObject({ value: 50, count: 4 });
    // No calendar of ours: elapsed hours, 4, 24, 4 and 4.
    expect(await value('mean-time-to-resolve')).toMatchObject({ value: 9, count: 4 });

    const { direct, rolledUp } = ctx.services.kpis.sources;
    for (const measure of [
      'sla-resolution-attainment',
      'reopen-rate',
      'first-contact-resolution',
    ] as const)
      expect(await rolledUp.figure(ctx.services.db, measure, MARCH_2016, {})).toEqual(
        await direct.figure(ctx.services.db, measure, MARCH_2016, {}),
      );
  });
});
