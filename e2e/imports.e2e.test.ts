import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './chromium.js';
import { admin, api, expectAccessible, signedInPage, tokenFor } from './session.js';

// An administrator brings incidents in from another tool's CSV export: uploads it, maps its
// columns, sees the rows the dry run refuses, uploads the corrected file (the mapping stays),
// imports it with progress and opens an imported ticket. Then the screen in French.

const shots = process.env.MERIDIAN_E2E_SHOTS;
const stamp = Date.now().toString(36);
const header = 'Number;Title;Details;Opened at;Priority;Group';
const bad = [
  header,
  `OLD-${stamp}-1;Printer jammed on floor 2;Paper stuck;02/03/2026 08:00;2;Support ${stamp}`,
  `OLD-${stamp}-2;;Nothing to say;03/03/2026 09:00;3;Support ${stamp}`,
  `OLD-${stamp}-3;VPN drops every hour;Since Monday;31/02/2026 08:00;1;Network ${stamp}`,
].join('\n');
const fixed = [
  header,
  `OLD-${stamp}-1;Printer jammed on floor 2;Paper stuck;02/03/2026 08:00;2;Support ${stamp}`,
  `OLD-${stamp}-3;VPN drops every hour;Since Monday;28/02/2026 08:00;1;Network ${stamp}`,
].join('\n');

describe('CSV import screen', { timeout: 240_000 }, () => {
  let browser: Browser;
  let page: Page;
  let dir = '';

  const snap = async (name: string) => {
    if (shots) await page.screenshot({ path: `${shots}/${name}.png`, fullPage: true });
  };

  async function uploadFile(name: string, content: string) {
    const file = path.join(dir, name);
    fs.writeFileSync(file, content);
    await page.locator('input[type="file"]').first().setInputFiles(file);
    await page.getByRole('button', { name: 'Upload and continue' }).click();
  }

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'meridian-import-e2e-'));
    browser = await launchChromium();
    page = (await signedInPage(browser, admin.email, admin.password)).page;
  });

  afterAll(async () => {
    await browser?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('maps a CSV, shows the bad rows of the dry run, imports the corrected file and opens a ticket', async () => {
    await page.goto('/admin/imports');
    await page.getByRole('heading', { level: 1, name: 'Imports' }).waitFor();
    await expectAccessible(page, 'imports: upload');
    await uploadFile('old-tool.csv', bad);

    // Columns named like the fields are matched already; the rest is mapped by hand.
    await page.getByText('old-tool.csv: 3 rows, 6 columns').waitFor();
    await expect
      .poll(() => page.getByRole('combobox', { name: 'Record identifier column' }).inputValue())
      .toBe('Number');
    await page.getByRole('combobox', { name: 'Description' }).click();
    await page.getByRole('option', { name: 'Details' }).click();
    expect(await page.getByRole('combobox', { name: 'Opened at' }).inputValue()).toBe('Opened at');
    await page.getByRole('combobox', { name: 'Date format' }).fill('dd/MM/yyyy HH:mm');
    await page.getByRole('combobox', { name: 'Date format' }).press('Escape');
    const preview = page.getByRole('table', { name: 'The first rows as they will be imported' });
    await preview.getByRole('cell', { name: 'Paper stuck' }).waitFor();
    await expectAccessible(page, 'imports: mapping');
    await snap('imports-mapping-en');

    await page.getByRole('button', { name: 'Dry run', exact: true }).click();
    const errors = page.getByRole('table', { name: /Rows that cannot be imported/ });
    await errors.waitFor();
    await expect.poll(() => errors.getByRole('row').count()).toBe(3);
    await errors.getByRole('cell', { name: 'title is required but the cell is empty' }).waitFor();
    await errors.getByRole('cell', { name: '"31/02/2026 08:00" is not a valid date' }).waitFor();
    expect(await page.getByRole('button', { name: 'Import now' }).isDisabled()).toBe(true);
    await expectAccessible(page, 'imports: dry run with errors');
    await snap('imports-dry-run-en');

    // Back to the first step with the corrected file: the mapping is kept.
    await page.getByRole('button', { name: /Upload File and kind of records/ }).click();
    await uploadFile('old-tool-fixed.csv', fixed);
    await page.getByText('old-tool-fixed.csv: 2 rows, 6 columns').waitFor();
    await page.getByRole('button', { name: 'Dry run', exact: true }).click();
    await page.getByText('Every row can be imported.').waitFor();
    await page.getByRole('button', { name: 'Import now' }).click();
    await page.getByText('Import finished').waitFor();
    const imported = page.getByRole('table', { name: 'Imported tickets' });
    await imported.getByRole('cell', { name: `OLD-${stamp}-3` }).waitFor();
    await expectAccessible(page, 'imports: result');
    await snap('imports-result-en');

    const row = imported.getByRole('row', { name: new RegExp(`OLD-${stamp}-1`) });
    await row.getByRole('link').click();
    await page.getByRole('heading', { level: 1, name: /Printer jammed on floor 2/ }).waitFor();
  });

  it('reads in French, with the runs history', async () => {
    const token = await tokenFor(admin.email, admin.password);
    const email = `admin.fr.${stamp}@e2e.example`;
    const password = `import-password-${stamp}`;
    await api('/users', {
      method: 'POST',
      token,
      body: { email, name: `Camille ${stamp}`, role: 'admin', password, locale: 'fr' },
    });
    const french = await signedInPage(browser, email, password, { locale: 'fr-FR' });
    const fr = french.page;
    await fr.goto('/admin/imports');
    await fr.getByRole('heading', { level: 2, name: 'Imports récents' }).waitFor();
    await fr
      .getByRole('button', { name: 'Afficher le rapport de old-tool-fixed.csv' })
      .first()
      .waitFor();
    await expectAccessible(fr, 'imports (fr)');
    if (shots) await fr.screenshot({ path: `${shots}/imports-fr.png`, fullPage: true });
    const file = path.join(dir, 'ancien-outil.csv');
    fs.writeFileSync(file, fixed);
    await fr.locator('input[type="file"]').first().setInputFiles(file);
    await fr.getByRole('button', { name: 'Envoyer et continuer' }).click();
    await fr.getByText('ancien-outil.csv : 2 lignes, 6 colonnes').waitFor();
    await fr.getByRole('combobox', { name: 'Colonne d’identifiant' }).waitFor();
    await expectAccessible(fr, 'imports: mapping (fr)');
    if (shots) await fr.screenshot({ path: `${shots}/imports-mapping-fr.png` });
    await french.context.close();
  });
});
