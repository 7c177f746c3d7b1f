// Availability per service (issue 8, clause 8.7.1): outage windows of major-incident reviews
// against each service's own target, through the KPI API and the monthly report, with known
// answers on both databases.
import { createRequire } from 'node:module';
import path from 'node:path';
import { expect, it } from 'vitest';
import { systemActor } from '../src/shared/actor.js';
import { describeEachDatabase } from './helpers/test-app.js';
import { desk, ifMatch } from './kpis-fixtures.js';

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
const APRIL_MINUTES = 30 * 24 * 60;

describeEachDatabase('Availability per service', (get) => {
  let fixture: Awaited<ReturnType<typeof build>>;

  /**
   * April 2026 (43,200 minutes).
   * - Checkout (live, target 99.9): outages 10:00–11:00 and 10:30–11:30 on 10 April (overlapping:
   *   90 minutes once), and 31 March 23:00 – 1 April 00:30 (30 minutes inside April) → 120 minutes,
   *   availability 99.722…%.
   * - Loyalty (live, target 99.0): an outage with no end on a major incident resolved an hour
   *   after it began (60 minutes), and one on 30 April 12:00 whose incident is still open (to the
   *   end of the period: 720 minutes) → 780 minutes, 98.194…%.
   * - Archive (retired, target 99.0) with an outage, and Web shop (live, no target): not in the
   *   organisation-wide mean.
   * Every incident's requester belongs to the customer organisation "Stores".
   */
  async function build() {
    const ctx = get();
    const d = await desk(ctx);
    const system = systemActor('test');
    const organisation = await ctx.services.organisations.create(system, {
      name: `Stores ${Math.random()}`,
      kind: 'company',
    });
    const requester = await ctx.createUser('requester', { organisationId: organisation.id });
    const manager = async () => ctx.login(d.manager.user.email);
    const service = async (name: string, status: string, availabilityTarget: number | null) =>
      ctx.services.catalogue.createService(system, {
        name: `${name} ${Math.random()}`,
        status,
        availabilityTarget,
        defaultGroupId: d.group.id,
      });
    const checkout = await service('Checkout', 'live', 99.9);
    const loyalty = await service('Loyalty', 'live', 99);
    const archive = await service('Archive', 'retired', 99);

    /** A major incident logged at `loggedAt`, its review's outage window, resolved or not. */
    const major = async (
      serviceId: string,
      loggedAt: string,
      outage: [string, string | null],
      resolvedAt?: string,
    ) => {
      ctx.clock.set(loggedAt);
      let agent = await ctx.login(d.agent.user.email);
      const raised = await agent.post('/api/v1/tickets', {
        type: 'incident',
        title: `Outage from ${outage[0]}`,
        description: 'Availability fixture',
        requesterId: requester.id,
        serviceId,
        majorIncident: true,
      });
      expect(raised.status, raised.text).toBe(201);
      const review = await agent.request(
        'PUT',
        `/api/v1/tickets/${raised.body.id}/major-incident-review`,
        { body: { outageStart: outage[0], outageEnd: outage[1] }, ...ifMatch(0) },
      );
      expect(review.status, review.text).toBe(200);
      if (resolvedAt) {
        ctx.clock.set(resolvedAt);
        agent = await ctx.login(d.agent.user.email);
        const resolved = await agent.post(
          `/api/v1/tickets/${raised.body.id}/status`,
          { status: 'resolved', resolutionCode: 'solved', resolutionNotes: 'Restored.' },
          ifMatch(raised.body.version),
        );
        expect(resolved.status, resolved.text).toBe(200);
      }
      return raised.body;
    };
    await major(
      checkout.id,
      '2026-03-31T23:05:00.000Z',
      ['2026-03-31T23:00:00.000Z', '2026-04-01T00:30:00.000Z'],
      '2026-04-01T01:00:00.000Z',
    );
    await major(
      checkout.id,
      '2026-04-10T10:05:00.000Z',
      ['2026-04-10T10:00:00.000Z', '2026-04-10T11:00:00.000Z'],
      '2026-04-10T12:00:00.000Z',
    );
    await major(
      checkout.id,
      '2026-04-10T10:35:00.000Z',
      ['2026-04-10T10:30:00.000Z', '2026-04-10T11:30:00.000Z'],
      '2026-04-10T12:00:00.000Z',
    );
    await major(
      loyalty.id,
      '2026-04-05T08:05:00.000Z',
      ['2026-04-05T08:00:00.000Z', null],
      '2026-04-05T09:00:00.000Z',
    );
    await major(loyalty.id, '2026-04-30T12:05:00.000Z', ['2026-04-30T12:00:00.000Z', null]);
    await major(
      archive.id,
      '2026-04-12T08:05:00.000Z',
      ['2026-04-12T08:00:00.000Z', '2026-04-13T08:00:00.000Z'],
      '2026-04-13T09:00:00.000Z',
    );
    ctx.clock.set('2026-06-02T09:00:00.000Z');
    return { ctx, ...d, manager: await manager(), organisation, checkout, loyalty, archive };
  }

  it('gives each service its availability over the month, overlaps counted once', async () => {
    fixture = await build();
    const { manager, checkout, loyalty } = fixture;
    const one = await manager.get('/api/v1/kpis/availability', {
      query: { ...APRIL, service: checkout.id },
    });
    expect(one.status, one.text).toBe(200);
    // (43,200 − 120) / 43,200 = 99.722…%: the overlap and the March part are not counted.
    expect(one.body.current.value).toBe(99.7);
    expect(one.body.current.count).toBe(3);
    expect(one.body.current.details).toMatchObject({
      target: 99.9,
      outageMinutes: 120,
      periodMinutes: APRIL_MINUTES,
    });
    expect(one.body.filtered).toBe(true);
    expect(one.body.dimensions).toEqual(['service']);

    const open = await manager.get('/api/v1/kpis/availability', {
      query: { ...APRIL, service: loyalty.id },
    });
    // 60 minutes to the resolution, 720 to the end of the period while still open.
    expect(open.body.current.details.outageMinutes).toBe(780);
    expect(open.body.current.value).toBe(98.2);
    expect(open.body.current.details.target).toBe(99);

    // The still-open outage takes the whole of May.
    const may = await manager.get('/api/v1/kpis/availability', {
      query: { from: '2026-05-01', to: '2026-05-31', service: loyalty.id },
    });
    expect(may.body.current.value).toBe(0);
    // March: only the hour of the boundary outage before midnight (44,640 minutes).
    const march = await manager.get('/api/v1/kpis/availability', {
      query: { from: '2026-03-01', to: '2026-03-31', service: checkout.id },
    });
    expect(march.body.current.details.outageMinutes).toBe(60);
    expect(march.body.current.value).toBe(99.9);
  });

  it('averages the live services with a target when no service is chosen', async () => {
    const { manager } = fixture;
    const all = await manager.get('/api/v1/kpis/availability', { query: APRIL });
    expect(all.status, all.text).toBe(200);
    // (99.722… + 98.194…) / 2 = 98.958…: Archive (retired) and services without target left out.
    expect(all.body.current.value).toBe(99);
    expect(all.body.current.details.services).toBe(2);
    expect(all.body.current.targetValue).toBe(99.5);
    // 0.54 short of 99.5, beyond the 0.5% margin (0.4975).
    expect(all.body.current.status).toBe('off-track');
    expect(all.body.requirements).toContain('8.7.1');
  });

  it('gives the same figure in the series and the monthly report as in the KPI API', async () => {
    const { manager, checkout } = fixture;
    const series = await manager.get('/api/v1/kpis/availability/series', {
      query: { ...APRIL, grain: 'month', service: checkout.id },
    });
    expect(series.status, series.text).toBe(200);
    expect(series.body.series[0].points[0].value).toBe(99.7);
    const pdf = await manager.get('/api/v1/reports/service-report.pdf', {
      query: { month: '2026-04', serviceId: checkout.id },
      raw: true,
    });
    expect(pdf.status).toBe(200);
    const text = await pdfText(pdf.body);
    // 99.722 is 0.178 short of 99.9, within the KPI's 0.5% margin of the target: at risk.
    expect(text).toContain(
      'Availability: 99.7% (target 99.9%, at risk); 120.0 minutes of outage in 3 major incidents',
    );
    expect(text).not.toContain('not reported');
  });

  it('reports, for an organisation, the availability of the services its tickets used', async () => {
    const { manager, organisation, checkout, loyalty, archive } = fixture;
    const pdf = await manager.get('/api/v1/reports/service-report.pdf', {
      query: { month: '2026-04', organisationId: organisation.id },
      raw: true,
    });
    expect(pdf.status).toBe(200);
    const text = await pdfText(pdf.body);
    expect(text).toContain(`${checkout.name}: 99.7% (target 99.9%, at risk)`);
    expect(text).toContain(
      `${loyalty.name}: 98.2% (target 99.0%, off track); 780.0 minutes of outage in 2 major incidents`,
    );
    expect(text).toContain(`${archive.name}: 96.7% (target 99.0%, off track)`);
  });

  it('lets a manager set a service target, refuses a bad one naming the field, and other roles', async () => {
    const { ctx, manager, checkout } = fixture;
    const current = await manager.get(`/api/v1/services/${checkout.id}`);
    expect(current.body.availabilityTarget).toBe(99.9);
    for (const bad of [0, -1, 100.5]) {
      const refused = await manager.patch(
        `/api/v1/services/${checkout.id}`,
        { availabilityTarget: bad },
        ifMatch(current.body.version),
      );
      expect(refused.status, String(bad)).toBe(400);
      expect(String(refused.headers['content-type'])).toContain('application/problem+json');
      expect(refused.body.errors[0].field).toBe('/availabilityTarget');
    }
    const agent = await ctx.login(fixture.agent.user.email);
    const forbidden = await agent.patch(
      `/api/v1/services/${checkout.id}`,
      { availabilityTarget: 90 },
      ifMatch(current.body.version),
    );
    expect(forbidden.status).toBe(403);
    const unchanged = await manager.get(`/api/v1/services/${checkout.id}`);
    expect(unchanged.body).toMatchObject({
      availabilityTarget: 99.9,
      version: current.body.version,
    });

    const set = await manager.patch(
      `/api/v1/services/${checkout.id}`,
      { availabilityTarget: 100 },
      ifMatch(current.body.version),
    );
    expect(set.status, set.text).toBe(200);
    expect(set.body.availabilityTarget).toBe(100);
    const kpi = await manager.get('/api/v1/kpis/availability', {
      query: { ...APRIL, service: checkout.id },
    });
    expect(kpi.body.current.details.target).toBe(100);
    const cleared = await manager.patch(
      `/api/v1/services/${checkout.id}`,
      { availabilityTarget: null },
      ifMatch(set.body.version),
    );
    expect(cleared.body.availabilityTarget).toBeNull();
    // Kept to the last digit on both engines (double precision; PostgreSQL's `real` kept seven).
    const precise = await manager.patch(
      `/api/v1/services/${checkout.id}`,
      { availabilityTarget: 99.87654321 },
      ifMatch(cleared.body.version),
    );
    expect((await manager.get(`/api/v1/services/${checkout.id}`)).body.availabilityTarget).toBe(
      99.87654321,
    );
    // Put it back for the tests that may run after.
    await manager.patch(
      `/api/v1/services/${checkout.id}`,
      { availabilityTarget: 99.9 },
      ifMatch(precise.body.version),
    );
  });

  it('refuses requesters and breakdowns the measure does not have', async () => {
    const { ctx, manager, checkout } = fixture;
    const requester = await ctx.as('requester');
    const refused = await requester.get('/api/v1/kpis/availability', {
      query: { ...APRIL, service: checkout.id },
    });
    expect(refused.status).toBe(403);
    const byGroup = await manager.get('/api/v1/kpis/availability', {
      query: { ...APRIL, group: fixture.group.id },
    });
    expect(byGroup.status).toBe(400);
    expect(byGroup.body.errors[0].field).toBe('/group');
  });
});
