import { expect, it } from 'vitest';
import { actOk, LOW, makeGroup, policy, raise, setPolicy, vote } from './changes-fixtures.js';
import { insertService, insertTicket } from './helpers/notification-fixtures.js';
import { type Client, describeEachDatabase, type TestContext } from './helpers/test-app.js';

let n = 0;
const unique = (name: string) => `${name} ${++n}-${Math.random().toString(36).slice(2, 7)}`;
const at = (ctx: TestContext, hours: number) =>
  new Date(ctx.clock.now().getTime() + hours * 3_600_000).toISOString();

async function count(
  ctx: TestContext,
  table: 'releases' | 'release_criteria' | 'release_changes' | 'audit_events',
) {
  const row = await ctx.services.db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

async function plan(ctx: TestContext, manager: Client, extra: Record<string, unknown> = {}) {
  const serviceId = await insertService(ctx, { name: unique('Storefront') });
  const created = await manager.post('/api/v1/releases', {
    title: 'Storefront 24.11 – winter sales',
    type: 'major',
    versionLabel: '24.11.0',
    serviceId,
    plannedStart: at(ctx, 48),
    plannedEnd: at(ctx, 52),
    deploymentPlan: 'Blue/green switch.',
    rollbackPlan: 'Switch back to blue.',
    ...extra,
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  return { release: created.body, serviceId };
}

const etag = (v: number) => ({ headers: { 'if-match': `"${v}"` } });

async function current(client: Client, id: string) {
  return (await client.get(`/api/v1/releases/${id}`)).body;
}

async function move(
  client: Client,
  id: string,
  status: string,
  extra: Record<string, unknown> = {},
) {
  const release = await current(client, id);
  return client.post(
    `/api/v1/releases/${id}/transitions`,
    { status, ...extra },
    etag(release.version),
  );
}

async function moveOk(
  client: Client,
  id: string,
  status: string,
  extra: Record<string, unknown> = {},
) {
  const res = await move(client, id, status, extra);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
}

async function decide(client: Client, id: string, decision: string, comment?: string) {
  const release = await current(client, id);
  return client.post(
    `/api/v1/releases/${id}/decision`,
    { decision, ...(comment ? { comment } : {}) },
    etag(release.version),
  );
}

async function addCriterion(client: Client, id: string, description: string) {
  const res = await client.post(`/api/v1/releases/${id}/criteria`, { description });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.criteria.find((c: { description: string }) => c.description === description);
}

async function record(client: Client, id: string, criterion: { id: string }, result: string) {
  const release = await current(client, id);
  const now = release.criteria.find((c: { id: string }) => c.id === criterion.id);
  const res = await client.patch(
    `/api/v1/releases/${id}/criteria/${criterion.id}`,
    { result },
    etag(now.version),
  );
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
}

/** Walks a release to deploying with a go decision. */
async function toDeploying(client: Client, id: string) {
  await moveOk(client, id, 'building');
  await moveOk(client, id, 'testing');
  await moveOk(client, id, 'ready');
  const go = await decide(client, id, 'go', 'All green.');
  expect(go.status, JSON.stringify(go.body)).toBe(200);
  return moveOk(client, id, 'deploying');
}

describeEachDatabase('releases', (get) => {
  it('plans, builds, tests, decides, deploys and closes a release, with an audit trail and the board', async () => {
    const ctx = get();
    const manager = await ctx.as('manager');
    const { release, serviceId } = await plan(ctx, manager);
    expect(release).toMatchObject({
      number: expect.stringMatching(/^REL\d{7}$/),
      status: 'planning',
      type: 'major',
      versionLabel: '24.11.0',
      serviceId,
      managerId: manager.user.id,
      decision: null,
      version: 1,
      readiness: { criteriaTotal: 0, changesTotal: 0 },
    });
    const second = await plan(ctx, manager);
    expect(Number(second.release.number.slice(3))).toBe(Number(release.number.slice(3)) + 1);

    const patched = await manager.patch(
      `/api/v1/releases/${release.id}`,
      { versionLabel: '24.11.1', rollbackPlan: 'Feature flags off.' },
      etag(1),
    );
    expect(patched.status).toBe(200);
    expect(patched.headers.etag).toBe('"2"');
    expect(patched.body).toMatchObject({
      versionLabel: '24.11.1',
      rollbackPlan: 'Feature flags off.',
    });

    await moveOk(manager, release.id, 'building');
    await moveOk(manager, release.id, 'testing');
    const checkout = await addCriterion(manager, release.id, 'Checkout completes with every card');
    const load = await addCriterion(manager, release.id, 'p95 under 2 s');
    expect(checkout).toMatchObject({ result: 'not_run', testedBy: null, position: 1 });
    await record(manager, release.id, checkout, 'passed');
    const recorded = await record(manager, release.id, load, 'passed');
    expect(recorded.criteria[1]).toMatchObject({
      result: 'passed',
      testedBy: manager.user.id,
      testedAt: ctx.clock.now().toISOString(),
    });
    expect(recorded.readiness).toMatchObject({
      criteriaTotal: 2,
      criteriaPassed: 2,
      deployBlockers: [],
    });

    await moveOk(manager, release.id, 'ready');
    const go = await decide(manager, release.id, 'go', 'Ready before the freeze.');
    expect(go.body).toMatchObject({
      decision: 'go',
      decidedBy: manager.user.id,
      decidedAt: ctx.clock.now().toISOString(),
      decisionComment: 'Ready before the freeze.',
    });

    const board = await manager.get('/api/v1/releases/board', { query: { serviceId } });
    expect(board.status).toBe(200);
    const ready = board.body.columns.find((c: { status: string }) => c.status === 'ready');
    expect(ready.total).toBe(1);
    expect(ready.items[0]).toMatchObject({
      id: release.id,
      readiness: { criteriaPassed: 2, criteriaTotal: 2 },
    });
    expect(board.body.columns.find((c: { status: string }) => c.status === 'planning').total).toBe(
      0,
    );

    await moveOk(manager, release.id, 'deploying');
    const deployed = await moveOk(manager, release.id, 'deployed', {
      outcome: 'Deployed in 40 minutes.',
      outcomeResult: 'successful_with_issues',
    });
    expect(deployed).toMatchObject({
      status: 'deployed',
      deployedAt: ctx.clock.now().toISOString(),
      outcomeResult: 'successful_with_issues',
      outcome: 'Deployed in 40 minutes.',
    });
    const closed = await moveOk(manager, release.id, 'closed');
    expect(closed.closedAt).toBe(ctx.clock.now().toISOString());

    // A closed release is the record of what happened: nothing more changes.
    const late = await manager.post(`/api/v1/releases/${release.id}/criteria`, {
      description: 'Late',
    });
    expect(late.status).toBe(409);

    const list = await manager.get('/api/v1/releases', { query: { serviceId, status: 'closed' } });
    expect(list.body.items.map((r: { id: string }) => r.id)).toEqual([release.id]);
    const byNumber = await manager.get(`/api/v1/releases/${release.number}`);
    expect(byNumber.body.id).toBe(release.id);

    const auditor = await ctx.as('auditor');
    const audit = await auditor.get('/api/v1/audit-events', {
      query: { entity: `release:${release.id}`, limit: '100' },
    });
    expect(audit.status).toBe(200);
    const events = audit.body.items as {
      action: string;
      changes: Record<string, { to: unknown }>;
    }[];
    expect(events.map((e) => e.action)).toContain('create');
    const fields = events.flatMap((e) => Object.keys(e.changes));
    expect(fields).toEqual(
      expect.arrayContaining([
        'status',
        'decision',
        `criteria/${checkout.id}`,
        `criteria/${load.id}/result`,
      ]),
    );
  });

  it('refuses to mark a release deployed without passed acceptance criteria, and says why', async () => {
    const ctx = get();
    const manager = await ctx.as('manager');
    const { release } = await plan(ctx, manager);
    await toDeploying(manager, release.id);

    const none = await move(manager, release.id, 'deployed');
    expect(none.status).toBe(409);
    expect(none.headers['content-type']).toContain('application/problem+json');
    expect(none.body.code).toBe('INVALID_TRANSITION');
    expect(none.body.blockers.map((b: { code: string }) => b.code)).toEqual(['NO_CRITERIA']);

    const criterion = await addCriterion(manager, release.id, 'Checkout works');
    const notRun = await move(manager, release.id, 'deployed');
    expect(notRun.status).toBe(409);
    expect(notRun.body.blockers[0]).toMatchObject({
      code: 'CRITERIA_NOT_PASSED',
      items: ['Checkout works'],
    });

    await record(manager, release.id, criterion, 'failed');
    const failed = await move(manager, release.id, 'deployed');
    expect(failed.status).toBe(409);
    expect(failed.body.blockers[0].code).toBe('CRITERIA_NOT_PASSED');
    const other = await addCriterion(manager, release.id, 'Search works');
    await record(manager, release.id, other, 'passed');
    expect((await move(manager, release.id, 'deployed')).status).toBe(409);

    const still = await current(manager, release.id);
    expect(still).toMatchObject({ status: 'deploying', deployedAt: null });
    expect(still.readiness).toMatchObject({
      criteriaTotal: 2,
      criteriaPassed: 1,
      criteriaFailed: 1,
    });

    await record(manager, release.id, criterion, 'passed');
    expect((await moveOk(manager, release.id, 'deployed')).status).toBe('deployed');
  });

  it('refuses deployment while a linked change is not approved, and allows it once approved', async () => {
    const ctx = get();
    const manager = await ctx.as('manager');
    const requester = await ctx.as('agent');
    const owner = await ctx.as('agent');
    const cab = await makeGroup(ctx, 'CAB', [manager.user.id]);
    const changeService = await insertService(ctx, {
      name: unique('Checkout'),
      ownerId: owner.user.id,
    });
    await setPolicy(ctx, policy({ cab, ecab: cab }));
    const change = await raise(
      requester,
      ctx,
      { serviceIds: [changeService], riskAnswers: LOW },
      [30, 31],
    );

    const { release } = await plan(ctx, manager);
    const linked = await manager.post(`/api/v1/releases/${release.id}/changes`, {
      changeId: change.id,
    });
    expect(linked.status, JSON.stringify(linked.body)).toBe(200);
    expect(linked.body.changes).toEqual([
      expect.objectContaining({
        id: change.id,
        number: change.number,
        type: 'normal',
        approved: false,
      }),
    ]);
    expect(linked.body.readiness).toMatchObject({ changesTotal: 1, changesApproved: 0 });

    const criterion = await addCriterion(manager, release.id, 'Checkout works');
    await record(manager, release.id, criterion, 'passed');
    await toDeploying(manager, release.id);
    const blocked = await move(manager, release.id, 'deployed');
    expect(blocked.status).toBe(409);
    expect(blocked.body.blockers).toEqual([
      expect.objectContaining({ code: 'CHANGES_NOT_APPROVED', items: [change.number] }),
    ]);
    expect((await current(manager, release.id)).status).toBe('deploying');

    // The service owner approves the low-risk change: the gate opens.
    await actOk(requester, change, 'assess');
    await actOk(requester, change, 'submit');
    const approved = await vote(owner, change, 'approve', 'Fine by me.');
    expect(approved.status, JSON.stringify(approved.body)).toBe(200);
    expect(approved.body.approval).toBe('approved');
    const ready = await current(manager, release.id);
    expect(ready.changes[0].approved).toBe(true);
    expect(ready.readiness).toMatchObject({ changesApproved: 1, deployBlockers: [] });
    expect((await moveOk(manager, release.id, 'deployed')).status).toBe('deployed');
  });

  it('counts a standard change from a template as approved by construction', async () => {
    const ctx = get();
    const manager = await ctx.as('manager');
    const { release, serviceId } = await plan(ctx, manager);
    const template = await manager.post('/api/v1/change-templates', {
      name: unique('Restart the web tier'),
      serviceId,
      implementationPlan: 'Rolling restart.',
      backoutPlan: 'None needed.',
      riskLevel: 'low',
    });
    expect(template.status, JSON.stringify(template.body)).toBe(201);
    const change = await manager.post('/api/v1/changes', {
      type: 'standard',
      title: 'Restart the storefront web tier',
      templateId: template.body.id,
      plannedStart: at(ctx, 60),
      plannedEnd: at(ctx, 61),
    });
    expect(change.status, JSON.stringify(change.body)).toBe(201);
    const linked = await manager.post(`/api/v1/releases/${release.id}/changes`, {
      changeId: change.body.id,
    });
    expect(linked.body.changes[0]).toMatchObject({ type: 'standard', approved: true });
    expect(linked.body.readiness.deployBlockers.map((b: { code: string }) => b.code)).toEqual([
      'NO_CRITERIA',
    ]);
  });

  it('needs a go decision from a release manager before deployment; a no-go says why', async () => {
    const ctx = get();
    const manager = await ctx.as('manager');
    const { release } = await plan(ctx, manager);
    expect((await decide(manager, release.id, 'go')).status).toBe(409);
    await moveOk(manager, release.id, 'building');
    await moveOk(manager, release.id, 'testing');
    await moveOk(manager, release.id, 'ready');

    const noDecision = await move(manager, release.id, 'deploying');
    expect(noDecision.status).toBe(409);
    expect(noDecision.body.blockers[0].code).toBe('NO_GO_DECISION');
    expect(noDecision.body.errors[0].field).toBe('/decision');

    const silentNoGo = await decide(manager, release.id, 'no_go');
    expect(silentNoGo.status).toBe(400);
    expect(silentNoGo.body.errors[0].field).toBe('/comment');
    const noGo = await decide(
      manager,
      release.id,
      'no_go',
      'Payment provider maintenance that night.',
    );
    expect(noGo.status).toBe(200);
    expect((await move(manager, release.id, 'deploying')).status).toBe(409);

    // Back to testing: the decision belonged to the release as it was.
    const back = await moveOk(manager, release.id, 'testing');
    expect(back).toMatchObject({ decision: null, decidedBy: null });
    await moveOk(manager, release.id, 'ready');
    expect((await decide(manager, release.id, 'go', 'Maintenance moved.')).status).toBe(200);
    expect((await moveOk(manager, release.id, 'deploying')).status).toBe('deploying');
  });

  it('rolls back with an outcome and links the incidents that followed', async () => {
    const ctx = get();
    const manager = await ctx.as('manager');
    const { release, serviceId } = await plan(ctx, manager);
    const incident = await insertTicket(ctx, {
      requesterId: manager.user.id,
      serviceId,
      title: 'Promo codes rejected at checkout',
    });
    const request = await insertTicket(ctx, { requesterId: manager.user.id, type: 'request' });

    const early = await manager.post(`/api/v1/releases/${release.id}/incidents`, {
      ticket: incident.id,
    });
    expect(early.status).toBe(409);

    await toDeploying(manager, release.id);
    const silent = await move(manager, release.id, 'rolled_back');
    expect(silent.status).toBe(400);
    expect(silent.body.errors[0].field).toBe('/outcome');
    const rolled = await moveOk(manager, release.id, 'rolled_back', {
      outcome: 'Loyalty codes rejected; rolled back within 30 minutes.',
    });
    expect(rolled).toMatchObject({ status: 'rolled_back', outcomeResult: 'failed' });

    const linked = await manager.post(`/api/v1/releases/${release.id}/incidents`, {
      ticket: incident.number,
    });
    expect(linked.status, JSON.stringify(linked.body)).toBe(200);
    expect(linked.body.incidents).toEqual([
      expect.objectContaining({ id: incident.id, number: incident.number, title: incident.title }),
    ]);
    const wrong = await manager.post(`/api/v1/releases/${release.id}/incidents`, {
      ticket: request.id,
    });
    expect(wrong.status).toBe(400);
    expect(wrong.body.errors[0].field).toBe('/ticket');
    const missing = await manager.post(`/api/v1/releases/${release.id}/incidents`, {
      ticket: 'INC9999999',
    });
    expect(missing.status).toBe(400);
    const unlinked = await manager.delete(
      `/api/v1/releases/${release.id}/incidents/${incident.id}`,
    );
    expect(unlinked.body.incidents).toEqual([]);

    const replanned = await moveOk(manager, release.id, 'planning');
    expect(replanned).toMatchObject({ outcome: null, outcomeResult: null, decision: null });
  });

  it('lets staff read releases, only release managers change them, and requesters see nothing', async () => {
    const ctx = get();
    const manager = await ctx.as('manager');
    const { release, serviceId } = await plan(ctx, manager);
    const criterion = await addCriterion(manager, release.id, 'Checkout works');
    const agent = await ctx.as('agent');
    const auditor = await ctx.as('auditor');
    const requester = await ctx.as('requester');
    const before = {
      releases: await count(ctx, 'releases'),
      criteria: await count(ctx, 'release_criteria'),
      audit: await count(ctx, 'audit_events'),
    };

    for (const reader of [agent, auditor]) {
      expect((await reader.get(`/api/v1/releases/${release.id}`)).status).toBe(200);
      expect((await reader.get('/api/v1/releases/board')).status).toBe(200);
    }
    for (const path of [
      `/api/v1/releases/${release.id}`,
      '/api/v1/releases',
      '/api/v1/releases/board',
    ])
      expect((await requester.get(path)).status).toBe(403);

    for (const client of [agent, auditor, requester]) {
      const writes = [
        await client.post('/api/v1/releases', {
          title: 'Sneaky',
          type: 'minor',
          versionLabel: '1',
          serviceId,
        }),
        await client.patch(`/api/v1/releases/${release.id}`, { title: 'Renamed' }, etag(1)),
        await client.post(
          `/api/v1/releases/${release.id}/transitions`,
          { status: 'building' },
          etag(1),
        ),
        await client.post(`/api/v1/releases/${release.id}/decision`, { decision: 'go' }, etag(1)),
        await client.post(`/api/v1/releases/${release.id}/criteria`, { description: 'Mine' }),
        await client.patch(
          `/api/v1/releases/${release.id}/criteria/${criterion.id}`,
          { result: 'passed' },
          etag(1),
        ),
        await client.delete(`/api/v1/releases/${release.id}/criteria/${criterion.id}`),
      ];
      for (const res of writes) {
        expect(res.status).toBe(403);
        expect(res.body.code).toBe('FORBIDDEN');
      }
    }
    expect(await count(ctx, 'releases')).toBe(before.releases);
    expect(await count(ctx, 'release_criteria')).toBe(before.criteria);
    expect(await count(ctx, 'audit_events')).toBe(before.audit);
    expect(await current(manager, release.id)).toMatchObject({
      title: release.title,
      status: 'planning',
      version: 1,
      criteria: [expect.objectContaining({ result: 'not_run' })],
    });
  });

  it('answers bad input with a 4xx problem naming the field, and changes nothing', async () => {
    const ctx = get();
    const manager = await ctx.as('manager');
    const { release, serviceId } = await plan(ctx, manager);
    const before = {
      releases: await count(ctx, 'releases'),
      links: await count(ctx, 'release_changes'),
      audit: await count(ctx, 'audit_events'),
    };
    const base = { title: 'Storefront 25.1', type: 'minor', versionLabel: '25.1.0', serviceId };
    const cases: [Record<string, unknown>, string][] = [
      [{ ...base, title: '   ' }, '/title'],
      [{ ...base, serviceId: 'no-such-service' }, '/serviceId'],
      [{ ...base, type: 'huge' }, '/type'],
      [{ ...base, plannedStart: at(ctx, 5), plannedEnd: at(ctx, 4) }, '/plannedEnd'],
      [{ ...base, plannedStart: at(ctx, 5) }, '/plannedEnd'],
      [{ ...base, managerId: 'nobody' }, '/managerId'],
    ];
    for (const [body, field] of cases) {
      const res = await manager.post('/api/v1/releases', body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.body.errors.map((e: { field: string }) => e.field).join(' ')).toContain(
        field.replace('/', ''),
      );
    }
    const unknownChange = await manager.post(`/api/v1/releases/${release.id}/changes`, {
      changeId: 'no-such-change',
    });
    expect(unknownChange.status).toBe(400);
    expect(unknownChange.body.errors[0].field).toBe('/changeId');
    const jump = await move(manager, release.id, 'deployed');
    expect(jump.status).toBe(409);
    expect(jump.body.errors[0].field).toBe('/status');
    const stale = await manager.patch(
      `/api/v1/releases/${release.id}`,
      { title: 'Stale' },
      etag(7),
    );
    expect(stale.status).toBe(412);
    const unguarded = await manager.patch(`/api/v1/releases/${release.id}`, { title: 'Unguarded' });
    expect(unguarded.status).toBe(428);
    const window = await manager.patch(
      `/api/v1/releases/${release.id}`,
      { plannedEnd: at(ctx, 1) },
      etag(1),
    );
    expect(window.status).toBe(400);
    expect(window.body.errors[0].field).toBe('/plannedEnd');
    expect((await manager.get('/api/v1/releases/no-such-release')).status).toBe(404);

    expect(await count(ctx, 'releases')).toBe(before.releases);
    expect(await count(ctx, 'release_changes')).toBe(before.links);
    expect(await count(ctx, 'audit_events')).toBe(before.audit);
    expect(await current(manager, release.id)).toMatchObject({ title: release.title, version: 1 });
  });
});
