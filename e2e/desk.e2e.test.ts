import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './chromium.js';
import { admin, api, expectAccessible, signedInPage, tokenFor } from './session.js';

// An agent's morning on the desk: an incident a requester raised waits in the unassigned queue;
// the agent opens it from the queue, takes it, answers the requester, writes an internal note and
// resolves it with a code and notes. The queue and the ticket page are scanned with axe-core.

describe('service desk: an agent works an incident', { timeout: 180_000 }, () => {
  let browser: Browser;
  let page: Page;
  const stamp = Date.now().toString(36);
  const agentEmail = `agent.${stamp}@e2e.example`;
  const password = `agent-password-${stamp}`;
  let number = '';

  beforeAll(async () => {
    const adminToken = await tokenFor(admin.email, admin.password);
    const agent = await api('/users', {
      method: 'POST',
      token: adminToken,
      body: { email: agentEmail, name: `Agent ${stamp}`, role: 'agent', password },
    });
    const requester = await api('/users', {
      method: 'POST',
      token: adminToken,
      body: {
        email: `requester.${stamp}@e2e.example`,
        name: `Requester ${stamp}`,
        role: 'requester',
        password,
      },
    });
    const group = await api('/groups', {
      method: 'POST',
      token: adminToken,
      body: { name: `Boutique support ${stamp}`, memberIds: [agent.id] },
    });
    const service = await api('/services', {
      method: 'POST',
      token: adminToken,
      body: { name: `Point of sale ${stamp}`, status: 'live', defaultGroupId: group.id },
    });
    // Raised for the requester by the API here; the portal has its own browser test.
    const ticket = await api('/tickets', {
      method: 'POST',
      token: adminToken,
      body: {
        type: 'incident',
        title: `Till frozen in the Paris boutique ${stamp}`,
        description: 'The till shows a spinning wheel since the update.',
        requesterId: requester.id,
        serviceId: service.id,
        category: 'hardware',
        impact: 2,
        urgency: 1,
        channel: 'email',
      },
    });
    number = ticket.number;

    browser = await launchChromium();
    ({ page } = await signedInPage(browser, agentEmail, password));
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('finds the new incident in the unassigned queue and opens it', async () => {
    await page.goto('/desk');
    await page.getByText('Unassigned', { exact: true }).first().click();
    const link = page.getByRole('link', { name: new RegExp(number) });
    await link.first().waitFor();
    await expectAccessible(page, 'the queues');
    await link.first().click();
    await page
      .getByRole('heading', {
        level: 1,
        name: new RegExp(`Till frozen in the Paris boutique ${stamp}`),
      })
      .waitFor();
  });

  it('takes it, answers the requester and notes what was found', async () => {
    await page.getByRole('button', { name: 'Assign to me' }).first().click();
    await expect.poll(() => page.getByText('Assigned', { exact: true }).count()).toBeGreaterThan(0);
    await page.getByRole('button', { name: 'Start work' }).click();
    await expect
      .poll(() => page.getByText('In progress', { exact: true }).count())
      .toBeGreaterThan(0);

    await page
      .getByLabel('Reply to the requester')
      .fill('We are on it: a technician is restarting the till remotely.');
    await page.getByRole('button', { name: 'Send reply' }).click();
    await page.getByText('We are on it: a technician is restarting the till remotely.').waitFor();

    await page.getByText('Internal note', { exact: true }).first().click();
    await page
      .getByLabel('Internal note for the desk')
      .fill('Update 4.2 leaves the payment daemon stopped.');
    await page.getByRole('button', { name: 'Add note' }).click();
    await page.getByText('Update 4.2 leaves the payment daemon stopped.').waitFor();
    await expectAccessible(page, 'the ticket page');
  });

  it('resolves it with a code and notes', async () => {
    await page.getByRole('button', { name: 'Resolve', exact: true }).first().click();
    const dialog = page.getByRole('dialog', { name: 'Resolve the ticket' });
    await dialog.getByLabel(/^Resolution code/).click();
    await page.getByRole('option', { name: 'Solved' }).click();
    await dialog
      .getByLabel(/^Resolution notes/)
      .fill('Restarted the payment daemon and rolled the till back to 4.1.');
    await dialog.getByRole('button', { name: 'Resolve' }).click();
    await expect.poll(() => page.getByText('Resolved', { exact: true }).count()).toBeGreaterThan(0);
    const ticket = await api(`/tickets/${number}`, { token: await tokenFor(agentEmail, password) });
    expect(ticket).toMatchObject({ status: 'resolved', resolutionCode: 'solved' });
    expect(ticket.clocks.every((c: { state: string }) => c.state === 'stopped')).toBe(true);
  });
});
