import { expect, it } from 'vitest';
import { countRows, fakeMailer, insertService } from './helpers/notification-fixtures.js';
import { describeEachDatabase, type TestContext } from './helpers/test-app.js';

const mailer = fakeMailer();

async function setup(ctx: TestContext) {
  const owner = await ctx.as('agent');
  const serviceId = await insertService(ctx, {
    name: `Click and collect ${Math.random()}`,
    ownerId: owner.user.id,
  });
  const manager = await ctx.as('manager');
  const raised = await manager.post('/api/v1/complaints', {
    summary: 'The store manager wrote: orders were late three weeks running.',
    serviceId,
  });
  expect(raised.status).toBe(201);
  return { owner, manager, serviceId, complaint: raised.body };
}

describeEachDatabase(
  'complaints',
  (get) => {
    it('raises a complaint by hand, numbered and owned by the service owner, with an audit trail', async () => {
      const ctx = get();
      const { owner, manager, serviceId, complaint } = await setup(ctx);
      expect(complaint).toMatchObject({
        number: expect.stringMatching(/^CMP\d{7}$/),
        serviceId,
        ownerId: owner.user.id,
        status: 'open',
        resolution: null,
        version: 1,
      });
      const next = await manager.post('/api/v1/complaints', { summary: 'Rude on the phone.' });
      expect(Number(next.body.number.slice(3))).toBe(Number(complaint.number.slice(3)) + 1);
      expect(next.body.ownerId).toBeNull();
      const audit = await manager.get('/api/v1/audit-events', {
        query: { entity: `complaint:${complaint.id}` },
      });
      expect(audit.body.items.map((e: { action: string }) => e.action)).toEqual(['create']);
    });

    it('refuses the wrong roles with 403 (requesters 404) and writes nothing', async () => {
      const ctx = get();
      const { complaint } = await setup(ctx);
      const before = await countRows(ctx, 'complaints');
      const requester = await ctx.as('requester');
      const auditor = await ctx.as('auditor');
      const otherAgent = await ctx.as('agent');
      const audit = await countRows(ctx, 'audit_events');
      for (const client of [requester, auditor]) {
        const refused = await client.post('/api/v1/complaints', { summary: 'Let me in.' });
        expect(refused.status).toBe(403);
        expect(refused.body.code).toBe('FORBIDDEN');
      }
      expect((await otherAgent.get(`/api/v1/complaints/${complaint.id}`)).status).toBe(403);
      const patch = await otherAgent.patch(
        `/api/v1/complaints/${complaint.id}`,
        { status: 'investigating' },
        { headers: { 'if-match': '"1"' } },
      );
      expect(patch.status).toBe(403);
      expect((await requester.get(`/api/v1/complaints/${complaint.id}`)).status).toBe(404);
      expect(
        (
          await requester.patch(
            `/api/v1/complaints/${complaint.id}`,
            { status: 'closed' },
            { headers: { 'if-match': '"1"' } },
          )
        ).status,
      ).toBe(404);
      expect((await otherAgent.get('/api/v1/complaints')).body.items).toEqual([]);
      expect(await countRows(ctx, 'complaints')).toBe(before);
      expect(await countRows(ctx, 'audit_events')).toBe(audit);
      const manager = await ctx.as('manager');
      expect((await manager.get(`/api/v1/complaints/${complaint.id}`)).body.status).toBe('open');
    });

    it('lets the owner investigate, resolve with a resolution, and close', async () => {
      const ctx = get();
      const { owner, complaint } = await setup(ctx);
      const url = `/api/v1/complaints/${complaint.id}`;
      const read = await owner.get(url);
      expect(read.headers.etag).toBe('"1"');
      const investigating = await owner.patch(
        url,
        { status: 'investigating' },
        { headers: { 'if-match': '"1"' } },
      );
      expect(investigating.status).toBe(200);
      expect(investigating.body).toMatchObject({ status: 'investigating', version: 2 });
      const noResolution = await owner.patch(
        url,
        { status: 'resolved' },
        { headers: { 'if-match': '"2"' } },
      );
      expect(noResolution.status).toBe(400);
      expect(noResolution.body.errors).toEqual([
        { field: '/resolution', message: 'is required to resolve a complaint' },
      ]);
      const stale = await owner.patch(
        url,
        { status: 'resolved', resolution: 'x' },
        { headers: { 'if-match': '"1"' } },
      );
      expect(stale.status).toBe(412);
      ctx.clock.advance(3_600_000);
      const resolved = await owner.patch(
        url,
        { status: 'resolved', resolution: 'Courier changed; store manager called back.' },
        { headers: { 'if-match': '"2"' } },
      );
      expect(resolved.body).toMatchObject({
        status: 'resolved',
        resolvedAt: ctx.clock.now().toISOString(),
        version: 3,
      });
      const closed = await owner.patch(
        url,
        { status: 'closed' },
        { headers: { 'if-match': '"3"' } },
      );
      expect(closed.body.status).toBe('closed');
      const reopen = await owner.patch(
        url,
        { status: 'investigating' },
        { headers: { 'if-match': '"4"' } },
      );
      expect(reopen.status).toBe(409);
      expect(reopen.body.code).toBe('INVALID_TRANSITION');
      expect((await owner.get(url)).body).toMatchObject({ status: 'closed', version: 4 });
      const audit = await owner.get('/api/v1/audit-events', {
        query: { entity: `complaint:${complaint.id}` },
      });
      expect(audit.status).toBe(200);
      expect(audit.body.items).toHaveLength(4);
    });

    it('lists complaints newest first, filtered by status and service, with a keyset cursor', async () => {
      const ctx = get();
      const { owner, manager, serviceId } = await setup(ctx);
      for (let i = 0; i < 4; i++) {
        ctx.clock.advance(1000);
        await manager.post('/api/v1/complaints', { summary: `Complaint ${i}`, serviceId });
      }
      const seen: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await manager.get('/api/v1/complaints', {
          query: { serviceId, status: 'open', limit: '2', ...(cursor ? { cursor } : {}) },
        });
        expect(page.status).toBe(200);
        seen.push(...page.body.items.map((c: { summary: string }) => c.summary));
        cursor = page.body.nextCursor ?? undefined;
      } while (cursor);
      expect(seen.slice(0, 4)).toEqual([
        'Complaint 3',
        'Complaint 2',
        'Complaint 1',
        'Complaint 0',
      ]);
      expect(seen).toHaveLength(5);
      // The owner sees the complaints they own, and nothing else.
      const own = await owner.get('/api/v1/complaints', { query: { limit: '200' } });
      expect(own.body.items).toHaveLength(5);
      const resolvedOnly = await manager.get('/api/v1/complaints', {
        query: { serviceId, status: 'resolved' },
      });
      expect(resolvedOnly.body.items).toEqual([]);
    });
  },
  { mailer: () => mailer },
);
