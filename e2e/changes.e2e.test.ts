import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './chromium.js';
import { admin, baseURL, expectAccessible, signedInPage } from './session.js';

// A normal change from request to closure: an agent raises it, fills in the plans, the window
// and the risk questionnaire, and submits it; two members of the CAB approve it (one from the CAB
// inbox, one from the change's page); the agent finds it on the change calendar, implements it,
// records the post-implementation review and closes it. Each screen is scanned with axe-core.

async function login(email: string, password: string) {
  const response = await fetch(`${baseURL}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  const cookie = response.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const { csrfToken } = (await response.json()) as { csrfToken: string };
  return { cookie, csrfToken };
}

type Session = Awaited<ReturnType<typeof login>>;

async function api<T = Record<string, unknown>>(
  session: Session,
  path: string,
  init: { method?: string; body?: unknown; version?: number } = {},
): Promise<T> {
  const method = init.method ?? 'GET';
  const response = await fetch(`${baseURL}/api/v1${path}`, {
    method,
    headers: {
      cookie: session.cookie,
      ...(method === 'GET' ? {} : { 'x-csrf-token': session.csrfToken }),
      ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(init.version === undefined ? {} : { 'if-match': `"${init.version}"` }),
    },
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text}`);
  return (text ? JSON.parse(text) : null) as T;
}

const pad = (n: number) => String(n).padStart(2, '0');

describe('change management: a normal change through the CAB', { timeout: 240_000 }, () => {
  let browser: Browser;
  const stamp = Date.now().toString(36);
  const password = `change-password-${stamp}`;
  const people = {
    agent: { email: `implementer.${stamp}@e2e.example`, name: `Implementer ${stamp}` },
    cab1: { email: `cab.one.${stamp}@e2e.example`, name: `CAB One ${stamp}` },
    cab2: { email: `cab.two.${stamp}@e2e.example`, name: `CAB Two ${stamp}` },
  };
  const serviceName = `Online boutique ${stamp}`;
  const title = `Upgrade the checkout library ${stamp}`;
  // Five days ahead, 22:00–23:00 on the clock of whoever plans it (the form's time zone).
  const day = new Date(Date.now() + 5 * 86_400_000);
  const date = `${day.getUTCFullYear()}-${pad(day.getUTCMonth() + 1)}-${pad(day.getUTCDate())}`;
  let number = '';
  let changeUrl = '';
  let agentPage: Page;

  async function signIn(email: string): Promise<Page> {
    return (await signedInPage(browser, email, password)).page;
  }

  const status = (page: Page, text: string) =>
    expect.poll(() => page.getByText(text, { exact: true }).count()).toBeGreaterThan(0);

  beforeAll(async () => {
    const root = await login(admin.email, admin.password);
    const ids: Record<string, string> = {};
    for (const [handle, person] of Object.entries(people)) {
      const user = await api<{ id: string }>(root, '/users', {
        method: 'POST',
        body: { ...person, role: 'agent', password, locale: 'en', timeZone: 'Europe/Paris' },
      });
      ids[handle] = user.id;
    }
    const cab = await api<{ id: string }>(root, '/groups', {
      method: 'POST',
      body: { name: `CAB ${stamp}`, memberIds: [ids.cab1, ids.cab2] },
    });
    await api(root, '/services', { method: 'POST', body: { name: serviceName, status: 'live' } });
    // The policy: one risk question, and every normal change goes to the CAB, 2 of its members.
    const policy = await api<{ version: number }>(root, '/change-policy');
    await api(root, '/change-policy', {
      method: 'PUT',
      version: policy.version,
      body: {
        allServicesControlled: true,
        controlledServiceIds: [],
        majorImpact: { riskLevels: ['high'], serviceIds: [] },
        riskQuestionnaire: {
          questions: [
            {
              key: 'customer_impact',
              text: 'Could clients notice the change while it is made?',
              answers: [
                { key: 'none', label: 'Not at all', weight: 0 },
                { key: 'outage', label: 'The site is down for a while', weight: 5 },
              ],
            },
          ],
          thresholds: { medium: 3, high: 8 },
        },
        approvalRules: [
          {
            name: 'Normal changes go to the CAB',
            types: ['normal'],
            riskLevels: [],
            major: null,
            steps: [
              {
                name: 'CAB',
                approvers: { kind: 'group', groupId: cab.id },
                mode: 'n_of_m',
                n: 2,
              },
            ],
          },
        ],
      },
    });
    browser = await launchChromium();
    agentPage = await signIn(people.agent.email);
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('raises a normal change, fills in the request for change and submits it', async () => {
    const page = agentPage;
    await page.getByRole('link', { name: 'Changes', exact: true }).first().click();
    await page.getByRole('heading', { level: 1, name: 'Changes' }).waitFor();
    await page.getByRole('button', { name: 'New change' }).first().click();
    const dialog = page.getByRole('dialog', { name: 'New request for change' });
    await dialog.getByLabel(/^Title/).fill(title);
    await dialog.getByRole('combobox', { name: 'Affected services' }).click();
    await page.getByRole('option', { name: serviceName }).click();
    await dialog.getByRole('button', { name: 'Create the draft' }).click();
    await page.getByRole('heading', { level: 1, name: title }).waitFor();
    changeUrl = page.url();
    number =
      (await page
        .getByText(/^CHG\d{7}$/)
        .first()
        .textContent()) ?? '';
    expect(number).toMatch(/^CHG\d{7}$/);

    await page.getByLabel('Reason for the change').fill('The checkout library is out of support.');
    await page.getByLabel('Planned start').fill(`${date}T22:00`);
    await page.getByLabel('Planned end').fill(`${date}T23:00`);
    await page.getByLabel('Implementation plan').fill('Deploy 5.2 behind the feature flag.');
    await page.getByLabel('Back-out plan').fill('Turn the flag off and redeploy 5.1.');
    await page.getByRole('radio', { name: /^Not at all/ }).check();
    await page.getByText('Risk: Low (score 0)').first().waitFor();
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByText('Changes saved').waitFor();
    await expectAccessible(page, 'the change record');

    await page.getByRole('button', { name: 'Submit for assessment' }).click();
    await status(page, 'Assessment');
    await page.getByRole('button', { name: 'Submit for approval' }).click();
    await status(page, 'Awaiting approval');
    await page.getByText('Step 1: CAB').waitFor();

    await page.getByRole('link', { name: 'Changes', exact: true }).first().click();
    const table = page.getByRole('table', { name: 'Changes' });
    await table.getByRole('link', { name: number }).waitFor();
    await expectAccessible(page, 'the change list');
  });

  it('is approved by two CAB members, from the CAB inbox and from the change page', async () => {
    const first = await signIn(people.cab1.email);
    await first.goto('/changes/approvals');
    await first.getByRole('heading', { level: 1, name: 'Approvals (CAB)' }).waitFor();
    const row = first.getByRole('row', { name: new RegExp(number) });
    await row.waitFor();
    await expectAccessible(first, 'the CAB inbox');
    await row.getByRole('button', { name: `Approve ${number}` }).click();
    const dialog = first.getByRole('dialog', { name: `Approve ${number}` });
    await dialog.getByLabel(/^Your comment/).fill('Tested in staging; the back-out is quick.');
    await dialog.getByRole('button', { name: 'Approve' }).click();
    await first.getByText(`You approved ${number}`).waitFor();
    await first.getByText('Nothing waits for your vote').waitFor();
    await first.context().close();

    const second = await signIn(people.cab2.email);
    await second.goto('/changes/approvals');
    await second.getByRole('link', { name: number }).click();
    await second.getByRole('heading', { level: 1, name: title }).waitFor();
    await second.getByLabel(/^Your comment/).fill('Fine outside the sales.');
    await second.getByRole('button', { name: 'Approve', exact: true }).click();
    await second.getByText(`You approved ${number}`).waitFor();
    await status(second, 'Scheduled');
    await second.context().close();
  });

  it('shows the scheduled change on the calendar, in its service’s row', async () => {
    const page = agentPage;
    await page.goto(`/changes/calendar?view=week&date=${date}`);
    await page.getByRole('heading', { level: 1, name: 'Change calendar' }).waitFor();
    const week = page.getByRole('table', { name: /^Changes from/ });
    const row = week.getByRole('row', { name: new RegExp(serviceName) });
    const chip = row.getByRole('link', { name: new RegExp(number) });
    await chip.waitFor();
    expect(await chip.textContent()).toContain('22:00–23:00');
    await expectAccessible(page, 'the change calendar');

    await page.getByRole('radiogroup', { name: 'View' }).getByText('Month').click();
    await page
      .getByRole('table', { name: /^Changes in/ })
      .getByRole('link', { name: new RegExp(number) })
      .first()
      .click();
    await page.getByRole('heading', { level: 1, name: title }).waitFor();
  });

  it('is implemented, reviewed and closed', async () => {
    const page = agentPage;
    await page.goto(changeUrl);
    await page.getByRole('button', { name: 'Start implementing' }).click();
    await status(page, 'Implementing');
    await page.getByRole('button', { name: 'Complete and review' }).click();
    await status(page, 'Review');

    const review = page.getByRole('form', { name: 'Post-implementation review' });
    await review.getByLabel(/^Outcome/).fill('Deployed at 22:10; checkout times are down by 8%.');
    await review.getByRole('radio', { name: 'Yes' }).check();
    await review.getByLabel('Lessons learned').fill('Warm the cache before turning the flag on.');
    await review.getByRole('button', { name: 'Record the review' }).click();
    await page.getByText('Review recorded').waitFor();

    await page.getByRole('button', { name: 'Close the change' }).click();
    const dialog = page.getByRole('dialog', { name: 'Close the change' });
    await dialog.getByRole('combobox', { name: /^Close code/ }).click();
    await page.getByRole('option', { name: 'Successful', exact: true }).click();
    await dialog.getByRole('button', { name: 'Close the change' }).click();
    await status(page, 'Closed · Successful');
    await expectAccessible(page, 'the closed change');

    const agent = await login(people.agent.email, password);
    const id = changeUrl.split('/').pop() ?? '';
    const change = await api<{
      status: string;
      closeCode: string;
      review: { objectivesMet: boolean } | null;
      steps: { status: string; votes: { voterName: string; decision: string }[] }[];
    }>(agent, `/changes/${id}`);
    expect(change).toMatchObject({ status: 'closed', closeCode: 'successful' });
    expect(change.review?.objectivesMet).toBe(true);
    expect(change.steps[0]?.status).toBe('approved');
    expect(change.steps[0]?.votes.map((vote) => vote.voterName).sort()).toEqual(
      [people.cab1.name, people.cab2.name].sort(),
    );
  });
});
