import fs from 'node:fs';
import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchChromium } from './chromium.js';

// The SMS manager's gap assessment: a new assessment, clause 8.6.1 assessed against its target
// with live incident records linked as evidence, the gap turned into a roadmap task in one action,
// and the Gap Analysis Report downloaded. The library, the assessment and the roadmap are scanned
// with axe-core.

const baseURL = process.env.MERIDIAN_E2E_URL ?? inject('e2eUrl');
const admin = inject('e2eAdmin');

async function api(path: string, init: { method?: string; body?: unknown; token?: string } = {}) {
  const response = await fetch(`${baseURL}/api/v1${path}`, {
    method: init.method ?? 'GET',
    headers: {
      ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
    },
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${init.method ?? 'GET'} ${path}: ${response.status} ${text}`);
  return text ? JSON.parse(text) : null;
}

async function tokenFor(email: string, password: string) {
  const login = await fetch(`${baseURL}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  const cookie = login.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const created = await fetch(`${baseURL}/api/v1/me/tokens`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken },
    body: JSON.stringify({ name: `e2e ${Date.now()}` }),
  });
  return ((await created.json()) as { secret: string }).secret;
}

async function expectAccessible(page: Page, screen: string) {
  const results = await new AxeBuilder({ page }).analyze();
  const blocking = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.id}: ${v.help} — ${v.nodes
          .slice(0, 3)
          .map((n) => n.target.join(' '))
          .join(', ')}`,
    );
  expect(blocking, `accessibility violations on ${screen}`).toEqual([]);
}

describe('compliance: the SMS manager assesses a clause and plans the gap', {
  timeout: 240_000,
}, () => {
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let adminToken = '';
  const stamp = Date.now().toString(36);
  const managerEmail = `sms.manager.${stamp}@e2e.example`;
  const password = `manager-password-${stamp}`;
  const title = `Baseline ${stamp}`;
  let assessmentId = '';

  beforeAll(async () => {
    adminToken = await tokenFor(admin.email, admin.password);
    const manager = await api('/users', {
      method: 'POST',
      token: adminToken,
      body: { email: managerEmail, name: `Claire ${stamp}`, role: 'manager', password },
    });
    // An incident on record, so 8.6.1 has live evidence to link.
    const group = await api('/groups', {
      method: 'POST',
      token: adminToken,
      body: { name: `Service desk ${stamp}`, memberIds: [manager.id] },
    });
    const service = await api('/services', {
      method: 'POST',
      token: adminToken,
      body: { name: `Online boutique ${stamp}`, status: 'live', defaultGroupId: group.id },
    });
    await api('/tickets', {
      method: 'POST',
      token: adminToken,
      body: {
        type: 'incident',
        title: `Checkout fails on the online boutique ${stamp}`,
        description: 'Card payments are declined since the morning.',
        serviceId: service.id,
        category: 'payment',
        impact: 2,
        urgency: 2,
        channel: 'email',
        requesterId: manager.id,
      },
    });

    browser = await launchChromium();
    context = await browser.newContext({
      baseURL,
      locale: 'en-GB',
      timezoneId: 'Europe/Paris',
      viewport: { width: 1440, height: 900 },
      acceptDownloads: true,
    });
    context.setDefaultTimeout(15_000);
    page = await context.newPage();
    await page.goto('/login');
    await page.getByLabel('Email').fill(managerEmail);
    await page.getByLabel(/^Password/).fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { level: 1, name: /^Hello/ }).waitFor();
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('reads the guidance of a requirement in the library', async () => {
    await page.goto('/compliance/library?q=8.6.1');
    await page.getByRole('heading', { level: 1, name: 'Requirement library' }).waitFor();
    await page.getByRole('heading', { name: /^8\.6\.1 / }).waitFor();
    await page.getByText('What an auditor asks to see').waitFor();
    await page.getByText('Local use only').waitFor();
    await expectAccessible(page, 'the requirement library');
  });

  it('starts an assessment that covers every requirement', async () => {
    await page.goto('/compliance/assessments');
    await page.getByRole('heading', { level: 1, name: 'Gap assessments' }).waitFor();
    await page.getByRole('button', { name: 'New assessment' }).first().click();
    const dialog = page.getByRole('dialog', { name: 'Start a gap assessment' });
    await dialog.getByLabel(/^Title/).fill(title);
    await dialog.getByRole('button', { name: 'Start the assessment' }).click();
    await page.getByRole('heading', { level: 1, name: new RegExp(title) }).waitFor();
    assessmentId = page.url().split('/compliance/assessments/')[1]?.split('?')[0] ?? '';
    const assessment = await api(`/compliance/assessments/${assessmentId}`, { token: adminToken });
    expect(assessment.items).toHaveLength(57);
    await page
      .getByRole('region', { name: /Clause heat map/ })
      .first()
      .waitFor();
    await expectAccessible(page, 'the assessment');

    // The heat map is one Tab stop: arrows move between requirements, Enter opens one.
    await page.getByRole('button', { name: /^4\.1 / }).focus();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Enter');
    await page.getByRole('dialog', { name: /^4\.2 / }).waitFor();
    await page.keyboard.press('Escape');
    await page.getByRole('dialog', { name: /^4\.2 / }).waitFor({ state: 'detached' });
  });

  it('assesses 8.6.1 against its target with live incident records as evidence', async () => {
    await page
      .getByRole('button', { name: /^8\.6\.1 Incident management/ })
      .first()
      .click();
    const panel = page.getByRole('dialog', { name: /^8\.6\.1 / });
    await panel.waitFor();
    await panel.getByRole('combobox', { name: 'Conformity' }).click();
    await page.getByRole('option', { name: 'Partially conforming' }).click();
    await panel.getByRole('combobox', { name: 'Maturity today' }).click();
    await page.getByRole('option', { name: '2 · Managed' }).click();
    await panel.getByRole('combobox', { name: 'Target maturity' }).click();
    await page.getByRole('option', { name: '4 · Quantitatively managed' }).click();
    await panel
      .getByLabel(/^Notes/)
      .fill('Incidents are logged and prioritised; no major incident procedure yet.');
    await panel.getByLabel('Due date').fill('2027-03-31');
    await panel.getByRole('button', { name: 'Save assessment' }).click();
    await page.getByText('8.6.1 saved').waitFor();

    // The library suggests the incident records: one click links them for the last 90 days.
    const suggested = panel.getByText('Suggested by the library');
    await suggested.waitFor();
    await panel.getByRole('button', { name: 'Link Incidents as evidence' }).click();
    await page.getByText('Live evidence linked to 8.6.1').waitFor();

    const assessment = await api(`/compliance/assessments/${assessmentId}`, { token: adminToken });
    const item = assessment.items.find((i: { number: string }) => i.number === '8.6.1');
    expect(item).toMatchObject({
      conformity: 'partially_conforming',
      maturity: 2,
      targetMaturity: 4,
      dueDate: '2027-03-31',
      gap: true,
    });
    expect(item.liveLinks.length).toBeGreaterThan(0);
    const evidence = await api(
      `/compliance/assessments/${assessmentId}/items/${item.id}/evidence`,
      {
        token: adminToken,
      },
    );
    const incidents = evidence.linked.find(
      (figure: { source: string }) => figure.source === 'tickets.incidents',
    );
    expect(incidents.available).toBe(true);
    expect(incidents.count).toBeGreaterThan(0);
    await panel.getByText(incidents.figure).first().waitFor();
  });

  it('turns the gap into a roadmap task in one action', async () => {
    const panel = page.getByRole('dialog', { name: /^8\.6\.1 / });
    await panel.getByRole('button', { name: 'Create roadmap task' }).click();
    const toast = page.getByText(/^Roadmap task RMT\d+ created$/);
    await toast.waitFor();
    const number = (await toast.textContent())?.match(/RMT\d+/)?.[0] ?? '';
    await panel.getByRole('link', { name: new RegExp(number) }).waitFor();

    const roadmap = await api('/compliance/roadmap', { token: adminToken });
    const task = roadmap.tasks.find((t: { number: string }) => t.number === number);
    const assessment = await api(`/compliance/assessments/${assessmentId}`, { token: adminToken });
    const item = assessment.items.find((i: { number: string }) => i.number === '8.6.1');
    expect(task).toMatchObject({
      requirementNumbers: ['8.6.1'],
      gapItemIds: [item.id],
      dueDate: '2027-03-31',
    });
    expect(item.taskIds).toContain(task.id);

    await page.keyboard.press('Escape');
    await page.goto('/compliance/roadmap?view=tasks');
    await page.getByRole('heading', { level: 1, name: 'Implementation roadmap' }).waitFor();
    await page.getByRole('button', { name: number }).waitFor();
    await page.goto('/compliance/roadmap');
    await page.getByRole('button', { name: new RegExp(`^${number} `) }).waitFor();
    await expectAccessible(page, 'the roadmap');
  });

  it('downloads the Gap Analysis Report', async () => {
    await page.goto(`/compliance/assessments/${assessmentId}`);
    const link = page.getByRole('link', { name: 'Gap Analysis Report (PDF)' });
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    expect(download.suggestedFilename()).toMatch(/\.pdf$/);
    const file = await download.path();
    expect(fs.readFileSync(file).subarray(0, 4).toString('latin1')).toBe('%PDF');

    const href = await link.getAttribute('href');
    const response = await context.request.get(href ?? '');
    expect(response.status()).toBe(200);
    expect(response.headers()['content-type']).toMatch(/^application\/pdf/);
    expect((await response.body()).subarray(0, 4).toString('latin1')).toBe('%PDF');
  });
});
