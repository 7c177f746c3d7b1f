import { createRequire } from 'node:module';
import path from 'node:path';
import { expect, it } from 'vitest';
import { systemActor } from '../src/shared/actor.js';
import { runJobs } from './helpers/notification-fixtures.js';
import { describeEachDatabase } from './helpers/test-app.js';
import { answerSurvey, desk, loggedAndResolved, mailer } from './kpis-fixtures.js';

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

const APRIL = { from: '2026-04-01', to: '2026-04-30' };
const REPORT_KPIS = [
  'sla-first-response-attainment',
  'sla-resolution-attainment',
  'service-delivery-time',
  'mean-time-to-resolve',
  'customer-satisfaction-index',
  'survey-response-rate',
];

/** The figure as the report writes it. */
const shown = (value: number | null, unit: string) =>
  value === null
    ? 'no data'
    : unit === 'percent'
      ? `${value.toFixed(1)}%`
      : unit === 'hours'
        ? `${value.toFixed(1)} h`
        : value.toFixed(1);

describeEachDatabase(
  'Monthly service reports: PDF, subscriptions, monthly email',
  (get) => {
    let fixture: Awaited<ReturnType<typeof build>>;

    /**
     * April 2026 on "Tills": three incidents resolved in 2 h, 4 h and 3 h of business time, one
     * of them a major incident; surveys rated 5 and 3. "Web shop": one service request (16 h).
     * A customer organisation "Boutiques" whose requester logged one incident on Tills.
     */
    async function build() {
      const ctx = get();
      const d = await desk(ctx);
      const t = (serviceId: string, loggedAt: string, resolvedAt: string, type = 'incident') =>
        loggedAndResolved(ctx, d.agent.user.email, { serviceId, loggedAt, resolvedAt, type });
      const t1 = await t(d.tills.id, '2026-04-03T16:00:00.000Z', '2026-04-07T10:00:00.000Z');
      const t2 = await t(d.tills.id, '2026-04-08T09:00:00.000Z', '2026-04-08T13:00:00.000Z');
      await t(d.tills.id, '2026-04-09T15:00:00.000Z', '2026-04-10T10:00:00.000Z');
      await t(d.web.id, '2026-04-13T09:00:00.000Z', '2026-04-14T17:00:00.000Z', 'request');
      await answerSurvey(ctx, t1, 5, '2026-04-15T10:00:00.000Z');
      await answerSurvey(ctx, t2, 3, '2026-04-15T11:00:00.000Z');
      const organisation = await ctx.services.organisations.create(systemActor('test'), {
        name: `Boutiques ${Math.random()}`,
        kind: 'company',
      });
      const customer = await ctx.createUser('requester', { organisationId: organisation.id });
      ctx.clock.set('2026-04-21T09:00:00.000Z');
      const agent = await ctx.login(d.agent.user.email);
      const major = await agent.post('/api/v1/tickets', {
        type: 'incident',
        title: 'All tills offline in the Lyon store',
        description: 'Report fixture',
        requesterId: customer.id,
        serviceId: d.tills.id,
        majorIncident: true,
      });
      expect(major.status, major.text).toBe(201);
      ctx.clock.set('2026-04-28T09:00:00.000Z');
      const manager = Object.assign(await ctx.login(d.manager.user.email), {
        user: d.manager.user,
      });
      return { ctx, ...d, manager, organisation, major: major.body };
    }

    it('writes every KPI figure of a service exactly as the KPI API gives it', async () => {
      fixture = await build();
      const { manager, tills } = fixture;
      const res = await manager.get('/api/v1/reports/service-report.pdf', {
        query: { month: '2026-04', serviceId: tills.id },
        raw: true,
      });
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toContain('application/pdf');
      expect(String(res.headers['content-disposition'])).toMatch(
        /^attachment; filename="service-report-2026-04-tills-/,
      );
      const text = await pdfText(res.body);
      expect(text).toContain('Monthly service report');
      expect(text).toContain('Month: April 2026 (2026-04-01 to 2026-04-30)');
      expect(text).toContain('Availability: 100.0% (no availability target set)');
      expect(text).toContain('Incidents logged: 4');
      expect(text).toContain('Incidents resolved: 3');
      expect(text).toContain('Service requests logged: 0');
      for (const key of REPORT_KPIS) {
        const kpi = await manager.get(`/api/v1/kpis/${key}`, { query: APRIL });
        const series = await manager.get(`/api/v1/kpis/${key}/series`, {
          query: { ...APRIL, grain: 'month', service: tills.id },
        });
        expect(series.status, series.text).toBe(200);
        const point = series.body.series[0].points[0];
        const row = `${kpi.body.name} (${point.count} ${point.count === 1 ? 'record' : 'records'}) ${shown(point.value, kpi.body.unit)}`;
        expect(text, key).toContain(row);
      }
      // Known answers: delivery times 2, 4 and 3 business hours → median 3.0 h, mean 3.0 h.
      expect(text).toContain('3.0 h');
      // Satisfaction: ratings 5 and 3 → (100 + 60) / 2 = 80.0.
      expect(text).toContain('80.0');
      expect(text).toContain(`${fixture.major.number} All tills offline in the Lyon store`);
      expect(text).toContain('Changes raised: 0');
      expect(text).toContain('Improvements raised: 0');
    });

    it('reports a customer organisation: its own tickets only, changes not attributed', async () => {
      const { manager, organisation } = fixture;
      const res = await manager.get('/api/v1/reports/service-report.pdf', {
        query: { month: '2026-04', organisationId: organisation.id },
        raw: true,
      });
      expect(res.status).toBe(200);
      const text = await pdfText(res.body);
      expect(text).toContain(`Customer organisation: ${organisation.name}`);
      expect(text).toContain('Incidents logged: 1');
      expect(text).toContain('Incidents resolved: 0');
      expect(text).toContain('All tills offline in the Lyon store');
      expect(text).toContain('Changes are recorded against services');
    });

    it('refuses a bad month, a missing or double scope, an unknown id and a requester', async () => {
      const { ctx, manager, tills, organisation } = fixture;
      const field = async (query: Record<string, string>) => {
        const r = await manager.get('/api/v1/reports/service-report.pdf', { query });
        expect(r.status).toBe(400);
        expect(String(r.headers['content-type'])).toContain('application/problem+json');
        return r.body.errors[0].field;
      };
      expect(await field({ month: '2026-13', serviceId: tills.id })).toBe('/month');
      expect(await field({ month: 'April', serviceId: tills.id })).toBe('/month');
      expect(await field({ month: '2026-04' })).toBe('/serviceId');
      expect(
        await field({ month: '2026-04', serviceId: tills.id, organisationId: organisation.id }),
      ).toBe('/organisationId');
      const unknown = await manager.get('/api/v1/reports/service-report.pdf', {
        query: { month: '2026-04', serviceId: '0190f000-0000-7000-8000-000000000000' },
      });
      expect(unknown.status).toBe(404);
      const requester = await ctx.as('requester');
      const refused = await requester.get('/api/v1/reports/service-report.pdf', {
        query: { month: '2026-04', serviceId: tills.id },
      });
      expect(refused.status).toBe(403);
      expect(String(refused.headers['content-type'])).toContain('application/problem+json');
    });

    it('lets staff subscribe themselves and managers anyone; refuses the rest and changes nothing', async () => {
      const { ctx, manager, agent, tills, web, organisation } = fixture;
      const self = await ctx.login(agent.user.email);
      const mine = await self.post('/api/v1/reports/subscriptions', { serviceId: tills.id });
      expect(mine.status, mine.text).toBe(201);
      expect(mine.body).toMatchObject({
        userId: agent.user.id,
        serviceId: tills.id,
        organisationId: null,
        scopeName: tills.name,
      });
      const twice = await self.post('/api/v1/reports/subscriptions', { serviceId: tills.id });
      expect(twice.status).toBe(409);
      const forOther = await self.post('/api/v1/reports/subscriptions', {
        userId: manager.user.id,
        serviceId: web.id,
      });
      expect(forOther.status).toBe(403);
      const requester = await ctx.as('requester');
      const refused = await requester.post('/api/v1/reports/subscriptions', {
        serviceId: tills.id,
      });
      expect(refused.status).toBe(403);
      const both = await self.post('/api/v1/reports/subscriptions', {
        serviceId: tills.id,
        organisationId: organisation.id,
      });
      expect(both.status).toBe(400);

      const byManager = await manager.post('/api/v1/reports/subscriptions', {
        userId: agent.user.id,
        organisationId: organisation.id,
      });
      expect(byManager.status, byManager.text).toBe(201);
      const own = await self.get('/api/v1/reports/subscriptions');
      expect(own.body.items.map((s: { scopeName: string }) => s.scopeName)).toEqual([
        organisation.name,
        tills.name,
      ]);
      const everyone = await self.get('/api/v1/reports/subscriptions', { query: { all: 'true' } });
      expect(everyone.status).toBe(403);
      const all = await manager.get('/api/v1/reports/subscriptions', { query: { all: 'true' } });
      expect(all.body.items).toHaveLength(2);

      // A manager's own subscription that the agent may not remove.
      const managers = await manager.post('/api/v1/reports/subscriptions', { serviceId: web.id });
      expect(managers.status).toBe(201);
      const notYours = await self.delete(`/api/v1/reports/subscriptions/${managers.body.id}`);
      expect(notYours.status).toBe(403);
      const removed = await manager.delete(`/api/v1/reports/subscriptions/${managers.body.id}`);
      expect(removed.status).toBe(204);
      const gone = await manager.delete(`/api/v1/reports/subscriptions/${managers.body.id}`);
      expect(gone.status).toBe(404);
      const after = await manager.get('/api/v1/reports/subscriptions', { query: { all: 'true' } });
      expect(after.body.items).toHaveLength(2);
    });

    it('emails last month’s report once to each subscriber from the 1st of the month', async () => {
      const { ctx, agent, tills, organisation } = fixture;
      await runJobs(ctx);
      const reportMails = () => mailer.sent.filter((m) => m.subject.startsWith('Service report'));
      const before = reportMails().length;
      ctx.clock.set('2026-04-30T22:00:00.000Z');
      expect(await ctx.services.serviceReports.sendDue()).toBe(0);
      ctx.clock.set('2026-05-01T01:00:00.000Z');
      expect(await ctx.services.serviceReports.sendDue()).toBe(2);
      const sent = reportMails().slice(before);
      expect(sent.map((m) => m.to)).toEqual([agent.user.email, agent.user.email]);
      const tillsMail = sent.find((m) => m.subject.endsWith(tills.name));
      expect(tillsMail?.subject).toBe(`Service report April 2026: ${tills.name}`);
      expect(tillsMail?.text).toContain('Incidents logged: 4, resolved: 3');
      // The same availability line as the PDF's.
      expect(tillsMail?.text).toContain('Availability: 100.0% (no availability target set)');
      expect(tillsMail?.text).toContain(
        `/api/v1/reports/service-report.pdf?month=2026-04&serviceId=${tills.id}`,
      );
      const organisationMail = sent.find((m) => m.subject.endsWith(organisation.name));
      expect(organisationMail?.text).toContain(`organisationId=${organisation.id}`);
      expect(organisationMail?.text).toContain(`Availability of ${tills.name}: 100.0%`);
      // Idempotent: later runs in May send nothing more; June sends May's.
      expect(await ctx.services.serviceReports.sendDue()).toBe(0);
      ctx.clock.set('2026-05-15T09:00:00.000Z');
      expect(await ctx.services.serviceReports.sendDue()).toBe(0);
      expect(reportMails().length).toBe(before + 2);
      ctx.clock.set('2026-06-01T00:30:00.000Z');
      expect(await ctx.services.serviceReports.sendDue()).toBe(2);
      expect(reportMails().at(-1)?.subject).toContain('May 2026');
    });

    it('retries a report the mail server refused on the next run', async () => {
      const { ctx } = fixture;
      ctx.clock.set('2026-07-01T00:10:00.000Z');
      mailer.failNext(1);
      await expect(ctx.services.serviceReports.sendDue()).rejects.toThrow('mail server busy');
      expect(await ctx.services.serviceReports.sendDue()).toBe(2);
      expect(await ctx.services.serviceReports.sendDue()).toBe(0);
    });

    it('runs as a recurring job through the job port', async () => {
      const { ctx, agent } = fixture;
      const july = () =>
        mailer.sent.filter(
          (m) => m.to === agent.user.email && m.subject.startsWith('Service report July 2026'),
        );
      ctx.clock.set('2026-08-01T00:05:00.000Z');
      await ctx.services.jobs.scheduleRecurring();
      await runJobs(ctx);
      expect(july()).toHaveLength(2);
      await ctx.services.jobs.scheduleRecurring();
      await runJobs(ctx);
      expect(july()).toHaveLength(2);
    });
  },
  { mailer: () => mailer },
);
