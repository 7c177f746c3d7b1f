import { expect, it } from 'vitest';
import { evidenceOf } from '../src/modules/compliance/evidence/index.js';
import { fixture as auditFixture, type Signed } from './audits-fixtures.js';
import { actOk, makeGroup, policy, raise, service, setPolicy } from './changes-fixtures.js';
import { describeEachDatabase, type TestContext } from './helpers/test-app.js';
import { code, publishedCourse } from './training-fixtures.js';

/** The figures of a management review's inputs refreshed over `period`, by input key. */
async function reviewInputs(
  ctx: TestContext,
  manager: { user: { id: string; name: string } },
  period: { from: string; to: string },
): Promise<Record<string, Record<string, unknown>>> {
  const chair = { id: manager.user.id, name: manager.user.name, role: 'manager' as const };
  const review = await ctx.services.managementReviews.create(chair, {
    title: `KPI cross-check ${code('r')}`,
    plannedOn: period.to,
    attendeeIds: [manager.user.id],
  });
  const refreshed = await ctx.services.managementReviews.refreshInputs(
    chair,
    review.id,
    review.version,
    period,
  );
  return Object.fromEntries((refreshed.inputs?.items ?? []).map((i) => [i.key, i.figures]));
}

describeEachDatabase('KPI engine: audit success and training completion', (get) => {
  it('gives the compliance audit success rate, open nonconformities and overdue actions as the audit programme and the live evidence do', async () => {
    const ctx = get();
    ctx.clock.set('2026-03-02T09:00:00Z');
    const manager = (await ctx.as('manager')) as Signed;
    const auditor = (await ctx.as('auditor')) as Signed;
    await auditFixture(ctx, manager, auditor);
    const march = { from: '2026-03-01', to: '2026-03-31' };
    const kpi = await auditor.get('/api/v1/kpis/compliance-audit-success-rate', { query: march });
    expect(kpi.status, kpi.text).toBe(200);
    // Two audits completed in March: 5 of 8 audited requirements without a major or minor NC.
    expect(kpi.body.current).toMatchObject({
      value: 62.5,
      count: 8,
      details: { audits: 2, conformingRequirements: 5 },
      targetValue: 100,
      status: 'off-track',
    });
    const summary = await ctx.services.auditProgramme.summary(ctx.services.db, march);
    expect(kpi.body.current.value).toBe(summary.successRate);
    const evidence = await evidenceOf(ctx.services.db, 'audits.programme', march, ctx.clock.now());
    expect(evidence.value).toBe(kpi.body.current.value);
    // The management review's inputs over the same period say the same.
    const inputs = await reviewInputs(ctx, manager, march);
    expect(inputs.audits).toMatchObject({
      successRate: kpi.body.current.value,
      auditedRequirements: kpi.body.current.count,
    });
    const open = await auditor.get('/api/v1/kpis/open-nonconformities', { query: march });
    expect(open.body.current).toMatchObject({
      value: summary.openNonconformities,
      status: 'off-track',
    });
    expect(summary.openNonconformities).toBe(3);
    const overdue = await auditor.get('/api/v1/kpis/overdue-corrective-actions', { query: march });
    expect(overdue.body.current.value).toBe(summary.overdueActions);
    // By month, each month computed by the audit programme's own rule.
    const series = await auditor.get('/api/v1/kpis/compliance-audit-success-rate/series', {
      query: { from: '2026-02-01', to: '2026-03-31', grain: 'month' },
    });
    expect(series.body.series[0].points).toMatchObject([
      { label: '2026-02', value: null, count: 0, status: 'unknown' },
      { label: '2026-03', value: 62.5, count: 8, status: 'off-track' },
    ]);
  });

  it('gives employee training completion with late and missed training, as the training module and the evidence do', async () => {
    const ctx = get();
    ctx.clock.set('2028-04-10T09:00:00.000Z');
    const manager = await ctx.as('manager');
    const p1 = await ctx.createUser('agent', { name: 'Kim On-Time' });
    const p2 = await ctx.createUser('agent', { name: 'Lou Late' });
    const courses: { id: string }[] = [];
    for (const title of ['KPI course A', 'KPI course B', 'KPI course C'])
      courses.push(await publishedCourse(manager, { title: `${title} ${code('c')}` }));
    const [a, b, c] = courses as [{ id: string }, { id: string }, { id: string }];
    const assign = async (
      userId: string,
      courseId: string,
      dueOn: string,
      completedOn?: string,
    ) => {
      const made = await manager.post('/api/v1/training/assignments', {
        userId,
        courseId,
        dueOn,
        mandatory: true,
      });
      expect(made.status, made.text).toBe(201);
      if (completedOn)
        expect(
          (
            await manager.post(`/api/v1/training/assignments/${made.body.id}/record`, {
              completedOn,
              note: 'Classroom session',
            })
          ).status,
        ).toBe(200);
    };
    await assign(p1.id, a.id, '2028-01-15', '2028-01-10'); // on time (January)
    await assign(p1.id, b.id, '2028-02-10', '2028-02-10'); // on time, on the day (February)
    await assign(p2.id, a.id, '2028-02-20', '2028-02-25'); // late (February)
    await assign(p2.id, c.id, '2028-03-15'); // never done (March)
    const q1 = { from: '2028-01-01', to: '2028-03-31' };
    const kpi = await manager.get('/api/v1/kpis/training-completion', { query: q1 });
    expect(kpi.body.current).toMatchObject({
      value: 50,
      count: 4,
      details: { completedOnTime: 2 },
      targetValue: 95,
      status: 'off-track',
    });
    const module = await manager.get('/api/v1/training/completion', { query: q1 });
    expect(module.body.rate).toBe(kpi.body.current.value);
    const evidence = await evidenceOf(ctx.services.db, 'training.records', q1, ctx.clock.now());
    expect(evidence.value).toBe(kpi.body.current.value);
    const inputs = await reviewInputs(ctx, manager, q1);
    expect(inputs.training).toMatchObject({ rate: kpi.body.current.value, due: 4 });
    const months = await manager.get('/api/v1/kpis/training-completion/series', {
      query: { ...q1, grain: 'month' },
    });
    expect(
      months.body.series[0].points.map((p: { value: number | null; count: number }) => [
        p.value,
        p.count,
      ]),
    ).toEqual([
      [100, 1],
      [50, 2],
      [0, 1],
    ]);
    // With a 2-point margin below 95 %, a 94 % figure would be at risk; 50 % is off track. The
    // threshold rule is the engine's, tested in src/modules/kpis/kpis.test.ts.
    const quarter = await manager.get('/api/v1/kpis/training-completion/series', {
      query: { ...q1, grain: 'quarter' },
    });
    expect(quarter.body.series[0].points).toMatchObject([
      { label: '2028-Q1', from: '2028-01-01', to: '2028-03-31', value: 50, count: 4 },
    ]);
  });
  it('gives the change success rate and the emergency change ratio', async () => {
    const ctx = get();
    ctx.clock.set('2026-07-01T08:00:00.000Z');
    const manager = await ctx.as('manager');
    const cab = await makeGroup(ctx, 'CAB', [manager.user.id]);
    const controlled = await service(ctx, 'Core stock system');
    await setPolicy(ctx, policy({ cab, ecab: cab, controlled: [controlled] }));
    const agent = await ctx.as('agent');
    const serviceId = await service(ctx, 'Email relay');
    const tpl = await manager.post('/api/v1/change-templates', {
      name: `Restart the relay ${code('t')}`,
      description: 'Routine restart.',
      serviceId,
      implementationPlan: 'Drain, restart, check the queue.',
      testPlan: 'Send a test mail.',
      backoutPlan: 'Fail over to the standby relay.',
      riskLevel: 'low',
    });
    expect(tpl.status, tpl.text).toBe(201);
    for (const closeCode of ['successful', 'backed_out', 'successful_with_issues']) {
      const change = await raise(
        agent,
        ctx,
        { type: 'standard', templateId: tpl.body.id, serviceIds: [serviceId] },
        [1, 2],
      );
      await actOk(agent, change, 'submit');
      await actOk(agent, change, 'start');
      await actOk(agent, change, 'complete');
      await actOk(agent, change, 'close', { closeCode, closeNotes: 'Done.' });
    }
    await raise(agent, ctx, { type: 'emergency', serviceIds: [serviceId] }, [1, 2]);
    const july = { from: '2026-07-01', to: '2026-07-31' };
    const success = await agent.get('/api/v1/kpis/change-success-rate', { query: july });
    // Two of the three closed changes succeeded (one with issues); one was backed out.
    expect(success.body.current).toMatchObject({ value: 66.7, count: 3, status: 'off-track' });
    const emergency = await agent.get('/api/v1/kpis/emergency-change-ratio', { query: july });
    // One of the four changes raised is an emergency change: 25 %, above the 10 % ceiling.
    expect(emergency.body.current).toMatchObject({ value: 25, count: 4, status: 'off-track' });
    const records = await agent.get('/api/v1/kpis/change-success-rate/records', { query: july });
    expect(
      records.body.items.map((r: { type: string; value: number }) => [r.type, r.value]),
    ).toEqual([
      ['change', 1],
      ['change', 0],
      ['change', 1],
    ]);
  });
});
