// The `meridian` command and the server entry, run as real processes the way operators run them.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from './helpers/databases.js';

const NODE = [process.execPath, '--import', 'tsx'];

function meridian(args: string[], env: Record<string, string>, input?: string) {
  const result = spawnSync(NODE[0] as string, [...NODE.slice(1), 'src/cli/main.ts', ...args], {
    env: { ...process.env, MERIDIAN_LOG_LEVEL: 'silent', ...env },
    input,
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

for (const engine of inject('engines')) {
  describe(`meridian CLI [${engine}]`, () => {
    let db: TestDatabase;
    let env: Record<string, string>;
    beforeAll(async () => {
      db = await createTestDatabase(engine);
      env = { DATABASE_URL: db.url };
    });
    afterAll(async () => {
      await db.drop();
    });

    it('migrates, manages users and tokens, and verifies the audit trail', async () => {
      const migrate = meridian(['migrate'], env);
      expect(migrate.stderr).toBe('');
      expect(migrate.stdout).toMatch(/Applied \d+ migration|up to date/);
      expect(meridian(['migrate'], env).stdout).toMatch(/up to date/);

      const created = meridian(
        ['user', 'create', '--email', 'ops@example.com', '--name', 'Ops Person', '--role', 'admin'],
        env,
      );
      expect(created.code).toBe(0);
      expect(created.stdout).toMatch(/Created admin ops@example.com/);
      expect(created.stdout).toMatch(/Password \(shown once\): \S{20,}/);

      const changed = meridian(
        ['user', 'set-password', 'ops@example.com', '--password-stdin'],
        env,
        'a chosen long password\n',
      );
      expect(changed.code).toBe(0);
      expect(changed.stdout).not.toMatch(/shown once/);

      const token = meridian(
        ['token', 'create', '--email', 'ops@example.com', '--name', 'backup script'],
        env,
      );
      expect(token.code).toBe(0);
      expect(token.stdout).toMatch(/^mrd_[\w-]{43}$/m);

      const tooShort = meridian(
        ['user', 'set-password', 'ops@example.com', '--password-stdin'],
        env,
        'short\n',
      );
      expect(tooShort.code).toBe(1);
      expect(tooShort.stderr).toMatch(/at least 12 characters/);

      const verified = meridian(['audit', 'verify'], env);
      expect(verified.code).toBe(0);
      expect(verified.stdout).toMatch(/Audit trail intact: \d+ events/);

      const disabled = meridian(['user', 'disable', 'ops@example.com'], env);
      expect(disabled.code).toBe(0);
    });

    it('exits 1 and names the first broken link when an event was altered in the database', async () => {
      const { openDatabase } = await import('../src/db/database.js');
      const handle = openDatabase(db.config);
      const event = await handle.db
        .selectFrom('audit_events')
        .select(['id', 'changes'])
        .orderBy('id')
        .executeTakeFirstOrThrow();
      await handle.db
        .updateTable('audit_events')
        .set({ changes: event.changes.replace('Ops Person', 'Someone Else') })
        .where('id', '=', event.id)
        .execute();
      await handle.destroy();
      const broken = meridian(['audit', 'verify'], env);
      expect(broken.code).toBe(1);
      expect(broken.stdout).toContain(`AUDIT TRAIL BROKEN at event ${event.id}`);
    });
  });
}

describe('server start', () => {
  it('fails fast naming a bad variable', () => {
    const result = spawnSync(NODE[0] as string, [...NODE.slice(1), 'src/server/main.ts'], {
      env: { ...process.env, PORT: 'eighty' },
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('PORT must be a whole number, got "eighty"');
  });

  it('creates the first administrator on an empty database and prints the generated login once', async () => {
    const db = await createTestDatabase('sqlite');
    const run = () =>
      new Promise<string>((resolve, reject) => {
        const child: ChildProcess = spawn(
          NODE[0] as string,
          [...NODE.slice(1), 'src/server/main.ts'],
          {
            env: {
              ...process.env,
              DATABASE_URL: db.url,
              PORT: '0',
              MERIDIAN_LOG_LEVEL: 'silent',
              MERIDIAN_ADMIN_EMAIL: '',
              MERIDIAN_ADMIN_PASSWORD: '',
            },
          },
        );
        let out = '';
        child.stdout?.on('data', (chunk) => {
          out += String(chunk);
          if (out.includes('Open http://')) child.kill('SIGTERM');
        });
        child.on('exit', () => resolve(out));
        child.on('error', reject);
        setTimeout(() => child.kill('SIGKILL'), 30_000);
      });
    const first = await run();
    expect(first).toMatch(/email: {4}admin@meridian\.local/);
    expect(first).toMatch(/password: \S{20,}/);
    expect(first).toMatch(/Open http:\/\/127\.0\.0\.1:\d+\//);
    const second = await run();
    expect(second).not.toMatch(/password:/);
    await db.drop();
  });
});
