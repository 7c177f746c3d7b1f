import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './chromium.js';
import { admin, api, expectAccessible, signedInPage, tokenFor } from './session.js';

// An internal audit in the browser: the lead auditor starts it, records a result per sampled
// requirement and raises a minor nonconformity; the SMS manager plans the corrective action and
// marks it done; the auditor verifies it effective and closes the finding, which the corrective
// action tracker then shows closed. The programme, audit and tracker screens are scanned by axe.

describe('audits: an internal audit with a minor nonconformity, closed through its corrective action', {
  timeout: 240_000,
}, () => {
  let browser: Browser;
  const stamp = Date.now().toString(36);
  const password = `audit-password-${stamp}`;
  const auditorEmail = `auditor.${stamp}@e2e.example`;
  const managerEmail = `sms.manager.${stamp}@e2e.example`;
  const managerName = `Claire ${stamp}`;
  let number = '';
  let auditor: Page;
  let manager: Page;

  beforeAll(async () => {
    const adminToken = await tokenFor(admin.email, admin.password);
    const auditorUser = await api('/users', {
      method: 'POST',
      token: adminToken,
      body: { email: auditorEmail, name: `Ingrid ${stamp}`, role: 'auditor', password },
    });
    await api('/users', {
      method: 'POST',
      token: adminToken,
      body: { email: managerEmail, name: managerName, role: 'manager', password },
    });
    const programme = await api('/audits/programmes', {
      method: 'POST',
      token: adminToken,
      body: {
        name: `Certification cycle ${stamp}`,
        certificationBody: 'Certis Europe',
        cycleStart: '2026-01-01',
        cycleEnd: '2028-12-31',
      },
    });
    const audit = await api('/audits', {
      method: 'POST',
      token: adminToken,
      body: {
        programmeId: programme.id,
        type: 'internal',
        title: `Internal audit of change management ${stamp}`,
        plannedStart: '2026-11-02',
        plannedEnd: '2026-11-06',
        leadAuditorId: auditorUser.id,
        scope: 'Change management at head office',
        requirements: ['8.5.1.1', '8.6.1'],
      },
    });
    number = audit.number;
    browser = await launchChromium();
    auditor = (await signedInPage(browser, auditorEmail, password)).page;
    manager = (await signedInPage(browser, managerEmail, password)).page;
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('shows the programme with its calendar and the unaudited-requirement warning', async () => {
    await auditor.goto('/audits');
    await auditor.getByRole('heading', { level: 1, name: 'Audit programme' }).waitFor();
    // Several programmes may exist on the shared server: choose ours.
    const chooser = auditor.getByRole('combobox', { name: 'Programme' });
    if (await chooser.count()) {
      await chooser.click();
      await auditor.getByRole('option', { name: `Certification cycle ${stamp}` }).click();
    }
    await auditor.getByRole('link', { name: number }).first().waitFor();
    await expect
      .poll(() => auditor.getByText(/requirements would go unaudited in this cycle/).count())
      .toBeGreaterThan(0);
    await expectAccessible(auditor, 'the audit programme');
    await auditor.screenshot({ path: '/tmp/issue7/audits-work/programme.png', fullPage: true });
  });

  it('lets the lead auditor record results and raise a minor nonconformity', async () => {
    await auditor.getByRole('link', { name: number }).first().click();
    await auditor.getByRole('heading', { level: 1, name: new RegExp(number) }).waitFor();
    await auditor.getByRole('button', { name: 'Start the audit' }).click();
    await auditor.getByText(`${number} started: record the results.`).waitFor();

    // 8.6.1 conforming, by keyboard: the radio, then Ctrl+Enter in the evidence.
    await auditor
      .getByRole('radiogroup', { name: 'Result for 8.6.1' })
      .getByRole('radio', { name: 'Conforming', exact: true })
      .check();
    const evidence = auditor.getByLabel('Evidence seen for 8.6.1');
    await evidence.fill('Incidents INC0000042 and INC0000043 handled as documented');
    await evidence.press('Control+Enter');
    await auditor.getByText('Result for 8.6.1 saved.').waitFor();
    await auditor
      .getByRole('radiogroup', { name: 'Result for 8.5.1.1' })
      .getByRole('radio', { name: 'Conforming', exact: true })
      .check();
    await auditor.getByLabel('Evidence seen for 8.5.1.1').fill('Three change records sampled');
    await auditor.getByRole('button', { name: 'Save 8.5.1.1' }).click();
    await auditor.getByText('Result for 8.5.1.1 saved.').waitFor();

    await auditor.getByRole('button', { name: 'Raise a finding' }).click();
    const dialog = auditor.getByRole('dialog', { name: 'Raise a finding' });
    await dialog.getByRole('combobox', { name: 'Grade' }).click();
    await auditor.getByRole('option', { name: 'Minor nonconformity' }).click();
    await dialog.getByLabel('Title').fill('Change records lack the risk assessment');
    await dialog.getByLabel('Statement').fill('Two of three sampled changes had no recorded risk.');
    await dialog.getByRole('combobox', { name: /^Requirements/ }).click();
    await auditor.getByRole('option', { name: /^8\.5\.1\.1/ }).click();
    await auditor.keyboard.press('Escape');
    await dialog.getByRole('button', { name: 'Raise the finding' }).click();
    await auditor.getByText(`Finding ${number}-F1 raised.`).waitFor();
    // The nonconformity marks its requirement nonconforming: 1 of 2 conforming.
    await auditor.getByText('(1 of 2 conforming)').waitFor();
    await auditor.getByRole('button', { name: 'Complete the audit' }).click();
    await auditor.getByText(`${number} is completed.`).waitFor();
    await expectAccessible(auditor, 'the audit page');
  });

  it('refuses to close the nonconformity before its action is verified, then closes it', async () => {
    // The auditor tries to close at once: the server names what is missing.
    await auditor.getByRole('button', { name: `Close ${number}-F1` }).click();
    await auditor.getByText(/cannot close yet: a correction, a root cause/).waitFor();

    await manager.goto(`/audits/${number}`);
    await manager.getByRole('heading', { level: 1, name: new RegExp(number) }).waitFor();
    const panel = manager.getByRole('region', { name: `Corrective action of ${number}-F1` });
    await panel.getByLabel('Correction').fill('Risk assessed for the two changes afterwards');
    await panel
      .getByLabel('Root cause')
      .fill('The change form let the risk questionnaire be skipped');
    await panel.getByLabel('Corrective action').fill('Make the risk questionnaire mandatory');
    await panel.getByRole('combobox', { name: 'Action owner' }).fill(managerName);
    await manager.getByRole('option', { name: managerName }).click();
    await panel.getByLabel('Due date').fill('2030-01-31');
    await panel.getByRole('button', { name: 'Save the action' }).click();
    await manager.getByText(`Corrective action of ${number}-F1 saved.`).waitFor();
    await panel.getByRole('button', { name: 'Mark the action done' }).click();
    await manager.getByText(/marked done: its effectiveness is to verify/).waitFor();

    await auditor.reload();
    const verification = auditor.getByRole('region', { name: `Corrective action of ${number}-F1` });
    await verification.getByRole('radio', { name: 'Effective', exact: true }).check();
    await verification
      .getByLabel('Verification notes')
      .fill('Ten new changes all carry a risk level');
    await verification.getByRole('button', { name: 'Record the verification' }).click();
    await auditor.getByText(`Verification of ${number}-F1 recorded.`).waitFor();
    await auditor.getByRole('button', { name: `Close ${number}-F1` }).click();
    await auditor.getByText(`${number}-F1 closed.`).waitFor();
    await expectAccessible(auditor, 'the audit page after closing');
    await auditor.screenshot({ path: '/tmp/issue7/audits-work/audit.png', fullPage: true });
  });

  it('shows the closed action in the corrective action tracker', async () => {
    await manager.goto('/audits/actions');
    await manager.getByRole('heading', { level: 1, name: 'Corrective actions' }).waitFor();
    await manager.getByText('Closed', { exact: true }).first().click();
    const row = manager.getByRole('row', { name: new RegExp(`${number}-F1`) });
    await row.waitFor();
    await expect.poll(() => row.getByText('Closed').count()).toBeGreaterThan(0);
    await expectAccessible(manager, 'the corrective action tracker');
    await manager.screenshot({ path: '/tmp/issue7/audits-work/tracker.png', fullPage: true });
  });
});
