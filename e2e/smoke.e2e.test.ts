import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { launchChromium } from './chromium.js';

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

it('serves the web app with its own security headers and a sign-in form', async () => {
  const page = await browser.newPage();
  const response = await page.goto(inject('e2eUrl'));
  expect(response?.status()).toBe(200);
  expect(response?.headers()['content-security-policy']).toContain("default-src 'self'");
  await page.getByLabel(/email/i).first().waitFor({ state: 'visible' });
  await expect(page.getByRole('button', { name: /sign in/i }).isVisible()).resolves.toBe(true);
  await page.close();
});
