import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './chromium.js';
import { admin, api, baseURL, expectAccessible, signedInPage, tokenFor } from './session.js';

// A staff member joins a group whose course is required: the course appears in My training, they
// read it, fail the quiz once, pass it and the course is completed. The training manager sees it
// in the competence matrix. My training, the course and the matrix are scanned with axe-core.

describe('training: a staff member completes a required course', { timeout: 240_000 }, () => {
  let browser: Browser;
  let contexts: BrowserContext[] = [];
  let page: Page;
  let adminToken = '';
  const stamp = Date.now().toString(36);
  const password = `training-password-${stamp}`;
  const staffEmail = `nina.staff.${stamp}@e2e.example`;
  const managerEmail = `training.manager.${stamp}@e2e.example`;
  const courseTitle = `Incident basics ${stamp}`;
  const staffName = `Nina Staff ${stamp}`;
  let courseId = '';

  beforeAll(async () => {
    adminToken = await tokenFor(admin.email, admin.password);
    await api('/users', {
      method: 'POST',
      token: adminToken,
      body: { email: managerEmail, name: `Training manager ${stamp}`, role: 'manager', password },
    });
    const staff = await api('/users', {
      method: 'POST',
      token: adminToken,
      body: { email: staffEmail, name: staffName, role: 'agent', password },
    });
    const managerToken = await tokenFor(managerEmail, password);
    const created = await api('/training/courses', {
      method: 'POST',
      token: managerToken,
      body: {
        code: `INC-${stamp}`.toUpperCase().slice(0, 32),
        title: courseTitle,
        description: 'How the service desk handles incidents.',
        durationMinutes: 15,
        content: '# Logging\n\nEvery contact becomes a ticket with its **service** and category.',
        quiz: {
          passMark: 100,
          questions: [
            {
              id: 'q1',
              text: 'What becomes of every contact?',
              options: [
                { id: 'a', text: 'A ticket', correct: true },
                { id: 'b', text: 'A sticky note', correct: false },
              ],
            },
            {
              id: 'q2',
              text: 'What does a ticket record?',
              options: [
                { id: 'a', text: 'The service', correct: true },
                { id: 'b', text: 'The category', correct: true },
                { id: 'c', text: 'The weather', correct: false },
              ],
            },
          ],
        },
      },
    });
    courseId = created.id;
    const publish = await fetch(`${baseURL}/api/v1/training/courses/${courseId}/publish`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${managerToken}`,
        'content-type': 'application/json',
        'if-match': `"${created.version}"`,
      },
      body: '{}',
    });
    expect(publish.status).toBe(200);
    const group = await api('/groups', {
      method: 'POST',
      token: adminToken,
      body: { name: `Training desk ${stamp}` },
    });
    await api(`/training/courses/${courseId}/requirements`, {
      method: 'POST',
      token: managerToken,
      body: { groupId: group.id, dueDays: 14, mandatory: true },
    });
    // Joining the group is what assigns the course.
    const joined = await fetch(`${baseURL}/api/v1/groups/${group.id}`, {
      method: 'PATCH',
      headers: {
        authorization: `Bearer ${adminToken}`,
        'content-type': 'application/json',
        'if-match': `"${group.version}"`,
      },
      body: JSON.stringify({ memberIds: [staff.id] }),
    });
    expect(joined.status).toBe(200);

    browser = await launchChromium();
    const signed = await signedInPage(browser, staffEmail, password);
    contexts.push(signed.context);
    page = signed.page;
  });

  afterAll(async () => {
    for (const c of contexts) await c.close();
    contexts = [];
    await browser?.close();
  });

  it('finds the required course in My training', async () => {
    await page.goto('/training');
    await page.getByRole('heading', { level: 1, name: 'My training' }).waitFor();
    const row = page.getByRole('row', { name: new RegExp(courseTitle) });
    await row.waitFor();
    await row.getByText('To do').waitFor();
    await expectAccessible(page, 'My training');
  });

  it('reads the course, fails the quiz once, then passes and completes it', async () => {
    await page.getByRole('link', { name: courseTitle }).click();
    await page.getByRole('heading', { level: 1, name: courseTitle }).waitFor();
    await page.getByText('Every contact becomes a ticket').waitFor();
    await expectAccessible(page, 'the course to take');

    // A first try with one wrong answer: not passed, nothing completed.
    await page.getByRole('radio', { name: 'A ticket' }).check();
    await page.getByRole('checkbox', { name: 'The service' }).check();
    await page.getByRole('button', { name: 'Submit my answers' }).click();
    await page.getByText('Not passed yet').waitFor();
    await page.getByText(/You scored 50 %/).waitFor();

    // With the keyboard: tick the missing answer and submit.
    await page.getByRole('checkbox', { name: 'The category' }).focus();
    await page.keyboard.press('Space');
    await page.getByRole('button', { name: 'Submit my answers' }).focus();
    await page.keyboard.press('Enter');
    await page.getByText(/Completed on .* with a score of 100 %/).waitFor();
    await page.getByText('Passed with 100 %: the course is completed.').waitFor();
    await page.screenshot({ path: '/tmp/training-assignment.png', fullPage: true });

    await page.goto('/training');
    await page.getByRole('heading', { name: 'Completed', level: 2 }).waitFor();
    await page.getByText('Nothing left to do: all your training is complete.').waitFor();
    await expectAccessible(page, 'My training, all done');
    await page.screenshot({ path: '/tmp/training-my.png', fullPage: true });
  });

  it('shows the completion to the training manager in the competence matrix', async () => {
    const signed = await signedInPage(browser, managerEmail, password);
    contexts.push(signed.context);
    const manager = signed.page;
    await manager.goto('/training/matrix');
    await manager.getByRole('heading', { level: 1, name: 'Competence matrix' }).waitFor();
    const row = manager.getByRole('row', { name: new RegExp(staffName) });
    await row.getByText('Done').first().waitFor();
    await manager.getByRole('heading', { name: 'Employee training completion' }).waitFor();
    await expectAccessible(manager, 'the competence matrix');
    await manager.screenshot({ path: '/tmp/training-matrix.png', fullPage: true });

    await manager.goto(`/training/courses/${courseId}`);
    await manager.getByRole('heading', { level: 1, name: courseTitle }).waitFor();
    await manager.getByText('Competence requirements').waitFor();
    await expectAccessible(manager, 'the course page');
    await manager.screenshot({ path: '/tmp/training-course.png', fullPage: true });
  });
});
