import fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './chromium.js';
import { admin, api, expectAccessible, signedInPage, tokenFor } from './session.js';

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
