import { expect, it } from 'vitest';
import { describeEachDatabase } from './helpers/test-app.js';
import { answerSurvey, desk, ifMatch, loggedAndResolved, mailer } from './kpis-fixtures.js';

const MARCH = { from: '2026-03-01', to: '2026-03-31' };
const APRIL = { from: '2026-04-01', to: '2026-04-30' };

describeEachDatabase(
  'KPI engine: service delivery time, satisfaction, SLA, backlog',
  (get) => {
    let fixture: Awaited<ReturnType<typeof build>>;

    /**
     * Business hours Mon–Fri 09:00–17:00 UTC, holiday Monday 6 April 2026; resolution target 5 h.
     * March (baseline): 4 h and 8 h (tills). April: 2 h across a weekend and the holiday, 4 h, 3 h
     * (tills) and 16 h (web shop, a service request); one incident still open from 20 April.
     * Surveys: March rated 4 and 2; April rated 5 and 3, two sent and never answered.
     */
    async function build() {
      const ctx = get();
      const d = await desk(ctx);
      const t = (serviceId: string, loggedAt: string, resolvedAt: string, type = 'incident') =>
        loggedAndResolved(ctx, d.agent.user.email, { serviceId, loggedAt, resolvedAt, type });
      const b1 = await t(d.tills.id, '2026-03-02T09:00:00.000Z', '2026-03-02T13:00:00.000Z');
      const b2 = await t(d.tills.id, '2026-03-03T09:00:00.000Z', '2026-03-04T09:00:00.000Z');
      await answerSurvey(ctx, b1, 4, '2026-03-05T10:00:00.000Z');
      await answerSurvey(ctx, b2, 2, '2026-03-05T11:00:00.000Z');
      const t1 = await t(d.tills.id, '2026-04-03T16:00:00.000Z', '2026-04-07T10:00:00.000Z');
      const t2 = await t(d.tills.id, '2026-04-08T09:00:00.000Z', '2026-04-08T13:00:00.000Z');
      const t3 = await t(d.tills.id, '2026-04-09T15:00:00.000Z', '2026-04-10T10:00:00.000Z');
      const t4 = await t(
        d.web.id,
        '2026-04-13T09:00:00.000Z',
        '2026-04-14T17:00:00.000Z',
        'request',
      );
      await answerSurvey(ctx, t1, 5, '2026-04-15T10:00:00.000Z');
      await answerSurvey(ctx, t2, 3, '2026-04-15T11:00:00.000Z');
      const requester = await ctx.createUser('requester');
      ctx.clock.set('2026-04-20T09:00:00.000Z');
      const agent = await ctx.login(d.agent.user.email);
      const open = await agent.post('/api/v1/tickets', {
        type: 'incident',
        title: 'Web shop basket empties itself',
        description: 'KPI fixture',
        requesterId: requester.id,
        serviceId: d.web.id,
      });
      expect(open.status).toBe(201);
      ctx.clock.set('2026-05-04T09:00:00.000Z');
      const manager = Object.assign(await ctx.login(d.manager.user.email), {
        user: d.manager.user,
      });
      return { ctx, ...d, manager, tickets: { b1, b2, t1, t2, t3, t4, open: open.body } };
    }

    it('computes the service delivery time in business time across a weekend and a holiday, against its baseline', async () => {
      fixture = await build();
      const { manager, ctx } = fixture;
      const before = await manager.get('/api/v1/kpis/service-delivery-time', { query: APRIL });
      expect(before.status).toBe(200);
      // No baseline yet: the relative target cannot be judged.
      expect(before.body.current).toMatchObject({
        value: 3.5,
        count: 4,
        statistics: { median: 3.5, mean: 6.3, p90: 16 },
        baseline: null,
        targetValue: null,
        status: 'unknown',
      });
      expect(before.body).toMatchObject({
        target: { kind: 'relative', change: -20 },
        unit: 'hours',
        direction: 'lower-is-better',
        dimensions: ['service', 'priority', 'group', 'organisation'],
      });

      // A manager sets March as the baseline period.
      const patched = await manager.patch(
        '/api/v1/kpis/service-delivery-time',
        { baseline: MARCH, ownerId: manager.user.id, requirements: ['8.6.1', '9.1'] },
        ifMatch(before.body.version),
      );
      expect(patched.status, patched.text).toBe(200);
      expect(patched.headers.etag).toBe(`"${before.body.version + 1}"`);
      const after = await manager.get('/api/v1/kpis/service-delivery-time', { query: APRIL });
      expect(after.body.current).toMatchObject({
        value: 3.5,
        baseline: { ...MARCH, label: '2026-03', value: 6, count: 2 },
        targetValue: 4.8,
        change: -41.7,
        changeText: '\u221241.7% vs baseline 2026-03',
        status: 'on-track',
      });
      // The mean time to resolve reads the same records, its own statistic.
      const mttr = await manager.get('/api/v1/kpis/mean-time-to-resolve', { query: APRIL });
      expect(mttr.body.current).toMatchObject({ value: 6.3, count: 4 });
      // The change is in the audit trail.
      const trail = await ctx.services.db
        .selectFrom('audit_events')
        .select(['action', 'entity_type'])
        .where('entity_id', '=', 'service-delivery-time')
        .execute();
      expect(trail).toEqual([{ action: 'update', entity_type: 'kpi_definition' }]);
    });

    it('computes the satisfaction index over answered surveys, with the response rate of those sent', async () => {
      const { manager } = fixture;
      const kpi = await manager.get('/api/v1/kpis/customer-satisfaction-index', { query: APRIL });
      expect(kpi.body.current).toMatchObject({
        value: 80,
        count: 2,
        details: { responseRate: 50, sent: 4 },
      });
      const patched = await manager.patch(
        '/api/v1/kpis/customer-satisfaction-index',
        { baseline: MARCH },
        ifMatch(kpi.body.version),
      );
      expect(patched.body.current.baseline).toMatchObject({ value: 60, count: 2 });
      const april = await manager.get('/api/v1/kpis/customer-satisfaction-index', {
        query: APRIL,
      });
      expect(april.body.current).toMatchObject({
        targetValue: 69,
        change: 33.3,
        changeText: '+33.3% vs baseline 2026-03',
        status: 'on-track',
      });
      const rate = await manager.get('/api/v1/kpis/survey-response-rate', { query: APRIL });
      expect(rate.body.current).toMatchObject({ value: 50, count: 4 });
    });

    it('gives SLA attainment, backlog and its age, and incidents per service', async () => {
      const { manager, tills, web } = fixture;
      const value = async (key: string, query = APRIL) =>
        (await manager.get(`/api/v1/kpis/${key}`, { query })).body.current;
      expect(await value('sla-resolution-attainment')).toMatchObject({ value: 75, count: 4 });
      expect(await value('sla-resolution-attainment', MARCH)).toMatchObject({
        value: 50,
        count: 2,
      });
      expect(await value('backlog')).toMatchObject({ value: 1, count: 1 });
      expect(await value('backlog', MARCH)).toMatchObject({ value: 0, count: 0 });
      // Logged 20 April 09:00, open at 1 May 00:00: 10 days and 15 hours.
      expect(await value('backlog-age')).toMatchObject({ value: 255, count: 1 });
      expect(await value('incidents-per-service')).toMatchObject({ value: 4, count: 4 });
      const byService = await manager.get('/api/v1/kpis/incidents-per-service/series', {
        query: { ...APRIL, grain: 'month', by: 'service' },
      });
      expect(
        byService.body.series.map((s: { id: string; points: { value: number }[] }) => [
          s.id,
          s.points.map((p) => p.value),
        ]),
      ).toEqual([
        [tills.id, [3]],
        [web.id, [1]],
      ]);
    });

    it('gives series by month, ISO week and service, each point with its count', async () => {
      const { manager, tills, web } = fixture;
      const monthly = await manager.get('/api/v1/kpis/service-delivery-time/series', {
        query: { from: '2026-03-01', to: '2026-04-30', grain: 'month' },
      });
      expect(monthly.status, monthly.text).toBe(200);
      expect(monthly.body).toMatchObject({ grain: 'month', by: null, baselineValue: 6 });
      expect(monthly.body.series).toEqual([
        {
          id: null,
          name: null,
          points: [
            { label: '2026-03', ...MARCH, value: 6, count: 2, status: 'off-track' },
            { label: '2026-04', ...APRIL, value: 3.5, count: 4, status: 'on-track' },
          ],
        },
      ]);
      const byService = await manager.get('/api/v1/kpis/service-delivery-time/series', {
        query: { from: '2026-03-01', to: '2026-04-30', grain: 'month', by: 'service' },
      });
      const points = (id: string) =>
        byService.body.series
          .find((s: { id: string }) => s.id === id)
          .points.map((p: { value: number | null; count: number }) => [p.value, p.count]);
      expect(points(tills.id)).toEqual([
        [6, 2],
        [3, 3],
      ]);
      expect(points(web.id)).toEqual([
        [null, 0],
        [16, 1],
      ]);
      expect(byService.body.series.find((s: { id: string }) => s.id === web.id).name).toBe(
        web.name,
      );
      const weekly = await manager.get('/api/v1/kpis/service-delivery-time/series', {
        query: { from: '2026-04-01', to: '2026-04-14', grain: 'week' },
      });
      expect(
        weekly.body.series[0].points.map(
          (p: { label: string; from: string; to: string; value: number | null; count: number }) => [
            p.label,
            p.from,
            p.to,
            p.value,
            p.count,
          ],
        ),
      ).toEqual([
        ['2026-W14', '2026-04-01', '2026-04-05', null, 0],
        ['2026-W15', '2026-04-06', '2026-04-12', 3, 3],
        ['2026-W16', '2026-04-13', '2026-04-14', 16, 1],
      ]);
      // A filter narrows the figure to one service.
      const webOnly = await manager.get('/api/v1/kpis/service-delivery-time/series', {
        query: { ...APRIL, service: web.id },
      });
      expect(webOnly.body.series[0].points).toMatchObject([{ value: 16, count: 1 }]);

      // The value of a KPI, and the list of all of them, take the same filter: the ticket-based
      // KPIs narrow to the service, the others say they are for everything.
      const one = await manager.get('/api/v1/kpis/service-delivery-time', {
        query: { ...APRIL, service: web.id },
      });
      expect(one.status).toBe(200);
      expect(one.body).toMatchObject({ filtered: true, current: { value: 16, count: 1 } });
      const all = await manager.get('/api/v1/kpis', { query: { ...APRIL, service: web.id } });
      const byKey = (key: string) => all.body.items.find((k: { key: string }) => k.key === key);
      expect(byKey('service-delivery-time')).toMatchObject({
        filtered: true,
        current: { value: 16, count: 1 },
      });
      expect(byKey('training-completion')).toMatchObject({ filtered: false });
      const unfiltered = await manager.get('/api/v1/kpis', { query: APRIL });
      expect(
        unfiltered.body.items.find((k: { key: string }) => k.key === 'service-delivery-time'),
      ).toMatchObject({ filtered: false });
      const refused = await manager.get('/api/v1/kpis/training-completion', {
        query: { ...APRIL, service: web.id },
      });
      expect(refused.status).toBe(400);
      expect(refused.body.errors[0].field).toBe('/service');
    });

    it('lists the records behind a number, keyset-paged and filtered', async () => {
      const { manager, web, tickets } = fixture;
      const first = await manager.get('/api/v1/kpis/service-delivery-time/records', {
        query: { ...APRIL, limit: '2' },
      });
      expect(first.status, first.text).toBe(200);
      expect(
        first.body.items.map((r: { number: string; value: number }) => [r.number, r.value]),
      ).toEqual([
        [tickets.t1.number, 2],
        [tickets.t2.number, 4],
      ]);
      const second = await manager.get('/api/v1/kpis/service-delivery-time/records', {
        query: { ...APRIL, limit: '2', cursor: first.body.nextCursor },
      });
      expect(second.body.items.map((r: { number: string }) => r.number)).toEqual([
        tickets.t3.number,
        tickets.t4.number,
      ]);
      expect(second.body.nextCursor).toBeNull();
      const filtered = await manager.get('/api/v1/kpis/service-delivery-time/records', {
        query: { ...APRIL, service: web.id },
      });
      expect(filtered.body.items).toMatchObject([
        { type: 'ticket', id: tickets.t4.id, at: '2026-04-14T17:00:00.000Z', value: 16 },
      ]);
      const backlog = await manager.get('/api/v1/kpis/backlog/records', { query: APRIL });
      expect(backlog.body.items.map((r: { id: string }) => r.id)).toEqual([tickets.open.id]);
      const surveys = await manager.get('/api/v1/kpis/customer-satisfaction-index/records', {
        query: APRIL,
      });
      expect(
        surveys.body.items.map((r: { type: string; value: number }) => [r.type, r.value]),
      ).toEqual([
        ['survey', 100],
        ['survey', 60],
      ]);
    });

    it('gives the reopen rate and the first-contact resolution rate from the ticket trail', async () => {
      const { ctx, agent: a, manager: m, web } = fixture;
      const requester = await ctx.createUser('requester');
      const at = async (instant: string) => {
        ctx.clock.set(instant);
        return ctx.login(a.user.email);
      };
      const log = async (instant: string) => {
        const agent = await at(instant);
        const r = await agent.post('/api/v1/tickets', {
          type: 'incident',
          title: `Trail ${instant}`,
          description: 'KPI fixture',
          requesterId: requester.id,
          serviceId: web.id,
        });
        expect(r.status, r.text).toBe(201);
        return r.body as { id: string; version: number };
      };
      const resolve = async (instant: string, t: { id: string; version: number }) => {
        const r = await (await at(instant)).post(
          `/api/v1/tickets/${t.id}/status`,
          { status: 'resolved', resolutionCode: 'solved', resolutionNotes: 'Fixed.' },
          ifMatch(t.version),
        );
        expect(r.status, r.text).toBe(200);
        return r.body as { id: string; version: number };
      };
      // Resolved at once: first contact.
      await resolve('2026-06-01T10:00:00.000Z', await log('2026-06-01T09:00:00.000Z'));
      // Taken by the agent (a first assignment), then handed to the manager: not first contact.
      let moved = await log('2026-06-02T09:00:00.000Z');
      const agent = await at('2026-06-02T09:30:00.000Z');
      moved = (
        await agent.patch(
          `/api/v1/tickets/${moved.id}`,
          { assigneeId: a.user.id },
          ifMatch(moved.version),
        )
      ).body;
      const handed = await agent.patch(
        `/api/v1/tickets/${moved.id}`,
        { assigneeId: m.user.id },
        ifMatch(moved.version),
      );
      expect(handed.status, handed.text).toBe(200);
      await resolve('2026-06-02T11:00:00.000Z', handed.body);
      // Resolved, reopened, resolved again: reopened, not first contact.
      const once = await resolve('2026-06-03T10:00:00.000Z', await log('2026-06-03T09:00:00.000Z'));
      const reopened = await (await at('2026-06-03T11:00:00.000Z')).post(
        `/api/v1/tickets/${once.id}/status`,
        { status: 'in_progress' },
        ifMatch(once.version),
      );
      expect(reopened.status, reopened.text).toBe(200);
      await resolve('2026-06-03T12:00:00.000Z', reopened.body);

      const june = { from: '2026-06-01', to: '2026-06-30' };
      const manager = await ctx.login(m.user.email);
      const value = async (key: string) =>
        (await manager.get(`/api/v1/kpis/${key}`, { query: june })).body.current;
      expect(await value('reopen-rate')).toMatchObject({ value: 33.3, count: 3 });
      expect(await value('first-contact-resolution')).toMatchObject({ value: 33.3, count: 3 });
      // April's tickets were all resolved once, by the agent who logged them.
      ctx.clock.set('2026-05-04T09:00:00.000Z');
      const april = await ctx.login(m.user.email);
      const aprilFcr = await april.get('/api/v1/kpis/first-contact-resolution', { query: APRIL });
      expect(aprilFcr.body.current).toMatchObject({ value: 100, count: 4 });
      fixture.manager = Object.assign(april, { user: m.user });
    });

    it('lets staff and auditors read, managers change; refuses the others and changes nothing', async () => {
      const { ctx } = fixture;
      const requester = await ctx.as('requester');
      const agent = await ctx.as('agent');
      const auditor = await ctx.as('auditor');
      const denied = await requester.get('/api/v1/kpis');
      expect(denied.status).toBe(403);
      expect(denied.headers['content-type']).toMatch(/application\/problem\+json/);
      expect((await requester.get('/api/v1/kpis/backlog/series')).status).toBe(403);
      expect((await requester.get('/api/v1/kpis/backlog/records')).status).toBe(403);
      const list = await auditor.get('/api/v1/kpis', { query: APRIL });
      expect(list.status).toBe(200);
      expect(list.body.items.slice(0, 4).map((k: { key: string }) => k.key)).toEqual([
        'service-delivery-time',
        'customer-satisfaction-index',
        'compliance-audit-success-rate',
        'training-completion',
      ]);
      const kpi = await agent.get('/api/v1/kpis/backlog');
      expect(kpi.status).toBe(200);
      const refused = await agent.patch(
        '/api/v1/kpis/backlog',
        { target: { kind: 'absolute', value: 0 } },
        ifMatch(kpi.body.version),
      );
      expect(refused.status).toBe(403);
      const auditorRefused = await auditor.patch(
        '/api/v1/kpis/backlog',
        { atRiskMargin: 50 },
        ifMatch(kpi.body.version),
      );
      expect(auditorRefused.status).toBe(403);
      const unchanged = await agent.get('/api/v1/kpis/backlog');
      expect(unchanged.body).toMatchObject({
        version: kpi.body.version,
        target: { kind: 'relative', change: -10 },
        atRiskMargin: 10,
      });
    });

    it('refuses bad input with a 400 naming the field, and stale or missing If-Match', async () => {
      const { manager } = fixture;
      const field = async (url: string, query: Record<string, string>) => {
        const r = await manager.get(url, { query });
        expect(r.status, r.text).toBe(400);
        expect(r.headers['content-type']).toMatch(/application\/problem\+json/);
        return r.body.errors?.[0]?.field as string;
      };
      const series = '/api/v1/kpis/service-delivery-time/series';
      expect(await field(series, { grain: 'year' })).toMatch(/grain/);
      expect(await field(series, { by: 'colour' })).toMatch(/by/);
      expect(await field(series, { from: '2026-04-30', to: '2026-04-01' })).toBe('/to');
      expect(await field(series, { from: '2026-02-30', to: '2026-04-01' })).toBe('/from');
      expect(await field(series, { from: '2026-04-01' })).toBe('/to');
      expect(await field(series, { from: '2020-01-01', to: '2026-01-01', grain: 'day' })).toBe(
        '/grain',
      );
      expect(
        await field('/api/v1/kpis/training-completion/series', { ...APRIL, by: 'service' }),
      ).toBe('/by');
      expect(await field('/api/v1/kpis/training-completion/records', APRIL)).toBe('/key');
      expect(await field('/api/v1/kpis/change-success-rate', { ...APRIL, cursor: 'x' })).toMatch(
        /cursor/,
      );
      const unknown = await manager.get('/api/v1/kpis/happiness');
      expect(unknown.status).toBe(404);
      expect(unknown.body.detail).toMatch(/happiness/);

      const kpi = (await manager.get('/api/v1/kpis/backlog')).body;
      const patch = async (body: unknown) => {
        const r = await manager.patch('/api/v1/kpis/backlog', body, ifMatch(kpi.version));
        expect(r.status, r.text).toBe(400);
        return r.body.errors[0].field;
      };
      expect(await patch({ target: { kind: 'relative', change: -150 } })).toBe('/target/change');
      expect(await patch({ target: { kind: 'someday' } })).toBe('/target/kind');
      expect(await patch({ requirements: ['8.6.1', '99.1'] })).toBe('/requirements/1');
      expect(await patch({ baseline: { from: '2026-03-31', to: '2026-03-01' } })).toBe(
        '/baseline/to',
      );
      expect(await patch({ statistic: 'p90' })).toBe('/statistic');
      expect(await patch({ ownerId: 'nobody' })).toBe('/ownerId');
      expect(await patch({ atRiskMargin: 500 })).toBe('/atRiskMargin');
      expect((await manager.patch('/api/v1/kpis/backlog', { atRiskMargin: 5 })).status).toBe(428);
      expect(
        (await manager.patch('/api/v1/kpis/backlog', { atRiskMargin: 5 }, ifMatch(kpi.version + 7)))
          .status,
      ).toBe(412);
      expect((await manager.get('/api/v1/kpis/backlog')).body.version).toBe(kpi.version);
    });
  },
  { mailer: () => mailer },
);
