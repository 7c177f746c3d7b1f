import {
  type APIRequestContext,
  type Browser,
  type BrowserContext,
  type Page,
  request,
} from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './chromium.js';
import { admin as adminLogin, baseURL, expectAccessible, signedInPage } from './session.js';

// A store employee's day with the self-service portal: orders a payment terminal from the
// catalogue (the form's own questions, a wrong answer refused by the server next to its field),
// follows the request while an agent works it (through the API: the agent workspace has its own
// spec), reads the reply, answers the satisfaction survey from the invitation and closes the
// ticket. A manager approves a request from the Approvals page. Every screen is scanned with axe.

interface Api {
  context: APIRequestContext;
  userId: string;
  get<T>(path: string): Promise<T>;
  send<T>(method: 'POST' | 'PATCH', path: string, data: unknown, version?: number): Promise<T>;
}

/** Signs in through the API; writes carry the session's CSRF token (and If-Match when given). */
async function signIn(email: string, password: string): Promise<Api> {
  const context = await request.newContext({ baseURL });
  const login = await context.post('/api/v1/auth/login', { data: { email, password } });
  expect(login.status(), `sign-in of ${email}`).toBe(200);
  const session = (await login.json()) as { csrfToken: string; user: { id: string } };
  const check = async <T>(response: Awaited<ReturnType<APIRequestContext['get']>>) => {
    if (!response.ok())
      throw new Error(`${response.url()} answered ${response.status()}: ${await response.text()}`);
    return (await response.json()) as T;
  };
  return {
    context,
    userId: session.user.id,
    get: async (path) => check(await context.get(path)),
    send: async (method, path, data, version) =>
      check(
        await context.fetch(path, {
          method,
          data,
          headers: {
            'x-csrf-token': session.csrfToken,
            ...(version === undefined ? {} : { 'if-match': `"${version}"` }),
          },
        }),
      ),
  };
}

describe('self-service portal: request, follow-up, survey, approvals', { timeout: 180_000 }, () => {
  let browser: Browser;
  let admin: Api;
  let requesterContext: BrowserContext;
  let page: Page;
  const stamp = Date.now().toString(36);
  const password = 'portal e2e password';
  const serviceName = `Store payments ${stamp}`;
  const requester = { email: `camille.${stamp}@e2e.example`, name: `Camille ${stamp}` };
  const manager = { email: `morgane.${stamp}@e2e.example`, name: `Morgane ${stamp}` };
  const agent = { email: `alex.${stamp}@e2e.example`, name: `Alex ${stamp}` };
  let requestTypeId = '';
  let discountTypeId = '';
  let ticketNumber = '';

  beforeAll(async () => {
    admin = await signIn(adminLogin.email, adminLogin.password);
    const managerUser = await admin.send<{ id: string }>('POST', '/api/v1/users', {
      ...manager,
      role: 'requester',
      password,
    });
    await admin.send('POST', '/api/v1/users', {
      ...requester,
      role: 'requester',
      managerId: managerUser.id,
      password,
    });
    await admin.send('POST', '/api/v1/users', { ...agent, role: 'agent', password });
    const service = await admin.send<{ id: string }>('POST', '/api/v1/services', {
      name: serviceName,
      description: 'Tills, card readers and everything customers pay with.',
      status: 'live',
    });
    const terminal = await admin.send<{ id: string }>('POST', '/api/v1/request-types', {
      serviceId: service.id,
      name: 'Payment terminal',
      description: 'A card reader for a till or for the shop floor, delivered within two days.',
      active: true,
      form: [
        {
          key: 'model',
          label: 'Terminal model',
          kind: 'select',
          required: true,
          options: ['Countertop', 'Mobile'],
        },
        {
          key: 'storeCode',
          label: 'Store code',
          kind: 'text',
          required: true,
          help: 'Two letters and three digits, e.g. PA001.',
          pattern: '[A-Z]{2}[0-9]{3}',
        },
        { key: 'quantity', label: 'Quantity', kind: 'number', required: false, min: 1, max: 10 },
      ],
    });
    requestTypeId = terminal.id;
    const discount = await admin.send<{ id: string }>('POST', '/api/v1/request-types', {
      serviceId: service.id,
      name: 'Staff discount card',
      active: true,
      form: [{ key: 'reason', label: 'Why do you need it?', kind: 'text', required: true }],
      approvals: [{ kind: 'manager' }],
    });
    discountTypeId = discount.id;

    browser = await launchChromium();
    ({ context: requesterContext, page } = await signedInPage(browser, requester.email, password));
  });

  afterAll(async () => {
    await browser?.close();
    await admin?.context.dispose();
  });

  it('orders a payment terminal from the catalogue', async () => {
    await page
      .getByRole('navigation', { name: 'Main navigation' })
      .getByRole('link', { name: 'Help & requests' })
      .click();
    // Away from the link just clicked: axe judges the page, not a hovered navigation entry.
    await page.mouse.move(1200, 880);
    await page.getByRole('heading', { level: 1, name: 'Help & requests' }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Report a problem' }).waitFor();
    const catalogue = page.getByRole('region', { name: 'Request something' });
    await catalogue.getByRole('heading', { level: 3, name: serviceName }).waitFor();
    await expectAccessible(page, 'portal home');

    // Search over request type names narrows the catalogue.
    await catalogue.getByRole('searchbox', { name: 'Search the catalogue' }).fill('terminal');
    await catalogue.getByText('1 request matches').waitFor();
    await expect
      .poll(() => catalogue.getByRole('link', { name: /Staff discount card/ }).count())
      .toBe(0);
    await catalogue.getByRole('link', { name: /Payment terminal/ }).click();

    await page.getByRole('heading', { level: 1, name: 'Payment terminal' }).waitFor();
    expect(page.url()).toContain(`/portal/request/${requestTypeId}`);
    await page.getByText('delivered within two days').waitFor();
    expect(await page.getByRole('textbox', { name: /^Title/ }).inputValue()).toBe(
      'Payment terminal',
    );

    // Missing answers are caught before sending, next to their questions.
    await page.getByRole('button', { name: 'Send the request' }).click();
    await expect.poll(() => page.getByText('This answer is needed.').count()).toBe(2);
    await expectAccessible(page, 'request form with missing answers');

    await page.getByRole('combobox', { name: /^Terminal model/ }).click();
    await page.getByRole('option', { name: 'Mobile' }).click();
    // A store code the server refuses: its problem shows on the field.
    await page.getByRole('textbox', { name: /^Store code/ }).fill('paris');
    await page.getByRole('textbox', { name: /^Quantity/ }).fill('2');
    await page.getByRole('button', { name: 'Send the request' }).click();
    const storeCode = page.getByRole('textbox', { name: /^Store code/ });
    await expect.poll(() => storeCode.getAttribute('aria-invalid')).toBe('true');
    await page.getByText('does not have the expected format').waitFor();

    await storeCode.fill('PA001');
    await page.getByLabel(/^Anything else we should know/).fill('For the spring sale.');
    await page.getByRole('button', { name: 'Send the request' }).click();

    await page.getByText(/^Request REQ\d+ sent$/).waitFor();
    const heading = page.getByRole('heading', { level: 1, name: /^REQ\d+ · Payment terminal$/ });
    await heading.waitFor();
    ticketNumber = ((await heading.textContent()) ?? '').split(' ')[0] ?? '';
    expect(ticketNumber).toMatch(/^REQ\d+$/);
    const asked = page.getByRole('region', { name: 'What was asked' });
    await asked.getByText('For the spring sale.').waitFor();
    await asked.getByText('Mobile').waitFor();
    await asked.getByText('PA001').waitFor();
    await page.getByText('Received').first().waitFor();
    await expectAccessible(page, 'ticket page');

    await page.getByRole('link', { name: 'My tickets' }).first().click();
    const table = page.getByRole('table', { name: 'My tickets' });
    await table.getByRole('link', { name: ticketNumber }).waitFor();
    await expectAccessible(page, 'my tickets');
  });

  it('an agent assigns, replies and resolves it', async () => {
    const desk = await signIn(agent.email, password);
    let ticket = await desk.get<{ id: string; version: number }>(`/api/v1/tickets/${ticketNumber}`);
    ticket = await desk.send(
      'PATCH',
      `/api/v1/tickets/${ticket.id}`,
      {
        assigneeId: desk.userId,
      },
      ticket.version,
    );
    ticket = await desk.send(
      'POST',
      `/api/v1/tickets/${ticket.id}/status`,
      { status: 'in_progress' },
      ticket.version,
    );
    await desk.send('POST', `/api/v1/tickets/${ticket.id}/comments`, {
      visibility: 'public',
      body: 'Your mobile terminal leaves the warehouse today.',
    });
    await desk.send('POST', `/api/v1/tickets/${ticket.id}/comments`, {
      visibility: 'internal',
      body: 'Internal: courier account 42.',
    });
    ticket = await desk.get(`/api/v1/tickets/${ticket.id}`);
    await desk.send(
      'POST',
      `/api/v1/tickets/${ticket.id}/status`,
      { status: 'resolved', resolutionCode: 'fulfilled', resolutionNotes: 'Delivered to PA001.' },
      ticket.version,
    );
    await desk.context.dispose();
  });

  it('the requester reads the reply, rates the service and closes the ticket', async () => {
    // The desk's link to the ticket leads requesters to the portal.
    await page.goto(`/desk/tickets/${ticketNumber}`);
    await page.waitForURL(`**/portal/tickets/${ticketNumber}`);
    await page
      .getByRole('heading', { level: 1, name: `${ticketNumber} · Payment terminal` })
      .waitFor();
    const conversation = page.getByRole('region', { name: 'Conversation' });
    await conversation.getByText('Your mobile terminal leaves the warehouse today.').waitFor();
    await expect.poll(() => conversation.getByText('courier account').count()).toBe(0);
    await page.getByText('The service desk says this is resolved').waitFor();
    await page.getByText('Delivered to PA001.').first().waitFor();
    await expectAccessible(page, 'resolved ticket page');

    // A reply with Ctrl+Enter.
    await conversation.getByLabel('Your reply').fill('Thank you, it works.');
    await conversation.getByLabel('Your reply').press('Control+Enter');
    await conversation.getByText('Thank you, it works.').waitFor();

    // Files: a receipt is attached and listed for download; a web page is refused with the reason.
    const files = page.getByRole('region', { name: 'Files' });
    await files.getByText('No files yet.').waitFor();
    const picker = files.locator('input[type="file"]');
    await picker.setInputFiles({
      name: 'receipt.txt',
      mimeType: 'text/plain',
      buffer: Buffer.from('Terminal received in good order.\n'),
    });
    await files.getByRole('link', { name: 'Download receipt.txt' }).waitFor();
    await picker.setInputFiles({
      name: 'invoice.html',
      mimeType: 'text/html',
      buffer: Buffer.from('<!doctype html><html><script>alert(1)</script></html>'),
    });
    await files.getByText('This kind of file is not accepted').waitFor();
    await files.getByText(/can carry scripts/).waitFor();
    await expectAccessible(page, 'ticket page with a refused file');

    // The survey invitation arrives as an in-app notification (written by a background job).
    const me = await signIn(requester.email, password);
    let link = '';
    await expect
      .poll(
        async () => {
          const list = await me.get<{ items: { kind: string; link: string }[] }>(
            '/api/v1/notifications?limit=50',
          );
          link = list.items.find((item) => item.link.includes('/survey/'))?.link ?? '';
          return link;
        },
        { timeout: 30_000, interval: 500 },
      )
      .toContain('/survey/');
    await me.context.dispose();

    await page.goto(link.slice(link.indexOf('/survey/')));
    await page.getByRole('heading', { level: 1, name: 'How did we do?' }).waitFor();
    await page.getByText(ticketNumber).waitFor();
    await page.getByRole('radio', { name: '5 – Excellent' }).check();
    await page.getByRole('button', { name: 'Send my answer' }).click();
    await page.getByRole('heading', { name: 'Thank you!' }).waitFor();

    await page.goto(`/portal/tickets/${ticketNumber}`);
    await page.getByRole('button', { name: 'It’s fixed — close it' }).click();
    await page.getByText(`${ticketNumber} closed. Thank you!`).waitFor();
    await page.getByText('Closed').first().waitFor();
    await expect.poll(() => page.getByRole('button', { name: 'Attach a file' }).count()).toBe(0);
  });

  it('a manager approves a request from the Approvals page', async () => {
    const asRequester = await signIn(requester.email, password);
    const created = await asRequester.send<{ number: string; status: string }>(
      'POST',
      '/api/v1/tickets',
      {
        type: 'request',
        title: 'Staff discount card',
        description: '',
        requestTypeId: discountTypeId,
        formAnswers: { reason: 'New in the Lyon store' },
      },
    );
    expect(created.status).toBe('on_hold');
    await asRequester.context.dispose();

    const { context, page: managerPage } = await signedInPage(browser, manager.email, password);
    const navigation = managerPage.getByRole('navigation', { name: 'Main navigation' });
    await navigation.getByRole('link', { name: /Approvals.*1 approval waiting/ }).click();
    await managerPage.mouse.move(1200, 880);
    await managerPage.getByRole('heading', { level: 1, name: 'Approvals' }).waitFor();
    const table = managerPage.getByRole('table', { name: 'Approvals' });
    await table.getByRole('cell', { name: requester.name }).waitFor();
    await expectAccessible(managerPage, 'approvals');
    await table.getByRole('link', { name: new RegExp(created.number) }).click();

    await managerPage
      .getByRole('heading', { level: 1, name: `${created.number} · Staff discount card` })
      .waitFor();
    await managerPage.getByText('New in the Lyon store').waitFor();
    await managerPage.getByText('Waiting for approval').first().waitFor();
    // Rejecting needs a reason.
    await managerPage.getByRole('button', { name: 'Reject' }).click();
    await managerPage.getByText('Say why you reject the request.').waitFor();
    await expectAccessible(managerPage, 'ticket page with a decision to make');
    await managerPage.getByRole('button', { name: 'Approve' }).click();
    await managerPage.getByText(`You approved ${created.number}`).waitFor();
    const approvals = managerPage.getByRole('region', { name: 'Approvals' });
    await approvals.getByText('Approved').waitFor();
    await expect.poll(() => managerPage.getByRole('button', { name: 'Approve' }).count()).toBe(0);
    await context.close();
    await requesterContext.close();
  });
});
