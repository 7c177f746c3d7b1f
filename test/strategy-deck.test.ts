import JSZip from 'jszip';
import { expect, it } from 'vitest';
import { DEMO_PASSWORD, type DemoWorkspace, seedDemo } from '../src/demo/demo.js';
import { describeEachDatabase } from './helpers/test-app.js';

const URL = '/api/v1/reports/strategy-framework.pptx';
const ENGLISH = { 'accept-language': 'en-GB,en;q=0.9' };

const decode = (s: string) =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');

/** The text of each slide, in slide order, its runs joined by single spaces. */
async function slidesOf(bytes: Buffer): Promise<string[]> {
  const zip = await JSZip.loadAsync(bytes);
  const names = Object.keys(zip.files)
    .filter((n) => /^ppt\/slides\/slide\d+\.xml$/.test(n))
    .sort((a, b) => Number(/(\d+)\.xml$/.exec(a)?.[1]) - Number(/(\d+)\.xml$/.exec(b)?.[1]));
  const slides: string[] = [];
  for (const name of names) {
    const xml = await zip.file(name)?.async('string');
    const runs = [...(xml ?? '').matchAll(/<a:t>([^<]*)<\/a:t>/g)].map((m) => decode(m[1] ?? ''));
    slides.push(runs.join(' ').replace(/\s+/g, ' '));
  }
  return slides;
}

/** The slides whose title starts with `title` (a table may continue on several). */
const slidesTitled = (slides: string[], title: string) =>
  slides.filter((s) => s.startsWith(title)).join(' ');

/** A KPI figure as the English deck writes it. */
const shown = (value: number | null, unit: string) =>
  value === null
    ? 'no data'
    : unit === 'percent'
      ? `${value.toFixed(1)}%`
      : unit === 'hours'
        ? `${value.toFixed(1)} h`
        : unit === 'count'
          ? String(value)
          : value.toFixed(1);

const STATUS: Record<string, string> = {
  'on-track': 'On track',
  'at-risk': 'At risk',
  'off-track': 'Off track',
  unknown: 'Not judged',
};

interface Kpi {
  name: string;
  unit: string;
  current: { value: number | null; targetValue: number | null; status: string };
}

describeEachDatabase('Strategy framework deck of a new workspace', (get) => {
  it('says "None recorded." where the workspace has nothing yet, and is refused to a requester', async () => {
    const ctx = get();
    const manager = await ctx.as('manager');
    const res = await manager.get(URL, { raw: true });
    expect(res.status).toBe(200);
    const slides = await slidesOf(res.body);
    expect(slidesTitled(slides, 'Roadmap milestones')).toContain('None recorded.');
    expect(slidesTitled(slides, 'Services in the catalogue')).toContain('None recorded.');

    const requester = await ctx.as('requester');
    const refused = await requester.get(URL);
    expect(refused.status).toBe(403);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect(refused.body.detail).toContain('strategy framework deck');
  });

  it('refuses a bad period naming the field', async () => {
    const manager = await get().as('manager');
    for (const [query, field] of [
      [{ from: '2026-02-30', to: '2026-03-31' }, '/from'],
      [{ to: '2026-03-31' }, '/from'],
      [{ from: '2026-03-01', to: '2026-02-01' }, '/to'],
    ] as const) {
      const res = await manager.get(URL, { query });
      expect(res.status, JSON.stringify(query)).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(JSON.stringify(res.body.errors)).toContain(field);
    }
    const language = await manager.get(URL, { query: { lang: 'de' } });
    expect(language.status).toBe(400);
    expect(JSON.stringify(language.body)).toContain('lang');
  });
});

describeEachDatabase('Strategy framework deck of the demo workspace', (get) => {
  let workspace: DemoWorkspace;

  it('shows the demo services, every KPI as the KPI API gives it, the processes and the roadmap', async () => {
    const ctx = get();
    workspace = await seedDemo(ctx.services, { tickets: 300 });
    const manager = await ctx.login(workspace.users.manager?.email ?? '', DEMO_PASSWORD);
    // Default period: the last full quarter before today.
    const now = ctx.clock.now();
    const q = now.getUTCMonth() - (now.getUTCMonth() % 3);
    const from = new Date(Date.UTC(now.getUTCFullYear(), q - 3, 1)).toISOString().slice(0, 10);
    const to = new Date(Date.UTC(now.getUTCFullYear(), q, 0)).toISOString().slice(0, 10);

    const res = await manager.get(URL, { headers: ENGLISH, raw: true });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain(
      'application/vnd.openxmlformats-officedocument.presentationml.presentation',
    );
    expect(res.headers['content-disposition']).toBe(
      `attachment; filename="service-management-strategy-framework-${from}-${to}.pptx"`,
    );
    const slides = await slidesOf(res.body);
    expect(slides[0]).toContain('Service Management Strategy Framework');
    expect(slides[0]).toContain(workspace.organisations.house?.name ?? 'missing');

    const services = slidesTitled(slides, 'Services in the catalogue');
    for (const service of Object.values(workspace.services ?? {}))
      expect(services).toContain(service.name);

    const kpis = await manager.get('/api/v1/kpis', { query: { from, to } });
    expect(kpis.status, kpis.text).toBe(200);
    const table = slidesTitled(slides, 'KPIs: targets and current values');
    expect(kpis.body.items.length).toBeGreaterThan(4);
    for (const k of kpis.body.items as Kpi[]) {
      const row = `${k.name} ${shown(k.current.targetValue, k.unit)} ${shown(k.current.value, k.unit)} ${STATUS[k.current.status]}`;
      expect(table, k.name).toContain(row);
    }
    expect(kpis.body.items.some((k: Kpi) => k.current.value !== null)).toBe(true);

    const objectives = slidesTitled(slides, 'Business objectives');
    expect(objectives).toContain('Service delivery time');

    const processes = slidesTitled(slides, 'The process model');
    expect(processes).toMatch(/8\.6\.1 Incident management incidents \d+ \d+/);
    expect(processes).toContain('8.5.1 Change management requests for change');
    const incidents = Number(/Incident management incidents (\d+)/.exec(processes)?.[1]);
    expect(incidents).toBeGreaterThan(0);

    const roles = slidesTitled(slides, 'Roles and responsibilities');
    expect(roles).toMatch(/Agent \(service desk, resolver groups\) \d+/);
    for (const group of Object.values(workspace.groups)) expect(roles).toContain(group.name);

    const roadmap = slidesTitled(slides, 'Roadmap milestones');
    const programme = await manager.get('/api/v1/compliance/roadmap');
    expect(programme.status, programme.text).toBe(200);
    const milestones = programme.body.tasks.filter((t: { milestone: boolean }) => t.milestone);
    expect(milestones.length).toBeGreaterThan(0);
    for (const m of milestones) expect(roadmap).toContain(`Milestone ${m.number}: ${m.title}`);
    const improvements = await manager.get('/api/v1/improvements', { query: { limit: '100' } });
    const dated = improvements.body.items.filter(
      (i: { targetDate: string | null; status: string }) =>
        i.targetDate !== null && i.status !== 'rejected',
    );
    expect(dated.length).toBeGreaterThan(0);
    for (const i of dated) expect(roadmap).toContain(`Improvement ${i.number}: ${i.title}`);
    expect(roadmap).toContain('Review action');
  });

  it('writes the figures of the period asked for', async () => {
    const ctx = get();
    const manager = await ctx.login(workspace.users.manager?.email ?? '', DEMO_PASSWORD);
    const today = ctx.clock.now().toISOString().slice(0, 10);
    const from = `${today.slice(0, 7)}-01`;
    const res = await manager.get(URL, { query: { from, to: today }, headers: ENGLISH, raw: true });
    expect(res.status).toBe(200);
    const slides = await slidesOf(res.body);
    expect(slides[0]).toContain('Reporting period:');
    const kpis = await manager.get('/api/v1/kpis', { query: { from, to: today } });
    const table = slidesTitled(slides, 'KPIs: targets and current values');
    for (const k of kpis.body.items as Kpi[])
      expect(table, k.name).toContain(
        `${k.name} ${shown(k.current.targetValue, k.unit)} ${shown(k.current.value, k.unit)}`,
      );
  });

  it('is written in French for a French reader', async () => {
    const ctx = get();
    const manager = await ctx.login(workspace.users.manager?.email ?? '', DEMO_PASSWORD);
    const byHeader = await manager.get(URL, {
      headers: { 'accept-language': 'fr-FR,fr;q=0.9,en;q=0.5' },
      raw: true,
    });
    expect(byHeader.status).toBe(200);
    expect(byHeader.headers['content-language']).toBe('fr');
    const slides = await slidesOf(byHeader.body);
    expect(slides[0]).toContain('Cadre stratégique de gestion des services');
    expect(slides[0]).toContain('Période couverte');
    for (const heading of [
      'Services du catalogue',
      'Objectifs métier et leur mesure',
      'Le modèle de processus',
      'Rôles et responsabilités',
      'Indicateurs : cibles et valeurs actuelles',
      'Jalons de la feuille de route',
    ])
      expect(
        slides.some((s) => s.startsWith(heading)),
        heading,
      ).toBe(true);
    expect(slides.join(' ')).not.toContain('Roadmap milestones');
    // French decimals in the KPI table.
    expect(slidesTitled(slides, 'Indicateurs')).toMatch(/\d,\d/);

    // Without a header, the demo SMS manager's own locale (French) decides.
    const byLocale = await manager.get(URL, { raw: true });
    expect(byLocale.headers['content-language']).toBe('fr');

    // The web app's explicit choice wins over the browser's header.
    const byQuery = await manager.get(URL, {
      query: { lang: 'en' },
      headers: { 'accept-language': 'fr' },
      raw: true,
    });
    expect((await slidesOf(byQuery.body))[0]).toContain('Service Management Strategy Framework');
  });
});
