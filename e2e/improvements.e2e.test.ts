import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './chromium.js';
import { admin, api, expectAccessible, signedInPage, tokenFor } from './session.js';

// The continual improvement register and the management review, driven by the people who use
// them: an agent suggests an improvement with its scores, a manager approves it, the agent as its
// owner works it and records the measured outcome, the manager closes it. The manager then plans
// a management review, takes its inputs from live data and records a decision; the agent marks
// the review action they own as done. Each screen is scanned with axe-core.

const shots = process.env.MERIDIAN_E2E_SHOTS;

/** Scans once the toasts of the last step are gone (they fade, and a fading text fails contrast). */
async function accessible(page: Page, screen: string) {
  await expect
    .poll(() => page.locator('.mantine-Notification-root').count(), { timeout: 15_000 })
    .toBe(0);
  await expectAccessible(page, screen);
}

describe('continual improvement and management review', { timeout: 240_000 }, () => {
  let browser: Browser;
  const stamp = Date.now().toString(36);
  const password = `improve-password-${stamp}`;
  const people = {
    manager: {
      email: `sms.manager.${stamp}@e2e.example`,
      name: `Manager ${stamp}`,
      role: 'manager',
    },
    agent: { email: `owner.agent.${stamp}@e2e.example`, name: `Agent ${stamp}`, role: 'agent' },
  };
  const ids: Record<string, string> = {};
  const title = `Self-service password reset ${stamp}`;
  let agentPage: Page;
  let managerPage: Page;
  let improvementUrl = '';

  const snap = async (page: Page, name: string) => {
    if (shots) await page.screenshot({ path: `${shots}/${name}.png`, fullPage: true });
  };

  beforeAll(async () => {
    const token = await tokenFor(admin.email, admin.password);
    for (const [handle, person] of Object.entries(people)) {
      const user = await api<{ id: string }>('/users', {
        method: 'POST',
        token,
        body: { ...person, password, locale: 'en', timeZone: 'Europe/Paris' },
      });
      ids[handle] = user.id;
    }
    browser = await launchChromium();
    agentPage = (await signedInPage(browser, people.agent.email, password)).page;
    managerPage = (await signedInPage(browser, people.manager.email, password)).page;
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('an agent suggests an improvement with its scores', async () => {
    const page = agentPage;
    await page.goto('/improvements');
    await page.getByRole('heading', { level: 1, name: 'Improvements' }).waitFor();
    await accessible(page, 'improvement register (board)');
    await page.getByRole('button', { name: 'Suggest an improvement' }).click();
    const dialog = page.getByRole('dialog', { name: 'Suggest an improvement' });
    await dialog.getByLabel('Title').fill(title);
    await dialog.getByLabel('Description').fill('A third of our requests are password resets.');
    for (const [criterion, value] of [
      ['Benefit', '4 · high'],
      ['Effort', '2 · small'],
      ['Compliance or customer impact', '3 · moderate'],
    ] as const) {
      await dialog.getByRole('combobox', { name: criterion }).click();
      await page.getByRole('option', { name: value }).click();
    }
    await expect.poll(() => dialog.getByText('P2 · 28').count()).toBeGreaterThan(0);
    await accessible(page, 'suggest improvement dialog');
    await dialog.getByRole('button', { name: 'Add to the register' }).click();
    await page.getByRole('heading', { level: 1, name: new RegExp(title) }).waitFor();
    improvementUrl = page.url();
    await expect.poll(() => page.getByText('Proposed', { exact: true }).count()).toBeGreaterThan(0);
    // An agent does not approve.
    expect(await page.getByRole('button', { name: 'Approve' }).count()).toBe(0);
  });

  it('a manager approves it and gives it an owner and a target', async () => {
    const page = managerPage;
    await page.goto(improvementUrl);
    await page.getByRole('heading', { level: 1, name: new RegExp(title) }).waitFor();
    await expect
      .poll(() =>
        page.getByText('(4 benefit + 3 impact) × (6 − 2 effort = 4) = 28, band P2').count(),
      )
      .toBeGreaterThan(0);
    await page.getByRole('combobox', { name: 'Owner' }).fill(people.agent.name);
    await page.getByRole('option', { name: people.agent.name }).click();
    await page.getByLabel('Target date').fill('2099-06-30');
    await page.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => page.getByText('Changes saved').count()).toBeGreaterThan(0);
    await page.getByRole('button', { name: 'Approve' }).click();
    await expect.poll(() => page.getByText('Approved', { exact: true }).count()).toBeGreaterThan(0);
    await accessible(page, 'improvement page');
  });

  it('the owner works it and records the measured outcome; the manager closes it', async () => {
    const page = agentPage;
    await page.goto(improvementUrl);
    await page.getByRole('button', { name: 'Start work' }).click();
    await page.getByRole('button', { name: 'Mark implemented' }).click();
    await expect
      .poll(() => page.getByText('Implemented', { exact: true }).count())
      .toBeGreaterThan(0);
    await page.getByLabel('What is measured').fill('Password reset tickets a month');
    await page.getByLabel('Value before').fill('420');
    await page.getByLabel('Value after').fill('260');
    await page.getByLabel('Measured on').fill('2026-11-20');
    await page.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => page.getByText('Changes saved').count()).toBeGreaterThan(0);
    await snap(page, 'improvement-page');

    const manager = managerPage;
    await manager.goto(improvementUrl);
    await manager.getByRole('button', { name: 'Close the improvement' }).click();
    await expect
      .poll(() => manager.getByText('Closed', { exact: true }).count())
      .toBeGreaterThan(0);

    await manager.goto('/improvements?view=table');
    await manager
      .getByRole('link', { name: /^IMP\d+$/ })
      .first()
      .waitFor();
    await accessible(manager, 'improvement register (table)');
    await manager.goto('/improvements');
    await manager.getByRole('heading', { level: 2, name: 'Closed' }).waitFor();
    await snap(manager, 'improvement-board');
    const playbook = manager.getByRole('link', { name: 'Download the Playbook (PDF)' });
    expect(await playbook.getAttribute('href')).toBe('/api/v1/improvements/playbook.pdf');
  });

  it('a manager prepares a management review from live data and records a decision', async () => {
    const page = managerPage;
    await page.goto('/management-reviews');
    await page.getByRole('heading', { level: 1, name: 'Management reviews' }).waitFor();
    await accessible(page, 'management reviews list');
    await page.getByRole('button', { name: 'Plan a review' }).click();
    const dialog = page.getByRole('dialog', { name: 'Plan a management review' });
    await dialog.getByLabel('Title').fill(`Review ${stamp}`);
    await dialog.getByLabel('Planned for').fill('2099-01-15');
    await dialog.getByRole('button', { name: 'Plan the review' }).click();
    await page.getByRole('heading', { level: 1, name: new RegExp(`Review ${stamp}`) }).waitFor();
    await page.getByRole('button', { name: 'Refresh inputs' }).click();
    await page.getByRole('heading', { level: 3, name: 'Service delivery time' }).waitFor();
    await page.getByRole('heading', { level: 3, name: 'Improvement opportunities' }).waitFor();
    await page.getByLabel('New decision').fill('Extend self-service to account unlocks.');
    await page.getByRole('button', { name: 'Record the decision' }).click();
    await expect
      .poll(() => page.getByText('Extend self-service to account unlocks.').count())
      .toBeGreaterThan(0);
    await accessible(page, 'management review page');
    const reviewId = page.url().split('/').pop() ?? '';
    const token = await tokenFor(people.manager.email, password);
    await api(`/management-reviews/${reviewId}/actions`, {
      method: 'POST',
      token,
      body: { title: `Unlock self-service ${stamp}`, ownerId: ids.agent, dueDate: '2099-02-01' },
    });
    await snap(page, 'review-page');

    const owner = agentPage;
    await owner.goto(`/management-reviews/${reviewId}`);
    await owner.getByRole('button', { name: `Mark “Unlock self-service ${stamp}” done` }).click();
    await expect.poll(() => owner.getByText('Done', { exact: true }).count()).toBeGreaterThan(0);
  });
});
