// CSV/XLSX imports through the API (issue 9): upload, map, dry run, run; on both databases.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from './helpers/databases.js';
import { describeEachDatabase, type TestContext } from './helpers/test-app.js';

type Client = Awaited<ReturnType<TestContext['as']>>;

const upload = (client: Client, name: string, content: Buffer | string) =>
  client.post(
    `/api/v1/imports/uploads?fileName=${encodeURIComponent(name)}`,
    Buffer.isBuffer(content) ? content : Buffer.from(content),
    { headers: { 'content-type': 'application/octet-stream' } },
  );

async function finished(client: Client, id: string) {
  for (let i = 0; i < 200; i++) {
    const res = await client.get(`/api/v1/imports/runs/${id}`);
    expect(res.status).toBe(200);
    if (res.body.status !== 'running') return res.body;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('the import did not finish');
}

async function run(client: Client, body: Record<string, unknown>) {
  const started = await client.post('/api/v1/imports/runs', body);
  expect(started.status, started.text).toBe(202);
  return finished(client, started.body.id);
}

async function count(ctx: TestContext, table: 'tickets' | 'users' | 'services' | 'audit_events') {
  const row = await ctx.services.db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

// Exported from a German tool: semicolons, day-first dates in Berlin time, its own priorities.
const TICKETS = [
  'Ticket;Betreff;Priorität;Erstellt;Gelöst;Team',
  'LEG-1;Drucker im 2. OG druckt nicht;Hoch;02/03/2026 08:00;02/03/2026 10:30;Support Nord',
  'LEG-2;;Mittel;03/03/2026 09:00;;Support Nord',
  'LEG-3;VPN bricht ab;Sehr hoch;31/02/2026 08:00;;Netz',
  'LEG-4;Outlook langsam;Mittel;04/03/2026 09:15;;',
].join('\r\n');
const FIXED = [
  'Ticket;Betreff;Priorität;Erstellt;Gelöst;Team',
  'LEG-1;Drucker im 2. OG druckt nicht;Hoch;02/03/2026 08:00;02/03/2026 10:30;Support Nord',
  'LEG-2;Bildschirm flackert;Mittel;03/03/2026 09:00;;Support Nord',
  'LEG-4;Outlook langsam;Mittel;04/03/2026 09:15;;',
].join('\r\n');
const MAPPING = {
  source: 'legacy',
  sourceKey: 'Ticket',
  dateFormat: 'dd/MM/yyyy HH:mm',
  timeZone: 'Europe/Berlin',
  fields: {
    title: 'Betreff',
    priority: { column: 'Priorität', values: { Hoch: 'P1', Mittel: 'P3' } },
    createdAt: 'Erstellt',
    resolvedAt: 'Gelöst',
    group: 'Team',
  },
};

describeEachDatabase('CSV and XLSX imports', (get) => {
  it('refuses managers and agents: imports are for administrators', async () => {
    const ctx = get();
    for (const role of ['manager', 'agent'] as const) {
      const client = await ctx.as(role);
      expect((await upload(client, 'x.csv', 'a,b\n1,2\n')).status).toBe(403);
      expect((await client.get('/api/v1/imports/runs')).status).toBe(403);
      expect((await client.get('/api/v1/imports/fields')).status).toBe(403);
      const start = await client.post('/api/v1/imports/runs', {
        fileId: '00000000-0000-0000-0000-000000000000',
        type: 'users',
        mapping: { fields: {} },
        dryRun: true,
      });
      expect(start.status).toBe(403);
    }
  });

  it('previews, dry-runs with the bad rows named, writes nothing until the file is right, then imports once', async () => {
    const ctx = get();
    const admin = await ctx.as('admin');
    const sent = await upload(admin, 'altsystem.csv', TICKETS);
    expect(sent.status, sent.text).toBe(201);
    expect(sent.body).toMatchObject({
      fileName: 'altsystem.csv',
      format: 'csv',
      columns: ['Ticket', 'Betreff', 'Priorität', 'Erstellt', 'Gelöst', 'Team'],
      rowCount: 4,
    });
    expect(sent.body.preview[0]).toEqual([
      'LEG-1',
      'Drucker im 2. OG druckt nicht',
      'Hoch',
      '02/03/2026 08:00',
      '02/03/2026 10:30',
      'Support Nord',
    ]);

    // The screen can come back to the file later: its columns and first rows are kept.
    const again = await admin.get(`/api/v1/imports/uploads/${sent.body.id}`);
    expect(again.body).toEqual(sent.body);

    const tickets = await count(ctx, 'tickets');
    const dry = await run(admin, {
      fileId: sent.body.id,
      type: 'incidents',
      mapping: MAPPING,
      dryRun: true,
    });
    expect(dry).toMatchObject({ dryRun: true, type: 'incidents', fileName: 'altsystem.csv' });
    expect(dry.errors).toEqual(
      expect.arrayContaining([
        { row: 3, column: 'Betreff', reason: 'title is required but the cell is empty' },
        { row: 4, column: 'Erstellt', reason: '"31/02/2026 08:00" is not a valid date' },
        expect.objectContaining({ row: 4, column: 'Priorität' }),
      ]),
    );
    expect(dry.created.incident).toBe(2);
    expect(await count(ctx, 'tickets')).toBe(tickets);

    // A real run of a file with bad rows writes nothing at all.
    const refused = await run(admin, {
      fileId: sent.body.id,
      type: 'incidents',
      mapping: MAPPING,
      dryRun: false,
    });
    expect(refused.status).toBe('failed');
    expect(refused.message).toMatch(/nothing was written/i);
    expect(await count(ctx, 'tickets')).toBe(tickets);

    const fixed = await upload(admin, 'altsystem-korrigiert.csv', FIXED);
    const done = await run(admin, {
      fileId: fixed.body.id,
      type: 'incidents',
      mapping: MAPPING,
      dryRun: false,
    });
    expect(done).toMatchObject({ status: 'succeeded', rows: 3, errors: [] });
    expect(done.created.incident).toBe(3);
    expect(await count(ctx, 'tickets')).toBe(tickets + 3);

    const imported = await admin.get(`/api/v1/imports/runs/${done.id}/tickets`);
    expect(imported.body.map((t: { sourceNumber: string }) => t.sourceNumber).sort()).toEqual([
      'LEG-1',
      'LEG-2',
      'LEG-4',
    ]);
    const printer = imported.body.find((t: { sourceNumber: string }) => t.sourceNumber === 'LEG-1');
    const ticket = await admin.get(`/api/v1/tickets/${printer.number}`);
    expect(ticket.body).toMatchObject({
      title: 'Drucker im 2. OG druckt nicht',
      priority: 'P1',
      status: 'resolved',
      // 08:00 in Berlin (winter) is 07:00 UTC.
      createdAt: '2026-03-02T07:00:00.000Z',
    });

    // The same file again: nothing new, nothing changed.
    const rerun = await run(admin, {
      fileId: fixed.body.id,
      type: 'incidents',
      mapping: MAPPING,
      dryRun: false,
    });
    expect(rerun).toMatchObject({ status: 'succeeded', created: {}, updated: {} });
    expect(rerun.unchanged.incident).toBe(3);
    expect(await count(ctx, 'tickets')).toBe(tickets + 3);

    const runs = await admin.get('/api/v1/imports/runs');
    expect(runs.body.items.map((r: { id: string }) => r.id)).toEqual(
      expect.arrayContaining([dry.id, refused.id, done.id, rerun.id]),
    );
  });

  it('names the bad key of a mapping and the unreadable file in a 400', async () => {
    const ctx = get();
    const admin = await ctx.as('admin');
    const sent = await upload(admin, 'altsystem.csv', FIXED);
    const bad = await admin.post('/api/v1/imports/runs', {
      fileId: sent.body.id,
      type: 'incidents',
      mapping: { ...MAPPING, fields: { ...MAPPING.fields, title: 'Subject' } },
      dryRun: true,
    });
    expect(bad.status).toBe(400);
    expect(bad.headers['content-type']).toMatch(/problem\+json/);
    expect(bad.body.errors).toEqual([
      expect.objectContaining({
        field: '/mapping/fields/title/column',
        message: expect.stringMatching(/"Subject" is not a column of the file/),
      }),
    ]);
    const gone = await admin.post('/api/v1/imports/runs', {
      fileId: 'nope',
      type: 'incidents',
      mapping: MAPPING,
      dryRun: true,
    });
    expect(gone.status).toBe(400);
    expect(gone.body.errors[0].field).toBe('/fileId');

    // Windows-1252 "Café" is not UTF-8: refused at upload with a way to fix it.
    const latin1 = Buffer.concat([
      Buffer.from('Name;Ort\nJosé;'),
      Buffer.from([0x43, 0x61, 0x66, 0xe9]),
      Buffer.from('\n'),
    ]);
    const wrong = await upload(
      admin,
      'latin1.csv',
      Buffer.from(latin1.toString('latin1'), 'latin1'),
    );
    expect(wrong.status).toBe(400);
    expect(wrong.body.errors[0].field).toBe('/file');
    expect(wrong.body.detail).toMatch(/not valid UTF-8.*CSV UTF-8/);
    const utf16 = await upload(admin, 'utf16.csv', Buffer.from('\uFEFFName\nJosé\n', 'utf16le'));
    expect(utf16.status).toBe(400);
    expect(utf16.body.detail).toMatch(/UTF-16/);
  });

  it('imports users by email and services by name, idempotently', async () => {
    const ctx = get();
    const admin = await ctx.as('admin');
    const users = await upload(
      admin,
      'people.csv',
      'Mail,Name,Rolle,Sprache\nnina.roux@example.com,Nina Roux,Agent,fr\nomar.haddad@example.com,Omar Haddad,,\n',
    );
    const mapping = {
      fields: {
        email: 'Mail',
        name: 'Name',
        role: { column: 'Rolle', values: { Agent: 'agent', '': 'requester' } },
        locale: 'Sprache',
      },
    };
    const before = await count(ctx, 'users');
    const first = await run(admin, {
      fileId: users.body.id,
      type: 'users',
      mapping,
      dryRun: false,
    });
    expect(first).toMatchObject({ status: 'succeeded', created: { user: 2 } });
    expect(await count(ctx, 'users')).toBe(before + 2);
    const nina = await ctx.services.db
      .selectFrom('users')
      .selectAll()
      .where('email', '=', 'nina.roux@example.com')
      .executeTakeFirstOrThrow();
    expect(nina).toMatchObject({
      name: 'Nina Roux',
      role: 'agent',
      locale: 'fr',
      password_hash: null,
    });
    const again = await run(admin, {
      fileId: users.body.id,
      type: 'users',
      mapping,
      dryRun: false,
    });
    expect(again).toMatchObject({ status: 'succeeded', created: {}, unchanged: { user: 2 } });

    const services = await upload(
      admin,
      'services.csv',
      'Service,Beschreibung,Verantwortlich\nKassensysteme,Kassen in den Filialen,nina.roux@example.com\nWebshop,,unknown@example.com\n',
    );
    const serviceMapping = {
      fields: { name: 'Service', description: 'Beschreibung', owner: 'Verantwortlich' },
    };
    const servicesBefore = await count(ctx, 'services');
    const refused = await run(admin, {
      fileId: services.body.id,
      type: 'services',
      mapping: serviceMapping,
      dryRun: false,
    });
    expect(refused.status).toBe('failed');
    expect(refused.errors).toEqual([
      {
        row: 3,
        column: 'Verantwortlich',
        reason: expect.stringMatching(/no user has the email "unknown@example.com"/),
      },
    ]);
    expect(await count(ctx, 'services')).toBe(servicesBefore);
    const ok = await upload(
      admin,
      'services.csv',
      'Service,Beschreibung,Verantwortlich\nKassensysteme,Kassen in den Filialen,nina.roux@example.com\nWebshop,,\n',
    );
    const done = await run(admin, {
      fileId: ok.body.id,
      type: 'services',
      mapping: serviceMapping,
      dryRun: false,
    });
    expect(done).toMatchObject({ status: 'succeeded', created: { service: 2 } });
    const till = await ctx.services.db
      .selectFrom('services')
      .selectAll()
      .where('name', '=', 'Kassensysteme')
      .executeTakeFirstOrThrow();
    expect(till).toMatchObject({ owner_id: nina.id, status: 'live' });
    const rerun = await run(admin, {
      fileId: ok.body.id,
      type: 'services',
      mapping: serviceMapping,
      dryRun: false,
    });
    expect(rerun.unchanged).toEqual({ service: 2 });
    // One audit event for each import that wrote, besides the records' own.
    const events = await ctx.services.db
      .selectFrom('audit_events')
      .select('entity_id')
      .where('entity_type', '=', 'import_run')
      .execute();
    expect(events.map((e) => e.entity_id)).toEqual(expect.arrayContaining([first.id, done.id]));
  });

  it('reads an XLSX workbook with real date cells', async () => {
    const ctx = get();
    const admin = await ctx.as('admin');
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Requests');
    sheet.addRow(['Id', 'Summary', 'Opened', 'Urgency']);
    sheet.addRow(['R-100', 'New laptop for Chloé', new Date(Date.UTC(2026, 1, 10, 14, 30)), 2]);
    sheet.addRow([
      'R-101',
      'Access to the finance share',
      new Date(Date.UTC(2026, 1, 11, 9, 0)),
      9,
    ]);
    const bytes = Buffer.from(await workbook.xlsx.writeBuffer());
    const sent = await upload(admin, 'requests.xlsx', bytes);
    expect(sent.status, sent.text).toBe(201);
    expect(sent.body).toMatchObject({
      format: 'xlsx',
      columns: ['Id', 'Summary', 'Opened', 'Urgency'],
      rowCount: 2,
    });
    const mapping = {
      source: 'sheet',
      sourceKey: 'Id',
      timeZone: 'Europe/Paris',
      fields: { title: 'Summary', createdAt: 'Opened', urgency: 'Urgency' },
    };
    const dry = await run(admin, { fileId: sent.body.id, type: 'requests', mapping, dryRun: true });
    expect(dry.errors).toEqual([
      {
        row: 3,
        column: 'Urgency',
        reason: expect.stringMatching(/"9" is not a whole number from 1 to 3/),
      },
    ]);
    expect(dry.created.request).toBe(1);
  });
});

for (const engine of inject('engines')) {
  describe(`meridian import csv [${engine}]`, () => {
    let db: TestDatabase;
    let dir: string;
    beforeAll(async () => {
      db = await createTestDatabase(engine);
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'meridian-import-cli-'));
      fs.writeFileSync(path.join(dir, 'bad.csv'), TICKETS);
      fs.writeFileSync(path.join(dir, 'good.csv'), FIXED);
      fs.writeFileSync(path.join(dir, 'map.json'), JSON.stringify(MAPPING));
      fs.writeFileSync(
        path.join(dir, 'wrong-map.json'),
        JSON.stringify({ ...MAPPING, fields: { ...MAPPING.fields, title: 'Subject' }, colour: 1 }),
      );
    });
    afterAll(async () => {
      await db.drop();
      fs.rmSync(dir, { recursive: true, force: true });
    });
    const meridian = (...args: string[]) => {
      const r = spawnSync(
        process.execPath,
        ['--import', 'tsx', 'src/cli/main.ts', 'import', 'csv', ...args],
        {
          env: {
            ...process.env,
            DATABASE_URL: db.url,
            MERIDIAN_DATA_DIR: dir,
            MERIDIAN_LOG_LEVEL: 'silent',
          },
          encoding: 'utf8',
          timeout: 60_000,
        },
      );
      return { code: r.status, stdout: r.stdout, stderr: r.stderr };
    };
    const file = (name: string) => path.join(dir, name);

    it('lists the rows it refuses and exits 1, names a bad mapping and exits 2, then imports once', () => {
      const refused = meridian(
        file('bad.csv'),
        '--type',
        'incidents',
        '--mapping',
        file('map.json'),
      );
      expect(refused.code).toBe(1);
      expect(refused.stdout).toContain(
        'row 3, column "Betreff": title is required but the cell is empty',
      );
      expect(refused.stdout).toContain(
        'row 4, column "Erstellt": "31/02/2026 08:00" is not a valid date',
      );
      expect(refused.stdout).toMatch(/nothing was written/);

      const wrong = meridian(
        file('good.csv'),
        '--type',
        'incidents',
        '--mapping',
        file('wrong-map.json'),
      );
      expect(wrong.code).toBe(2);
      expect(wrong.stderr).toContain('/colour: is not a mapping key');
      expect(wrong.stderr).toContain('/fields/title/column: "Subject" is not a column of the file');

      const dry = meridian(
        file('good.csv'),
        '--type',
        'incidents',
        '--mapping',
        file('map.json'),
        '--dry-run',
      );
      expect(dry.code).toBe(0);
      expect(dry.stdout).toMatch(/would create: +3 incidents/);
      const done = meridian(file('good.csv'), '--type', 'incidents', '--mapping', file('map.json'));
      expect(done.code, done.stderr).toBe(0);
      expect(done.stdout).toMatch(/created: +3 incidents/);
      expect(done.stderr).toMatch(/3\/3 rows/);
      const again = meridian(
        file('good.csv'),
        '--type',
        'incidents',
        '--mapping',
        file('map.json'),
      );
      expect(again.stdout).toMatch(/unchanged: 3 incidents/);
    });
  });
}
