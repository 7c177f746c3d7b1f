import { expect, it } from 'vitest';
import { DEMO_PASSWORD, seedDemo } from '../src/demo/demo.js';
import { describeEachDatabase } from './helpers/test-app.js';

type Item = { title: string; status: string; source: string; outcome: { after: string | null } };

describeEachDatabase('demo improvement register and management reviews', (get) => {
  it('shows a register from several sources and the review cycle', async () => {
    const ctx = get();
    const workspace = await seedDemo(ctx.services, { tickets: 300 });
    const manager = await ctx.login(workspace.users.manager?.email ?? '', DEMO_PASSWORD);

    const register = await manager.get('/api/v1/improvements', { query: { limit: '200' } });
    const items: Item[] = register.body.items;
    expect(items.length).toBeGreaterThanOrEqual(8);
    const sources = ['kpi', 'problem', 'complaint', 'survey', 'suggestion', 'management-review'];
    // The two opportunities for improvement of the internal audit, when the audits demo made them.
    if (workspace.auditFindings?.internalOfi1) sources.push('audit-finding');
    for (const source of sources) expect(items.map((i) => i.source)).toContain(source);
    for (const status of [
      'proposed',
      'approved',
      'in_progress',
      'implemented',
      'closed',
      'rejected',
    ])
      expect(items.map((i) => i.status)).toContain(status);
    const closed = items.filter((i) => i.status === 'closed');
    expect(closed).toHaveLength(2);
    expect(closed.every((i) => i.outcome.after)).toBe(true);
    expect(Object.keys(workspace.improvements ?? {})).toContain('passwordReset');

    const reviews = await manager.get('/api/v1/management-reviews');
    expect(reviews.body.items.map((r: { status: string }) => r.status)).toEqual([
      'planned',
      'closed',
    ]);
    const [next, previous] = reviews.body.items;
    expect(previous).toMatchObject({ openActions: 1, overdueActions: 1 });
    const held = await manager.get(`/api/v1/management-reviews/${previous.id}`);
    expect(held.body.decisions).toHaveLength(2);
    expect(held.body.actions.map((a: { status: string }) => a.status)).toEqual(['done', 'open']);
    expect(held.body.actions[1].improvements).toHaveLength(1);
    const planned = await manager.get(`/api/v1/management-reviews/${next.id}`);
    const inputs = planned.body.inputs;
    expect(inputs.items).toHaveLength(7);
    const actions = inputs.items.find((i: { key: string }) => i.key === 'previousActions');
    expect(actions.figures).toMatchObject({ open: 1, overdue: 1 });
    const delivery = inputs.items.find((i: { key: string }) => i.key === 'serviceDelivery');
    expect(delivery.figures.resolved).toBeGreaterThan(0);
  });
});
