import { createRequire } from 'node:module';
import path from 'node:path';
import { expect, it } from 'vitest';
import { DEMO_PASSWORD, seedDemo } from '../src/demo/demo.js';
import { describeEachDatabase } from './helpers/test-app.js';

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

describeEachDatabase('Service report demo', (get) => {
  it('subscribes the SMS manager, the executive and an agent, and reports last month with figures', async () => {
    const ctx = get();
    const workspace = await seedDemo(ctx.services, { tickets: 400 });
    const manager = await ctx.login(workspace.users.manager?.email ?? '', DEMO_PASSWORD);
    const all = await manager.get('/api/v1/reports/subscriptions', { query: { all: 'true' } });
    expect(all.status, all.text).toBe(200);
    expect(
      all.body.items.map((s: { userName: string; scopeName: string }) => [s.userName, s.scopeName]),
    ).toEqual([
      ['Claire Dubois', workspace.services?.storefront?.name],
      ['Claire Dubois', workspace.services?.pos?.name],
      ['Hélène Marchand', workspace.organisations.paris?.name],
      ['Marco Rossi', workspace.services?.payments?.name],
    ]);
    const now = ctx.clock.now();
    const last = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1))
      .toISOString()
      .slice(0, 7);
    const res = await manager.get('/api/v1/reports/service-report.pdf', {
      query: { month: last, serviceId: workspace.services?.storefront?.id ?? '' },
      raw: true,
    });
    expect(res.status).toBe(200);
    const text = await pdfText(res.body);
    expect(text).toContain(`Service: ${workspace.services?.storefront?.name}`);
    const logged = Number(/Incidents logged: (\d+)/.exec(text)?.[1]);
    expect(logged).toBeGreaterThan(0);
    expect(text).toMatch(/Service delivery time \(\d+ records?\) \d+\.\d h/);
  });
});
