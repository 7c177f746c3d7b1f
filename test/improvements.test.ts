import { createRequire } from 'node:module';
import path from 'node:path';
import { expect, it } from 'vitest';
import { describeEachDatabase, type TestContext } from './helpers/test-app.js';

type Client = Awaited<ReturnType<TestContext['as']>>;
const ifMatch = (version: number) => ({ headers: { 'if-match': `"${version}"` } });

async function pdfText(bytes: Buffer): Promise<string> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const fonts = `${path.dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'))}/standard_fonts/`;
  const doc = await pdfjs.getDocument({ data: new Uint8Array(bytes), standardFontDataUrl: fonts })
    .promise;
  const pages: string[] = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const content = await (await doc.getPage(n)).getTextContent();
    pages.push(content.items.map((i) => ('str' in i ? i.str : '')).join(' '));
  }
  return pages.join('\n').replace(/\s+/g, ' ');
}

async function countRows(ctx: TestContext, table: 'improvements' | 'audit_events') {
  const row = await ctx.services.db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

async function suggest(client: Client, body: Record<string, unknown>) {
  const res = await client.post('/api/v1/improvements', { source: 'suggestion', ...body });
  expect(res.status).toBe(201);
  return res.body;
}

/** A manager moves an item along: scored, approved, owned, started, implemented. */
async function implemented(manager: Client, ownerId: string, title: string, target?: string) {
  const item = await suggest(manager, {
    title,
    benefit: 4,
    effort: 2,
    impact: 3,
    ownerId,
    targetDate: target ?? null,
  });
  let version = item.version;
  for (const status of ['approved', 'in_progress', 'implemented']) {
    const moved = await manager.post(
      `/api/v1/improvements/${item.id}/transitions`,
      { status },
      ifMatch(version),
    );
    expect(moved.status).toBe(200);
    version = moved.body.version;
  }
  return { ...item, version };
}

describeEachDatabase('continual improvement register', (get) => {
  it('takes a suggestion through approval, work, measurement and closure', async () => {
    const ctx = get();
    ctx.clock.set('2030-02-01T09:00:00Z');
    const agent = await ctx.as('agent');
    const manager = await ctx.as('manager');
    const created = await agent.post('/api/v1/improvements', {
      title: 'Self-service password reset',
      description: 'A third of our tickets are password resets.',
      source: 'problem',
      sourceId: 'prb-1',
      sourceLabel: 'PRB0000007',
      benefit: 4,
      effort: 2,
    });
    expect(created.status).toBe(201);
    expect(created.headers.etag).toBe('"1"');
    const item = created.body;
    expect(item).toMatchObject({
      number: expect.stringMatching(/^IMP\d{7}$/),
      status: 'proposed',
      source: 'problem',
      sourceLabel: 'PRB0000007',
      scores: { benefit: 4, effort: 2, impact: null },
      priority: null,
      createdBy: agent.user.id,
    });
    const url = `/api/v1/improvements/${item.id}`;

    // An agent suggests but does not approve; nothing changes.
    const refused = await agent.post(`${url}/transitions`, { status: 'approved' }, ifMatch(1));
    expect(refused.status).toBe(403);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect((await manager.get(url)).body.version).toBe(1);

    // Approving needs all three scores, so the item has a priority.
    const unscored = await manager.post(`${url}/transitions`, { status: 'approved' }, ifMatch(1));
    expect(unscored.status).toBe(400);
    expect(unscored.body.errors[0].field).toBe('/scores');
    const scored = await manager.patch(url, { impact: 3 }, ifMatch(1));
    expect(scored.status).toBe(200);
    expect(scored.body.priority).toEqual({ score: 28, band: 'P2' });
    const approved = await manager.post(`${url}/transitions`, { status: 'approved' }, ifMatch(2));
    expect(approved.body).toMatchObject({
      status: 'approved',
      approvedAt: '2030-02-01T09:00:00.000Z',
    });

    // Work starts only with an owner; the owner then moves it and records progress.
    const ownerless = await manager.post(
      `${url}/transitions`,
      { status: 'in_progress' },
      ifMatch(3),
    );
    expect(ownerless.status).toBe(400);
    expect(ownerless.body.errors[0].field).toBe('/ownerId');
    const assigned = await manager.patch(
      url,
      { ownerId: agent.user.id, targetDate: '2030-03-31' },
      ifMatch(3),
    );
    expect(assigned.body).toMatchObject({ ownerId: agent.user.id, ownerName: agent.user.name });
    const started = await agent.post(`${url}/transitions`, { status: 'in_progress' }, ifMatch(4));
    expect(started.status).toBe(200);
    const progress = await agent.patch(url, { progressNote: 'Pilot in two stores.' }, ifMatch(5));
    expect(progress.status).toBe(200);
    // The owner does not re-score their own item.
    const rescoring = await agent.patch(url, { benefit: 5 }, ifMatch(6));
    expect(rescoring.status).toBe(403);
    // Outcome only once implemented.
    const early = await agent.patch(url, { outcome: { measure: 'Reset tickets' } }, ifMatch(6));
    expect(early.status).toBe(409);

    ctx.clock.set('2030-02-01T15:00:00Z');
    const done = await agent.post(`${url}/transitions`, { status: 'implemented' }, ifMatch(6));
    expect(done.body).toMatchObject({
      status: 'implemented',
      implementedAt: '2030-02-01T15:00:00.000Z',
    });

    // Closing needs the measured outcome; a partial one is refused and changes nothing.
    const noOutcome = await manager.post(`${url}/transitions`, { status: 'closed' }, ifMatch(7));
    expect(noOutcome.status).toBe(400);
    expect(noOutcome.body.errors[0].field).toBe('/outcome');
    const partial = await manager.post(
      `${url}/transitions`,
      { status: 'closed', outcome: { measure: 'Password reset tickets a month', before: '420' } },
      ifMatch(7),
    );
    expect(partial.status).toBe(400);
    expect((await manager.get(url)).body).toMatchObject({ version: 7, status: 'implemented' });
    const measured = await agent.patch(
      url,
      {
        outcome: {
          measure: 'Password reset tickets a month',
          before: '420',
          after: '260',
          measuredOn: '2030-04-30',
          notes: '−38% after one month',
        },
      },
      ifMatch(7),
    );
    expect(measured.status).toBe(200);
    // The owner does not close: that is a manager's decision.
    const ownerClose = await agent.post(`${url}/transitions`, { status: 'closed' }, ifMatch(8));
    expect(ownerClose.status).toBe(403);
    const closed = await manager.post(`${url}/transitions`, { status: 'closed' }, ifMatch(8));
    expect(closed.status).toBe(200);
    expect(closed.body).toMatchObject({
      status: 'closed',
      outcome: { before: '420', after: '260', measuredOn: '2030-04-30' },
    });
    const reopened = await manager.post(
      `${url}/transitions`,
      { status: 'in_progress' },
      ifMatch(9),
    );
    expect(reopened.status).toBe(409);

    // Its history is in the audit trail.
    const history = await manager.get('/api/v1/audit-events', {
      query: { entity: `improvement:${item.id}` },
    });
    expect(history.status).toBe(200);
    // Created, scored, approved, assigned, started, progress, implemented, measured, closed.
    expect(history.body.items).toHaveLength(9);
  });

  it('refuses a rejection without a reason, and bad input changes nothing', async () => {
    const ctx = get();
    const manager = await ctx.as('manager');
    const item = await suggest(manager, { title: 'Chatbot for store staff' });
    const url = `/api/v1/improvements/${item.id}`;
    const before = await countRows(ctx, 'audit_events');
    const noReason = await manager.post(`${url}/transitions`, { status: 'rejected' }, ifMatch(1));
    expect(noReason.status).toBe(400);
    expect(noReason.body.errors[0].field).toBe('/rejectionReason');
    const badScore = await manager.patch(url, { benefit: 9 }, ifMatch(1));
    expect(badScore.status).toBe(400);
    const badSource = await manager.post('/api/v1/improvements', {
      title: 'x',
      source: 'rumour',
    });
    expect(badSource.status).toBe(400);
    const stale = await manager.patch(url, { title: 'Renamed' }, ifMatch(7));
    expect(stale.status).toBe(412);
    expect(await countRows(ctx, 'audit_events')).toBe(before);
    const rejected = await manager.post(
      `${url}/transitions`,
      { status: 'rejected', rejectionReason: 'Covered by the portal redesign.' },
      ifMatch(1),
    );
    expect(rejected.body).toMatchObject({
      status: 'rejected',
      rejectionReason: 'Covered by the portal redesign.',
    });
  });

  it('scores priority as documented and lists the register by priority with filters', async () => {
    const ctx = get();
    ctx.clock.set('2031-06-10T09:00:00Z');
    const manager = await ctx.as('manager');
    const agent = await ctx.as('agent');
    const source = `kpi-${Math.random()}`;
    const make = async (title: string, benefit: number, impact: number, effort: number) =>
      suggest(manager, { title, source: 'kpi', sourceId: source, benefit, impact, effort });
    const top = await make('Top', 5, 5, 1); // (5+5)×5 = 50 → P1
    const low = await make('Low', 1, 1, 5); // (1+1)×1 = 2 → P4
    const mid = await make('Mid', 3, 2, 3); // (3+2)×3 = 15 → P3
    const edge = await make('Edge', 3, 3, 1); // (3+3)×5 = 30 → P1
    const second = await make('Second', 4, 1, 2); // (4+1)×4 = 20 → P2
    expect(top.priority).toEqual({ score: 50, band: 'P1' });
    expect(low.priority).toEqual({ score: 2, band: 'P4' });
    expect(mid.priority).toEqual({ score: 15, band: 'P3' });
    expect(edge.priority).toEqual({ score: 30, band: 'P1' });
    expect(second.priority).toEqual({ score: 20, band: 'P2' });

    const listed = await agent.get('/api/v1/improvements', { query: { sourceId: source } });
    expect(listed.status).toBe(200);
    expect(listed.body.items.map((i: { title: string }) => i.title)).toEqual([
      'Top',
      'Edge',
      'Second',
      'Mid',
      'Low',
    ]);
    // Keyset pages give the same order.
    const first = await agent.get('/api/v1/improvements', {
      query: { sourceId: source, limit: '2' },
    });
    const next = await agent.get('/api/v1/improvements', {
      query: { sourceId: source, limit: '2', cursor: first.body.nextCursor },
    });
    expect(
      [...first.body.items, ...next.body.items].map((i: { title: string }) => i.title),
    ).toEqual(['Top', 'Edge', 'Second', 'Mid']);

    // Overdue: open and past its target date.
    await manager.patch(
      `/api/v1/improvements/${mid.id}`,
      { targetDate: '2031-06-09', ownerId: agent.user.id },
      ifMatch(1),
    );
    await manager.patch(`/api/v1/improvements/${low.id}`, { targetDate: '2031-06-10' }, ifMatch(1));
    const overdue = await agent.get('/api/v1/improvements', {
      query: { sourceId: source, overdue: 'true' },
    });
    expect(overdue.body.items.map((i: { title: string }) => i.title)).toEqual(['Mid']);
    expect(overdue.body.items[0].overdue).toBe(true);
    const mine = await agent.get('/api/v1/improvements', {
      query: { ownerId: agent.user.id },
    });
    expect(mine.body.items.map((i: { title: string }) => i.title)).toEqual(['Mid']);
    const proposed = await agent.get('/api/v1/improvements', {
      query: { sourceId: source, status: 'approved' },
    });
    expect(proposed.body.items).toEqual([]);
  });

  it('summarises a period exactly', async () => {
    const ctx = get();
    const owner = await ctx.createUser('agent');
    const january = { from: '2033-01-01', to: '2033-01-31' };
    // What earlier tests of this file left open (years before): counted as open at the end too.
    const earlier = await ctx.services.improvements.summary(ctx.services.db, january);
    expect(earlier).toMatchObject({ raised: 0, completed: 0 });
    // Sessions last hours: sign in again after each jump of the clock.
    let manager: Client;
    // Before the period: one still open (overdue by its end), one completed before it.
    ctx.clock.set('2032-12-20T09:00:00Z');
    manager = await ctx.as('manager');
    await suggest(manager, { title: 'Old open', ownerId: owner.id, targetDate: '2033-01-15' });
    await implemented(manager, owner.id, 'Old done');
    // In the period (January 2033): three raised; one completed; one rejected.
    ctx.clock.set('2033-01-05T09:00:00Z');
    manager = await ctx.as('manager');
    await suggest(manager, { title: 'New open', targetDate: '2033-02-28' });
    const rejected = await suggest(manager, { title: 'New rejected' });
    await manager.post(
      `/api/v1/improvements/${rejected.id}/transitions`,
      { status: 'rejected', rejectionReason: 'Not now' },
      ifMatch(1),
    );
    await implemented(manager, owner.id, 'New done', '2033-01-31');
    // Raised on the last day, completed after the period: still open at its end.
    ctx.clock.set('2033-01-31T23:00:00Z');
    manager = await ctx.as('manager');
    const late = await suggest(manager, {
      title: 'Late',
      benefit: 2,
      effort: 2,
      impact: 2,
      ownerId: owner.id,
      targetDate: '2033-02-15',
    });
    ctx.clock.set('2033-02-01T08:00:00Z');
    manager = await ctx.as('manager');
    let version = late.version;
    for (const status of ['approved', 'in_progress', 'implemented']) {
      const moved = await manager.post(
        `/api/v1/improvements/${late.id}/transitions`,
        { status },
        ifMatch(version),
      );
      version = moved.body.version;
    }

    const summary = await ctx.services.improvements.summary(ctx.services.db, january);
    // raised: New open, New rejected, New done, Late (created on the last day) = 4
    // completed in the period: New done = 1 (Old done before it, Late after it)
    // open at its end: Old open, New open, Late = 3 (rejected and completed ones are not)
    // overdue at its end: Old open (target 2033-01-15) = 1; the others' targets are later
    expect(summary).toEqual({
      raised: 4,
      completed: 1,
      open: earlier.open + 3,
      overdue: earlier.overdue + 1,
    });

    const evidence = await manager.get('/api/v1/compliance/evidence/improvements', {
      query: { from: '2033-01-01', to: '2033-01-31' },
    });
    expect(evidence.status).toBe(200);
    expect(evidence.body).toMatchObject({ available: true, value: 1, count: 5 });
    expect(evidence.body.figure).toContain('4 improvements raised, 1 completed');
  });

  it('generates the Continual Improvement Playbook from the live register', async () => {
    const ctx = get();
    ctx.clock.set('2034-05-01T09:00:00Z');
    const manager = await ctx.as('manager');
    const owner = await ctx.createUser('agent', { name: 'Marco Rossi' });
    const done = await implemented(manager, owner.id, 'Password reset self-service');
    const closed = await manager.post(
      `/api/v1/improvements/${done.id}/transitions`,
      {
        status: 'closed',
        outcome: {
          measure: 'Reset tickets a month',
          before: '420',
          after: '260',
          measuredOn: '2034-04-30',
        },
      },
      ifMatch(done.version),
    );
    expect(closed.status).toBe(200);
    await suggest(manager, { title: 'Queue for store returns', benefit: 5, impact: 5, effort: 1 });

    const res = await manager.get('/api/v1/improvements/playbook.pdf', { raw: true });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(String(res.headers['content-disposition'])).toContain(
      'continual-improvement-playbook-2034-05-01.pdf',
    );
    const text = await pdfText(res.body);
    expect(text).toContain('Continual Improvement Playbook');
    expect(text).toContain('(benefit + impact) × (6 - effort)');
    expect(text).toContain('Queue for store returns');
    expect(text).toContain('P1 (50)');
    expect(text.indexOf('Queue for store returns')).toBeLessThan(
      text.indexOf('Password reset self-service'),
    );
    expect(text).toContain('Reset tickets a month: from 420 to 260, measured on 2034-04-30');
    expect(text).toContain('Marco Rossi');
  });

  it('takes evidence files of the measured effect from a manager or the owner', async () => {
    const ctx = get();
    ctx.clock.set('2035-01-10T09:00:00Z');
    const manager = await ctx.as('manager');
    const owner = await ctx.as('agent');
    const other = await ctx.as('agent');
    const auditor = await ctx.as('auditor');
    const requester = await ctx.as('requester');
    const item = await implemented(manager, owner.user.id, 'Shorter reset flow');
    const filesUrl = `/api/v1/attachments/of/improvement/${item.id}`;
    const upload = (client: Client, name: string) =>
      client.post(
        `${filesUrl}?fileName=${encodeURIComponent(name)}`,
        Buffer.from('tickets,420,260'),
        {
          headers: { 'content-type': 'application/octet-stream' },
        },
      );
    const sent = await upload(owner, 'reset-tickets.csv');
    expect(sent.status, sent.text).toBe(201);
    expect((await upload(other, 'not-mine.csv')).status).toBe(403);
    expect((await upload(auditor, 'audit.csv')).status).toBe(403);
    expect((await requester.get(filesUrl)).status).toBe(403);
    const listed = await auditor.get(filesUrl);
    expect(listed.body.map((f: { fileName: string }) => f.fileName)).toEqual(['reset-tickets.csv']);
    await manager.post(
      `/api/v1/improvements/${item.id}/transitions`,
      {
        status: 'closed',
        outcome: { measure: 'Resets', before: '420', after: '260', measuredOn: '2035-01-09' },
      },
      ifMatch(item.version),
    );
    // A closed improvement keeps its evidence as it was.
    expect((await upload(manager, 'late.csv')).status).toBe(409);
  });

  it('lets each role do only what it may', async () => {
    const ctx = get();
    const requester = await ctx.as('requester');
    const auditor = await ctx.as('auditor');
    const agent = await ctx.as('agent');
    const manager = await ctx.as('manager');
    const before = await countRows(ctx, 'improvements');
    for (const res of [
      await requester.get('/api/v1/improvements'),
      await requester.post('/api/v1/improvements', { title: 'x', source: 'suggestion' }),
      await requester.get('/api/v1/improvements/playbook.pdf'),
      // Staff suggest, but only a manager assigns an owner or a target date.
      await agent.post('/api/v1/improvements', {
        title: 'x',
        source: 'suggestion',
        ownerId: agent.user.id,
      }),
    ]) {
      expect(res.status).toBe(403);
      expect(res.headers['content-type']).toContain('application/problem+json');
    }
    expect(await countRows(ctx, 'improvements')).toBe(before);
    // Auditors suggest (an opportunity seen in an audit) but do not manage.
    const fromAudit = await auditor.post('/api/v1/improvements', {
      title: 'Link changes to their releases',
      source: 'audit-finding',
      sourceId: 'finding-1',
      sourceLabel: 'AUD0000001 F2',
    });
    expect(fromAudit.status).toBe(201);
    const url = `/api/v1/improvements/${fromAudit.body.id}`;
    expect((await auditor.patch(url, { benefit: 3 }, ifMatch(1))).status).toBe(403);
    expect((await agent.patch(url, { progressNote: 'mine?' }, ifMatch(1))).status).toBe(403);
    expect((await requester.get(url)).status).toBe(403);
    expect((await manager.get(url)).body.version).toBe(1);
  });
});
