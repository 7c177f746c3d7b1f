import { expect, it } from 'vitest';
import { systemActor } from '../src/shared/actor.js';
import { describeEachDatabase, type TestContext } from './helpers/test-app.js';

const system = systemActor('test');

/** A service with an agent, and a way to raise incidents on it. */
async function desk(ctx: TestContext, name = 'Checkout') {
  const agent = await ctx.as('agent');
  const service = await ctx.services.catalogue.createService(system, {
    name: `${name} ${Math.random()}`,
    status: 'live',
  });
  const incident = async (
    title: string,
    extra: { description?: string; serviceId?: string | null; category?: string } = {},
  ) => {
    const created = await agent.post('/api/v1/tickets', {
      type: 'incident',
      title,
      description: extra.description ?? '',
      serviceId: extra.serviceId === undefined ? service.id : extra.serviceId,
      category: extra.category ?? 'payment',
    });
    expect(created.status).toBe(201);
    return created.body as { id: string; number: string };
  };
  return { agent, service, incident };
}

async function countRows(
  ctx: TestContext,
  table: 'problems' | 'problem_incidents' | 'audit_events',
): Promise<number> {
  const row = await ctx.services.db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

const ifMatch = (version: number) => ({ headers: { 'if-match': `"${version}"` } });

describeEachDatabase('problems', (get) => {
  it('raises a numbered problem and moves it to known error only with root cause and workaround', async () => {
    const ctx = get();
    const { agent, service } = await desk(ctx);
    const created = await agent.post('/api/v1/problems', {
      title: 'Payment timeouts at checkout',
      description: 'Card payments time out at peak.',
      serviceIds: [service.id],
      rcaMethod: 'five_whys',
    });
    expect(created.status).toBe(201);
    expect(created.headers.etag).toBe('"1"');
    const problem = created.body;
    expect(problem).toMatchObject({
      number: expect.stringMatching(/^PRB\d{7}$/),
      status: 'new',
      serviceIds: [service.id],
      incidentCount: 0,
      createdBy: agent.user.id,
    });
    const url = `/api/v1/problems/${problem.id}`;

    const investigating = await agent.post(
      `${url}/transitions`,
      { status: 'under_investigation' },
      ifMatch(1),
    );
    expect(investigating.status).toBe(200);
    expect(investigating.body.status).toBe('under_investigation');

    const noWorkaround = await agent.post(
      `${url}/transitions`,
      { status: 'known_error', rootCause: 'Gateway pool exhausted.' },
      ifMatch(2),
    );
    expect(noWorkaround.status).toBe(400);
    expect(noWorkaround.headers['content-type']).toContain('application/problem+json');
    expect(noWorkaround.body.errors).toEqual([
      { field: '/workaround', message: 'is required for a known error' },
    ]);
    expect((await agent.get(url)).body).toMatchObject({
      status: 'under_investigation',
      rootCause: null,
      version: 2,
    });

    ctx.clock.advance(60_000);
    const known = await agent.post(
      `${url}/transitions`,
      {
        status: 'known_error',
        rootCause: 'Gateway connection pool exhausted.',
        workaround: 'Retry the payment after 30 seconds.',
      },
      ifMatch(2),
    );
    expect(known.status).toBe(200);
    expect(known.body).toMatchObject({
      status: 'known_error',
      knownErrorAt: ctx.clock.now().toISOString(),
      version: 3,
    });

    // A known error cannot lose its workaround.
    const cleared = await agent.patch(url, { workaround: '' }, ifMatch(3));
    expect(cleared.status).toBe(400);
    expect(cleared.body.errors[0].field).toBe('/workaround');

    const stale = await agent.patch(url, { title: 'x' }, ifMatch(2));
    expect(stale.status).toBe(412);

    const skip = await agent.post(`${url}/transitions`, { status: 'closed' }, ifMatch(3));
    expect(skip.status).toBe(409);
    expect(skip.body.code).toBe('INVALID_TRANSITION');

    const resolved = await agent.post(`${url}/transitions`, { status: 'resolved' }, ifMatch(3));
    expect(resolved.body).toMatchObject({ status: 'resolved', resolvedAt: expect.any(String) });
    const reopened = await agent.post(
      `${url}/transitions`,
      { status: 'under_investigation' },
      ifMatch(4),
    );
    expect(reopened.body).toMatchObject({ status: 'under_investigation', resolvedAt: null });
    await agent.post(`${url}/transitions`, { status: 'resolved' }, ifMatch(5));
    const closed = await agent.post(`${url}/transitions`, { status: 'closed' }, ifMatch(6));
    expect(closed.body).toMatchObject({ status: 'closed', closedAt: expect.any(String) });
    const final = await agent.post(
      `${url}/transitions`,
      { status: 'under_investigation' },
      ifMatch(7),
    );
    expect(final.status).toBe(409);

    const audit = await agent.get('/api/v1/audit-events', {
      query: { entity: `problem:${problem.id}` },
    });
    expect(audit.body.items).toHaveLength(7);
  });

  it('links incidents both ways and refuses requests and unknown tickets', async () => {
    const ctx = get();
    const { agent, incident } = await desk(ctx);
    const a = await incident('Card payment timed out');
    const b = await incident('Payment spinner never ends');
    const problem = (
      await agent.post('/api/v1/problems', { title: 'Payment timeouts', incidentIds: [a.id] })
    ).body;
    expect(problem.incidentCount).toBe(1);
    const url = `/api/v1/problems/${problem.id}`;

    const linked = await agent.post(`${url}/incidents`, { ticketId: b.number });
    expect(linked.status).toBe(200);
    expect(linked.body.map((i: { number: string }) => i.number).sort()).toEqual(
      [a.number, b.number].sort(),
    );
    // Linking again changes nothing.
    expect((await agent.post(`${url}/incidents`, { ticketId: b.id })).body).toHaveLength(2);

    const ofTicket = await agent.get(`/api/v1/tickets/${b.id}/problems`);
    expect(ofTicket.status).toBe(200);
    expect(ofTicket.body.map((p: { number: string }) => p.number)).toEqual([problem.number]);
    expect(ofTicket.body[0].incidentCount).toBe(2);

    const request = await agent.post('/api/v1/tickets', {
      type: 'request',
      title: 'New badge',
      description: '',
    });
    const before = await countRows(ctx, 'problem_incidents');
    const notIncident = await agent.post(`${url}/incidents`, { ticketId: request.body.id });
    expect(notIncident.status).toBe(400);
    expect(notIncident.body.errors[0].field).toBe('/ticketId');
    const unknown = await agent.post(`${url}/incidents`, { ticketId: 'INC9999999' });
    expect(unknown.status).toBe(400);
    const badCreate = await agent.post('/api/v1/problems', {
      title: 'Bad',
      incidentIds: [a.id, 'nope'],
    });
    expect(badCreate.status).toBe(400);
    expect(await countRows(ctx, 'problem_incidents')).toBe(before);

    const unlinked = await agent.delete(`${url}/incidents/${a.id}`);
    expect(unlinked.status).toBe(200);
    expect(unlinked.body.map((i: { number: string }) => i.number)).toEqual([b.number]);
    expect((await agent.get(`/api/v1/tickets/${a.id}/problems`)).body).toEqual([]);
    const audit = await agent.get('/api/v1/audit-events', {
      query: { entity: `problem:${problem.id}` },
    });
    const trail = audit.body.items.map(
      (e: { action: string; changes: Record<string, { from: unknown; to: unknown }> }) => [
        e.action,
        e.changes.linkedIncident ?? null,
      ],
    );
    expect(trail).toEqual(
      expect.arrayContaining([
        ['update', { from: null, to: a.number }],
        ['update', { from: null, to: b.number }],
        ['update', { from: a.number, to: null }],
      ]),
    );
    expect(trail).toHaveLength(4);
  });

  it('suggests the matching known error of the incident’s service first, without other services or linked ones', async () => {
    const ctx = get();
    const { agent, service, incident } = await desk(ctx);
    const other = await ctx.services.catalogue.createService(system, {
      name: `POS ${Math.random()}`,
      status: 'live',
    });
    const knownError = async (title: string, workaround: string, serviceId: string) => {
      const p = (await agent.post('/api/v1/problems', { title, serviceIds: [serviceId] })).body;
      const moved = await agent.post(
        `/api/v1/problems/${p.id}/transitions`,
        { status: 'known_error', rootCause: 'Found.', workaround },
        ifMatch(1),
      );
      expect(moved.status).toBe(200);
      return p as { id: string; number: string };
    };
    const vague = await knownError('Slow product images', 'Purge the CDN cache.', service.id);
    const timeout = await knownError(
      'Card payment gateway timeouts',
      'Retry the payment after 30 seconds.',
      service.id,
    );
    const elsewhere = await knownError(
      'Card payment gateway timeouts on tills',
      'Restart the till.',
      other.id,
    );
    const still = await agent.post('/api/v1/problems', {
      title: 'Card payment gateway timeouts (not yet a known error)',
      serviceIds: [service.id],
    });
    expect(still.status).toBe(201);

    const inc = await incident('Customer card payment timeouts', {
      description: 'The gateway answered after 40 s.',
    });
    const suggested = await agent.get('/api/v1/known-errors/suggestions', {
      query: { ticketId: inc.id },
    });
    expect(suggested.status).toBe(200);
    const numbers = suggested.body.map((s: { problem: { number: string } }) => s.problem.number);
    expect(numbers[0]).toBe(timeout.number);
    expect(numbers).toContain(vague.number);
    expect(numbers).not.toContain(elsewhere.number);
    expect(numbers).not.toContain(still.body.number);
    expect(suggested.body[0].matchedTerms).toEqual(
      expect.arrayContaining(['card', 'payment', 'timeout', 'gateway']),
    );
    expect(suggested.body[0].problem.workaround).toBe('Retry the payment after 30 seconds.');

    // One click: linked, and no longer suggested.
    await agent.post(`/api/v1/problems/${timeout.id}/incidents`, { ticketId: inc.id });
    const after = await agent.get('/api/v1/known-errors/suggestions', {
      query: { ticketId: inc.id },
    });
    expect(after.body.map((s: { problem: { number: string } }) => s.problem.number)).toEqual([
      vague.number,
    ]);

    // The known-error database finds it by its workaround, and leaves out what is not a known error.
    const search = await agent.get('/api/v1/known-errors', { query: { q: 'RETRY payment' } });
    const found = search.body.items.map((p: { number: string }) => p.number);
    expect(found).toContain(timeout.number);
    expect(found).not.toContain(vague.number);
    expect(found).not.toContain(still.body.number);
    const byService = await agent.get('/api/v1/known-errors', {
      query: { serviceId: other.id },
    });
    expect(byService.body.items.map((p: { number: string }) => p.number)).toEqual([
      elsewhere.number,
    ]);
    const literal = await agent.get('/api/v1/known-errors', { query: { q: '100%_' } });
    expect(literal.body.items).toEqual([]);
  });

  it('reports repeated incidents by service and category and raises a problem from a row', async () => {
    const ctx = get();
    ctx.clock.set('2027-03-02T10:00:00Z');
    const { agent, service, incident } = await desk(ctx, 'Storefront');
    const first = await incident('Basket empties itself', { category: 'software' });
    await incident('Basket lost after login', { category: 'software' });
    await incident('Basket shows wrong total', { category: 'software' });
    await incident('Pay button greyed out', { category: 'payment' });
    ctx.clock.advance(60_000);
    const query = { from: '2027-03-01', to: '2027-03-03', minIncidents: '3' };
    const report = await agent.get('/api/v1/problems/trends', { query });
    expect(report.status).toBe(200);
    const mine = report.body.rows.filter((r: { serviceId: string }) => r.serviceId === service.id);
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({
      serviceName: service.name,
      category: 'software',
      count: 3,
      coveredBy: [],
      uncoveredCount: 3,
    });
    expect(mine[0].samples).toHaveLength(3);

    const raised = await agent.post('/api/v1/problems/trends/raise', {
      serviceId: service.id,
      category: 'software',
      from: query.from,
      to: query.to,
    });
    expect(raised.status).toBe(201);
    expect(raised.body).toMatchObject({ incidentCount: 3, serviceIds: [service.id] });
    const again = await agent.get('/api/v1/problems/trends', { query });
    const row = again.body.rows.find((r: { serviceId: string }) => r.serviceId === service.id);
    expect(row).toMatchObject({ uncoveredCount: 0, count: 3 });
    expect(row.coveredBy.map((p: { number: string }) => p.number)).toEqual([raised.body.number]);
    expect(
      (await agent.get(`/api/v1/tickets/${first.id}/problems`)).body.map(
        (p: { id: string }) => p.id,
      ),
    ).toEqual([raised.body.id]);

    const before = await countRows(ctx, 'problems');
    const empty = await agent.post('/api/v1/problems/trends/raise', {
      serviceId: service.id,
      category: 'network',
      from: query.from,
      to: query.to,
    });
    expect(empty.status).toBe(400);
    const backwards = await agent.get('/api/v1/problems/trends', {
      query: { from: '2027-03-03', to: '2027-03-01' },
    });
    expect(backwards.status).toBe(400);
    expect(backwards.body.errors[0].field).toBe('/to');
    expect(await countRows(ctx, 'problems')).toBe(before);
  });

  it('lists problems by status and service with a keyset cursor', async () => {
    const ctx = get();
    const { agent, service } = await desk(ctx);
    for (let i = 0; i < 5; i++) {
      ctx.clock.advance(1000);
      await agent.post('/api/v1/problems', { title: `Listed ${i}`, serviceIds: [service.id] });
    }
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await agent.get('/api/v1/problems', {
        query: { serviceId: service.id, status: 'new', limit: '2', ...(cursor ? { cursor } : {}) },
      });
      expect(page.status).toBe(200);
      seen.push(...page.body.items.map((p: { title: string }) => p.title));
      cursor = page.body.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toEqual(['Listed 4', 'Listed 3', 'Listed 2', 'Listed 1', 'Listed 0']);
    const none = await agent.get('/api/v1/problems', {
      query: { serviceId: service.id, status: 'resolved' },
    });
    expect(none.body.items).toEqual([]);
    const byText = await agent.get('/api/v1/problems', {
      query: { serviceId: service.id, q: 'listed 3' },
    });
    expect(byText.body.items.map((p: { title: string }) => p.title)).toEqual(['Listed 3']);
  });

  it('lets the auditor read but not write, refuses requesters, and writes nothing on bad input', async () => {
    const ctx = get();
    const { agent, service, incident } = await desk(ctx);
    const inc = await incident('Till froze');
    const problem = (await agent.post('/api/v1/problems', { title: 'Till freezes' })).body;
    const url = `/api/v1/problems/${problem.id}`;
    const auditor = await ctx.as('auditor');
    const requester = await ctx.as('requester');
    const problems = await countRows(ctx, 'problems');
    const events = await countRows(ctx, 'audit_events');

    expect((await auditor.get(url)).status).toBe(200);
    expect((await auditor.get('/api/v1/problems')).status).toBe(200);
    expect((await auditor.get('/api/v1/problems/trends')).status).toBe(200);
    for (const client of [auditor, requester]) {
      const writes = [
        await client.post('/api/v1/problems', { title: 'Let me in' }),
        await client.patch(url, { title: 'Mine now' }, ifMatch(1)),
        await client.post(`${url}/transitions`, { status: 'under_investigation' }, ifMatch(1)),
        await client.post(`${url}/incidents`, { ticketId: inc.id }),
        await client.post('/api/v1/problems/trends/raise', {
          serviceId: service.id,
          category: 'payment',
          from: '2000-01-01',
          to: '2100-01-01',
        }),
      ];
      for (const refused of writes) {
        expect(refused.status).toBe(403);
        expect(refused.body.code).toBe('FORBIDDEN');
      }
    }
    for (const path of [
      url,
      '/api/v1/problems',
      '/api/v1/known-errors',
      '/api/v1/problems/trends',
      `/api/v1/known-errors/suggestions?ticketId=${inc.id}`,
    ])
      expect((await requester.get(path)).status).toBe(403);

    const bad = [
      await agent.post('/api/v1/problems', { title: '' }),
      await agent.post('/api/v1/problems', { title: 'x', rcaMethod: 'guessing' }),
      await agent.post('/api/v1/problems', { title: 'x', serviceIds: ['no-such-service'] }),
      await agent.post('/api/v1/problems', { title: 'x', ownerGroupId: 'no-such-group' }),
      await agent.patch(url, { assigneeId: 'no-such-user' }, ifMatch(1)),
      await agent.post(`${url}/transitions`, { status: 'resolved' }, ifMatch(1)),
    ];
    for (const response of bad) {
      expect(response.status).toBe(400);
      expect(response.headers['content-type']).toContain('application/problem+json');
    }
    expect(bad[2]?.body.errors[0].field).toBe('/serviceIds');
    expect(bad[3]?.body.errors[0].field).toBe('/ownerGroupId');
    expect(bad[4]?.body.errors[0].field).toBe('/assigneeId');
    expect(bad[5]?.body.errors[0].field).toBe('/rootCause');
    expect((await agent.patch(url, { title: 'x' })).status).toBe(428);
    expect(await countRows(ctx, 'problems')).toBe(problems);
    expect(await countRows(ctx, 'audit_events')).toBe(events);
    expect((await agent.get(url)).body).toMatchObject({ title: 'Till freezes', version: 1 });
  });

  it('gives other modules summaries of problems by id', async () => {
    const ctx = get();
    const { agent } = await desk(ctx);
    const problem = (await agent.post('/api/v1/problems', { title: 'Summarised' })).body;
    const map = await ctx.services.problems.summaries(ctx.services.db, [problem.id, 'missing']);
    expect([...map.values()]).toEqual([
      { id: problem.id, number: problem.number, title: 'Summarised', status: 'new' },
    ]);
  });
});
