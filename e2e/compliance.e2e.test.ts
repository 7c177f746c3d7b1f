import fs from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './chromium.js';
import { admin, api, expectAccessible, signedInPage, tokenFor } from './session.js';

// The SMS manager's gap assessment: a new assessment, clause 8.6.1 assessed against its target
// with live incident records linked as evidence, the gap turned into a roadmap task in one action,
// and the Gap Analysis Report downloaded. The library, the assessment and the roadmap are scanned
// with axe-core.

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
    ({ context, page } = await signedInPage(browser, managerEmail, password, {
      acceptDownloads: true,
    }));
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

    // A signed record as a file: uploaded from the panel, listed, counted in the evidence.
    await panel.locator('input[type="file"]').setInputFiles({
      name: 'Incident review minutes.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('%PDF-1.4\n% incident review minutes, signed\n%%EOF\n'),
    });
    await page.getByText('Incident review minutes.pdf attached').waitFor();
    await panel.getByRole('link', { name: 'Download Incident review minutes.pdf' }).waitFor();
    const withFile = await api(
      `/compliance/assessments/${assessmentId}/items/${item.id}/evidence`,
      { token: adminToken },
    );
    expect(withFile.files.map((f: { fileName: string }) => f.fileName)).toEqual([
      'Incident review minutes.pdf',
    ]);
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
    // A task that waits for it: the timeline draws the dependency as an arrow between the bars.
    const follower = await api('/compliance/roadmap/tasks', {
      method: 'POST',
      token: adminToken,
      body: {
        phaseId: task.phaseId,
        title: 'Train the stores on the major incident procedure',
        startDate: '2027-04-01',
        dueDate: '2027-04-30',
        dependsOn: [task.id],
      },
    });
    await page.goto('/compliance/roadmap');
    await page.getByRole('button', { name: new RegExp(`^${number} `) }).waitFor();
    await page.locator(`path[data-dependency="${task.id}-${follower.id}"]`).waitFor();
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

  it('shows a French user the guidance and the live figures in French', async () => {
    const email = `responsable.sms.${stamp}@e2e.example`;
    await api('/users', {
      method: 'POST',
      token: adminToken,
      body: { email, name: `Camille ${stamp}`, role: 'manager', password, locale: 'fr' },
    });
    const french = await signedInPage(browser, email, password, { locale: 'fr-FR' });
    try {
      const fr = french.page;
      // The library: our guidance in French, the clause title as published.
      await fr.goto('/compliance/library?q=8.6.1');
      await fr.getByRole('heading', { name: /^8\.6\.1 Incident management/ }).waitFor();
      await fr.getByText('Ce qu’un auditeur demande à voir').waitFor();
      await fr.getByText(/^Enregistrez chaque incident, classez-le/).waitFor();
      await fr.getByText(/les titres des articles sont ceux de la norme/).waitFor();
      // The live figure of the incidents, worded in French.
      await fr
        .getByText(
          /^\d+ incidents?, (SLA de résolution respecté dans [\d,]+ % des cas|pas encore de résultat pour le SLA de résolution)$/,
        )
        .first()
        .waitFor();
      await expectAccessible(fr, 'the requirement library in French');

      // The item panel of the assessment: figures and guidance in French.
      await fr.goto(`/compliance/assessments/${assessmentId}`);
      await fr
        .getByRole('button', { name: /^8\.6\.1 Incident management/ })
        .first()
        .click();
      const panel = fr.getByRole('dialog', { name: /^8\.6\.1 / });
      await panel.waitFor();
      await panel.getByText('Preuves en direct depuis Meridian').waitFor();
      await panel
        .getByText(/^\d+ incidents?, (SLA de résolution|pas encore de résultat)/)
        .first()
        .waitFor();
      await panel.getByRole('button', { name: 'Recommandations' }).click();
      await panel.getByText(/^Enregistrez chaque incident, classez-le/).waitFor();
      await panel.getByText('Fiches d’incident', { exact: true }).waitFor();
      await expectAccessible(fr, 'the assessment item panel in French');
      // Set MERIDIAN_E2E_SCREENSHOTS to a folder to look at the panel's figures and guidance.
      const shots = process.env.MERIDIAN_E2E_SCREENSHOTS;
      if (shots) {
        await panel.getByText('Preuves en direct depuis Meridian').scrollIntoViewIfNeeded();
        await fr.screenshot({ path: `${shots}/compliance-item-panel-fr-evidence.png` });
        await panel.getByText(/^Enregistrez chaque incident/).scrollIntoViewIfNeeded();
        await fr.screenshot({ path: `${shots}/compliance-item-panel-fr-guidance.png` });
        await fr.goto('/compliance/library?q=8.6.1');
        await fr.getByText(/^Enregistrez chaque incident/).waitFor();
        await fr.screenshot({ path: `${shots}/compliance-library-fr.png`, fullPage: true });
      }
    } finally {
      await french.context.close();
    }
  });
});
