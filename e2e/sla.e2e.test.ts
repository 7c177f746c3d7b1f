import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './chromium.js';
import { admin, baseURL, expectAccessible, signedInPage } from './session.js';

// A service-level manager's first hour: a business calendar from a template, a holiday and a
// half day, saved as version 2; "Try it" answers a due time on both clocks; public holidays come
// from an .ics file; an SLA policy counts its P1 targets in that calendar. Every screen is
// scanned with axe-core.

const ICS = [
  'BEGIN:VCALENDAR',
  'VERSION:2.0',
  'PRODID:-//Meridian e2e//EN',
  'BEGIN:VEVENT',
  'UID:labour-day-2027@e2e',
  'DTSTART;VALUE=DATE:20270501',
  'DTEND;VALUE=DATE:20270502',
  'SUMMARY:Labour Day',
  'END:VEVENT',
  'BEGIN:VEVENT',
  'UID:broken@e2e',
  'SUMMARY:Staff party',
  'END:VEVENT',
  'END:VCALENDAR',
  '',
].join('\r\n');

describe('service levels: calendars and SLA policies', { timeout: 120_000 }, () => {
  let browser: Browser;
  let page: Page;
  const stamp = Date.now().toString(36);
  const calendarName = `London desk ${stamp}`;
  const policyName = `Critical incidents ${stamp}`;

  beforeAll(async () => {
    if (!baseURL || !admin.email || !admin.password) {
      throw new Error('MERIDIAN_E2E_URL and the admin login must be set (e2e/global-setup.ts).');
    }
    browser = await launchChromium();
    ({ page } = await signedInPage(browser, admin.email, admin.password, {
      timezoneId: 'Europe/London',
    }));
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('creates a business calendar from a template', async () => {
    const navigation = page.getByRole('navigation', { name: 'Main navigation' });
    await navigation.getByRole('link', { name: 'Business calendars' }).click();
    await page.getByRole('heading', { level: 1, name: 'Business calendars' }).waitFor();
    await page.getByRole('button', { name: 'New calendar' }).first().click();

    const dialog = page.getByRole('dialog', { name: 'New business calendar' });
    await dialog.getByLabel(/^Name/).fill(calendarName);
    const zone = dialog.getByRole('combobox', { name: /^Time zone/ });
    await zone.click();
    await zone.fill('Europe/London');
    await page.getByRole('option', { name: 'Europe/London' }).click();
    await dialog.getByRole('radio', { name: 'Weekdays 09:00–18:00' }).check();
    await expectAccessible(page, 'new calendar dialog');
    await dialog.getByRole('button', { name: 'Create calendar' }).click();

    await page.getByRole('heading', { level: 1, name: calendarName }).waitFor();
    await page.getByText('Version 1 · Europe/London · business day of 9 h').waitFor();
    const week = page.getByRole('table', { name: 'Working week' });
    await expect
      .poll(() => week.getByLabel('Monday, interval 1, start').inputValue())
      .toBe('09:00');
    expect(await week.getByLabel('Friday, interval 1, end').inputValue()).toBe('18:00');
    expect(await week.getByRole('switch', { name: 'Saturday: open' }).isChecked()).toBe(false);
  });

  it('adds a holiday and a half day, and saves them as version 2', async () => {
    // New Year's Day is a holiday; New Year's Eve closes at 13:00.
    const holiday = page.getByLabel('Holiday date');
    await holiday.fill('2027-01-01');
    await page.getByRole('button', { name: 'Add holiday' }).click();
    await page.getByRole('listitem').filter({ hasText: '1 Jan 2027' }).waitFor();

    await page.getByLabel('Exception date').fill('2026-12-31');
    await page.getByRole('button', { name: 'Add exception' }).click();
    const exceptions = page.getByRole('table', { name: 'Exceptions' });
    await exceptions.getByText('Closed all day').waitFor();
    await exceptions.getByRole('button', { name: /^Add hours/ }).click();
    await exceptions.getByLabel(/interval 1, end$/).fill('13');
    await exceptions.getByLabel(/interval 1, end$/).blur();
    expect(await exceptions.getByLabel(/interval 1, end$/).inputValue()).toBe('13:00');

    // A wrong interval is caught before anything is sent, next to its row.
    const week = page.getByRole('table', { name: 'Working week' });
    await week.getByLabel('Wednesday, interval 1, end').fill('08:00');
    await page.getByRole('button', { name: 'Save as version 2' }).click();
    await week.getByText('The interval must end after it starts.').waitFor();
    await expectAccessible(page, 'calendar editor showing a wrong interval');
    await week.getByLabel('Wednesday, interval 1, end').fill('18:00');

    await page.getByText(/Saving creates version 2 of this calendar/).waitFor();
    await expectAccessible(page, 'calendar editor with changes');
    await page.getByRole('button', { name: 'Save as version 2' }).click();
    await page.getByText('Version 2 saved').waitFor();
    await page.getByText('Version 2 · Europe/London · business day of 9 h').waitFor();

    const versions = page.getByRole('region', { name: 'Versions' });
    await versions.getByText('Version 2').waitFor();
    await versions.getByRole('button', { name: 'View version 2' }).click();
    const viewer = page.getByRole('dialog', { name: `${calendarName} — version 2` });
    await viewer.getByText('Holiday added: Fri, 1 Jan 2027').waitFor();
    await viewer.getByText('Exception added: Thu, 31 Dec 2026, 09:00–13:00').waitFor();
    await page.keyboard.press('Escape');
    await viewer.waitFor({ state: 'hidden' });
  });

  it('answers "when is it due?" on both clocks', async () => {
    const tryIt = page.getByRole('region', { name: 'Try it' });
    // The administrator works on Paris time; enter the start on the calendar's (London) clocks.
    await tryIt.getByRole('radio', { name: "The calendar's (Europe/London)" }).check();
    await tryIt.getByLabel(/^Start/).fill('2026-12-31T12:00');
    await tryIt.getByLabel(/^Business time/).fill('4');
    await tryIt.getByRole('button', { name: 'Calculate' }).click();
    // 1 h on New Year's Eve (until 13:00), the holiday, the weekend, then 3 h on Monday.
    await expect
      .poll(() => tryIt.getByTestId('due-calendar').textContent())
      .toMatch(/Monday,? 4 January 2027.*12:00/);
    expect(await tryIt.getByTestId('due-mine').textContent()).toMatch(
      /Monday,? 4 January 2027.*13:00/,
    );

    await tryIt.getByLabel(/^From/).fill('2026-12-31T00:00');
    await tryIt.getByLabel(/^To/).fill('2027-01-05T00:00');
    await tryIt.getByRole('button', { name: 'Count' }).click();
    await expect
      .poll(() => tryIt.getByTestId('elapsed-answer').textContent())
      .toBe('13 h of business time');
  });

  it('imports holidays from an iCalendar file', async () => {
    await page.getByRole('button', { name: 'Import .ics' }).click();
    const dialog = page.getByRole('dialog', { name: 'Import holidays from an iCalendar file' });
    await dialog.locator('input[type="file"]').setInputFiles({
      name: 'holidays.ics',
      mimeType: 'text/calendar',
      buffer: Buffer.from(ICS, 'utf8'),
    });
    await dialog.getByText('holidays.ics').waitFor();
    await expectAccessible(page, 'iCalendar import');
    await dialog.getByRole('button', { name: 'Import', exact: true }).click();
    await dialog.getByText('1 date imported').waitFor();
    await dialog.getByText('1 event was skipped:').waitFor();
    await dialog.getByText(/Staff party/).waitFor();
    await dialog.getByRole('button', { name: 'Close', exact: true }).last().click();
    await dialog.waitFor({ state: 'hidden' });

    await page.getByText('Version 3 · Europe/London · business day of 9 h').waitFor();
    await page.getByRole('listitem').filter({ hasText: '1 May 2027' }).waitFor();
    const exported = page.getByRole('link', { name: 'Export .ics' });
    expect(await exported.getAttribute('href')).toMatch(/\/holidays\.ics$/);
    await expectAccessible(page, 'calendar record');
  });

  it('creates an SLA policy with a P1 target in that calendar', async () => {
    const navigation = page.getByRole('navigation', { name: 'Main navigation' });
    await navigation.getByRole('link', { name: 'SLA policies' }).click();
    await page.getByRole('heading', { level: 1, name: 'SLA policies' }).waitFor();
    await page.getByRole('link', { name: 'New policy' }).first().click();
    await page.getByRole('heading', { level: 1, name: 'New SLA policy' }).waitFor();

    await page.getByLabel(/^Name/).fill(policyName);
    const calendar = page.getByRole('combobox', { name: /^Business calendar/ });
    await calendar.click();
    await page.getByRole('option', { name: `${calendarName} (Europe/London)` }).click();
    await page.getByRole('checkbox', { name: 'Incidents' }).check();
    await page.getByRole('checkbox', { name: 'P1 · Critical' }).check();

    const targets = page.getByRole('table', { name: 'Targets' });
    await targets.getByRole('combobox', { name: 'P1, First response: kind of target' }).click();
    await page.getByRole('option', { name: 'Business time' }).click();
    await targets.getByLabel('P1, First response: amount').fill('30');
    await targets.getByRole('combobox', { name: 'P1, First response: unit' }).click();
    await page.getByRole('option', { name: 'minutes' }).click();
    await targets.getByRole('combobox', { name: 'P1, Resolution: kind of target' }).click();
    await page.getByRole('option', { name: 'Business time' }).click();
    await targets.getByLabel('P1, Resolution: amount').fill('4');
    await expectAccessible(page, 'new SLA policy');
    await page.getByRole('button', { name: 'Create policy' }).click();

    await page.getByRole('heading', { level: 1, name: policyName }).waitFor();
    await page.getByText(/Order \d+ · Incidents · P1/).waitFor();
    const facts = page.getByRole('region', { name: 'Key facts' });
    await facts.getByRole('link', { name: calendarName }).waitFor();
    await facts.getByText('P1: 30 min').waitFor();
    await facts.getByText('P1: 4 h').waitFor();
    await expectAccessible(page, 'SLA policy record');

    // Back through the breadcrumb (a hovered navigation link would be scanned in its hover colours).
    await page.getByRole('main').getByRole('link', { name: 'SLA policies' }).first().click();
    const table = page.getByRole('table', { name: 'SLA policies' });
    const row = table
      .getByRole('row')
      .filter({ has: page.getByRole('link', { name: policyName }) });
    await expect.poll(() => row.textContent()).toContain(calendarName);
    expect(await row.textContent()).toContain('30 min / 4 h');
    await expectAccessible(page, 'SLA policies list');
  });
});
