// The real ServiceNow incident log (UCI, 119,998 rows), imported once per database, checked
// against figures this test computes itself from the raw file.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import JSZip from 'jszip';
import { beforeAll, expect, it } from 'vitest';
import { runTicketImport, type TicketImportReport } from '../src/modules/imports/core/index.js';
import { readServiceNow } from '../src/modules/imports/servicenow/servicenow-reader.js';
import { systemActor } from '../src/shared/actor.js';
import { eventLogsDir } from './helpers/event-logs.js';
import { describeEachDatabase, type TestContext } from './helpers/test-app.js';

const ZIP = path.join(eventLogsDir(), 'servicenow-incident-event-log.csv.zip');
const actor = systemActor('import test');
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'meridian-servicenow-'));

/** The raw CSV text and its rows, parsed here without any of the importer's code. */
async function raw() {
  const zip = await JSZip.loadAsync(fs.readFileSync(ZIP));
  const entry = Object.values(zip.files).find((f) => f.name.endsWith('.csv'));
  if (!entry) throw new Error('no CSV in the zip');
  const text = await entry.async('string');
  const lines = text.split(/\r?\n/).filter(Boolean);
  const header = (lines[0] as string).split(',');
  const col = (name: string) => header.indexOf(name);
  return { text, header, col, rows: lines.slice(1).map((l) => l.split(',')) };
}

function utc(text: string): number | null {
  const m = /^(\d+)\/(\d+)\/(\d+) (\d+):(\d+)$/.exec(text);
  if (!m) return null;
  return Date.UTC(Number(m[3]), Number(m[2]) - 1, Number(m[1]), Number(m[4]), Number(m[5]));
}

const STATUS: Record<string, string> = {
  New: 'new',
  Active: 'in_progress',
  'Awaiting User Info': 'on_hold',
  'Awaiting Evidence': 'on_hold',
  'Awaiting Vendor': 'on_hold',
  'Awaiting Problem': 'on_hold',
  Resolved: 'resolved',
  Closed: 'closed',
};

async function expected() {
  const { text, header, col, rows } = await raw();
  const last = new Map<string, string[]>();
  for (const r of rows) last.set(r[col('number')] as string, r);
  const byStatus: Record<string, number> = {};
  const byPriority: Record<string, number> = {};
  let slaMet = 0;
  let reopened = 0;
  const durations = new Map<string, number>();
  for (const [number, r] of last) {
    const status = STATUS[r[col('incident_state')] as string] ?? 'unknown';
    byStatus[status] = (byStatus[status] ?? 0) + 1;
    const priority = `P${(r[col('priority')] as string)[0]}`;
    byPriority[priority] = (byPriority[priority] ?? 0) + 1;
    if (r[col('made_sla')] === 'true') slaMet++;
    if (Number(r[col('reopen_count')]) > 0) reopened++;
    const opened = utc(r[col('opened_at')] as string);
    const resolved = utc(r[col('resolved_at')] as string);
    if ((status === 'resolved' || status === 'closed') && opened !== null && resolved !== null)
      durations.set(number, resolved - opened);
  }
  return {
    text,
    header,
    rows: rows.length,
    incidents: last.size,
    byStatus,
    byPriority,
    slaShare: slaMet / last.size,
    reopened,
    durations,
  };
}

const median = (values: number[]) => {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
};

let facts: Awaited<ReturnType<typeof expected>>;
/** A small valid export: the header and the first incidents' rows. */
let smallCsv: string;

beforeAll(async () => {
  facts = await expected();
  smallCsv = facts.text.split('\n').slice(0, 301).join('\n');
  smallCsv = smallCsv.slice(0, smallCsv.lastIndexOf('\nINC')); // whole incidents only
});

function file(name: string, content: string | Buffer) {
  const target = path.join(work, name);
  fs.writeFileSync(target, content);
  return target;
}

const importFile = (ctx: TestContext, target: string, dryRun = false) =>
  runTicketImport(
    ctx.services,
    { source: 'servicenow', dryRun, actor, fileName: path.basename(target) },
    readServiceNow(target, { displayName: path.basename(target) }),
  );

/** Rows of every table but import_runs (a dry run leaves only its own report row). */
async function tableCounts(ctx: TestContext) {
  const counts: Record<string, number> = {};
  for (const table of await ctx.services.db.introspection.getTables()) {
    if (table.name === 'import_runs' || table.isView) continue;
    const row = await ctx.services.db
      // biome-ignore lint/suspicious/noExplicitAny: every table, by its introspected name
      .selectFrom(table.name as any)
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .executeTakeFirstOrThrow();
    counts[table.name] = Number(row.n);
  }
  return counts;
}

describeEachDatabase('ServiceNow import', (get) => {
  let first: TicketImportReport;
  let seconds: number;
  beforeAll(async () => {
    const started = Date.now();
    first = await importFile(get(), ZIP);
    seconds = (Date.now() - started) / 1000;
  }, 240_000);

  it('rebuilds every incident with the figures of the raw file', async () => {
    const { db } = get().services;
    expect(first.status).toBe('succeeded');
    expect(first.rows).toBe(facts.rows);
    expect(first.created.incident).toBe(facts.incidents);
    expect(first.errors).toEqual([]);

    const imported = db
      .selectFrom('tickets')
      .innerJoin('ticket_imports', 'ticket_imports.ticket_id', 'tickets.id')
      .where('ticket_imports.source', '=', 'servicenow');
    const byStatus = await imported
      .select(['tickets.status', (eb) => eb.fn.countAll<number | string>().as('n')])
      .groupBy('tickets.status')
      .execute();
    expect(Object.fromEntries(byStatus.map((r) => [r.status, Number(r.n)]))).toEqual(
      facts.byStatus,
    );
    const byPriority = await imported
      .select(['tickets.priority', (eb) => eb.fn.countAll<number | string>().as('n')])
      .groupBy('tickets.priority')
      .execute();
    expect(Object.fromEntries(byPriority.map((r) => [r.priority, Number(r.n)]))).toEqual(
      facts.byPriority,
    );
    const verdicts = await imported
      .select(['ticket_imports.sla_met', 'ticket_imports.reopen_count'])
      .execute();
    const met = verdicts.filter((v) => v.sla_met === true || v.sla_met === 1).length;
    expect(met / verdicts.length).toBeCloseTo(facts.slaShare, 6);
    expect(verdicts.filter((v) => v.reopen_count > 0).length).toBe(facts.reopened);

    const resolved = await imported
      .select(['ticket_imports.source_number', 'tickets.created_at', 'tickets.resolved_at'])
      .where('tickets.resolved_at', 'is not', null)
      .execute();
    const durations = resolved
      .filter((r) => facts.durations.has(r.source_number))
      .map(
        (r) =>
          Date.parse(String(new Date(r.resolved_at as string).toISOString())) -
          Date.parse(new Date(r.created_at).toISOString()),
      );
    expect(durations.length).toBe(facts.durations.size);
    expect(median(durations)).toBe(median([...facts.durations.values()]));
  });

  it('keeps numbers, references, imported people and the history in the timeline', async () => {
    const ctx = get();
    const row = await ctx.services.db
      .selectFrom('tickets')
      .innerJoin('ticket_imports', 'ticket_imports.ticket_id', 'tickets.id')
      .selectAll()
      .where('ticket_imports.source_number', '=', 'INC0000045')
      .executeTakeFirstOrThrow();
    expect(row.number).toMatch(/^INC\d{7}$/);
    expect(row.source_key).toBe('servicenow:INC0000045');
    expect(row.status).toBe('closed');
    expect(new Date(row.created_at).toISOString()).toBe('2016-02-29T01:16:00.000Z');
    const agent = await ctx.as('agent');
    const shown = await agent.get(`/api/v1/tickets/${row.id}`);
    expect(shown.status).toBe(200);
    expect(shown.body.number).toBe(row.number);
    const timeline = await agent.get(`/api/v1/tickets/${row.id}/timeline`);
    const actions = timeline.body.map((e: { action: string | null }) => e.action);
    expect(actions).toEqual(
      expect.arrayContaining(['imported:opened', 'imported:resolved', 'imported:closed']),
    );
    const group = await ctx.services.db
      .selectFrom('groups')
      .select(['name'])
      .where('id', '=', row.group_id as string)
      .executeTakeFirstOrThrow();
    expect(group.name).toBe('Group 56');
  });

  it('sends nothing and starts no SLA clock for imported history', async () => {
    const { db } = get().services;
    for (const table of ['sla_clocks', 'surveys', 'notifications', 'jobs'] as const) {
      const row = await db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number | string>().as('n'))
        .executeTakeFirstOrThrow();
      expect(Number(row.n), table).toBe(0);
    }
  });

  it('imports in well under a minute and records one audited run', async () => {
    const { db } = get().services;
    // The 60 s target is for the CLI on SQLite; the test machine is shared, so this is a bound.
    expect(seconds).toBeLessThan(get().engine === 'sqlite' ? 60 : 180);
    const events = await db
      .selectFrom('audit_events')
      .select(['action'])
      .where('entity_type', '=', 'import_run')
      .where('entity_id', '=', first.runId)
      .execute();
    expect(events).toHaveLength(1);
    const run = await db
      .selectFrom('import_runs')
      .selectAll()
      .where('id', '=', first.runId)
      .executeTakeFirstOrThrow();
    expect(run.status).toBe('succeeded');
  });

  it('a second run of the same file changes nothing', async () => {
    const before = await tableCounts(get());
    const again = await importFile(get(), ZIP);
    expect(again).toMatchObject({ status: 'succeeded', created: {}, updated: {} });
    expect(again.unchanged.incident).toBe(facts.incidents);
    const after = await tableCounts(get());
    expect(after).toEqual({ ...before, audit_events: (before.audit_events as number) + 1 });
  }, 240_000);

  it('a dry run reports what it would create and writes nothing', async () => {
    const before = await tableCounts(get());
    const changed = smallCsv.replaceAll('INC00000', 'INC99990');
    const report = await importFile(get(), file('dry.csv', changed), true);
    expect(report.status).toBe('succeeded');
    expect(report.created.incident).toBeGreaterThan(10);
    expect(await tableCounts(get())).toEqual(before);
  });

  it('malformed files give row errors or a clear message, and write nothing', async () => {
    const ctx = get();
    const before = await tableCounts(ctx);
    const lines = smallCsv.replaceAll('INC00000', 'INC88880').split('\n');
    const badDate = [...lines];
    badDate[3] = (badDate[3] as string).replace(/29\/2\/2016 01:16/g, '31/2/2016 01:16');
    const dates = await importFile(ctx, file('bad-dates.csv', badDate.join('\n')));
    expect(dates.status).toBe('failed');
    expect(dates.errors[0]).toMatchObject({ column: 'opened_at' });
    expect(dates.errors[0]?.reason).toMatch(/31\/2\/2016 01:16.*not a date/);
    expect(dates.message).toMatch(/could not be imported: nothing was written/);

    const withoutPriority = lines
      .map((l) =>
        l
          .split(',')
          .filter((_, i) => i !== facts.header.indexOf('priority'))
          .join(','),
      )
      .join('\n');
    const missing = await importFile(ctx, file('no-priority.csv', withoutPriority));
    expect(missing.message).toMatch(/lacks the ServiceNow column priority/);

    const unknown = await importFile(ctx, file('other.csv', 'id,title,when\n1,Printer,today\n'));
    expect(unknown.message).toMatch(/not a ServiceNow incident export/);

    const shortRow = [...lines];
    shortRow[5] = 'INC8888045,New,true';
    const fields = await importFile(ctx, file('short-row.csv', shortRow.join('\n')));
    expect(fields.errors).toEqual([
      expect.objectContaining({ row: 6, reason: expect.stringMatching(/3 fields/) }),
    ]);

    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(smallCsv, 'utf16le')]);
    expect((await importFile(ctx, file('utf16.csv', utf16))).message).toMatch(/UTF-16/);
    const binary = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256));
    expect((await importFile(ctx, file('binary.csv', binary))).message).toMatch(/not UTF-8|binary/);
    const zip = fs.readFileSync(ZIP);
    const truncated = await importFile(ctx, file('truncated.zip', zip.subarray(0, zip.length / 2)));
    expect(truncated.status).toBe('failed');
    expect(truncated.message).toMatch(/damaged or truncated|ends too early/);
    const notZip = await importFile(ctx, file('not-a.zip', gzipSync('hello')));
    expect(notZip.message).toMatch(/not a zip file/);

    expect(await tableCounts(ctx)).toEqual(before);
  });
});
