import fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './chromium.js';
import { admin, api, baseURL, expectAccessible, signedInPage, tokenFor } from './session.js';

// An agent takes the desk queue away as a file: Export → CSV on the queue downloads every ticket
// of the queue's current filter, with a header row, in a file named after the list. The open
// menu is scanned with axe-core.

describe('list export: the desk queue as a CSV file', { timeout: 180_000 }, () => {
  let browser: Browser;
  let page: Page;
  const stamp = Date.now().toString(36);
  const agentEmail = `export.agent.${stamp}@e2e.example`;
  const password = `agent-password-${stamp}`;
  let number = '';

  beforeAll(async () => {
    const adminToken = await tokenFor(admin.email, admin.password);
    await api('/users', {
      method: 'POST',
      token: adminToken,
      body: { email: agentEmail, name: `Agent ${stamp}`, role: 'agent', password },
    });
    const ticket = await api('/tickets', {
      method: 'POST',
      token: adminToken,
      body: {
        type: 'incident',
        title: `Receipt printer offline, "Lyon" boutique ${stamp}`,
        description: 'No receipt since the morning.',
        impact: 3,
        urgency: 3,
        channel: 'email',
      },
    });
    number = ticket.number;
    browser = await launchChromium();
    ({ page } = await signedInPage(browser, agentEmail, password, { acceptDownloads: true }));
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('downloads the queue with its filter as CSV from the Export menu', async () => {
    await page.goto('/desk?queue=all');
    await page
      .getByRole('link', { name: new RegExp(number) })
      .first()
      .waitFor();
    // By keyboard: the menu opens on Enter and the arrow keys reach its items.
    await page.getByRole('button', { name: 'Export' }).focus();
    await page.keyboard.press('Enter');
    const csv = page.getByRole('menuitem', { name: /^CSV/ });
    await csv.waitFor();
    await expectAccessible(page, 'the export menu');
    expect(await csv.getAttribute('href')).toBe('/api/v1/tickets/export.csv?queue=all');
    const focused = (item: typeof csv) =>
      expect.poll(() => item.evaluate((e) => e === e.ownerDocument.activeElement)).toBe(true);
    await focused(csv);
    await page.keyboard.press('ArrowDown');
    await focused(page.getByRole('menuitem', { name: /XLSX/ }));
    await page.keyboard.press('ArrowUp');
    await focused(csv);

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.keyboard.press('Enter'),
    ]);
    expect(download.suggestedFilename()).toMatch(/^tickets-\d{4}-\d{2}-\d{2}\.csv$/);
    const text = fs.readFileSync(await download.path(), 'utf8');
    const [header, ...lines] = text.replace(/^\uFEFF/, '').split('\r\n');
    expect(header).toMatch(/^ID,Number,Type,Title,Status,/);
    const line = lines.find((l) => l.includes(number));
    expect(line).toContain(`"Receipt printer offline, ""Lyon"" boutique ${stamp}"`);
  });
});

// A service manager takes the open complaints to the quality review: the Export menu of the
// complaints register carries the screen's status filter into the file, so the CSV holds the
// open complaint and not the resolved one.
describe('list export: the open complaints as a CSV file', { timeout: 180_000 }, () => {
  let browser: Browser;
  let page: Page;
  const stamp = Date.now().toString(36);
  const managerEmail = `export.manager.${stamp}@e2e.example`;
  const password = `manager-password-${stamp}`;
  let open = '';
  let resolved = '';

  beforeAll(async () => {
    const adminToken = await tokenFor(admin.email, admin.password);
    await api('/users', {
      method: 'POST',
      token: adminToken,
      body: { email: managerEmail, name: `Manager ${stamp}`, role: 'manager', password },
    });
    const raise = (summary: string) =>
      api('/complaints', { method: 'POST', token: adminToken, body: { summary } });
    open = (await raise(`Invoice sent twice, "Nantes" office ${stamp}`)).number;
    const done = await raise(`Engineer came late ${stamp}`);
    resolved = done.number;
    const resolve = await fetch(`${baseURL}/api/v1/complaints/${done.id}`, {
      method: 'PATCH',
      headers: {
        authorization: `Bearer ${adminToken}`,
        'content-type': 'application/json',
        'if-match': `"${done.version}"`,
      },
      body: JSON.stringify({ status: 'resolved', resolution: 'Apologised and rebooked.' }),
    });
    expect(resolve.status).toBe(200);
    browser = await launchChromium();
    ({ page } = await signedInPage(browser, managerEmail, password, { acceptDownloads: true }));
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('downloads the complaints of the status filter as CSV, by keyboard', async () => {
    await page.goto('/complaints?status=open');
    await page.getByRole('link', { name: open }).waitFor();
    // Set MERIDIAN_E2E_SCREENSHOTS to a folder to look at the header with the menu open.
    const shots = process.env.MERIDIAN_E2E_SCREENSHOTS;
    await page.getByRole('button', { name: 'Export' }).focus();
    await page.keyboard.press('Enter');
    const csv = page.getByRole('menuitem', { name: /^CSV/ });
    await csv.waitFor();
    await expectAccessible(page, 'the complaints export menu');
    expect(await csv.getAttribute('href')).toBe('/api/v1/complaints/export.csv?status=open');
    await expect.poll(() => csv.evaluate((e) => e === e.ownerDocument.activeElement)).toBe(true);
    if (shots) await page.screenshot({ path: `${shots}/complaints-export-menu.png` });

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.keyboard.press('Enter'),
    ]);
    expect(download.suggestedFilename()).toMatch(/^complaints-\d{4}-\d{2}-\d{2}\.csv$/);
    const text = fs.readFileSync(await download.path(), 'utf8');
    const [header, ...lines] = text.replace(/^\uFEFF/, '').split('\r\n');
    expect(header).toContain('Number');
    expect(header).toContain('Summary');
    const line = lines.find((l) => l.includes(open));
    expect(line).toContain(`"Invoice sent twice, ""Nantes"" office ${stamp}"`);
    expect(text).not.toContain(resolved);
  });

  it("carries each list screen's filters into its export", async () => {
    // The other registers with the menu: the file is the list the screen shows, under the
    // names the list API reads (the roadmap's view and open task stay out).
    const screens = [
      ['/known-errors?q=printer', '/api/v1/known-errors/export.csv?q=printer'],
      ['/compliance/assessments', '/api/v1/compliance/assessments/export.csv'],
      [
        '/compliance/roadmap?view=table&status=blocked&mine=true',
        '/api/v1/compliance/roadmap/tasks/export.csv?status=blocked&mine=true',
      ],
      ['/management-reviews', '/api/v1/management-reviews/export.csv'],
    ] as const;
    for (const [screen, href] of screens) {
      await page.goto(screen);
      await page.getByRole('button', { name: 'Export' }).click();
      const csv = page.getByRole('menuitem', { name: /^CSV/ });
      await csv.waitFor();
      expect(await csv.getAttribute('href'), screen).toBe(href);
      const response = await page.request.get(href);
      expect(response.status(), href).toBe(200);
      await page.keyboard.press('Escape');
    }
  });
});
