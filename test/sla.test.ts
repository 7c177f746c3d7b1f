import { expect, it } from 'vitest';
import { claimPostgres } from '../src/jobs/claim.postgres.js';
import { claimSqlite } from '../src/jobs/claim.sqlite.js';
import { createJobQueue } from '../src/jobs/job-queue.js';
import type { ThresholdEvent } from '../src/modules/sla/clocks.service.js';
import { systemActor } from '../src/shared/actor.js';
import { describeEachDatabase, type TestContext } from './helpers/test-app.js';

const weekdays = (hours: [string, string][]) =>
  Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri'].map((d) => [d, hours]));
const PARIS = {
  timeZone: 'Europe/Paris',
  week: weekdays([
    ['09:00', '12:30'],
    ['13:30', '18:00'],
  ]),
  holidays: ['2026-05-01', '2026-12-25'],
  exceptions: [{ date: '2026-12-24', hours: [['09:00', '12:00']] }],
};

async function createCalendar(ctx: TestContext, name: string, spec: unknown = PARIS) {
  const admin = await ctx.as('admin');
  const created = await admin.post('/api/v1/calendars', { name, spec });
  expect(created.status).toBe(201);
  return { admin, calendar: created.body };
}

describeEachDatabase('business calendars and SLA policies', (get) => {
  it('creates a calendar and answers due and elapsed questions in business time', async () => {
    const { admin, calendar } = await createCalendar(get(), 'Paris support hours');
    expect(calendar).toMatchObject({
      versionNumber: 1,
      businessDayMinutes: 480,
      spec: { timeZone: 'Europe/Paris' },
    });
    const due = await admin.post(`/api/v1/calendars/${calendar.id}/due`, {
      start: '2026-03-27T16:00:00Z',
      minutes: 480,
    });
    expect(due.body).toEqual({ due: '2026-03-30T15:00:00Z' });
    const elapsed = await admin.post(`/api/v1/calendars/${calendar.id}/elapsed`, {
      from: '2026-12-24T00:00:00Z',
      to: '2026-12-29T00:00:00Z',
    });
    expect(elapsed.body).toEqual({ minutes: 180 + 480 });
    const bad = await admin.post(`/api/v1/calendars/${calendar.id}/due`, {
      start: 'yesterday',
      minutes: 10,
    });
    expect(bad.status).toBe(400);
    expect(bad.body.detail).toMatch(/ISO-8601/);
  });

  it('refuses an invalid calendar naming each problem, and writes nothing', async () => {
    const admin = await get().as('admin');
    const response = await admin.post('/api/v1/calendars', {
      name: 'Broken',
      spec: {
        timeZone: 'Mars/Olympus',
        week: {
          mon: [
            ['09:00', '12:00'],
            ['11:00', '14:00'],
          ],
        },
        holidays: ['2026-02-30'],
      },
    });
    expect(response.status).toBe(400);
    expect(response.body.errors.map((e: { field: string }) => e.field)).toEqual([
      '/spec/timeZone',
      '/spec/week/mon/1',
      '/spec/holidays/0',
    ]);
    const list = await admin.get('/api/v1/calendars');
    expect(list.body.items.map((c: { name: string }) => c.name)).not.toContain('Broken');
  });

  it('versions a calendar on every change of its hours, keeping the old versions', async () => {
    const { admin, calendar } = await createCalendar(get(), 'Milan support hours', {
      ...PARIS,
      timeZone: 'Europe/Rome',
    });
    const changed = await admin.patch(
      `/api/v1/calendars/${calendar.id}`,
      { spec: { ...PARIS, timeZone: 'Europe/Rome', holidays: ['2026-12-08'] } },
      { headers: { 'if-match': '"1"' } },
    );
    expect(changed.status).toBe(200);
    expect(changed.body.versionNumber).toBe(2);
    const renamed = await admin.patch(
      `/api/v1/calendars/${calendar.id}`,
      { description: 'Boutique hours' },
      { headers: { 'if-match': '"2"' } },
    );
    expect(renamed.body.versionNumber).toBe(2);
    const versions = await admin.get(`/api/v1/calendars/${calendar.id}/versions`);
    expect(versions.body.map((v: { number: number }) => v.number)).toEqual([2, 1]);
    expect(versions.body[1].spec.holidays).toEqual(['2026-05-01', '2026-12-25']);
  });

  it('imports holidays from iCalendar as a new version and exports them back', async () => {
    const { admin, calendar } = await createCalendar(get(), 'London support hours', {
      ...PARIS,
      timeZone: 'Europe/London',
      holidays: [],
    });
    const ics = [
      'BEGIN:VCALENDAR',
      'BEGIN:VEVENT',
      'DTSTART;VALUE=DATE:20260831',
      'SUMMARY:Summer bank holiday',
      'END:VEVENT',
      'BEGIN:VEVENT',
      'DTSTART;VALUE=DATE:20261225',
      'DTEND;VALUE=DATE:20261227',
      'SUMMARY:Christmas',
      'END:VEVENT',
      'END:VCALENDAR',
    ].join('\r\n');
    const imported = await admin.post(
      `/api/v1/calendars/${calendar.id}/holidays/import`,
      { ics },
      { headers: { 'if-match': '"1"' } },
    );
    expect(imported.status).toBe(200);
    expect(imported.body).toMatchObject({
      imported: 3,
      skipped: [],
      calendar: {
        versionNumber: 2,
        spec: { holidays: ['2026-08-31', '2026-12-25', '2026-12-26'] },
      },
    });
    const exported = await admin.get(`/api/v1/calendars/${calendar.id}/holidays.ics`);
    expect(exported.headers['content-type']).toMatch(/text\/calendar/);
    expect(exported.headers['content-disposition']).toBe(
      'attachment; filename="London-support-hours-holidays.ics"',
    );
    expect(exported.text).toContain('DTSTART;VALUE=DATE:20260831');
    const notIcs = await admin.post(
      `/api/v1/calendars/${calendar.id}/holidays/import`,
      { ics: 'hello' },
      { headers: { 'if-match': '"2"' } },
    );
    expect(notIcs.status).toBe(400);
    expect(notIcs.body.errors[0].field).toBe('/ics');
  });

  it('lets agents read calendars and policies but only managers and admins change them', async () => {
    const { calendar } = await createCalendar(get(), 'Read-only check');
    const agent = await get().as('agent');
    expect((await agent.get(`/api/v1/calendars/${calendar.id}`)).status).toBe(200);
    expect(
      (
        await agent.post(`/api/v1/calendars/${calendar.id}/due`, {
          start: '2026-06-01T07:00:00Z',
          minutes: 60,
        })
      ).status,
    ).toBe(200);
    const refused = await agent.patch(
      `/api/v1/calendars/${calendar.id}`,
      { description: 'x' },
      { headers: { 'if-match': '"1"' } },
    );
    expect(refused.status).toBe(403);
    expect(
      (
        await agent.post('/api/v1/sla-policies', {
          name: 'Nope',
          order: 1,
          calendarId: calendar.id,
          targets: { first_response: { P1: { kind: 'minutes', minutes: 30 } }, resolution: {} },
        })
      ).status,
    ).toBe(403);
    const requester = await get().as('requester');
    expect((await requester.get('/api/v1/calendars')).status).toBe(403);
    const manager = await get().as('manager');
    expect(
      (
        await manager.patch(
          `/api/v1/calendars/${calendar.id}`,
          { description: 'Managed' },
          { headers: { 'if-match': '"1"' } },
        )
      ).status,
    ).toBe(200);
  });

  it('manages SLA policies and refuses a calendar in use', async () => {
    const { admin, calendar } = await createCalendar(get(), 'Policy calendar');
    const created = await admin.post('/api/v1/sla-policies', {
      name: 'Standard',
      order: 100,
      calendarId: calendar.id,
      targets: {
        first_response: { P1: { kind: 'minutes', minutes: 30 } },
        resolution: {
          P1: { kind: 'minutes', minutes: 240 },
          P4: { kind: 'business-days', days: 5 },
        },
      },
      pauseOn: { resolution: ['on_hold_customer'] },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      thresholds: [75, 100],
      pauseOn: { first_response: [], resolution: ['on_hold_customer'] },
      active: true,
    });
    const invalid = await admin.post('/api/v1/sla-policies', {
      name: 'Empty',
      order: 1,
      calendarId: calendar.id,
      targets: { first_response: {}, resolution: {} },
    });
    expect(invalid.status).toBe(400);
    expect(invalid.body.errors[0].field).toBe('/targets');
    const noCalendar = await admin.post('/api/v1/sla-policies', {
      name: 'Ghost',
      order: 1,
      calendarId: 'nope',
      targets: { first_response: { P1: { kind: 'minutes', minutes: 5 } }, resolution: {} },
    });
    expect(noCalendar.status).toBe(400);
    expect(noCalendar.body.errors[0].field).toBe('/calendarId');
    const inUse = await admin.delete(`/api/v1/calendars/${calendar.id}`, {
      headers: { 'if-match': '"1"' },
    });
    expect(inUse.status).toBe(409);
  });
});

describeEachDatabase('SLA clocks on records', (get) => {
  async function setup(ctx: TestContext) {
    const actor = systemActor('test');
    const calendar = await ctx.services.calendars.create(actor, {
      name: `Clock calendar ${Math.random()}`,
      spec: { timeZone: 'Europe/Paris', week: weekdays([['09:00', '18:00']]) },
    });
    // Each test's records belong to their own service, so each test's policy is the one chosen.
    const serviceId = `service-${Math.random().toString(36).slice(2)}`;
    const policy = await ctx.services.policies.create(actor, {
      name: `Clock policy ${serviceId}`,
      order: 1,
      conditions: { services: [serviceId] },
      calendarId: calendar.id,
      targets: {
        first_response: {
          P2: { kind: 'minutes', minutes: 60 },
          P3: { kind: 'minutes', minutes: 120 },
        },
        resolution: {
          P2: { kind: 'minutes', minutes: 240 },
          P3: { kind: 'minutes', minutes: 480 },
        },
      },
      pauseOn: { resolution: ['on_hold'] },
    });
    const subject = { type: 'ticket', id: `T-${Math.random().toString(36).slice(2)}` };
    return {
      calendar,
      policy,
      subject,
      facts: (priority: 'P2' | 'P3', type: 'incident' | 'request' = 'incident') => ({
        type,
        priority,
        serviceId,
      }),
    };
  }

  // The services' own queue, worked by hand in tests (workers are off): run every due job.
  const queueFor = (ctx: TestContext) => ({
    async runDue() {
      let total = 0;
      for (let ran = -1; ran !== 0 && total < 10_000; total += ran)
        ran = await ctx.services.jobs.runDue(50);
      return total;
    },
  });

  it('starts clocks under the chosen policy and records why', async () => {
    const ctx = get();
    const { policy, subject, facts } = await setup(ctx);
    ctx.clock.set('2026-06-01T07:00:00Z'); // Monday 09:00 Paris
    await ctx.services.db
      .transaction()
      .execute((trx) =>
        ctx.services.clocks.start(trx, subject, facts('P3', 'incident'), ctx.clock.now()),
      );
    const clocks = await ctx.services.clocks.clocks(subject);
    expect(clocks.map((c) => [c.clock, c.state, c.targetMinutes, c.dueAt])).toEqual([
      ['first_response', 'running', 120, '2026-06-01T09:00:00Z'],
      ['resolution', 'running', 480, '2026-06-01T15:00:00Z'],
    ]);
    expect(clocks[0]?.policyId).toBe(policy.id);
    expect(clocks[0]?.selectionReason).toMatch(/first active policy/);
  });

  it('pauses resolution on hold (never first response), resumes, and explains the due time', async () => {
    const ctx = get();
    const { subject, facts } = await setup(ctx);
    const { clocks, db } = ctx.services;
    ctx.clock.set('2026-06-01T07:00:00Z');
    await db
      .transaction()
      .execute((trx) => clocks.start(trx, subject, facts('P2', 'incident'), ctx.clock.now()));
    ctx.clock.set('2026-06-01T08:00:00Z');
    await db
      .transaction()
      .execute((trx) => clocks.statusChanged(trx, subject, 'on_hold', ctx.clock.now()));
    ctx.clock.set('2026-06-01T10:00:00Z');
    const paused = await clocks.clocks(subject);
    expect(paused.map((c) => [c.clock, c.state])).toEqual([
      ['first_response', 'running'],
      ['resolution', 'paused'],
    ]);
    expect(paused[1]).toMatchObject({
      elapsedMinutes: 60,
      dueAt: null,
      pausedReason: 'status on_hold',
    });
    await db
      .transaction()
      .execute((trx) => clocks.statusChanged(trx, subject, 'in_progress', ctx.clock.now()));
    const resumed = await clocks.clocks(subject);
    expect(resumed[1]).toMatchObject({
      state: 'running',
      elapsedMinutes: 60,
      dueAt: '2026-06-01T13:00:00Z',
    });
    const why = await clocks.explain(subject, 'resolution');
    expect(why.calendar?.timeZone).toBe('Europe/Paris');
    expect(why.segments.map((s) => [s.state, s.from, s.businessMinutes])).toEqual([
      ['running', '2026-06-01T07:00:00Z', 60],
      ['paused', '2026-06-01T08:00:00Z', 0],
      ['running', '2026-06-01T10:00:00Z', 180],
    ]);
    expect(why.summary).toMatch(/^Due at 2026-06-01T13:00:00Z: a target of 4 business hours/);
  });

  it('fires each warning and the breach once, at their moment, and never for a stale schedule', async () => {
    const ctx = get();
    const { subject, facts } = await setup(ctx);
    const { clocks, db } = ctx.services;
    const events: ThresholdEvent[] = [];
    clocks.onThreshold(async (_trx, event) => {
      if (event.subject.id === subject.id) events.push(event);
    });
    const queue = queueFor(ctx);
    const pendingThresholdJobs = async () =>
      Number(
        (
          await db
            .selectFrom('jobs')
            .select((eb) => eb.fn.countAll().as('n'))
            .where('name', '=', 'sla.threshold')
            .where('status', '=', 'pending')
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = await pendingThresholdJobs();
    ctx.clock.set('2026-06-01T07:00:00Z');
    await db
      .transaction()
      .execute((trx) => clocks.start(trx, subject, facts('P2', 'incident'), ctx.clock.now()));
    // One job per running clock, for its next threshold (not one per threshold).
    expect((await pendingThresholdJobs()) - before).toBe(2);
    await queue.runDue();
    expect(events).toEqual([]);
    ctx.clock.set('2026-06-01T07:46:00Z'); // 75% of the 60-minute first response
    await queue.runDue();
    expect(events.map((e) => [e.clock, e.percent, e.breach, e.at])).toEqual([
      ['first_response', 75, false, '2026-06-01T07:45:00.000Z'],
    ]);
    ctx.clock.set('2026-06-01T08:30:00Z');
    await queue.runDue();
    await queue.runDue();
    expect(events.map((e) => [e.clock, e.percent])).toEqual([
      ['first_response', 75],
      ['first_response', 100],
    ]);
    // Stopping resolution before its warnings makes their jobs stale: nothing more fires.
    await db
      .transaction()
      .execute((trx) => clocks.stop(trx, subject, 'resolution', ctx.clock.now(), 'resolved'));
    ctx.clock.set('2026-06-03T08:30:00Z');
    await queue.runDue();
    expect(events).toHaveLength(2);
    const [first] = await clocks.clocks(subject);
    expect(first).toMatchObject({ breached: true, breachedAt: '2026-06-01T08:00:00Z' });
  });

  it('replays the ledger when the priority changes, keeping paused time', async () => {
    const ctx = get();
    const { subject, facts } = await setup(ctx);
    const { clocks, db } = ctx.services;
    ctx.clock.set('2026-06-01T07:00:00Z');
    await db
      .transaction()
      .execute((trx) => clocks.start(trx, subject, facts('P3', 'incident'), ctx.clock.now()));
    ctx.clock.set('2026-06-01T08:00:00Z');
    await db
      .transaction()
      .execute((trx) => clocks.statusChanged(trx, subject, 'on_hold', ctx.clock.now()));
    ctx.clock.set('2026-06-01T12:00:00Z');
    await db
      .transaction()
      .execute((trx) => clocks.statusChanged(trx, subject, 'in_progress', ctx.clock.now()));
    await db
      .transaction()
      .execute((trx) => clocks.factsChanged(trx, subject, facts('P2', 'incident')));
    const [, resolution] = await clocks.clocks(subject);
    expect(resolution).toMatchObject({
      targetMinutes: 240,
      elapsedMinutes: 60,
      dueAt: '2026-06-01T15:00:00Z',
    });
  });

  it('moves running clocks to a new calendar version from the change on', async () => {
    const ctx = get();
    const { calendar, subject, facts } = await setup(ctx);
    const { clocks, db, calendars } = ctx.services;
    ctx.clock.set('2026-06-01T14:00:00Z'); // Monday 16:00 Paris
    await db
      .transaction()
      .execute((trx) => clocks.start(trx, subject, facts('P2', 'incident'), ctx.clock.now()));
    ctx.clock.set('2026-06-01T18:00:00Z');
    await calendars.update(systemActor('test'), calendar.id, 1, {
      spec: { timeZone: 'Europe/Paris', week: weekdays([['08:00', '18:00']]) },
    });
    await queueFor(ctx).runDue();
    const [, resolution] = await clocks.clocks(subject);
    // 2 h counted on Monday under v1; 2 h left from Tuesday 08:00 Paris under v2.
    expect(resolution).toMatchObject({ elapsedMinutes: 120, dueAt: '2026-06-02T08:00:00Z' });
    const why = await clocks.explain(subject, 'resolution');
    expect(new Set(why.segments.map((s) => s.calendarVersionId)).size).toBe(2);
  });

  it('works the threshold jobs with a second queue instance too (no double firing)', async () => {
    const ctx = get();
    const { subject, facts } = await setup(ctx);
    const { clocks, db } = ctx.services;
    const fired: number[] = [];
    clocks.onThreshold(async (_trx, e) => {
      if (e.subject.id === subject.id) fired.push(e.percent);
    });
    ctx.clock.set('2026-06-01T07:00:00Z');
    await db
      .transaction()
      .execute((trx) => clocks.start(trx, subject, facts('P2', 'request'), ctx.clock.now()));
    ctx.clock.set('2026-06-01T09:00:00Z');
    const other = createJobQueue({
      db,
      clock: ctx.clock,
      claim: ctx.engine === 'postgres' ? claimPostgres : claimSqlite,
      workerId: 'other',
    });
    // The other queue has no handler for sla.threshold: what it claims fails and is retried later,
    // never fired twice.
    await Promise.all([ctx.services.jobs.runDue(50), other.runDue(1)]);
    ctx.clock.advance(3_600_000);
    await ctx.services.jobs.runDue(50);
    expect(fired.filter((p) => p === 100)).toHaveLength(1);
  });

  it("shows a record's clocks and the explanation over the API to staff only", async () => {
    const ctx = get();
    const { subject, facts } = await setup(ctx);
    ctx.clock.set('2026-06-01T07:00:00Z');
    await ctx.services.db
      .transaction()
      .execute((trx) => ctx.services.clocks.start(trx, subject, facts('P2'), ctx.clock.now()));
    const agent = await ctx.as('agent');
    const ref = `${subject.type}:${subject.id}`;
    const list = await agent.get('/api/v1/sla-clocks', { query: { subject: ref } });
    expect(list.status).toBe(200);
    expect(
      list.body.items.map((c: { clock: string; dueAt: string }) => [c.clock, c.dueAt]),
    ).toEqual([
      ['first_response', '2026-06-01T08:00:00Z'],
      ['resolution', '2026-06-01T11:00:00Z'],
    ]);
    const why = await agent.get('/api/v1/sla-clocks/explanation', {
      query: { subject: ref, clock: 'resolution' },
    });
    expect(why.status).toBe(200);
    expect(why.body.summary).toMatch(/^Due at 2026-06-01T11:00:00Z/);
    expect(why.body.segments[0].countedIntervals[0]).toEqual({
      from: '2026-06-01T07:00:00Z',
      to: '2026-06-01T11:00:00Z',
      minutes: 240,
    });
    const requester = await ctx.as('requester');
    expect((await requester.get('/api/v1/sla-clocks', { query: { subject: ref } })).status).toBe(
      403,
    );
  });
});
