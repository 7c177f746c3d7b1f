// What every browser test needs: the server under test, the API as a setup tool (users, groups,
// records made before the screens are driven), a signed-in browser page, and the accessibility
// check each screen must pass.
import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { expect, inject } from 'vitest';

export const baseURL = process.env.MERIDIAN_E2E_URL ?? inject('e2eUrl');
export const admin = {
  email: process.env.MERIDIAN_E2E_ADMIN_EMAIL ?? inject('e2eAdmin').email,
  password: process.env.MERIDIAN_E2E_ADMIN_PASSWORD ?? inject('e2eAdmin').password,
};

/** One JSON API call with a bearer token; throws with the status and body on an error. */
// biome-ignore lint/suspicious/noExplicitAny: setup code reads the JSON it just asked for
export async function api<T = any>(
  path: string,
  init: { method?: string; body?: unknown; token?: string } = {},
): Promise<T> {
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
  return (text ? JSON.parse(text) : null) as T;
}

/** Signs in with a password and returns a personal API token of that user. */
export async function tokenFor(email: string, password: string): Promise<string> {
  const login = await fetch(`${baseURL}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (!login.ok) throw new Error(`sign-in of ${email}: ${login.status} ${await login.text()}`);
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

/** A new browser context signed in as the user, on the home page. */
export async function signedInPage(
  browser: Browser,
  email: string,
  password: string,
  options: { locale?: string; timezoneId?: string; acceptDownloads?: boolean } = {},
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    baseURL,
    locale: options.locale ?? 'en-GB',
    timezoneId: options.timezoneId ?? 'Europe/Paris',
    colorScheme: 'light',
    viewport: { width: 1440, height: 900 },
    acceptDownloads: options.acceptDownloads ?? false,
  });
  context.setDefaultTimeout(15_000);
  const page = await context.newPage();
  await page.goto('/login');
  // English or French sign-in form (the browser locale picks the interface language).
  await page.getByLabel(/^E-?mail/).fill(email);
  await page.getByLabel(/^(Password|Mot de passe)/).fill(password);
  await page.getByRole('button', { name: /^(Sign in|Se connecter)$/ }).click();
  await page.getByRole('heading', { level: 1, name: /^(Hello|Bonjour)/ }).waitFor();
  return { context, page };
}

/** Fails on serious or critical axe-core violations of the screen as it stands. */
export async function expectAccessible(page: Page, screen: string): Promise<void> {
  const scan = async () => {
    // A dialog or menu still fading in would be judged on its half-transparent colours.
    // (A string: this project's server types have no DOM.)
    await page.evaluate(
      'Promise.all(document.getAnimations().map((a) => a.finished.catch(() => null))).then(() => null)',
    );
    const results = await new AxeBuilder({ page }).analyze();
    return results.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map(
        (v) =>
          `${v.id}: ${v.help} — ${v.nodes
            .slice(0, 3)
            .map((n) => n.target.join(' '))
            .join(', ')}`,
      );
  };
  let blocking = await scan();
  // A toast that began to fade out while axe was reading the page (they close by themselves
  // after a few seconds) is judged on half-transparent colours too: a real violation is still
  // there a moment later, a passing fade is not.
  if (blocking.length) {
    await page.waitForTimeout(500);
    blocking = await scan();
  }
  expect(blocking, `accessibility violations on ${screen}`).toEqual([]);
}
