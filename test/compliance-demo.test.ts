import { expect, it } from 'vitest';
import { DEMO_PASSWORD, seedDemo } from '../src/demo/demo.js';
import { describeEachDatabase } from './helpers/test-app.js';

describeEachDatabase('compliance demo programme', (get) => {
  it('seeds a closed baseline, a current assessment showing progress and a roadmap in flight', async () => {
    const ctx = get();
    const started = Date.now();
    const workspace = await seedDemo(ctx.services, { tickets: 150 });
    const manager = await ctx.login(workspace.users.manager?.email ?? '', DEMO_PASSWORD);
    const list = await manager.get('/api/v1/compliance/assessments');
    expect(list.body.items).toHaveLength(2);
    // Seeded at the same instant of the test clock: tell them apart by status.
    const base = list.body.items.find((a: { status: string }) => a.status === 'closed');
    const current = list.body.items.find((a: { status: string }) => a.status === 'open');
    expect(base).toMatchObject({ title: 'Baseline gap assessment', status: 'closed' });
    expect(current).toMatchObject({ status: 'open' });
    expect(current.overall.conformity).toBeGreaterThan(base.overall.conformity);
    const compare = await manager.get('/api/v1/compliance/assessments/compare', {
      query: { base: base.id, current: current.id },
    });
    for (const clause of compare.body.clauses)
      expect(clause.delta.conformity).toBeGreaterThanOrEqual(0);
    const evidence = await manager.get(`/api/v1/compliance/assessments/${current.id}/evidence`);
    const incidents = evidence.body.items.find((e: { number: string }) => e.number === '8.6.1');
    expect(incidents.live.exists).toBe(true);
    expect(incidents.linked[0].figure).toMatch(/^\d+ incidents?, /);
    const roadmap = await manager.get('/api/v1/compliance/roadmap');
    expect(roadmap.body.tasks.length).toBeGreaterThan(12);
    expect(
      roadmap.body.tasks.filter((t: { overdue: boolean }) => t.overdue).length,
    ).toBeGreaterThan(0);
    expect(
      roadmap.body.tasks.filter((t: { status: string }) => t.status === 'done').length,
    ).toBeGreaterThan(0);
    const report = await manager.get(`/api/v1/compliance/assessments/${current.id}/report.pdf`, {
      raw: true,
    });
    expect(report.status).toBe(200);
    console.log(`demo with compliance seeded and checked in ${Date.now() - started} ms`);
  });
});
