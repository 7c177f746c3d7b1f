import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './chromium.js';
import { admin, baseURL, expectAccessible } from './session.js';

// An administrator's day one: sign in, create a colleague's account, check it, read the screens
// in French, sign out. Runs against a real server started by e2e/global-setup.ts, in Debian's
// Chromium; every screen visited is also scanned with axe-core.

// e2e/global-setup.ts exports these (and also provides them through vitest's inject()).

/** Fails with the list of serious or critical accessibility violations on the current page. */
describe('administration: users', { timeout: 60_000 }, () => {
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const stamp = Date.now().toString(36);
  const newUser = {
    name: `Zoë Martin ${stamp}`,
    email: `zoe.martin.${stamp}@example.com`,
    password: 'a long enough password',
  };

  beforeAll(async () => {
    if (!baseURL || !admin.email || !admin.password) {
      throw new Error(
        'MERIDIAN_E2E_URL, MERIDIAN_E2E_ADMIN_EMAIL and MERIDIAN_E2E_ADMIN_PASSWORD must be set ' +
          '(e2e/global-setup.ts does this when run through `npm run test:e2e`).',
      );
    }
    browser = await launchChromium();
    context = await browser.newContext({
      baseURL,
      locale: 'en-GB',
      timezoneId: 'Europe/London',
      colorScheme: 'light',
      viewport: { width: 1280, height: 900 },
    });
    context.setDefaultTimeout(15_000);
    page = await context.newPage();
  });

  afterAll(async () => {
    // Leave the administrator as we found them (English) for the other specs.
    if (context && admin.email && admin.password) {
      const login = await context.request.post('/api/v1/auth/login', {
        data: { email: admin.email, password: admin.password },
      });
      if (login.ok()) {
        const session = (await login.json()) as { csrfToken: string; user: { version: number } };
        await context.request.patch('/api/v1/me', {
          data: { locale: 'en' },
          headers: {
            'x-csrf-token': session.csrfToken,
            'if-match': `"${session.user.version}"`,
          },
        });
      }
    }
    await browser?.close();
  });

  it('asks to sign in first, then returns to the page asked for', async () => {
    await page.goto('/admin/users');
    await expect.poll(() => new URL(page.url()).pathname).toBe('/login');
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await expectAccessible(page, 'login');

    await page.getByLabel('Email').fill(admin.email ?? '');
    await page.getByLabel(/^Password/).fill(admin.password ?? '');
    await page.getByRole('button', { name: 'Sign in' }).click();

    await page.getByRole('heading', { level: 1, name: 'Users' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/admin/users');
  });

  it('creates a user through the dialog and shows it in the list', async () => {
    const table = page.getByRole('table', { name: 'Users' });
    await table.getByRole('link').first().waitFor();
    await expectAccessible(page, 'users list');

    await page.getByRole('button', { name: 'New user' }).click();
    const dialog = page.getByRole('dialog', { name: 'New user' });
    await dialog.waitFor();
    await dialog.getByLabel(/^Name/).fill(newUser.name);
    await dialog.getByLabel('Email').fill(newUser.email);
    await dialog.getByRole('combobox', { name: 'Role' }).click();
    await page.getByRole('option', { name: 'Agent' }).click();
    await dialog.getByLabel('Initial password').fill(newUser.password);
    await dialog.getByRole('button', { name: 'Create user' }).click();
    await dialog.waitFor({ state: 'hidden' });

    const link = table.getByRole('link', { name: newUser.name });
    await link.waitFor();
    const row = table
      .getByRole('row')
      .filter({ has: page.getByRole('link', { name: newUser.name }) });
    await expect.poll(() => row.textContent()).toContain(newUser.email);
    expect(await row.textContent()).toContain('Agent');
  });

  it('opens the user record with its details and history', async () => {
    await page
      .getByRole('table', { name: 'Users' })
      .getByRole('link', { name: newUser.name })
      .click();
    await page.getByRole('heading', { level: 1, name: newUser.name }).waitFor();
    expect(new URL(page.url()).pathname).toMatch(/^\/admin\/users\/[^/]+$/);
    await page.getByRole('heading', { name: 'Details' }).waitFor();
    await expect.poll(() => page.getByLabel(/^Name/).inputValue()).toBe(newUser.name);
    await page.getByRole('heading', { name: 'History' }).waitFor();
    await page
      .getByText(/created this record/)
      .first()
      .waitFor();
    await expectAccessible(page, 'user record');
  });

  it('switches the interface to French from the user menu', async () => {
    await page.getByRole('button', { name: /^Account menu for / }).click();
    const menu = page.getByRole('dialog', { name: 'Account menu' });
    await menu.getByRole('combobox', { name: 'Language' }).click();
    await page.getByRole('option', { name: 'Français' }).click();

    await page.getByRole('heading', { name: 'Détails' }).waitFor();
    await page.getByRole('heading', { name: 'Historique' }).waitFor();
    await page.keyboard.press('Escape');
    const navigation = page.getByRole('navigation', { name: 'Navigation principale' });
    await navigation.getByRole('link', { name: 'Utilisateurs' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('fr');
  });

  it('signs out and shows the sign-in page', async () => {
    await page.getByRole('button', { name: /^Menu du compte de / }).click();
    await page.getByRole('button', { name: 'Se déconnecter' }).click();
    await page.getByRole('heading', { name: 'Connexion' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/login');

    // The session is really gone: the record page now asks to sign in again.
    await page.goto('/admin/users');
    await page.getByRole('heading', { name: 'Connexion' }).waitFor();
  });
});
