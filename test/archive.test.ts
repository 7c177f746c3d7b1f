// Workspace archives (issue 9, export): a demo workspace on SQLite is exported, restored into an
// empty PostgreSQL database, exported again, and the two archives hold the same records and files;
// the same the other way (PostgreSQL → SQLite). A restore refuses a non-empty target, a damaged
// archive and an archive from a newer schema, writing nothing; the audit trail verifies after it.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createGunzip, createGzip } from 'node:zlib';
import { Migrator } from 'kysely/migration';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openDatabase } from '../src/db/database.js';
import { migrations } from '../src/db/migrations/index.js';
import { seedDemo } from '../src/demo/demo.js';
import { localDiskStorage } from '../src/files/storage.js';
import { exportWorkspace } from '../src/modules/archive/archive-export.js';
import { restoreWorkspace } from '../src/modules/archive/archive-restore.js';
import type { ArchiveManifest } from '../src/modules/archive/manifest.js';
import { readTar, TarWriter } from '../src/modules/archive/tar.js';
import type { Services } from '../src/server/services.js';
import { type Actor, systemActor } from '../src/shared/actor.js';
import { DomainError } from '../src/shared/errors.js';
import { createTestDatabase, type Engine, type TestDatabase } from './helpers/databases.js';
import { startTestApp } from './helpers/test-app.js';

const operator = systemActor('cli:test');
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'meridian-archive-test-'));

type Started = Awaited<ReturnType<typeof startTestApp>>;
const started: Started[] = [];

/** A fresh, migrated, empty Meridian on `engine` with its own attachment folder. */
async function fresh(engine: Engine): Promise<Started> {
  const dataDir = fs.mkdtempSync(path.join(scratch, `${engine}-`));
  const app = await startTestApp(engine, { env: { MERIDIAN_DATA_DIR: dataDir } });
  started.push(app);
  return app;
}

const storageOf = (services: Services) => localDiskStorage(services.config.attachmentsDir);

const exportTo = (services: Services, file: string, actor: Actor = operator) =>
  exportWorkspace(
    {
      db: services.db,
      storage: storageOf(services),
      appVersion: 'test',
      now: () => services.clock.now(),
    },
    actor,
    file,
  );

const restoreFrom = (services: Services, file: string, actor: Actor = operator) =>
  restoreWorkspace(
    { db: services.db, storage: storageOf(services), ticketSearch: services.ticketSearch },
    actor,
    file,
  );

/** JSON values with object keys sorted: PostgreSQL's jsonb keeps keys in its own order. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === 'object')
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((k) => [k, canonical((value as Record<string, unknown>)[k])]),
    );
  return value;
}

interface ArchiveContent {
  manifest: ArchiveManifest;
  /** Each table's rows as canonical JSON, sorted: the comparison ignores row order. */
  tables: Record<string, string[]>;
  /** Attachment files: storage key → sha256. */
  files: Record<string, string>;
}

async function readArchive(file: string): Promise<ArchiveContent> {
  const content: ArchiveContent = { manifest: undefined as never, tables: {}, files: {} };
  const gunzip = createGunzip();
  fs.createReadStream(file).pipe(gunzip);
  for await (const entry of readTar(gunzip)) {
    const parts: Buffer[] = [];
    for await (const chunk of entry.body) parts.push(chunk);
    const bytes = Buffer.concat(parts);
    if (entry.name === 'manifest.json') content.manifest = JSON.parse(bytes.toString('utf8'));
    else if (entry.name.startsWith('tables/')) {
      const table = entry.name.slice(7, -6);
      content.tables[table] = bytes
        .toString('utf8')
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.stringify(canonical(JSON.parse(line))))
        .sort();
    } else content.files[entry.name] = createHash('sha256').update(bytes).digest('hex');
  }
  return content;
}

async function expectRefused(work: Promise<unknown>, reason: string, message: RegExp) {
  const error = await work.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DomainError);
  expect((error as DomainError).details.reason).toBe(reason);
  expect((error as DomainError).message).toMatch(message);
}

async function countRows(services: Services, table: 'users' | 'tickets' | 'attachments') {
  const row = await services.db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

const cli = (args: string[], env: Record<string, string>) =>
  spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], {
    env: { ...process.env, MERIDIAN_LOG_LEVEL: 'silent', ...env },
    encoding: 'utf8',
    timeout: 120_000,
  });

const engines = inject('engines');
const both = engines.includes('postgres');

describe('workspace archive', () => {
  let source: Started;
  const first = path.join(scratch, 'first.tar.gz');
  let agent: Actor;
  const evidence = Buffer.from('Till 4 receipt printer log\nerror 0x2F paper jam\n');

  beforeAll(async () => {
    source = await fresh('sqlite');
    const workspace = await seedDemo(source.ctx.services, { tickets: 120 });
    const user = workspace.users.agent;
    if (!user) throw new Error('demo agent missing');
    agent = { id: user.id, name: user.name, role: 'agent' };
    const ticket = await source.ctx.services.db
      .selectFrom('tickets')
      .select('id')
      .where('status', 'in', ['new', 'in_progress'])
      .orderBy('id')
      .executeTakeFirstOrThrow();
    await source.ctx.services.attachments.upload(
      agent,
      'ticket',
      ticket.id,
      'printer.log',
      evidence,
    );
    await source.ctx.services.audit.seal();
    await exportTo(source.ctx.services, first);
  }, 300_000);

  afterAll(async () => {
    for (const app of started) await app.stop();
    fs.rmSync(scratch, { recursive: true, force: true });
  });

  it('writes a manifest with the schema, every record table and its count, and the files', async () => {
    const archive = await readArchive(first);
    const { manifest } = archive;
    expect(manifest).toMatchObject({ format: 'meridian-workspace-archive', formatVersion: 1 });
    expect(manifest.schema[0]).toBe('20261126_200000_foundation');
    const names = manifest.tables.map((t) => t.name);
    for (const table of ['users', 'tickets', 'ticket_comments', 'audit_events', 'audit_seals'])
      expect(names).toContain(table);
    // Volatile and derived tables stay out.
    for (const table of ['sessions', 'login_throttle', 'idempotency_keys', 'ticket_search'])
      expect(names).not.toContain(table);
    // Parents before children: a restore never breaks a foreign key.
    expect(names.indexOf('users')).toBeLessThan(names.indexOf('tickets'));
    expect(names.indexOf('tickets')).toBeLessThan(names.indexOf('ticket_comments'));
    expect(names.indexOf('audit_events')).toBeLessThan(names.indexOf('audit_seals'));
    const tickets = manifest.tables.find((t) => t.name === 'tickets');
    expect(tickets?.rows).toBe(await countRows(source.ctx.services, 'tickets'));
    expect(archive.tables.tickets).toHaveLength(tickets?.rows ?? -1);
    expect(manifest.attachments.files).toBe(await countRows(source.ctx.services, 'attachments'));
    expect(Object.values(archive.files)).toContain(
      createHash('sha256').update(evidence).digest('hex'),
    );
    expect(manifest.auditHead?.hash).toMatch(/^[0-9a-f]{64}$/);
    // Portable values: booleans and timestamps as JSON, whatever SQLite stores.
    const user = JSON.parse(archive.tables.users?.[0] ?? '{}');
    expect(typeof user.active).toBe('boolean');
    expect(user.created_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  });

  describe.runIf(both)('SQLite → PostgreSQL → SQLite', () => {
    let postgres: Started;
    const second = path.join(scratch, 'second.tar.gz');

    it('restores into an empty PostgreSQL database and exports the same records and files', async () => {
      postgres = await fresh('postgres');
      const report = await restoreFrom(postgres.ctx.services, first);
      expect(report.attachments).toBeGreaterThan(0);
      await exportTo(postgres.ctx.services, second);
      // Every value comes back as it was, fractions included (double precision on both engines).
      const [a, b] = await Promise.all([readArchive(first), readArchive(second)]);
      expect(b.manifest.schema).toEqual(a.manifest.schema);
      expect(b.manifest.tables).toEqual(a.manifest.tables);
      for (const table of Object.keys(a.tables))
        expect({ table, rows: b.tables[table] }).toEqual({ table, rows: a.tables[table] });
      expect(b.files).toEqual(a.files);
    }, 300_000);

    it('leaves a workspace that works: audit trail intact, search, attachments, sign-in', async () => {
      const { services } = postgres.ctx;
      const verified = await services.audit.verify(operator);
      expect(verified).toMatchObject({ ok: true });
      const manifest = (await readArchive(first)).manifest;
      expect(verified.head).toEqual(manifest.auditHead);
      // The search index is rebuilt: a demo ticket is found by a word of its title.
      const found = await services.tickets.search(operator, 'amex');
      expect(found.map((t) => t.title)).toContain('Clients cannot pay with Amex on the storefront');
      const attachment = await services.db
        .selectFrom('attachments')
        .select('id')
        .where('file_name', '=', 'printer.log')
        .executeTakeFirstOrThrow();
      const file = await services.attachments.download(operator, attachment.id);
      expect(file.content.equals(evidence)).toBe(true);
    });

    it('refuses a target that already holds records, and writes nothing', async () => {
      const before = await countRows(postgres.ctx.services, 'tickets');
      await expectRefused(
        restoreFrom(postgres.ctx.services, first),
        'target-not-empty',
        /already holds records: .*users/,
      );
      expect(await countRows(postgres.ctx.services, 'tickets')).toBe(before);
    });

    it('restores a PostgreSQL archive into SQLite with the same records', async () => {
      const back = await fresh('sqlite');
      await restoreFrom(back.ctx.services, second);
      const third = path.join(scratch, 'third.tar.gz');
      await exportTo(back.ctx.services, third);
      const [b, c] = await Promise.all([readArchive(second), readArchive(third)]);
      expect(c.tables).toEqual(b.tables);
      expect(c.files).toEqual(b.files);
      expect(await back.ctx.services.audit.verify(operator)).toMatchObject({ ok: true });
    }, 300_000);
  });

  for (const engine of engines) {
    describe(`refusals [${engine}]`, () => {
      let target: Started;
      beforeAll(async () => {
        target = await fresh(engine);
      }, 60_000);

      it('refuses a truncated archive with a clear message and writes nothing', async () => {
        const truncated = path.join(scratch, `truncated-${engine}.tar.gz`);
        const bytes = fs.readFileSync(first);
        fs.writeFileSync(truncated, bytes.subarray(0, Math.floor(bytes.length * 0.8)));
        await expectRefused(
          restoreFrom(target.ctx.services, truncated),
          'archive-invalid',
          /damaged or truncated/,
        );
        expect(await countRows(target.ctx.services, 'users')).toBe(0);
        const dir = target.ctx.services.config.attachmentsDir;
        const stored = fs.existsSync(dir) ? fs.readdirSync(dir, { recursive: true }) : [];
        expect(stored.filter((f) => String(f).length > 3)).toEqual([]);
      }, 120_000);

      it('refuses an altered record line, naming where, and writes nothing', async () => {
        const altered = path.join(scratch, `altered-${engine}.tar.gz`);
        await rewriteArchive(first, altered, (name, bytes) =>
          name === 'tables/tickets.jsonl'
            ? Buffer.from(bytes.toString('utf8').replace(/\n[^\n]*\n$/, '\n{"id": oops}\n'))
            : bytes,
        );
        await expectRefused(
          restoreFrom(target.ctx.services, altered),
          'archive-invalid',
          /tables\/tickets\.jsonl, line \d+ is not valid JSON/,
        );
        expect(await countRows(target.ctx.services, 'users')).toBe(0);
      }, 120_000);

      it('never removes files it did not write when a restore fails late', async () => {
        // The restore shares the exported workspace's attachment folder (a move to PostgreSQL on
        // the same machine) and fails after the files: the originals stay.
        const miscounted = path.join(scratch, `miscounted-${engine}.tar.gz`);
        await rewriteArchive(first, miscounted, (name, bytes) => {
          if (name !== 'manifest.json') return bytes;
          const manifest = JSON.parse(bytes.toString('utf8'));
          manifest.attachments.files += 1;
          return Buffer.from(JSON.stringify(manifest));
        });
        const shared = {
          db: target.ctx.services.db,
          storage: storageOf(source.ctx.services),
          ticketSearch: target.ctx.services.ticketSearch,
        };
        await expectRefused(
          restoreWorkspace(shared, operator, miscounted),
          'archive-invalid',
          /holds 1 attachment files where the manifest announces 2/,
        );
        const row = await source.ctx.services.db
          .selectFrom('attachments')
          .select('storage_key')
          .executeTakeFirstOrThrow();
        expect((await storageOf(source.ctx.services).get(row.storage_key)).equals(evidence)).toBe(
          true,
        );
        expect(await countRows(target.ctx.services, 'attachments')).toBe(0);
      }, 120_000);

      it('refuses an archive from a newer schema before writing anything', async () => {
        const newer = path.join(scratch, `newer-${engine}.tar.gz`);
        await rewriteArchive(first, newer, (name, bytes) => {
          if (name !== 'manifest.json') return bytes;
          const manifest = JSON.parse(bytes.toString('utf8'));
          manifest.schema.push('20991231_000000_from_the_future');
          return Buffer.from(JSON.stringify(manifest));
        });
        await expectRefused(
          restoreFrom(target.ctx.services, newer),
          'schema-too-new',
          /newer Meridian .*20991231_000000_from_the_future/,
        );
        expect(await countRows(target.ctx.services, 'users')).toBe(0);
      });

      it('lets only administrators export or restore', async () => {
        const manager: Actor = { id: null, name: 'A manager', role: 'manager' };
        await expect(
          exportTo(source.ctx.services, path.join(scratch, 'nope.tar.gz'), manager),
        ).rejects.toMatchObject({ code: 'FORBIDDEN' });
        await expect(restoreFrom(target.ctx.services, first, manager)).rejects.toMatchObject({
          code: 'FORBIDDEN',
        });
        expect(fs.existsSync(path.join(scratch, 'nope.tar.gz'))).toBe(false);
      });
    });
  }

  it('works from the command line: export, import archive, audit verify', () => {
    const from = {
      MERIDIAN_DATA_DIR: path.dirname(source.ctx.services.config.attachmentsDir),
      DATABASE_URL: source.ctx.database.url,
    };
    const file = path.join(scratch, 'cli.tar.gz');
    const exported = cli(['export', '--output', file], from);
    expect(exported.stderr).toBe('');
    expect(exported.stdout).toMatch(/Exported \d+ records in \d+ tables and 1 attachment files/);
    const to = { MERIDIAN_DATA_DIR: fs.mkdtempSync(path.join(scratch, 'cli-target-')) };
    const restored = cli(['import', 'archive', file], to);
    expect(restored.stderr).toBe('');
    expect(restored.stdout).toMatch(/Restored \d+ records and 1 attachment files/);
    const anchor = /--anchor (\S+)/.exec(restored.stdout)?.[1] ?? '';
    const verified = cli(['audit', 'verify', '--anchor', anchor], to);
    expect(verified.stdout).toMatch(/Audit trail intact/);
    expect(verified.status).toBe(0);
    const again = cli(['import', 'archive', file], to);
    expect(again.status).toBe(1);
    expect(again.stderr).toMatch(/already holds records.*Nothing was restored\./s);
  }, 300_000);
});

describe('an archive from an earlier Meridian', () => {
  // Stops before the migration that adds the availability KPI, so the upgrade after the restore
  // has something to do to the restored records.
  const EARLIER = '20261130_090000_kpi_rollups';
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'meridian-archive-old-'));
  const engine = engines.includes('postgres') ? 'postgres' : 'sqlite';
  let target: TestDatabase;

  afterAll(async () => {
    await target?.drop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('restores into a brand-new database, then upgrades it; refuses one migrated further', async () => {
    const old = openDatabase({ kind: 'sqlite', file: path.join(dir, 'old.db') });
    const file = path.join(dir, 'old.tar.gz');
    try {
      await new Migrator({
        db: old.db,
        provider: { getMigrations: async () => migrations },
      }).migrateTo(EARLIER);
      // A branch listed before its parent: the parent reference goes in once both rows are in.
      const at = '2026-01-05T10:00:00.000Z';
      const row = { kind: 'customer', created_at: at, updated_at: at, version: 1 };
      await old.db
        .insertInto('organisations')
        .values([
          { ...row, id: 'org-b-parent', name: 'Maison Verlaine', parent_id: null },
          { ...row, id: 'org-a-branch', name: 'Boutique Lyon', parent_id: 'org-b-parent' },
        ])
        .execute();
      const manifest = await exportWorkspace(
        { db: old.db, storage: localDiskStorage(dir), appVersion: '0.0.9', now: () => new Date() },
        operator,
        file,
      );
      expect(manifest.schema.at(-1)).toBe(EARLIER);
    } finally {
      await old.destroy();
    }

    target = await createTestDatabase(engine);
    const env = { DATABASE_URL: target.url, MERIDIAN_DATA_DIR: dir };
    const restored = cli(['import', 'archive', file], env);
    expect(restored.stderr).toBe('');
    expect(restored.stdout).toMatch(
      /Restored 2\d records .*\nUpgraded the restored workspace with \d+ later migration/,
    );
    const upgraded = openDatabase(target.config);
    try {
      const branch = await upgraded.db
        .selectFrom('organisations')
        .select('parent_id')
        .where('id', '=', 'org-a-branch')
        .executeTakeFirstOrThrow();
      expect(branch.parent_id).toBe('org-b-parent');
      // The later migration ran on the restored records: the availability KPI now exists.
      const kpi = await upgraded.db
        .selectFrom('kpi_definitions')
        .select('id')
        .where('id', '=', 'availability')
        .executeTakeFirst();
      expect(kpi).toBeDefined();
    } finally {
      await upgraded.destroy();
    }

    // The same archive into a database already at today's schema: refused, naming what to do.
    const again = cli(['import', 'archive', file], env);
    expect(again.status).toBe(1);
    expect(again.stderr).toMatch(
      /already migrated further.*brand-new database.*Nothing was restored\./s,
    );
  }, 300_000);
});

/** Copies an archive, passing each entry's bytes through `change`. */
async function rewriteArchive(
  from: string,
  to: string,
  change: (name: string, bytes: Buffer) => Buffer,
) {
  const gzip = createGzip();
  const out = fs.createWriteStream(to);
  gzip.pipe(out);
  const tar = new TarWriter(gzip, new Date());
  const gunzip = createGunzip();
  fs.createReadStream(from).pipe(gunzip);
  for await (const entry of readTar(gunzip)) {
    const parts: Buffer[] = [];
    for await (const chunk of entry.body) parts.push(chunk);
    const bytes = change(entry.name, Buffer.concat(parts));
    await tar.add(entry.name, bytes.length, bytes);
  }
  await tar.finish();
  gzip.end();
  await new Promise<void>((resolve) => out.on('finish', () => resolve()));
}
