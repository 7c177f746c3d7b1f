// Builds the web app, starts Meridian on a throw-away SQLite database with a known administrator,
// and tells the specs where it is (MERIDIAN_E2E_URL and the admin login).
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    e2eUrl: string;
    e2eAdmin: { email: string; password: string };
  }
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address
          ? resolve(address.port)
          : reject(new Error('no port')),
      );
    });
  });
}

let server: ChildProcess | null = null;
let dataDir = '';

export default async function setup(project: TestProject) {
  const build = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn'], { stdio: 'inherit' });
  if (build.status !== 0) throw new Error('vite build failed');
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'meridian-e2e-'));
  const port = await freePort();
  const admin = { email: 'admin@e2e.example', password: 'e2e admin password' };
  server = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
    env: {
      ...process.env,
      NODE_ENV: 'production',
      DATABASE_URL: '',
      MERIDIAN_DATA_DIR: dataDir,
      PORT: String(port),
      HOST: '127.0.0.1',
      MERIDIAN_ADMIN_EMAIL: admin.email,
      MERIDIAN_ADMIN_PASSWORD: admin.password,
      MERIDIAN_LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      const response = await fetch(`${url}/readyz`);
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline || server.exitCode !== null)
      throw new Error('Meridian did not start for the e2e suite');
    await new Promise((r) => setTimeout(r, 250));
  }
  process.env.MERIDIAN_E2E_URL = url;
  process.env.MERIDIAN_E2E_ADMIN_EMAIL = admin.email;
  process.env.MERIDIAN_E2E_ADMIN_PASSWORD = admin.password;
  project.provide('e2eUrl', url);
  project.provide('e2eAdmin', admin);

  return async () => {
    server?.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 300));
    server?.kill('SIGKILL');
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
}
