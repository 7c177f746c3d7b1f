import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestApp } from './helpers/test-app.js';

let started: Awaited<ReturnType<typeof startTestApp>>;
let webRoot: string;

beforeAll(async () => {
  webRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'meridian-web-'));
  fs.mkdirSync(path.join(webRoot, 'assets'));
  fs.writeFileSync(
    path.join(webRoot, 'index.html'),
    '<!doctype html><title>Meridian</title><div id="root"></div>',
  );
  fs.writeFileSync(path.join(webRoot, 'assets', 'app.js'), 'console.log(1)');
  started = await startTestApp('sqlite', { webRoot });
});
afterAll(async () => {
  await started.stop();
  fs.rmSync(webRoot, { recursive: true, force: true });
});

it('serves the built web app, its assets, and the app for client-side routes', async () => {
  const { anonymous } = started.ctx;
  const home = await anonymous.get('/');
  expect(home.status).toBe(200);
  expect(home.headers['content-type']).toMatch(/text\/html/);
  expect(String(home.headers['content-security-policy'])).toContain("script-src 'self'");
  const deep = await anonymous.get('/admin/users/0190abcd');
  expect(deep.status).toBe(200);
  expect(deep.text).toContain('<div id="root">');
  const asset = await anonymous.get('/assets/app.js');
  expect(asset.status).toBe(200);
  expect(asset.headers['content-type']).toMatch(/javascript/);
});

it('keeps API and file misses as 404 problems', async () => {
  const { anonymous } = started.ctx;
  for (const url of ['/api/v1/nothing', '/assets/missing.js', '/readyz/extra']) {
    const response = await anonymous.get(url);
    expect({ url, status: response.status }).toEqual({ url, status: 404 });
    expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
  }
});
