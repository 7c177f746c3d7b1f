import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './chromium.js';
import { admin, api, baseURL, expectAccessible, signedInPage, tokenFor } from './session.js';

// The KPI screens (issue 8): a manager opens the executive dashboard, changes the period and the
// service, clicks the service delivery time through to the ticket behind it, looks at the service
// manager dashboard with each service's availability, downloads the monthly service report from
// the executive dashboard's link, subscribes to it and unsubscribes, and changes a KPI's at-risk
// margin. Each screen is scanned with axe-core.

describe('dashboards: a manager reads the KPIs and follows a figure to its records', {
  timeout: 240_000,
}, () => {
  let browser: Browser;
  let page: Page;
  let adminToken = '';
  const stamp = Date.now().toString(36);
  const managerEmail = `kpi.manager.${stamp}@e2e.example`;
  const password = `manager-password-${stamp}`;
  const serviceName = `Click and collect ${stamp}`;
  let ticketNumber = '';
  let serviceId = '';

  /** A write that needs If-Match (ticket status moves), as the admin. */
  async function send<T>(method: string, path: string, body: unknown, version: number) {
    const response = await fetch(`${baseURL}/api/v1${path}`, {
      method,
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${adminToken}`,
        'if-match': `"${version}"`,
      },
      body: JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text}`);
    return JSON.parse(text) as T;
  }

  beforeAll(async () => {
    adminToken = await tokenFor(admin.email, admin.password);
    const manager = await api('/users', {
      method: 'POST',
      token: adminToken,
      body: { email: managerEmail, name: `Nadia ${stamp}`, role: 'manager', password },
    });
    const group = await api('/groups', {
      method: 'POST',
      token: adminToken,
      body: { name: `Store support ${stamp}`, memberIds: [manager.id] },
    });
    const service = await api('/services', {
      method: 'POST',
      token: adminToken,
      body: {
        name: serviceName,
        status: 'live',
        defaultGroupId: group.id,
        availabilityTarget: 99.9,
      },
    });
    serviceId = service.id;
    // A major incident whose review records a 432-minute outage ending 48 minutes ago: 1% of the
    // last 30 days, so the service's availability over them is 99.0% against its 99.9% target.
    const major = await api<{ id: string }>('/tickets', {
      method: 'POST',
      token: adminToken,
      body: {
        type: 'incident',
        title: `Checkout down ${stamp}`,
        description: 'The click-and-collect checkout does not answer.',
        serviceId: service.id,
        impact: 1,
        urgency: 1,
        requesterId: manager.id,
        majorIncident: true,
      },
    });
    const outageEnd = Date.now() - 48 * 60_000;
    await send(
      'PUT',
      `/tickets/${major.id}/major-incident-review`,
      {
        outageStart: new Date(outageEnd - 432 * 60_000).toISOString(),
        outageEnd: new Date(outageEnd).toISOString(),
      },
      0,
    );
    // One incident resolved today: the delivery time of this service has one record behind it.
    let ticket = await api<{ id: string; number: string; version: number }>('/tickets', {
      method: 'POST',
      token: adminToken,
      body: {
        type: 'incident',
        title: `Collection lockers do not open ${stamp}`,
        description: 'Customers cannot collect their orders at the Lyon store.',
        serviceId: service.id,
        category: 'hardware',
        impact: 2,
        urgency: 2,
        channel: 'email',
        requesterId: manager.id,
      },
    });
    ticketNumber = ticket.number;
    ticket = await send(
      'PATCH',
      `/tickets/${ticket.id}`,
      { assigneeId: manager.id },
      ticket.version,
    );
    ticket = await send(
      'POST',
      `/tickets/${ticket.id}/status`,
      { status: 'in_progress' },
      ticket.version,
    );
    await send(
      'POST',
      `/tickets/${ticket.id}/status`,
      { status: 'resolved', resolutionCode: 'solved', resolutionNotes: 'Lockers restarted.' },
      ticket.version,
    );

    browser = await launchChromium();
    ({ page } = await signedInPage(browser, managerEmail, password, { acceptDownloads: true }));
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('shows the four programme KPIs with target, status in words and a trend', async () => {
    await page.getByRole('link', { name: 'Executive dashboard' }).first().click();
    await page.getByRole('heading', { level: 1, name: 'Executive dashboard' }).waitFor();
    for (const name of [
      'Service delivery time',
      'Customer satisfaction index',
      'Compliance audit success rate',
      'Employee training completion',
    ]) {
      const tile = page.getByRole('region', { name, exact: true });
      await tile.waitFor();
      await tile.getByText('Target').waitFor();
      await expect
        .poll(() => tile.getByText(/^(On track|At risk|Off track|No data)$/).count())
        .toBe(1);
    }
    await page.getByRole('heading', { level: 2, name: 'Trends' }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Breakdowns' }).waitFor();
    await expectAccessible(page, 'the executive dashboard');
  });

  it('changes the period and the service, kept in the address', async () => {
    await page.getByRole('combobox', { name: 'Period' }).click();
    await page.getByRole('option', { name: 'Last 12 months' }).click();
    await page.waitForURL(/preset=last-12-months/);
    await page.getByRole('combobox', { name: 'Service' }).fill(stamp);
    await page.getByRole('option', { name: serviceName }).click();
    await page.waitForURL(/serviceId=/);
    await page.getByText(/The service filter narrows/).waitFor();
  });

  it('clicks the service delivery time through to the tickets behind it', async () => {
    // The tile's figure is the whole desk's: its records are those of the period, unfiltered.
    const tile = page.getByRole('region', { name: 'Service delivery time', exact: true });
    await tile.getByRole('link', { name: /^Service delivery time: .*Show the records/ }).click();
    const heading = 'Records behind “Service delivery time”';
    await page.getByRole('heading', { level: 1, name: heading }).waitFor();
    expect(page.url()).toMatch(/from=\d{4}-\d{2}-\d{2}&to=\d{4}-\d{2}-\d{2}/);
    await page.getByRole('table', { name: heading }).waitFor();
    await expectAccessible(page, 'the records behind a KPI');
    await page.goBack();
    // A breakdown cell is one service in one month: our incident is the record behind it.
    await page
      .getByRole('link', {
        name: new RegExp(`^Service delivery time, ${serviceName}, .*\\(1 record\\)`),
      })
      .click();
    await page.getByRole('heading', { level: 1, name: heading }).waitFor();
    expect(page.url()).toMatch(/serviceId=/);
    const table = page.getByRole('table', { name: heading });
    await table.getByText(`Collection lockers do not open ${stamp}`).waitFor();
    const csv = page.getByRole('link', { name: 'Download CSV' });
    const href = (await csv.getAttribute('href')) ?? '';
    expect(href).toMatch(/\/records\.csv\?from=.*&service=/);
    const file = await page.request.get(href);
    expect(file.status()).toBe(200);
    expect(await file.text()).toContain(ticketNumber);
    await expect.poll(() => table.getByRole('row').count()).toBe(2);
    await table.getByRole('link', { name: ticketNumber }).click();
    await page.waitForURL(/\/desk\/tickets\//);
    await page.getByRole('heading', { level: 1, name: new RegExp(`^${ticketNumber}`) }).waitFor();
  });

  it('shows the service manager dashboard', async () => {
    await page.goto('/dashboard/service');
    await page.getByRole('heading', { level: 1, name: 'Service manager dashboard' }).waitFor();
    await page.getByRole('region', { name: 'SLA attainment — resolution', exact: true }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Breaching soon' }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Workload by group' }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Availability by service' }).waitFor();
    const row = page.getByRole('row', { name: new RegExp(serviceName) });
    await expect.poll(() => row.textContent()).toMatch(/99\.0\s?%\s*99\.9\s?%\s*432\s*Off track/);
    await expectAccessible(page, 'the service manager dashboard');
    await page.getByRole('link', { name: 'Open the breaching queue' }).click();
    await page.waitForURL(/\/desk\?.*queue=breaching/);
  });

  it('downloads the monthly report of the dashboard’s service, subscribes and unsubscribes', async () => {
    await page.goto(`/dashboard?preset=last-12-months&serviceId=${serviceId}`);
    await page.getByRole('heading', { level: 1, name: 'Executive dashboard' }).waitFor();
    await page.getByRole('link', { name: 'Monthly report' }).click();
    await page.getByRole('heading', { level: 1, name: 'Service reports' }).waitFor();
    expect(page.url()).toContain(`serviceId=${serviceId}`);
    const card = page.getByRole('region', { name: 'Monthly service report' });
    await expect
      .poll(() => card.getByRole('combobox', { name: 'Service' }).inputValue())
      .toBe(serviceName);
    await expectAccessible(page, 'the service reports screen');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      card.getByRole('link', { name: 'Download PDF' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^service-report-\d{4}-\d{2}-.*\.pdf$/);
    const path = await download.path();
    const { readFile } = await import('node:fs/promises');
    expect((await readFile(path)).subarray(0, 4).toString('latin1')).toBe('%PDF');

    await card.getByRole('button', { name: 'Email it to me every month' }).click();
    const mine = page.getByRole('region', { name: 'My subscriptions' });
    await mine.getByRole('row', { name: new RegExp(serviceName) }).waitFor();
    await card.getByRole('button', { name: 'You receive it every month' }).waitFor();
    await mine
      .getByRole('button', { name: `Unsubscribe from the report of ${serviceName}` })
      .click();
    const dialog = page.getByRole('dialog', { name: 'Stop the monthly email?' });
    await dialog.getByRole('button', { name: 'Unsubscribe' }).click();
    await mine.getByText('You receive no monthly report yet').waitFor();
  });

  it('shows the service reports screen in French, KPI names translated', async () => {
    // The interface language is the user's own setting: a French-speaking manager.
    const frenchEmail = `kpi.responsable.${stamp}@e2e.example`;
    await api('/users', {
      method: 'POST',
      token: adminToken,
      body: {
        email: frenchEmail,
        name: `Camille ${stamp}`,
        role: 'manager',
        password,
        locale: 'fr',
      },
    });
    const french = await signedInPage(browser, frenchEmail, password, { locale: 'fr-FR' });
    try {
      const fr = french.page;
      await fr.goto(`/reports?serviceId=${serviceId}`);
      await fr.getByRole('heading', { level: 1, name: 'Rapports de service' }).waitFor();
      const card = fr.getByRole('region', { name: 'Rapport de service mensuel' });
      await card.getByRole('link', { name: 'Télécharger le PDF' }).waitFor();
      await fr.getByRole('region', { name: 'Mes abonnements' }).waitFor();
      await expectAccessible(fr, 'the service reports screen in French');
      // Set MERIDIAN_E2E_SCREENSHOTS to a folder to look at the screen in both languages.
      const shots = process.env.MERIDIAN_E2E_SCREENSHOTS;
      if (shots) {
        await fr.screenshot({ path: `${shots}/reports-fr.png`, fullPage: true });
        await page.goto(`/reports?serviceId=${serviceId}`);
        await page.getByRole('heading', { level: 1, name: 'Service reports' }).waitFor();
        await page.screenshot({ path: `${shots}/reports-en.png`, fullPage: true });
        await fr.goto('/dashboard/service');
        await fr.getByRole('heading', { level: 2, name: 'Disponibilité par service' }).waitFor();
        await fr.getByRole('row', { name: new RegExp(serviceName) }).waitFor();
        await fr.screenshot({ path: `${shots}/service-dashboard-fr.png`, fullPage: true });
      }
      await fr.goto('/dashboard');
      await fr
        .getByRole('region', { name: 'Délai de traitement des services', exact: true })
        .waitFor();
    } finally {
      await french.context.close();
    }
  });

  it('changes the at-risk margin of a KPI', async () => {
    await page.goto('/admin/kpis');
    await page.getByRole('heading', { level: 1, name: 'KPIs' }).waitFor();
    await expectAccessible(page, 'the KPI administration');
    await page.getByRole('button', { name: 'Edit Reopen rate' }).click();
    const dialog = page.getByRole('dialog', { name: 'Edit Reopen rate' });
    await dialog.getByLabel('At-risk margin (%)').fill('25');
    await expectAccessible(page, 'the KPI edit dialog');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Reopen rate saved.').waitFor();
    const kpi = await api<{ atRiskMargin: number }>('/kpis/reopen-rate', { token: adminToken });
    expect(kpi.atRiskMargin).toBe(25);
  });
});
