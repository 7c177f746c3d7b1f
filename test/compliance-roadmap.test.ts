import { expect, it } from 'vitest';
import { makeGroup } from './changes-fixtures.js';
import { describeEachDatabase, type TestContext } from './helpers/test-app.js';

type Item = { id: string; number: string; version: number; clause: string; taskIds: string[] };
type Client = Awaited<ReturnType<TestContext['as']>>;

async function assessment(manager: Client, title: string) {
  const created = await manager.post('/api/v1/compliance/assessments', { title });
  expect(created.status).toBe(201);
  return created.body;
}

async function assess(
  manager: Client,
  assessmentId: string,
  item: Item,
  patch: Record<string, unknown>,
) {
  const res = await manager.patch(
    `/api/v1/compliance/assessments/${assessmentId}/items/${item.id}`,
    patch,
    {
      headers: { 'if-match': `"${item.version}"` },
    },
  );
  expect(res.status, res.text).toBe(200);
  return res.body;
}

const phaseId = 'phase-implementation';

describeEachDatabase('compliance roadmap', (get) => {
  it('lets agents and auditors read but not write, and keeps requesters out', async () => {
    const ctx = get();
    const manager = await ctx.as('manager');
    const a = await assessment(manager, 'Permissions');
    const agent = await ctx.as('agent');
    const auditor = await ctx.as('auditor');
    const requester = await ctx.as('requester');
    for (const reader of [agent, auditor]) {
      expect((await reader.get(`/api/v1/compliance/assessments/${a.id}`)).status).toBe(200);
      expect((await reader.get('/api/v1/compliance/roadmap')).status).toBe(200);
      const write = await reader.post('/api/v1/compliance/assessments', { title: 'Mine' });
      expect(write.status).toBe(403);
      expect(write.body.code).toBe('FORBIDDEN');
      const item = await reader.patch(
        `/api/v1/compliance/assessments/${a.id}/items/${a.items[0].id}`,
        { conformity: 'conforming' },
        { headers: { 'if-match': '"1"' } },
      );
      expect(item.status).toBe(403);
      expect(
        (await reader.post('/api/v1/compliance/roadmap/tasks', { title: 'x', phaseId })).status,
      ).toBe(403);
      expect(
        (await reader.post(`/api/v1/compliance/assessments/${a.id}/gaps-to-tasks`, {})).status,
      ).toBe(403);
    }
    for (const url of [
      '/api/v1/compliance/library',
      '/api/v1/compliance/assessments',
      `/api/v1/compliance/assessments/${a.id}`,
      '/api/v1/compliance/roadmap',
      '/api/v1/compliance/evidence/complaints',
      `/api/v1/compliance/assessments/${a.id}/report.pdf`,
      '/api/v1/compliance/roadmap.xlsx',
    ])
      expect((await requester.get(url)).status, url).toBe(403);
    const unchanged = await manager.get(`/api/v1/compliance/assessments/${a.id}`);
    expect(unchanged.body.items[0]).toMatchObject({ conformity: 'not_assessed', version: 1 });
  });

  it('turns gaps into roadmap tasks in one action, linked both ways, once', async () => {
    const ctx = get();
    const manager = await ctx.as('manager');
    const a = await assessment(manager, 'Gaps');
    // Everything conforms at target, except two requirements.
    const byNumber = new Map<string, Item>(a.items.map((i: Item) => [i.number, i]));
    for (const item of a.items as Item[]) {
      if (item.number === '8.6.1' || item.number === '7.5.1') continue;
      await assess(manager, a.id, item, { conformity: 'conforming', maturity: 3 });
    }
    await assess(manager, a.id, byNumber.get('8.6.1') as Item, {
      conformity: 'conforming',
      maturity: 2,
      ownerId: manager.user.id,
      dueDate: '2027-01-31',
    });
    await assess(manager, a.id, byNumber.get('7.5.1') as Item, {
      conformity: 'nonconforming',
      maturity: 1,
    });
    const res = await manager.post(`/api/v1/compliance/assessments/${a.id}/gaps-to-tasks`, {});
    expect(res.status, res.text).toBe(200);
    expect(res.body.alreadyPlanned).toBe(0);
    expect(
      res.body.created.map((t: { requirementNumbers: string[] }) => t.requirementNumbers[0]).sort(),
    ).toEqual(['7.5.1', '8.6.1']);
    const incidentTask = res.body.created.find(
      (t: { requirementNumbers: string[] }) => t.requirementNumbers[0] === '8.6.1',
    );
    expect(incidentTask).toMatchObject({
      number: expect.stringMatching(/^RMT\d{7}$/),
      phaseId,
      ownerId: manager.user.id,
      dueDate: '2027-01-31',
      status: 'not_started',
      gapItemIds: [byNumber.get('8.6.1')?.id],
    });
    expect(incidentTask.title).toContain('8.6.1');
    const after = await manager.get(`/api/v1/compliance/assessments/${a.id}`);
    const item = after.body.items.find((i: Item) => i.number === '8.6.1');
    expect(item.taskIds).toEqual([incidentTask.id]);
    const again = await manager.post(`/api/v1/compliance/assessments/${a.id}/gaps-to-tasks`, {});
    expect(again.body).toMatchObject({ created: [], alreadyPlanned: 2 });
  });

  it('plans tasks with RACI, dates and dependencies, refusing cycles, and flags overdue ones', async () => {
    const ctx = get();
    ctx.clock.set('2026-11-27T09:00:00Z');
    const manager = await ctx.as('manager');
    const agent = await ctx.as('agent');
    const ws = await manager.post('/api/v1/compliance/roadmap/workstreams', {
      name: `Documentation ${Math.random()}`,
      leadId: manager.user.id,
    });
    expect(ws.status).toBe(201);
    const create = (body: Record<string, unknown>) =>
      manager.post('/api/v1/compliance/roadmap/tasks', {
        phaseId: 'phase-framework',
        workstreamId: ws.body.id,
        ...body,
      });
    const policy = await create({
      title: 'Write the service management policy',
      ownerId: manager.user.id,
      raci: {
        responsible: [agent.user.id],
        accountable: [manager.user.id],
        consulted: [],
        informed: [agent.user.id],
      },
      startDate: '2026-10-01',
      dueDate: '2026-11-15',
      status: 'in_progress',
      percentComplete: 60,
      effortDays: 5,
      requirementNumbers: ['5.2'],
    });
    expect(policy.status, policy.text).toBe(201);
    expect(policy.body).toMatchObject({
      overdue: true,
      percentComplete: 60,
      raci: { responsible: [agent.user.id] },
    });
    const approve = await create({
      title: 'Approve the policy',
      milestone: true,
      dependsOn: [policy.body.id],
      dueDate: '2026-12-15',
    });
    expect(approve.status).toBe(201);
    expect(approve.body).toMatchObject({
      overdue: false,
      milestone: true,
      dependsOn: [policy.body.id],
    });
    // policy → approve → policy would be a cycle.
    const cycle = await manager.patch(
      `/api/v1/compliance/roadmap/tasks/${policy.body.id}`,
      { dependsOn: [approve.body.id] },
      { headers: { 'if-match': `"${policy.body.version}"` } },
    );
    expect(cycle.status).toBe(400);
    expect(cycle.body.errors[0].field).toBe('/dependsOn');
    const self = await create({
      title: 'Bad dates',
      startDate: '2026-12-10',
      dueDate: '2026-12-01',
    });
    expect(self.status).toBe(400);
    expect(self.body.errors[0].field).toBe('/dueDate');
    const unknownUser = await create({ title: 'Bad RACI', raci: { consulted: ['nobody'] } });
    expect(unknownUser.status).toBe(400);
    expect(unknownUser.body.errors[0].field).toBe('/raci/consulted');
    const unchanged = await manager.get(`/api/v1/compliance/roadmap/tasks/${policy.body.id}`);
    expect(unchanged.body).toMatchObject({ dependsOn: [], version: 1 });
    const finished = await manager.patch(
      `/api/v1/compliance/roadmap/tasks/${policy.body.id}`,
      { status: 'done' },
      { headers: { 'if-match': '"1"' } },
    );
    expect(finished.body).toMatchObject({
      status: 'done',
      percentComplete: 100,
      overdue: false,
      completedAt: ctx.clock.now().toISOString(),
    });
    const mine = await agent.get('/api/v1/compliance/roadmap/tasks', { query: { mine: 'true' } });
    expect(mine.body.items.map((t: { id: string }) => t.id)).toEqual([policy.body.id]);

    // A RACI role may be a group: its members find the task among theirs.
    const auditor = await ctx.as('auditor');
    const office = await makeGroup(ctx, 'SMS office', [auditor.user.id]);
    const review = await create({
      title: 'Review the SMS plan',
      raciGroups: { responsible: [office] },
    });
    expect(review.status, review.text).toBe(201);
    expect(review.body.raciGroups).toEqual({
      responsible: [office],
      accountable: [],
      consulted: [],
      informed: [],
    });
    const theirs = await auditor.get('/api/v1/compliance/roadmap/tasks', {
      query: { mine: 'true' },
    });
    expect(theirs.body.items.map((t: { id: string }) => t.id)).toEqual([review.body.id]);
    const unknownGroup = await create({
      title: 'Bad group',
      raciGroups: { informed: ['nobody'] },
    });
    expect(unknownGroup.status).toBe(400);
    expect(unknownGroup.body.errors[0].field).toBe('/raciGroups/informed');
    const overdueNow = await manager.get('/api/v1/compliance/roadmap/tasks', {
      query: { overdue: 'true' },
    });
    expect(overdueNow.body.items.map((t: { id: string }) => t.id)).not.toContain(policy.body.id);
    const roadmap = await manager.get('/api/v1/compliance/roadmap');
    expect(roadmap.body.phases.map((p: { key: string }) => p.key)).toEqual([
      'assessment',
      'framework',
      'planning',
      'implementation',
    ]);
    expect(roadmap.body.tasks.map((t: { id: string }) => t.id)).toEqual(
      expect.arrayContaining([policy.body.id, approve.body.id]),
    );
  });

  it('freezes a closed assessment and compares two per clause with the change', async () => {
    const ctx = get();
    const manager = await ctx.as('manager');
    const base = await assessment(manager, 'Baseline');
    const five = base.items.filter((i: Item) => i.clause === '5');
    for (const item of five)
      await assess(manager, base.id, item, { conformity: 'partially_conforming', maturity: 1 });
    const closed = await manager.post(
      `/api/v1/compliance/assessments/${base.id}/close`,
      undefined,
      {
        headers: { 'if-match': `"${base.version}"` },
      },
    );
    expect(closed.status, closed.text).toBe(200);
    expect(closed.body.status).toBe('closed');
    const frozen = await manager.patch(
      `/api/v1/compliance/assessments/${base.id}/items/${five[0].id}`,
      { maturity: 5 },
      { headers: { 'if-match': '"2"' } },
    );
    expect(frozen.status).toBe(409);
    const current = await manager.post('/api/v1/compliance/assessments', {
      title: 'Now',
      copyFrom: base.id,
    });
    expect(current.status).toBe(201);
    const copied = current.body.items.filter((i: Item) => i.clause === '5');
    expect(copied[0]).toMatchObject({ conformity: 'partially_conforming', maturity: 1 });
    for (const item of copied)
      await assess(manager, current.body.id, item, { conformity: 'conforming', maturity: 3 });
    const compare = await manager.get('/api/v1/compliance/assessments/compare', {
      query: { base: base.id, current: current.body.id },
    });
    expect(compare.status, compare.text).toBe(200);
    const clause5 = compare.body.clauses.find((c: { clause: string }) => c.clause === '5');
    expect(clause5).toMatchObject({
      base: { conformity: 0.5, maturity: 1 },
      current: { conformity: 1, maturity: 3 },
      delta: { conformity: 0.5, maturity: 2 },
    });
    expect(compare.body.clauses.find((c: { clause: string }) => c.clause === '8').delta).toEqual({
      conformity: 0,
      maturity: 0,
    });
  });
});
