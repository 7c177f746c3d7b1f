import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './chromium.js';
import { admin, baseURL, expectAccessible, signedInPage } from './session.js';

// A catalogue manager's task: a service, then a request type built field by field (a select
// with options, a bounded number), an approval step and a fulfilment task, saved and read back;
// the preview renders the form as requesters will see it. Every screen is scanned with axe-core.

// The catalogue's screens are the main area; the shell around them has its own tests.
describe('service catalogue: services and the form builder', { timeout: 120_000 }, () => {
  let browser: Browser;
  let page: Page;
  const stamp = Date.now().toString(36);
  const serviceName = `Boutique devices ${stamp}`;

  beforeAll(async () => {
    if (!baseURL || !admin.email || !admin.password) {
      throw new Error('MERIDIAN_E2E_URL and the admin login must be set (e2e/global-setup.ts).');
    }
    browser = await launchChromium();
    ({ page } = await signedInPage(browser, admin.email, admin.password));
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('creates a live service', async () => {
    await page.getByRole('link', { name: 'Services' }).first().click();
    await page.getByRole('heading', { level: 1, name: 'Services' }).waitFor();
    await page.getByRole('button', { name: 'New service' }).first().click();
    const dialog = page.getByRole('dialog', { name: 'New service' });
    await dialog.getByLabel(/^Name/).fill(serviceName);
    await dialog.getByRole('combobox', { name: 'Status' }).click();
    await page.getByRole('option', { name: 'Live' }).click();
    await dialog.getByRole('button', { name: 'Create service' }).click();
    await page.getByRole('heading', { level: 1, name: serviceName }).waitFor();
    await expectAccessible(page, 'service record');

    await page.getByRole('link', { name: 'Services' }).first().click();
    const table = page.getByRole('table', { name: 'Services' });
    await table.getByRole('link', { name: serviceName }).waitFor();
    await expectAccessible(page, 'services list');
    await table.getByRole('link', { name: serviceName }).click();
    await page.getByRole('heading', { level: 1, name: serviceName }).waitFor();
  });

  it('builds a request type’s form, approvals and tasks', async () => {
    await page.getByRole('button', { name: 'New request type' }).first().click();
    const dialog = page.getByRole('dialog', { name: 'New request type' });
    await dialog.getByLabel(/^Name/).fill('Card reader for the tills');
    await dialog.getByRole('button', { name: 'Create and build the form' }).click();
    await page.getByRole('heading', { level: 1, name: 'Card reader for the tills' }).waitFor();

    await page.getByRole('button', { name: 'Add a field' }).click();
    const first = page.getByRole('group', { name: /^Field 1/ });
    await first.getByLabel(/^Label/).fill('Terminal model');
    await first.getByLabel(/^Label/).blur();
    await expect.poll(() => first.getByLabel(/^Key/).inputValue()).toBe('terminalModel');
    await first.getByRole('combobox', { name: 'Kind' }).click();
    await page.getByRole('option', { name: 'Choice (one)' }).click();
    await first.getByLabel(/^Options/).fill('Countertop');
    await first.getByLabel(/^Options/).press('Enter');
    await first.getByLabel(/^Options/).fill('Mobile');
    await first.getByLabel(/^Options/).press('Enter');
    await first.getByLabel('Required').check();

    await page.getByRole('button', { name: 'Add a field' }).click();
    const second = page.getByRole('group', { name: /^Field 2/ });
    await second.getByLabel(/^Label/).fill('Quantity');
    await second.getByRole('combobox', { name: 'Kind' }).click();
    await page.getByRole('option', { name: 'Number' }).click();
    await second.getByLabel('Lowest value').fill('1');
    await second.getByLabel('Highest value').fill('10');
    // The quantity goes first: moved with the keyboard-reachable button.
    await page.getByRole('button', { name: 'Move Quantity up' }).click();
    await page.getByRole('group', { name: 'Field 1: Quantity' }).waitFor();

    await page.getByRole('button', { name: 'Add an approval step' }).click();
    await page.getByRole('button', { name: 'Add a task' }).click();
    await page.getByLabel(/^Task 1/).fill('Ship the terminal');
    await page.getByLabel('Active').check();
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Changes saved').waitFor();

    await page.reload();
    await page.getByRole('group', { name: 'Field 2: Terminal model' }).waitFor();
    await page.getByText('2 fields · 1 approval · 1 task').first().waitFor();
    const preview = page.getByRole('region', { name: 'Preview' });
    await preview.getByRole('combobox', { name: /Terminal model/ }).waitFor();
    await preview.getByRole('textbox', { name: /Quantity/ }).waitFor();
    await expectAccessible(page, 'request type record');
  });
});
