import { expect, it } from 'vitest';
import {
  act,
  actOk,
  HIGH,
  LOW,
  makeGroup,
  policy,
  raise,
  review,
  service,
  setPolicy,
} from './changes-fixtures.js';
import { actorFor, insertTicket } from './helpers/notification-fixtures.js';
import { describeEachDatabase, type TestContext } from './helpers/test-app.js';

async function count(ctx: TestContext, table: 'changes' | 'change_templates') {
  const row = await ctx.services.db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** A policy under which the given services are outside change control: no approval needed. */
async function uncontrolled(ctx: TestContext, extra: { customerFacing?: string[] } = {}) {
  const manager = await ctx.as('manager');
  const cab = await makeGroup(ctx, 'CAB', [manager.user.id]);
  const controlled = await service(ctx, 'Core banking');
  await setPolicy(ctx, policy({ cab, ecab: cab, controlled: [controlled], ...extra }));
}

async function template(ctx: TestContext, serviceId: string, riskLevel = 'low') {
  const manager = await ctx.as('manager');
  const created = await manager.post('/api/v1/change-templates', {
    name: `Restart the email relay ${Math.random()}`,
    description: 'Routine restart after patching.',
    serviceId,
    implementationPlan: 'Drain, restart, check the queue.',
    testPlan: 'Send a test mail.',
    backoutPlan: 'Fail over to the standby relay.',
    riskLevel,
  });
  expect(created.status).toBe(201);
  return created.body;
}

describeEachDatabase('changes', (get) => {
  it('runs a standard change from its template straight to scheduled, and closes it without a review', async () => {
    const ctx = get();
    await uncontrolled(ctx);
    const agent = await ctx.as('agent');
    const serviceId = await service(ctx, 'Email');
    const tpl = await template(ctx, serviceId);
    expect((await agent.post('/api/v1/change-templates', { ...tpl, name: 'x' })).status).toBe(400);
    expect(
      (
        await agent.post('/api/v1/change-templates', {
          name: 'Mine',
          implementationPlan: 'a',
          backoutPlan: 'b',
          riskLevel: 'low',
        })
      ).status,
    ).toBe(403);
    const change = await raise(
      agent,
      ctx,
      { type: 'standard', templateId: tpl.id, serviceIds: [serviceId] },
      [5, 6],
    );
    expect(change).toMatchObject({
      number: expect.stringMatching(/^CHG\d{7}$/),
      type: 'standard',
      templateId: tpl.id,
      riskLevel: 'low',
      reviewRequired: false,
      allowedActions: ['assess', 'submit', 'cancel'],
    });
    const scheduled = await actOk(agent, change, 'submit');
    expect(scheduled).toMatchObject({ status: 'scheduled', approval: 'not_required', steps: [] });
    await actOk(agent, change, 'start');
    await actOk(agent, change, 'complete');
    const closed = await actOk(agent, change, 'close', { closeCode: 'successful' });
    expect(closed).toMatchObject({
      status: 'closed',
      closeCode: 'successful',
      closedAt: expect.any(String),
    });
    const states = await ctx.services.changes.approvalStates(ctx.services.db, [
      change.id,
      'missing',
    ]);
    expect(states.get(change.id)).toMatchObject({ number: change.number, approved: true });
    expect(states.has('missing')).toBe(false);
    const audit = await agent.get('/api/v1/audit-events', {
      query: { entity: `change:${change.id}` },
    });
    expect(audit.body.items.map((e: { action: string }) => e.action).reverse()).toEqual([
      'create',
      'submit',
      'start',
      'complete',
      'close',
    ]);
  });

  it('requires the post-implementation review before closing a normal change', async () => {
    const ctx = get();
    const storefront = await service(ctx, 'Storefront');
    await uncontrolled(ctx, { customerFacing: [storefront] });
    const agent = await ctx.as('agent');
    const manager = await ctx.as('manager');
    const incident = await insertTicket(ctx, { requesterId: manager.user.id });
    const problem = await ctx.services.problems.create(actorFor(manager.user), {
      title: 'Checkout times out at peak',
    });
    const change = await raise(
      agent,
      ctx,
      {
        serviceIds: [storefront],
        riskAnswers: HIGH,
        incidentIds: [incident.id],
        problemIds: [problem.id],
      },
      [7, 8],
    );
    expect(change).toMatchObject({ major: true, underControl: false, reviewRequired: true });
    expect(change.incidents).toEqual([
      expect.objectContaining({ id: incident.id, number: incident.number }),
    ]);
    expect(change.problems).toEqual([
      {
        id: problem.id,
        number: problem.number,
        title: 'Checkout times out at peak',
        status: 'new',
      },
    ]);
    await actOk(agent, change, 'assess');
    expect((await actOk(agent, change, 'submit')).approval).toBe('not_required');
    await actOk(agent, change, 'start');
    expect((await review(agent, change)).status).toBe(409);
    await actOk(agent, change, 'complete');
    const early = await act(agent, change, 'close', { closeCode: 'failed' });
    expect(early.status).toBe(409);
    expect(early.body.errors[0].field).toBe('/review');
    const noCode = await act(agent, change, 'close');
    expect(noCode.status).toBe(400);
    expect(noCode.body.errors[0].field).toBe('/closeCode');
    const unknownIncident = await review(agent, change, { causedIncidentIds: ['nope'] });
    expect(unknownIncident.status).toBe(400);
    expect(unknownIncident.body.errors[0].field).toBe('/causedIncidentIds/0');
    const reviewed = await review(agent, change, {
      outcome: 'Checkout errors for ten minutes.',
      objectivesMet: false,
      lessons: 'Test with real card tokens.',
      causedIncidentIds: [incident.id],
    });
    expect(reviewed.status).toBe(200);
    expect(reviewed.body.review).toMatchObject({ objectivesMet: false, byId: agent.user.id });
    expect(reviewed.body.causedIncidents[0].number).toBe(incident.number);
    const closed = await actOk(agent, change, 'close', {
      closeCode: 'backed_out',
      closeNotes: 'Rolled back.',
    });
    expect(closed).toMatchObject({
      status: 'closed',
      closeCode: 'backed_out',
      closeNotes: 'Rolled back.',
    });
    expect((await act(agent, change, 'cancel')).status).toBe(409);
  });

  it('lists changes by risk level, as the change list filters them', async () => {
    const ctx = get();
    await uncontrolled(ctx);
    const agent = await ctx.as('agent');
    const serviceId = await service(ctx, 'Loyalty programme');
    const low = await raise(agent, ctx, { serviceIds: [serviceId], riskAnswers: LOW }, [30, 31]);
    const high = await raise(agent, ctx, { serviceIds: [serviceId], riskAnswers: HIGH }, [40, 41]);
    const listed = async (riskLevel: string) =>
      (await agent.get('/api/v1/changes', { query: { serviceId, riskLevel } })).body.items.map(
        (c: { id: string }) => c.id,
      );
    expect(await listed('high')).toEqual([high.id]);
    expect(await listed('low')).toEqual([low.id]);
    const bad = await agent.get('/api/v1/changes', { query: { riskLevel: 'extreme' } });
    expect(bad.status).toBe(400);
  });

  it('refuses bad input with a problem naming the field and changes nothing', async () => {
    const ctx = get();
    await uncontrolled(ctx);
    const agent = await ctx.as('agent');
    const serviceId = await service(ctx, 'POS');
    const before = await count(ctx, 'changes');
    const base = { type: 'normal', title: 'Till update', serviceIds: [serviceId] };
    const cases: [Record<string, unknown>, string, number][] = [
      [{ ...base, serviceIds: ['nope'] }, '/serviceIds/0', 400],
      [
        { ...base, riskAnswers: { customer_impact: 'perhaps' } },
        '/riskAnswers/customer_impact',
        400,
      ],
      [{ ...base, riskAnswers: { colour: 'red' } }, '/riskAnswers/colour', 400],
      [
        {
          ...base,
          plannedStart: '2026-03-05T10:00:00.000Z',
          plannedEnd: '2026-03-05T09:00:00.000Z',
        },
        '/plannedEnd',
        400,
      ],
      [{ ...base, plannedStart: '2026-03-05T10:00:00.000Z' }, '/plannedEnd', 400],
      [{ ...base, incidentIds: ['nope'] }, '/incidentIds/0', 400],
      [{ ...base, problemIds: ['nope'] }, '/problemIds/0', 400],
      [{ ...base, assigneeId: 'nope' }, '/assigneeId', 400],
      [{ ...base, title: '   ' }, '/title', 400],
      [{ ...base, type: 'standard' }, '/templateId', 400],
      [{ ...base, colour: 'red' }, '/colour', 400],
    ];
    for (const [body, field, status] of cases) {
      const res = await agent.post('/api/v1/changes', body);
      expect(res.status, JSON.stringify(body)).toBe(status);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.body.errors?.[0]?.field, JSON.stringify(res.body)).toBe(field);
    }
    expect(await count(ctx, 'changes')).toBe(before);

    const change = await raise(agent, ctx, { serviceIds: [serviceId], riskAnswers: LOW }, [9, 10]);
    expect((await agent.patch(`/api/v1/changes/${change.id}`, { title: 'x' })).status).toBe(428);
    const stale = await agent.patch(
      `/api/v1/changes/${change.id}`,
      { title: 'x' },
      { headers: { 'if-match': '"9"' } },
    );
    expect(stale.status).toBe(412);
    const submitEarly = await act(agent, change, 'submit');
    expect(submitEarly.status).toBe(409);
    await actOk(agent, change, 'assess');
    await actOk(agent, change, 'submit');
    const current = await agent.get(`/api/v1/changes/${change.id}`);
    const locked = await agent.patch(
      `/api/v1/changes/${change.id}`,
      { riskAnswers: HIGH },
      { headers: { 'if-match': current.headers.etag as string } },
    );
    expect(locked.status).toBe(409);
    expect(locked.body.errors[0].field).toBe('/riskAnswers');
    const after = await agent.get(`/api/v1/changes/${change.id}`);
    expect(after.body.riskAnswers).toEqual(LOW);
    expect(after.body.version).toBe(current.body.version);
  });

  it('computes trends: success rate, emergency ratio and changes causing incidents', async () => {
    const ctx = get();
    await uncontrolled(ctx);
    const manager = await ctx.as('manager');
    const a = await service(ctx, 'Trend A');
    const b = await service(ctx, 'Trend B');
    const tpl = await template(ctx, a);
    const [x, y] = [
      await insertTicket(ctx, { requesterId: manager.user.id }),
      await insertTicket(ctx, { requesterId: manager.user.id }),
    ];
    const at = (iso: string) => ({ plannedStart: iso, plannedEnd: iso.replace('T10', 'T11') });
    async function run(
      body: Record<string, unknown> & { serviceIds: string[] },
      when: string,
      closeCode: string | null,
      caused: string[] = [],
    ) {
      const c = await raise(manager, ctx, { ...body, ...at(when) });
      if (c.type === 'normal') await actOk(manager, c, 'assess');
      await actOk(manager, c, 'submit');
      if (!closeCode) return c;
      await actOk(manager, c, 'start');
      await actOk(manager, c, 'complete');
      if (c.type !== 'standard')
        expect((await review(manager, c, { causedIncidentIds: caused })).status).toBe(200);
      await actOk(manager, c, 'close', { closeCode });
      return c;
    }
    await run({ serviceIds: [a] }, '2030-01-10T10:00:00.000Z', 'successful');
    await run({ serviceIds: [a, b] }, '2030-01-12T10:00:00.000Z', 'failed', [x.id]);
    await run({ type: 'emergency', serviceIds: [b] }, '2030-02-03T10:00:00.000Z', 'backed_out', [
      y.id,
    ]);
    await run(
      { type: 'standard', templateId: tpl.id, serviceIds: [a] },
      '2030-02-05T10:00:00.000Z',
      'successful_with_issues',
    );
    await run({ serviceIds: [b] }, '2030-02-07T10:00:00.000Z', null);
    const cancelled = await raise(manager, ctx, {
      serviceIds: [a],
      ...at('2030-01-20T10:00:00.000Z'),
    });
    await actOk(manager, cancelled, 'cancel');

    const query = { from: '2030-01-01T00:00:00.000Z', to: '2030-03-01T00:00:00.000Z' };
    const byMonth = await manager.get('/api/v1/changes/trends', {
      query: { ...query, groupBy: 'month' },
    });
    expect(byMonth.status).toBe(200);
    expect(byMonth.body.totals).toEqual({
      total: 5,
      standard: 1,
      normal: 3,
      emergency: 1,
      closed: 4,
      successful: 2,
      failed: 2,
      successRate: 0.5,
      emergencyRatio: 0.2,
      causingIncidents: 2,
      incidentRate: 0.5,
    });
    expect(
      byMonth.body.groups.map((g: { key: string; total: number; successRate: number }) => [
        g.key,
        g.total,
        g.successRate,
      ]),
    ).toEqual([
      ['2030-01', 2, 0.5],
      ['2030-02', 3, 0.5],
    ]);
    const byService = await manager.get('/api/v1/changes/trends', {
      query: { ...query, groupBy: 'service' },
    });
    const row = (id: string) => byService.body.groups.find((g: { key: string }) => g.key === id);
    expect(row(a)).toMatchObject({
      total: 3,
      closed: 3,
      successful: 2,
      successRate: 0.6667,
      causingIncidents: 1,
      emergencyRatio: 0,
    });
    expect(row(b)).toMatchObject({
      total: 3,
      closed: 2,
      successful: 0,
      successRate: 0,
      emergency: 1,
      causingIncidents: 2,
      incidentRate: 1,
    });
    const bad = await manager.get('/api/v1/changes/trends', {
      query: { from: query.to, to: query.from },
    });
    expect(bad.status).toBe(400);
    expect(
      (await (await ctx.as('requester')).get('/api/v1/changes/trends', { query })).status,
    ).toBe(403);
  });
});
