// CSV and XLSX exports of the API's lists (issue 9): GET <list>/export.csv|.xlsx holds exactly the
// items the list pages through for the same filter, every page of them, with the list's own
// visibility (a requester gets their own tickets only) and permission and validation rules.
import ExcelJS from 'exceljs';
import { beforeAll, expect, it } from 'vitest';
import { uuidv7 } from '../src/shared/ids.js';
import { type Client, describeEachDatabase, type TestContext } from './helpers/test-app.js';

type Item = Record<string, unknown>;

/** An RFC 4180 reader (the test's own, to check the writer against the rules). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += c;
  }
  if (field !== '' || row.length) throw new Error('the last line has no CRLF');
  return rows;
}

function csvRows(bytes: Buffer): string[][] {
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  return parseCsv(bytes.subarray(3).toString('utf8'));
}

/** Every item of a list, page after page, as a client of the JSON API reads them. */
async function allItems(client: Client, url: string, search: string) {
  const items: Item[] = [];
  let cursor: string | undefined;
  do {
    const more = cursor ? `&cursor=${encodeURIComponent(cursor)}` : '';
    const page = await client.get(`${url}?${search}&limit=50${more}`);
    expect(page.status).toBe(200);
    items.push(...page.body.items);
    cursor = page.body.nextCursor ?? undefined;
  } while (cursor);
  return items;
}

/** A ticket as the export writes it: the columns a person reads, by header. */
const ticketCells = (t: Item) => {
  const sla = t.sla as Item | null;
  return {
    Number: t.number,
    Title: t.title,
    Status: t.status,
    Priority: t.priority,
    'Requester name': t.requesterName,
    'Major incident': String(t.majorIncident),
    'Created at': t.createdAt,
    'SLA due at': sla?.dueAt ?? '',
  };
};

const byHeader = (header: string[], row: (string | number | null)[]) =>
  Object.fromEntries(
    Object.keys(ticketCells({ sla: null })).map((h) => [h, row[header.indexOf(h)] ?? '']),
  );

let seq = 8_000_000;
/** Open incidents inserted directly (fast), so the queue spans several export pages. */
async function insertIncidents(ctx: TestContext, requesterId: string, count: number) {
  const rows = [];
  for (let i = 0; i < count; i++) {
    const at = new Date(Date.parse('2026-03-02T08:00:00.000Z') + i * 60_000).toISOString();
    const s = seq++;
    rows.push({
      id: uuidv7(Date.parse(at)),
      seq: s,
      number: `INC${s}`,
      type: 'incident',
      title: `Imprimante ${i}, "hors ligne" — rayon été`,
      description: 'Export fixture.',
      requester_id: requesterId,
      organisation_id: null,
      service_id: null,
      request_type_id: null,
      category: 'hardware',
      channel: 'portal',
      impact: 3,
      urgency: 3,
      priority: 'P3',
      status: 'new',
      open: ctx.engine === 'sqlite' ? 1 : true,
      hold_reason: null,
      group_id: null,
      assignee_id: null,
      resolution_code: null,
      resolution_notes: null,
      major_incident: ctx.engine === 'sqlite' ? 0 : false,
      form_answers: '{}',
      source_key: null,
      first_responded_at: null,
      resolved_at: null,
      closed_at: null,
      created_at: at,
      updated_at: at,
      version: 1,
    });
  }
  for (let i = 0; i < rows.length; i += 250)
    await ctx.services.db
      .insertInto('tickets')
      .values(rows.slice(i, i + 250) as never)
      .execute();
}

describeEachDatabase('List exports: CSV and XLSX of any list', (get) => {
  let agent: Client;
  let admin: Client;
  let alice: Client;
  const aliceNumbers: string[] = [];
  const bobNumbers: string[] = [];

  beforeAll(async () => {
    const ctx = get();
    ctx.clock.set('2026-03-02T09:00:00Z');
    agent = await ctx.as('agent');
    admin = await ctx.as('admin');
    const a = await ctx.createUser('requester', { name: 'Alice Martin' });
    const b = await ctx.createUser('requester', { name: 'Bob Durand' });
    alice = await ctx.login(a.email);
    const bob = await ctx.login(b.email);
    for (const title of ['Till 4, "frozen"', '=SUM(A1) is not a formula', 'Caisse bloquée'])
      aliceNumbers.push(
        (await alice.post('/api/v1/tickets', { type: 'incident', title, description: 'x' })).body
          .number,
      );
    for (const title of ['Badge refused', 'Wi-Fi down'])
      bobNumbers.push(
        (await bob.post('/api/v1/tickets', { type: 'incident', title, description: 'x' })).body
          .number,
      );
    const bulk = await ctx.createUser('requester', { name: 'Store 12' });
    await insertIncidents(ctx, bulk.id, 230);
  });

  it('writes as CSV every ticket the queue pages through for the same filter, in its order', async () => {
    // A list filter repeats its parameter, in the export as in the list.
    const search = 'queue=all&priority=P3&priority=P4';
    const items = await allItems(agent, '/api/v1/tickets', search);
    expect(items.length).toBeGreaterThan(230);

    const res = await agent.get(`/api/v1/tickets/export.csv?${search}`, { raw: true });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toMatch(
      /^attachment; filename="tickets-\d{4}-\d{2}-\d{2}\.csv"$/,
    );
    const [header, ...rows] = csvRows(res.body);
    expect(header?.slice(0, 4)).toEqual(['ID', 'Number', 'Type', 'Title']);
    expect(header).toContain('SLA due at');
    expect(header).not.toContain('Version');
    expect(rows).toHaveLength(items.length);
    // A CSV text starting like a formula gets an apostrophe, so a spreadsheet shows it as text.
    const guarded = (t: Item) => ({
      ...t,
      title: /^[=+\-@]/.test(String(t.title)) ? `'${t.title}` : t.title,
    });
    expect(rows.map((r) => byHeader(header as string[], r))).toEqual(
      items.map((t) => ticketCells(guarded(t))),
    );
    expect(rows.map((r) => r[3])).toContain("'=SUM(A1) is not a formula");
  });

  it('gives a requester only their own tickets, as the queue does', async () => {
    const res = await alice.get('/api/v1/tickets/export.csv', { raw: true });
    expect(res.status).toBe(200);
    const [header, ...rows] = csvRows(res.body);
    const numbers = rows.map((r) => r[(header as string[]).indexOf('Number')]);
    expect(numbers.sort()).toEqual([...aliceNumbers].sort());
    expect(numbers).not.toContain(bobNumbers[0]);
  });

  it('writes an XLSX workbook exceljs opens, with the same rows', async () => {
    const items = await allItems(agent, '/api/v1/tickets', 'queue=all');
    const res = await agent.get('/api/v1/tickets/export.xlsx?queue=all', { raw: true });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    expect(res.headers['content-disposition']).toMatch(/filename="tickets-[\d-]+\.xlsx"$/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.body as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0] as ExcelJS.Worksheet;
    expect(sheet.name).toBe('tickets');
    expect(sheet.rowCount).toBe(items.length + 1);
    const header = (sheet.getRow(1).values as string[]).slice(1);
    const rows: (string | number | null)[][] = [];
    sheet.eachRow((row, n) => {
      if (n > 1)
        rows.push(
          Array.from((row.values as unknown[]).slice(1), (v) =>
            v === undefined || v === null ? null : (v as string | number),
          ),
        );
    });
    expect(rows.map((r) => byHeader(header, r))).toEqual(items.map(ticketCells));
  });

  it('refuses a role without the list’s permission, as the list does', async () => {
    for (const path of ['/api/v1/problems/export.csv', '/api/v1/users/export.xlsx']) {
      const res = await alice.get(path);
      expect(res.status).toBe(403);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body.code).toBe('FORBIDDEN');
    }
    expect((await get().anonymous.get('/api/v1/tickets/export.csv')).status).toBe(401);
  });

  it('answers a bad filter with a 400 naming the field, before any byte of the file', async () => {
    const res = await agent.get('/api/v1/tickets/export.csv', { query: { priority: 'P9' } });
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(JSON.stringify(res.body.errors)).toContain('priority');
    const queue = await agent.get('/api/v1/tickets/export.xlsx', { query: { queue: 'nope' } });
    expect(queue.status).toBe(400);
  });

  it('has an export for every list, each a CSV with its header row', async () => {
    const paths = [
      'problems',
      'known-errors',
      'changes',
      'releases',
      'documents',
      'improvements',
      'users',
      'groups',
      'organisations',
      'services',
      'request-types',
      'complaints',
      'training/assignments',
      'audits',
      'audits/actions',
      'compliance/assessments',
      'compliance/roadmap/tasks',
      'management-reviews',
    ];
    for (const path of paths) {
      const res = await admin.get(`/api/v1/${path}/export.csv`, { raw: true });
      expect(res.status, path).toBe(200);
      const [header] = csvRows(res.body);
      expect(header, path).toContain('ID');
      const xlsx = await admin.get(`/api/v1/${path}/export.xlsx`, { raw: true });
      expect(xlsx.status, path).toBe(200);
    }
    const users = csvRows((await admin.get('/api/v1/users/export.csv', { raw: true })).body);
    expect(users[0]).toEqual([
      'ID',
      'Email',
      'Name',
      'Role',
      'Locale',
      'Time zone',
      'Active',
      'Organisation ID',
      'Manager ID',
      'Created at',
      'Updated at',
    ]);
    expect(users.find((r) => r[2] === 'Alice Martin')?.[3]).toBe('requester');
  });
});
