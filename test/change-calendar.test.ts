import { expect, it } from 'vitest';
import { act, actOk, makeGroup, policy, raise, service, setPolicy } from './changes-fixtures.js';
import { describeEachDatabase, type TestContext } from './helpers/test-app.js';

async function setup(ctx: TestContext) {
  const requester = await ctx.as('agent');
  const manager = await ctx.as('manager');
  const serviceId = await service(ctx, 'Payments', manager.user.id);
  const cab = await makeGroup(ctx, 'CAB', [manager.user.id]);
  await setPolicy(ctx, policy({ cab, ecab: cab }));
  return { requester, manager, serviceId };
}

const day = (ctx: TestContext, days: number, hours = 0) =>
  new Date(ctx.clock.now().getTime() + (days * 24 + hours) * 3_600_000).toISOString();

async function changeCount(ctx: TestContext) {
  const row = await ctx.services.db
    .selectFrom('changes')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

describeEachDatabase('change calendar', (get) => {
  it('flags two changes on the same service at the same time and needs a justified override', async () => {
    const ctx = get();
    const { requester, serviceId } = await setup(ctx);
    const first = await raise(requester, ctx, { serviceIds: [serviceId] }, [100, 104]);
    await actOk(requester, first, 'assess');
    const count = await changeCount(ctx);
    const refused = await requester.post('/api/v1/changes', {
      type: 'normal',
      title: 'Rotate the payment keys',
      serviceIds: [serviceId],
      plannedStart: first.plannedStart,
      plannedEnd: first.plannedEnd,
    });
    expect(refused.status).toBe(409);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect(refused.body.code).toBe('SCHEDULE_CONFLICT');
    expect(refused.body.conflicts).toEqual([
      expect.objectContaining({
        kind: 'overlap',
        changeId: first.id,
        number: first.number,
        serviceIds: [serviceId],
      }),
    ]);
    expect(await changeCount(ctx)).toBe(count);

    const preview = await requester.post('/api/v1/change-calendar/conflicts', {
      serviceIds: [serviceId],
      start: first.plannedStart,
      end: first.plannedEnd,
    });
    expect(preview.body.conflicts).toHaveLength(1);

    const overridden = await requester.post('/api/v1/changes', {
      type: 'normal',
      title: 'Rotate the payment keys',
      serviceIds: [serviceId],
      plannedStart: first.plannedStart,
      plannedEnd: first.plannedEnd,
      scheduleOverride: { justification: 'Both teams agreed to share the window.' },
    });
    expect(overridden.status).toBe(201);
    expect(overridden.body.scheduleOverride).toMatchObject({
      justification: 'Both teams agreed to share the window.',
      byId: requester.user.id,
      conflicts: [expect.objectContaining({ changeId: first.id })],
    });
    expect(overridden.body.hasConflicts).toBe(true);
    const audit = await requester.get('/api/v1/audit-events', {
      query: { entity: `change:${overridden.body.id}` },
    });
    expect(JSON.stringify(audit.body.items[0].changes)).toContain('Both teams agreed');

    // A different service at the same time is no conflict.
    const elsewhere = await service(ctx, 'Email');
    const free = await raise(requester, ctx, { serviceIds: [elsewhere] }, [100, 104]);
    expect(free.scheduleConflicts).toEqual([]);
  });

  it('detects freeze windows on save and on submit; only change managers edit windows', async () => {
    const ctx = get();
    const { requester, manager, serviceId } = await setup(ctx);
    const body = {
      name: 'Winter sales',
      kind: 'freeze',
      start: day(ctx, 20),
      end: day(ctx, 30),
      serviceIds: [serviceId],
      reason: 'Peak trading',
    };
    expect((await requester.post('/api/v1/freeze-windows', body)).status).toBe(403);
    const bad = await manager.post('/api/v1/freeze-windows', { ...body, end: day(ctx, 10) });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].field).toBe('/end');
    const unknown = await manager.post('/api/v1/freeze-windows', { ...body, serviceIds: ['nope'] });
    expect(unknown.body.errors[0].field).toBe('/serviceIds/0');
    const created = await manager.post('/api/v1/freeze-windows', body);
    expect(created.status).toBe(201);
    const window = created.body;

    const change = await raise(requester, ctx, { serviceIds: [serviceId] }, [24 * 10, 24 * 10 + 2]);
    const current = await requester.get(`/api/v1/changes/${change.id}`);
    const moved = await requester.patch(
      `/api/v1/changes/${change.id}`,
      { plannedStart: day(ctx, 21), plannedEnd: day(ctx, 21, 3) },
      { headers: { 'if-match': current.headers.etag as string } },
    );
    expect(moved.status).toBe(409);
    expect(moved.body.conflicts).toEqual([
      expect.objectContaining({ kind: 'freeze', windowId: window.id, name: 'Winter sales' }),
    ]);
    const unchanged = await requester.get(`/api/v1/changes/${change.id}`);
    expect(unchanged.body.plannedStart).toBe(change.plannedStart);
    expect(unchanged.body.version).toBe(change.version);

    const justified = await requester.patch(
      `/api/v1/changes/${change.id}`,
      {
        plannedStart: day(ctx, 21),
        plannedEnd: day(ctx, 21, 3),
        scheduleOverride: { justification: 'Card scheme deadline' },
      },
      { headers: { 'if-match': current.headers.etag as string } },
    );
    expect(justified.status).toBe(200);
    // The stored override covers the same conflicts at submission.
    await actOk(requester, change, 'assess');
    expect((await act(requester, change, 'submit')).status).toBe(200);

    // A blackout added later is a new conflict for another change on the same service.
    const later = await raise(requester, ctx, { serviceIds: [serviceId] }, [24 * 40, 24 * 40 + 2]);
    await actOk(requester, later, 'assess');
    await manager.post('/api/v1/freeze-windows', {
      name: 'Storefront launch',
      kind: 'blackout',
      start: day(ctx, 39),
      end: day(ctx, 41),
      serviceIds: null,
    });
    const blocked = await act(requester, later, 'submit');
    expect(blocked.status).toBe(409);
    expect(blocked.body.conflicts[0]).toMatchObject({ kind: 'blackout', serviceIds: null });
    expect((await requester.get(`/api/v1/changes/${later.id}`)).body.status).toBe('assessment');

    const calendar = await requester.get('/api/v1/change-calendar', {
      query: { from: day(ctx, 19), to: day(ctx, 45), serviceId },
    });
    expect(calendar.status).toBe(200);
    const entry = calendar.body.changes.find((c: { id: string }) => c.id === change.id);
    expect(entry).toMatchObject({
      freezeConflict: true,
      overridden: true,
      status: 'awaiting_approval',
    });
    expect(calendar.body.changes.find((c: { id: string }) => c.id === later.id)).toMatchObject({
      freezeConflict: true,
      overridden: false,
    });
    expect(calendar.body.windows.map((w: { name: string }) => w.name)).toEqual([
      'Winter sales',
      'Storefront launch',
    ]);

    const direct = await ctx.services.changeCalendar.conflictsFor(ctx.services.db, {
      changeId: null,
      serviceIds: [serviceId],
      start: day(ctx, 25),
      end: day(ctx, 25, 1),
    });
    expect(direct).toEqual([expect.objectContaining({ kind: 'freeze', windowId: window.id })]);

    // Removing the window needs its version; then the conflict is gone.
    expect((await manager.delete(`/api/v1/freeze-windows/${window.id}`)).status).toBe(428);
    const removed = await manager.delete(`/api/v1/freeze-windows/${window.id}`, {
      headers: { 'if-match': `"${window.version}"` },
    });
    expect(removed.status).toBe(204);
  });
});
