import { expect, it } from 'vitest';
import { DEMO_PASSWORD, seedDemo } from '../src/demo/demo.js';
import { demoBaseline } from '../src/demo/seeders/kpis.js';
import { describeEachDatabase } from './helpers/test-app.js';

const DAY = 86_400_000;

interface KpiBody {
  key: string;
  baseline: unknown;
  ownerId: string | null;
  current: {
    value: number | null;
    count: number;
    baseline: { value: number | null };
    changeText: string | null;
    status: string;
    details: Record<string, number | null>;
  };
}

describeEachDatabase('KPI demo', (get) => {
  it('judges the programme KPIs over the last 90 days against the first quarter of the desk history', async () => {
    const ctx = get();
    const workspace = await seedDemo(ctx.services, { tickets: 600 });
    const executive = await ctx.login(workspace.users.manager?.email ?? '', DEMO_PASSWORD);
    const today = ctx.clock.now().toISOString().slice(0, 10);
    const from = new Date(Date.parse(`${today}T00:00:00Z`) - 89 * DAY).toISOString().slice(0, 10);
    const list = await executive.get('/api/v1/kpis', { query: { from, to: today } });
    expect(list.status, list.text).toBe(200);
    const byKey = new Map<string, KpiBody>(list.body.items.map((k: KpiBody) => [k.key, k]));
    const baseline = demoBaseline(ctx.services);
    for (const key of ['service-delivery-time', 'customer-satisfaction-index']) {
      const kpi = byKey.get(key) as KpiBody;
      expect(kpi.baseline).toEqual(baseline);
      expect(kpi.ownerId).toBe(workspace.users.manager?.id);
      expect(kpi.current.value).toEqual(expect.any(Number));
      expect(kpi.current.count).toBeGreaterThan(10);
      expect(kpi.current.baseline.value).toEqual(expect.any(Number));
      expect(kpi.current.changeText).toMatch(/^[+\u2212±]\d+\.\d% vs baseline/);
      expect(['on-track', 'at-risk', 'off-track']).toContain(kpi.current.status);
    }
    expect(byKey.get('customer-satisfaction-index')?.current.details.responseRate).toEqual(
      expect.any(Number),
    );
    // The training KPI is the figure the training module reports for the same period.
    const training = await executive.get('/api/v1/training/completion', {
      query: { from, to: today },
    });
    expect(byKey.get('training-completion')?.current.value).toBe(training.body.rate);
    // The delivery time by month has a point for each month of the history.
    const series = await executive.get('/api/v1/kpis/service-delivery-time/series', {
      query: { from: baseline.from, to: today, grain: 'month' },
    });
    expect(series.status).toBe(200);
    expect(series.body.series[0].points.length).toBeGreaterThanOrEqual(6);
  });
});
