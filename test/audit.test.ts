import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { systemActor } from '../src/shared/actor.js';
import { describeEachDatabase } from './helpers/test-app.js';

describeEachDatabase('audit trail', (get) => {
  const verify = () => get().services.audit.verify(systemActor('test'));

  it('records who changed what, before and after, for each write', async () => {
    const admin = await get().as('admin');
    const created = await admin.post('/api/v1/groups', {
      name: 'Payments',
      description: 'Gateway',
    });
    const group = created.body;
    const agent = await get().createUser('agent');
    const updated = await admin.patch(
      `/api/v1/groups/${group.id}`,
      { description: 'Gateway and fraud', memberIds: [agent.id] },
      { headers: { 'if-match': '"1"' } },
    );
    expect(updated.status).toBe(200);
    expect(
      (await admin.delete(`/api/v1/groups/${group.id}`, { headers: { 'if-match': '"2"' } })).status,
    ).toBe(204);

    const history = await admin.get('/api/v1/audit-events', {
      query: { entity: `group:${group.id}` },
    });
    expect(history.status).toBe(200);
    const [deleted, changed, made] = history.body.items;
    expect(history.body.items.map((e: { action: string }) => e.action)).toEqual([
      'delete',
      'update',
      'create',
    ]);
    expect(made.actorId).toBe(admin.user.id);
    expect(made.actorName).toBe(admin.user.name);
    expect(made.changes.name).toEqual({ from: null, to: 'Payments' });
    expect(changed.changes).toEqual({
      description: { from: 'Gateway', to: 'Gateway and fraud' },
      memberIds: { from: [], to: [agent.id] },
    });
    expect(deleted.changes.name).toEqual({ from: 'Payments', to: null });
    expect(made.occurredAt).toBe(get().clock.now().toISOString());
  });

  it('never writes password hashes into the trail', async () => {
    const admin = await get().as('admin');
    const user = await get().createUser('agent');
    await admin.post(`/api/v1/users/${user.id}/password`, { password: 'a brand new passphrase' });
    const rows = await get()
      .services.db.selectFrom('audit_events')
      .select('changes')
      .where('entity_id', '=', user.id)
      .execute();
    expect(rows.map((r) => r.changes).join()).not.toMatch(/argon2|brand new/);
    const history = await admin.get('/api/v1/audit-events', {
      query: { entity: `user:${user.id}` },
    });
    expect(history.body.items[0]).toMatchObject({
      action: 'set-password',
      changes: { password: { from: '(hidden)', to: '(hidden)' } },
    });
  });

  it('shows a history only to those who may see the record', async () => {
    const admin = await get().as('admin');
    const org = (
      await admin.post('/api/v1/organisations', { name: 'Boutique Roma', kind: 'store' })
    ).body;
    const requester = await get().as('requester');
    const refused = await requester.get('/api/v1/audit-events', {
      query: { entity: `organisation:${org.id}` },
    });
    expect(refused.status).toBe(404);
    // Their own account's history is theirs to see.
    const own = await requester.get('/api/v1/audit-events', {
      query: { entity: `user:${requester.user.id}` },
    });
    expect(own.status).toBe(200);
    expect(own.body.items.map((e: { action: string }) => e.action)).toContain('login');
    const auditor = await get().as('auditor');
    expect(
      (await auditor.get('/api/v1/audit-events', { query: { entity: `organisation:${org.id}` } }))
        .status,
    ).toBe(200);
    const malformed = await auditor.get('/api/v1/audit-events', { query: { entity: 'nonsense' } });
    expect(malformed.status).toBe(400);
  });

  it('writes the event in the same transaction as the change: a failed write leaves neither', async () => {
    const admin = await get().as('admin');
    const countEvents = async () =>
      Number(
        (
          await get()
            .services.db.selectFrom('audit_events')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    await admin.post('/api/v1/organisations', { name: 'Duplicate House', kind: 'company' });
    const before = await countEvents();
    const duplicate = await admin.post('/api/v1/organisations', {
      name: 'Duplicate House',
      kind: 'company',
    });
    expect(duplicate.status).toBe(409);
    expect(duplicate.body.code).toBe('ALREADY_EXISTS');
    expect(await countEvents()).toBe(before);
  });

  it('verifies intact chains and seals, by API for auditors and not for agents', async () => {
    await get().services.audit.seal();
    const report = await verify();
    expect(report.ok).toBe(true);
    expect(report.firstBreak).toBeNull();
    expect(report.events).toBeGreaterThan(5);
    expect(report.seals).toBe(report.events);
    const auditor = await get().as('auditor');
    const byApi = await auditor.get('/api/v1/audit-trail/verification');
    expect(byApi.status).toBe(200);
    expect(byApi.body.ok).toBe(true);
    const agent = await get().as('agent');
    expect((await agent.get('/api/v1/audit-trail/verification')).status).toBe(403);
  });

  it('detects an event altered directly in the database and names it', async () => {
    const { services, as } = get();
    const admin = await as('admin');
    const org = (
      await admin.post('/api/v1/organisations', { name: 'Boutique Tokyo', kind: 'store' })
    ).body;
    await admin.patch(
      `/api/v1/organisations/${org.id}`,
      { name: 'Boutique Tokyo Ginza' },
      { headers: { 'if-match': '"1"' } },
    );
    await services.audit.seal();
    expect((await verify()).ok).toBe(true);
    const target = await services.db
      .selectFrom('audit_events')
      .select(['id', 'changes'])
      .where('entity_id', '=', org.id)
      .where('chain_seq', '=', 1)
      .executeTakeFirstOrThrow();
    await sql`update audit_events set changes = ${target.changes.replace('Boutique Tokyo', 'Boutique Osaka')} where id = ${target.id}`.execute(
      services.db,
    );
    const report = await verify();
    expect(report.ok).toBe(false);
    expect(report.firstBreak).toMatchObject({
      kind: 'record-chain',
      eventId: target.id,
      entityId: org.id,
      chainSeq: 1,
    });
    expect((report.firstBreak as { reason: string }).reason).toMatch(/altered/);
    await sql`update audit_events set changes = ${target.changes} where id = ${target.id}`.execute(
      services.db,
    );
    expect((await verify()).ok).toBe(true);
  });

  it('detects an event removed from a record chain', async () => {
    const { services, as } = get();
    const admin = await as('admin');
    const org = (
      await admin.post('/api/v1/organisations', { name: 'Boutique Seoul', kind: 'store' })
    ).body;
    await admin.patch(
      `/api/v1/organisations/${org.id}`,
      { name: 'Boutique Seoul 2' },
      { headers: { 'if-match': '"1"' } },
    );
    await admin.patch(
      `/api/v1/organisations/${org.id}`,
      { name: 'Boutique Seoul 3' },
      { headers: { 'if-match': '"2"' } },
    );
    const middle = await services.db
      .selectFrom('audit_events')
      .selectAll()
      .where('entity_id', '=', org.id)
      .where('chain_seq', '=', 2)
      .executeTakeFirstOrThrow();
    // Unsealed yet: removing it is possible at the SQL level, and the chain shows the gap.
    await sql`delete from audit_events where id = ${middle.id}`.execute(services.db);
    const report = await verify();
    expect(report.ok).toBe(false);
    expect(report.firstBreak).toMatchObject({
      kind: 'record-chain',
      entityId: org.id,
      chainSeq: 3,
    });
    await services.db.insertInto('audit_events').values(middle).execute();
    expect((await verify()).ok).toBe(true);
  });

  it('detects a rewritten chain through the seals, and a cut trail through an anchor', async () => {
    const { services, as } = get();
    const admin = await as('admin');
    const org = (
      await admin.post('/api/v1/organisations', { name: 'Boutique Dubai', kind: 'store' })
    ).body;
    await services.audit.seal();
    const anchor = await services.audit.head();
    if (!anchor) throw new Error('no seal head');
    expect((await verify()).ok).toBe(true);
    // A forger who recomputes the event's own hash still breaks the seal that covers it.
    const row = await services.db
      .selectFrom('audit_events')
      .selectAll()
      .where('entity_id', '=', org.id)
      .executeTakeFirstOrThrow();
    const { eventHash } = await import('../src/modules/audit/audit.js');
    const forgedChanges = row.changes.replace('Boutique Dubai', 'Boutique Doha');
    const forgedHash = eventHash(row.prev_hash, {
      id: row.id,
      occurredAt: row.occurred_at,
      actorId: row.actor_id,
      actorName: row.actor_name,
      action: row.action,
      entityType: row.entity_type,
      entityId: row.entity_id,
      changes: forgedChanges,
      requestId: row.request_id,
      chainSeq: Number(row.chain_seq),
    });
    await sql`update audit_events set changes = ${forgedChanges}, hash = ${forgedHash} where id = ${row.id}`.execute(
      services.db,
    );
    const report = await verify();
    expect(report.ok).toBe(false);
    expect(report.firstBreak).toMatchObject({ kind: 'seal-chain', eventId: row.id });
    await sql`update audit_events set changes = ${row.changes}, hash = ${row.hash} where id = ${row.id}`.execute(
      services.db,
    );
    expect((await services.audit.verify(systemActor('test'), { anchor })).ok).toBe(true);
    const wrongAnchor = { seq: anchor.seq, hash: 'f'.repeat(64) };
    expect((await services.audit.verify(systemActor('test'), { anchor: wrongAnchor })).ok).toBe(
      false,
    );
  });
});
