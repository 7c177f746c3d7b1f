import { expect, it } from 'vitest';
import { systemActor } from '../src/shared/actor.js';
import { describeEachDatabase, type TestContext } from './helpers/test-app.js';

const weekdays = (hours: [string, string][]) =>
  Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri'].map((d) => [d, hours]));

/** Runs every job that is due, as the workers would (they are off in tests). */
async function runJobs(ctx: TestContext) {
  let total = 0;
  for (let ran = -1; ran !== 0 && total < 10_000; total += ran)
    ran = await ctx.services.jobs.runDue(50);
  return total;
}

/** A desk: a calendar, a default SLA policy, a resolver group with an agent and its manager, a service. */
async function desk(ctx: TestContext) {
  const system = systemActor('test');
  ctx.clock.set('2026-06-01T07:00:00Z'); // Monday 09:00 in Paris
  const calendar = await ctx.services.calendars.create(system, {
    name: `Desk hours ${Math.random()}`,
    spec: { timeZone: 'Europe/Paris', week: weekdays([['09:00', '18:00']]) },
  });
  const policies = await ctx.services.policies.all();
  if (!policies.some((p) => p.name === 'Default'))
    await ctx.services.policies.create(system, {
      name: 'Default',
      order: 100,
      calendarId: calendar.id,
      targets: {
        first_response: {
          P1: { kind: 'minutes', minutes: 30 },
          P2: { kind: 'minutes', minutes: 60 },
          P3: { kind: 'minutes', minutes: 120 },
          P4: { kind: 'minutes', minutes: 240 },
        },
        resolution: {
          P1: { kind: 'minutes', minutes: 240 },
          P2: { kind: 'minutes', minutes: 480 },
          P3: { kind: 'minutes', minutes: 960 },
          P4: { kind: 'minutes', minutes: 1920 },
        },
      },
      thresholds: [75, 100],
      pauseOn: { first_response: ['on_hold'], resolution: ['on_hold'] },
    });
  const agent = await ctx.as('agent');
  const manager = await ctx.as('manager');
  const group = await ctx.services.groups.create(system, {
    name: `Storefront support ${Math.random()}`,
    managerId: manager.user.id,
    memberIds: [agent.user.id, manager.user.id],
  });
  const service = await ctx.services.catalogue.createService(system, {
    name: `Storefront ${Math.random()}`,
    status: 'live',
    ownerId: manager.user.id,
    defaultGroupId: group.id,
  });
  return { agent, manager, group, service, calendar };
}

describeEachDatabase('incidents', (get) => {
  it('runs an incident from the portal to closure with its clocks, timeline and search', async () => {
    const ctx = get();
    const { agent, group, service } = await desk(ctx);
    const requester = await ctx.as('requester');

    const raised = await requester.post('/api/v1/tickets', {
      type: 'incident',
      title: 'Checkout page shows an error on payment',
      description: 'Customers see "payment declined" with valid cards.',
      serviceId: service.id,
      category: 'payment',
      impact: 1,
      urgency: 2,
    });
    expect(raised.status).toBe(201);
    expect(raised.body).toMatchObject({
      number: expect.stringMatching(/^INC\d{7}$/),
      status: 'new',
      priority: 'P2',
      channel: 'portal',
      groupId: group.id,
      requesterId: requester.user.id,
    });
    const id = raised.body.id;

    // It is in the group's unassigned queue, with the resolution clock running.
    const unassigned = await agent.get('/api/v1/tickets?queue=unassigned');
    const row = unassigned.body.items.find((t: { id: string }) => t.id === id);
    expect(row).toMatchObject({
      requesterName: requester.user.name,
      sla: { state: 'running', breached: false },
    });

    // The agent takes it, acknowledges it (first response met), and replies.
    const taken = await agent.patch(
      `/api/v1/tickets/${id}`,
      { assigneeId: agent.user.id },
      { headers: { 'if-match': '"1"' } },
    );
    expect(taken.body.status).toBe('assigned');
    const working = await agent.post(
      `/api/v1/tickets/${id}/status`,
      { status: 'in_progress' },
      { headers: { 'if-match': `"${taken.body.version}"` } },
    );
    expect(working.status).toBe(200);
    expect(working.body.firstRespondedAt).not.toBeNull();
    await agent.post(`/api/v1/tickets/${id}/comments`, {
      visibility: 'internal',
      body: 'Acquirer returns code 05 since the 08:40 deploy.',
    });
    await agent.post(`/api/v1/tickets/${id}/comments`, {
      visibility: 'public',
      body: 'We are on it; the payment provider is involved.',
    });

    const detail = await agent.get(`/api/v1/tickets/${id}`);
    expect(
      detail.body.clocks.map((c: { clock: string; state: string }) => [c.clock, c.state]),
    ).toEqual([
      ['first_response', 'stopped'],
      ['resolution', 'running'],
    ]);

    // The requester sees the public reply and the status, never the internal note.
    const theirs = await requester.get(`/api/v1/tickets/${id}/timeline`);
    const bodies = theirs.body.map((e: { body: string | null }) => e.body).filter(Boolean);
    expect(bodies).toEqual(['We are on it; the payment provider is involved.']);
    const staffView = await agent.get(`/api/v1/tickets/${id}/timeline`);
    expect(staffView.body.filter((e: { kind: string }) => e.kind === 'comment')).toHaveLength(2);
    expect(staffView.body.some((e: { action: string | null }) => e.action === 'create')).toBe(true);

    // Search finds it by a word of the internal note for staff, not for the requester.
    const found = await agent.get('/api/v1/tickets/search?q=acquirer');
    expect(found.body.map((t: { id: string }) => t.id)).toEqual([id]);
    const hidden = await ctx.as('requester');
    expect((await hidden.get('/api/v1/tickets/search?q=acquirer')).body).toEqual([]);

    // Resolution needs a code and notes; then the requester may close it.
    const current = (await agent.get(`/api/v1/tickets/${id}`)).body;
    const incomplete = await agent.post(
      `/api/v1/tickets/${id}/status`,
      { status: 'resolved' },
      { headers: { 'if-match': `"${current.version}"` } },
    );
    expect(incomplete.status).toBe(400);
    expect(incomplete.body.errors[0].field).toBe('/resolutionCode');
    const resolved = await agent.post(
      `/api/v1/tickets/${id}/status`,
      {
        status: 'resolved',
        resolutionCode: 'solved',
        resolutionNotes: 'Rolled back the acquirer routing change.',
      },
      { headers: { 'if-match': `"${current.version}"` } },
    );
    expect(resolved.body).toMatchObject({ status: 'resolved', resolutionCode: 'solved' });
    const closed = await requester.post(
      `/api/v1/tickets/${id}/status`,
      { status: 'closed' },
      { headers: { 'if-match': `"${resolved.body.version}"` } },
    );
    expect(closed.body.status).toBe('closed');
    const after = await agent.get(`/api/v1/tickets/${id}`);
    expect(after.body.clocks.every((c: { state: string }) => c.state === 'stopped')).toBe(true);
  });

  it('pauses the clocks on hold, resumes them when the requester answers, and reopens within the window', async () => {
    const ctx = get();
    const { agent: firstAgent, service } = await desk(ctx);
    const firstRequester = await ctx.as('requester');
    let [agent, requester] = [firstAgent, firstRequester as typeof firstAgent];
    // Days pass in this test: sign in again, as people do, when sessions expire.
    const signInAgain = async () => {
      agent = Object.assign(await ctx.login(firstAgent.user.email), { user: firstAgent.user });
      requester = Object.assign(await ctx.login(firstRequester.user.email), {
        user: firstRequester.user,
      });
    };
    const t = (
      await requester.post('/api/v1/tickets', {
        type: 'incident',
        title: 'Boutique POS frozen',
        description: '',
        serviceId: service.id,
        category: 'hardware',
      })
    ).body;
    const v = (n: number) => ({ headers: { 'if-match': `"${n}"` } });

    const noReason = await agent.post(
      `/api/v1/tickets/${t.id}/status`,
      { status: 'on_hold' },
      v(1),
    );
    expect(noReason.status).toBe(400);
    expect(noReason.body.errors[0].field).toBe('/holdReason');
    const held = await agent.post(
      `/api/v1/tickets/${t.id}/status`,
      { status: 'on_hold', holdReason: 'awaiting_requester' },
      v(1),
    );
    expect(held.body.status).toBe('on_hold');
    let clocks = (await agent.get(`/api/v1/tickets/${t.id}`)).body.clocks;
    expect(clocks.map((c: { state: string }) => c.state)).toEqual(['paused', 'paused']);
    const before = clocks[1].elapsedMinutes;

    // Two business hours on hold do not count.
    ctx.clock.advance(2 * 3600_000);
    clocks = (await agent.get(`/api/v1/tickets/${t.id}`)).body.clocks;
    expect(clocks[1].elapsedMinutes).toBe(before);

    await requester.post(`/api/v1/tickets/${t.id}/comments`, {
      visibility: 'public',
      body: 'It restarted after a power cycle but froze again.',
    });
    const resumed = (await agent.get(`/api/v1/tickets/${t.id}`)).body;
    expect(resumed.status).toBe('in_progress');
    expect(resumed.clocks.map((c: { state: string }) => c.state)).toEqual(['running', 'running']);

    const resolved = await agent.post(
      `/api/v1/tickets/${t.id}/status`,
      {
        status: 'resolved',
        resolutionCode: 'workaround',
        resolutionNotes: 'Replaced the PIN pad cable.',
      },
      v(resumed.version),
    );
    expect(resolved.status).toBe(200);
    // Inside the window the requester reopens it, and the resolution clock runs again.
    ctx.clock.advance(24 * 3600_000);
    await signInAgain();
    const reopened = await requester.post(
      `/api/v1/tickets/${t.id}/status`,
      { status: 'in_progress' },
      v(resolved.body.version),
    );
    expect(reopened.body).toMatchObject({
      status: 'in_progress',
      resolvedAt: null,
      resolutionCode: null,
    });
    expect((await agent.get(`/api/v1/tickets/${t.id}`)).body.clocks[1].state).toBe('running');

    // After the window, reopening is refused and the ticket stays resolved.
    const again = await agent.post(
      `/api/v1/tickets/${t.id}/status`,
      { status: 'resolved', resolutionCode: 'solved', resolutionNotes: 'Replaced the terminal.' },
      v(reopened.body.version),
    );
    ctx.clock.advance(8 * 24 * 3600_000);
    await signInAgain();
    const late = await requester.post(
      `/api/v1/tickets/${t.id}/status`,
      { status: 'in_progress' },
      v(again.body.version),
    );
    expect(late.status).toBe(409);
    expect(late.body.code).toBe('REOPEN_WINDOW_PASSED');
    expect((await agent.get(`/api/v1/tickets/${t.id}`)).body.status).toBe('resolved');
  });

  it('announces a breach once, to the assignee and the group manager, and records it on the ticket', async () => {
    const ctx = get();
    const { agent, manager, service } = await desk(ctx);
    const t = (
      await agent.post('/api/v1/tickets', {
        type: 'incident',
        title: 'Payment gateway timeouts',
        description: 'p99 over 10 s',
        serviceId: service.id,
        category: 'payment',
        impact: 1,
        urgency: 1,
        assigneeId: agent.user.id,
      })
    ).body;
    expect(t.priority).toBe('P1');
    await runJobs(ctx);
    // P1 resolution: 240 business minutes. Past it, the breach fires once however often jobs run.
    ctx.clock.advance(5 * 3600_000);
    await runJobs(ctx);
    await runJobs(ctx);
    const history = (await agent.get(`/api/v1/tickets/${t.id}/timeline`)).body;
    const breaches = history.filter((e: { action: string | null }) => e.action === 'sla-breach');
    expect(
      breaches.map((e: { changes: Record<string, unknown> }) => Object.keys(e.changes)[0]).sort(),
    ).toEqual(['first_response', 'resolution']);
    const managerNotes = await ctx.services.db
      .selectFrom('notifications')
      .selectAll()
      .where('user_id', '=', manager.user.id)
      .where('subject_id', '=', t.id)
      .execute();
    const breachNotes = managerNotes.filter((n) => n.kind.includes('breach'));
    expect(breachNotes).toHaveLength(2);
    const list = await agent.get('/api/v1/tickets?queue=mine');
    expect(list.body.items.find((i: { id: string }) => i.id === t.id).sla.breached).toBe(true);
  });

  it('keeps a major-incident review with the incident, signed off by a reviewer', async () => {
    const ctx = get();
    const { agent, manager, service } = await desk(ctx);
    const t = (
      await agent.post('/api/v1/tickets', {
        type: 'incident',
        title: 'Storefront down in all regions',
        description: '',
        serviceId: service.id,
        category: 'software',
        impact: 1,
        urgency: 1,
      })
    ).body;
    const notMajor = await manager.request('PUT', `/api/v1/tickets/${t.id}/major-incident-review`, {
      body: { summary: 'x' },
      headers: { 'if-match': '"0"' },
    });
    expect(notMajor.status).toBe(409);
    await agent.patch(
      `/api/v1/tickets/${t.id}`,
      { majorIncident: true },
      { headers: { 'if-match': '"1"' } },
    );
    const unsigned = await manager.request('PUT', `/api/v1/tickets/${t.id}/major-incident-review`, {
      body: { summary: 'CDN certificate expired', signOff: true },
      headers: { 'if-match': '"0"' },
    });
    expect(unsigned.status).toBe(400);
    const written = await manager.request('PUT', `/api/v1/tickets/${t.id}/major-incident-review`, {
      body: {
        summary: 'CDN certificate expired',
        rootCause: 'Renewal job disabled during a migration',
        outageStart: '2026-06-01T07:10:00Z',
        outageEnd: '2026-06-01T08:05:00Z',
        signOff: true,
      },
      headers: { 'if-match': '"0"' },
    });
    expect(written.status).toBe(200);
    expect(written.body).toMatchObject({ version: 1, reviewedBy: manager.user.id });
    const requester = await ctx.as('requester');
    expect((await requester.get(`/api/v1/tickets/${t.id}/major-incident-review`)).status).toBe(403);
    expect(
      (await agent.get(`/api/v1/tickets/${t.id}/major-incident-review`)).body.rootCause,
    ).toMatch(/Renewal/);
  });

  it('lets a manager change the priority matrix, guarded by the settings version', async () => {
    const ctx = get();
    const { manager, agent, service } = await desk(ctx);
    const before = await manager.get('/api/v1/desk/settings');
    const matrix = { ...before.body.priorityMatrix, '3-3': 'P3' };
    const saved = await manager.patch(
      '/api/v1/desk/settings',
      { priorityMatrix: matrix },
      { headers: { 'if-match': `"${before.body.version}"` } },
    );
    expect(saved.status).toBe(200);
    expect(saved.body.version).toBe(before.body.version + 1);
    const stale = await manager.patch(
      '/api/v1/desk/settings',
      { reopenWindowDays: 3 },
      { headers: { 'if-match': `"${before.body.version}"` } },
    );
    expect(stale.status).toBe(412);
    const low = await agent.post('/api/v1/tickets', {
      type: 'incident',
      title: 'Typo on the size guide',
      description: '',
      serviceId: service.id,
      category: 'software',
      impact: 3,
      urgency: 3,
    });
    expect(low.body.priority).toBe('P3');
  });

  it('keeps requesters to their own tickets: another organisation’s ticket is a 404', async () => {
    const ctx = get();
    const { service } = await desk(ctx);
    const system = systemActor('test');
    const maison = await ctx.services.organisations.create(system, {
      name: `Maison ${Math.random()}`,
      kind: 'company',
    });
    const other = await ctx.services.organisations.create(system, {
      name: `Other ${Math.random()}`,
      kind: 'company',
    });
    const alice = await ctx.createUser('requester', { organisationId: maison.id });
    const bob = await ctx.createUser('requester', { organisationId: other.id });
    const aliceClient = await ctx.login(alice.email);
    const bobClient = await ctx.login(bob.email);
    const t = (
      await aliceClient.post('/api/v1/tickets', {
        type: 'incident',
        title: 'VPN down',
        description: '',
        serviceId: service.id,
        category: 'network',
      })
    ).body;

    const peek = await bobClient.get(`/api/v1/tickets/${t.id}`);
    expect(peek.status).toBe(404);
    expect((await bobClient.get(`/api/v1/tickets/${t.number}`)).status).toBe(404);
    expect(
      (
        await bobClient.post(`/api/v1/tickets/${t.id}/comments`, {
          visibility: 'public',
          body: 'me too',
        })
      ).status,
    ).toBe(404);
    expect((await bobClient.get('/api/v1/tickets')).body.items).toEqual([]);
    // Requesters never write internal notes or set the desk's fields.
    expect(
      (
        await aliceClient.post(`/api/v1/tickets/${t.id}/comments`, {
          visibility: 'internal',
          body: 'x',
        })
      ).status,
    ).toBe(403);
    expect(
      (
        await aliceClient.patch(
          `/api/v1/tickets/${t.id}`,
          { assigneeId: alice.id },
          { headers: { 'if-match': '"1"' } },
        )
      ).status,
    ).toBe(403);
    // The portal reads the desk's categories; only the desk's managers change the settings.
    const settings = await aliceClient.get('/api/v1/desk/settings');
    expect(settings.body.categories).toContain('network');
    const changed = await aliceClient.patch(
      '/api/v1/desk/settings',
      { reopenWindowDays: 30 },
      {
        headers: { 'if-match': `"${settings.body.version}"` },
      },
    );
    expect(changed.status).toBe(403);
    const auditor = await ctx.as('auditor');
    expect(
      (
        await auditor.post(
          `/api/v1/tickets/${t.id}/status`,
          { status: 'in_progress' },
          { headers: { 'if-match': '"1"' } },
        )
      ).status,
    ).toBe(403);
  });

  it('refuses invalid input naming the field, and writes nothing', async () => {
    const ctx = get();
    const { agent, service } = await desk(ctx);
    const count = async () =>
      Number(
        (
          await ctx.services.db
            .selectFrom('tickets')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const events = async () =>
      Number(
        (
          await ctx.services.db
            .selectFrom('audit_events')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const outsider = await ctx.createUser('requester');
    const [tickets0, events0] = [await count(), await events()];
    const cases: [unknown, string][] = [
      [{ type: 'incident', title: '', description: '' }, '/title'],
      [{ type: 'problem', title: 'x', description: '' }, '/type'],
      [{ type: 'incident', title: 'x', description: '', impact: 4 }, '/impact'],
      [{ type: 'incident', title: 'x', description: '', category: 'astrology' }, '/category'],
      [{ type: 'incident', title: 'x', description: '', serviceId: 'nope' }, '/serviceId'],
      [
        {
          type: 'incident',
          title: 'x',
          description: '',
          serviceId: service.id,
          assigneeId: outsider.id,
        },
        '/assigneeId',
      ],
    ];
    for (const [body, field] of cases) {
      const response = await agent.post('/api/v1/tickets', body);
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(JSON.stringify(response.body.errors ?? response.body.detail)).toContain(field);
    }
    expect([await count(), await events()]).toEqual([tickets0, events0]);
  });
});

describeEachDatabase('service requests', (get) => {
  it('runs a request through its form, two approvals and its fulfilment tasks', async () => {
    const ctx = get();
    const { agent, manager, group, service } = await desk(ctx);
    const system = systemActor('test');
    const requestType = await ctx.services.catalogue.createRequestType(system, {
      serviceId: service.id,
      name: 'New laptop',
      form: [
        {
          key: 'model',
          label: 'Model',
          kind: 'select',
          required: true,
          options: ['MacBook Air', 'ThinkPad X1'],
        },
        { key: 'neededBy', label: 'Needed by', kind: 'date', required: true },
      ],
      approvals: [{ kind: 'manager' }, { kind: 'service-owner' }],
      tasks: [
        { title: 'Order the laptop', groupId: group.id },
        { title: 'Image and hand over', groupId: group.id },
      ],
      instructions: 'Check stock in the Paris store room first.',
    });
    const boss = await ctx.as('manager');
    const employee = await ctx.createUser('requester');
    await ctx.services.users.update(system, employee.id, employee.version, {
      managerId: boss.user.id,
    });
    const requester = await ctx.login(employee.email);

    const missing = await requester.post('/api/v1/tickets', {
      type: 'request',
      title: 'Laptop',
      description: '',
      requestTypeId: requestType.id,
      formAnswers: { model: 'Commodore 64' },
    });
    expect(missing.status).toBe(400);
    expect(missing.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
      '/formAnswers/model',
      '/formAnswers/neededBy',
    ]);

    const raised = await requester.post('/api/v1/tickets', {
      type: 'request',
      title: 'Laptop for the new merchandiser',
      description: '',
      requestTypeId: requestType.id,
      formAnswers: { model: 'MacBook Air', neededBy: '2026-06-15' },
    });
    expect(raised.status).toBe(201);
    expect(raised.body).toMatchObject({
      number: expect.stringMatching(/^REQ/),
      status: 'on_hold',
      holdReason: 'awaiting_approval',
      serviceId: service.id,
    });
    const id = raised.body.id;
    let detail = (await agent.get(`/api/v1/tickets/${id}`)).body;
    expect(
      detail.approvals.map((a: { state: string; approverId: string }) => [a.state, a.approverId]),
    ).toEqual([
      ['pending', boss.user.id],
      ['waiting', manager.user.id],
    ]);
    expect(detail.tasks).toEqual([]);
    expect(detail.instructions).toBe('Check stock in the Paris store room first.');
    expect((await requester.get(`/api/v1/tickets/${id}`)).body.instructions).toBeNull();

    // The inbox shows the step to its approver only; the second approver cannot jump ahead.
    expect(
      (await boss.get('/api/v1/approvals')).body.map((a: { ticketId: string }) => a.ticketId),
    ).toContain(id);
    const early = await manager.post(`/api/v1/tickets/${id}/approvals/${detail.approvals[1].id}`, {
      decision: 'approve',
    });
    expect(early.status).toBe(409);
    const stranger = await agent.post(`/api/v1/tickets/${id}/approvals/${detail.approvals[0].id}`, {
      decision: 'approve',
    });
    expect(stranger.status).toBe(403);

    await boss.post(`/api/v1/tickets/${id}/approvals/${detail.approvals[0].id}`, {
      decision: 'approve',
      comment: 'Budgeted.',
    });
    const done = await manager.post(`/api/v1/tickets/${id}/approvals/${detail.approvals[1].id}`, {
      decision: 'approve',
    });
    expect(done.body.status).toBe('new');
    detail = (await agent.get(`/api/v1/tickets/${id}`)).body;
    expect(detail.tasks.map((t: { title: string; status: string }) => [t.title, t.status])).toEqual(
      [
        ['Order the laptop', 'open'],
        ['Image and hand over', 'open'],
      ],
    );

    // It cannot be resolved while a task is open.
    const early2 = await agent.post(
      `/api/v1/tickets/${id}/status`,
      { status: 'resolved', resolutionCode: 'fulfilled', resolutionNotes: 'Delivered.' },
      { headers: { 'if-match': `"${detail.version}"` } },
    );
    expect(early2.status).toBe(409);
    for (const task of detail.tasks)
      await agent.patch(`/api/v1/tickets/${id}/tasks/${task.id}`, { status: 'done' });
    const resolved = await agent.post(
      `/api/v1/tickets/${id}/status`,
      { status: 'resolved', resolutionCode: 'fulfilled', resolutionNotes: 'Delivered.' },
      { headers: { 'if-match': `"${detail.version}"` } },
    );
    expect(resolved.body.status).toBe('resolved');
  });

  it('lets requesters pick colleagues by name for a form, seeing names only', async () => {
    const ctx = get();
    const colleague = await ctx.createUser('agent', { name: 'Zoé Lefèvre-Picker' });
    const requester = await ctx.as('requester');
    const found = await requester.get('/api/v1/people', { query: { q: 'lefèvre-pick' } });
    expect(found.status).toBe(200);
    expect(found.body).toEqual([{ id: colleague.id, name: 'Zoé Lefèvre-Picker' }]);
    const byId = await requester.get(`/api/v1/people?ids=${colleague.id}`);
    expect(byId.body).toEqual([{ id: colleague.id, name: 'Zoé Lefèvre-Picker' }]);
    expect((await requester.get('/api/v1/users')).status).toBe(403);
    expect((await ctx.anonymous.get('/api/v1/people')).status).toBe(401);
  });

  it('ends a request its approver rejects', async () => {
    const ctx = get();
    const { manager, service } = await desk(ctx);
    const system = systemActor('test');
    const rt = await ctx.services.catalogue.createRequestType(system, {
      serviceId: service.id,
      name: 'Admin rights',
      form: [],
      approvals: [{ kind: 'service-owner' }],
      tasks: [],
    });
    const requester = await ctx.as('requester');
    const t = (
      await requester.post('/api/v1/tickets', {
        type: 'request',
        title: 'Admin on my PC',
        description: '',
        requestTypeId: rt.id,
      })
    ).body;
    const approval = (await manager.get(`/api/v1/tickets/${t.id}`)).body.approvals[0];
    const silent = await manager.post(`/api/v1/tickets/${t.id}/approvals/${approval.id}`, {
      decision: 'reject',
    });
    expect(silent.status).toBe(400);
    const rejected = await manager.post(`/api/v1/tickets/${t.id}/approvals/${approval.id}`, {
      decision: 'reject',
      comment: 'Not allowed by policy.',
    });
    expect(rejected.body).toMatchObject({ status: 'closed', resolutionCode: 'cancelled' });
    expect(rejected.body.resolutionNotes).toContain('Not allowed by policy.');
  });
});
