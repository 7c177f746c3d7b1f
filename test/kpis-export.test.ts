// CSV and XLSX exports of the KPI engine (issue 8): the files hold what the JSON API answers for
// the same query, quote and encode text right, stream more records than one page, and follow
// the engine's permission and validation rules.
import ExcelJS from 'exceljs';
import { expect, it } from 'vitest';
import { systemActor } from '../src/shared/actor.js';
import { uuidv7 } from '../src/shared/ids.js';
import { describeEachDatabase, type TestContext } from './helpers/test-app.js';
import { desk, loggedAndResolved, mailer } from './kpis-fixtures.js';

type Row = (string | number | null)[];

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

async function readXlsx(bytes: Buffer): Promise<Row[]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  const sheet = workbook.worksheets[0] as ExcelJS.Worksheet;
  const rows: Row[] = [];
  sheet.eachRow({ includeEmpty: true }, (row) => {
    const values = (row.values as unknown[]).slice(1);
    rows.push(Array.from(values, (v) => (v === undefined ? null : (v as string | number))));
  });
  return rows;
}

const csvText = (bytes: Buffer) => {
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  return bytes.subarray(3).toString('utf8');
};

const n = (v: number | null) => (v === null ? '' : String(v));

let seq = 9_000_000;
/** Incidents inserted directly (fast): `count` of them, logged over January 2026. */
async function insertIncidents(ctx: TestContext, requesterId: string, count: number) {
  const rows = [];
  for (let i = 0; i < count; i++) {
    const day = 1 + (i % 31);
    // Several incidents share an instant: the order then falls to the id.
    const at = `2026-01-${String(day).padStart(2, '0')}T${String(8 + (i % 3)).padStart(2, '0')}:00:00.000Z`;
    const s = seq++;
    rows.push({
      id: uuidv7(Date.parse(at) + i),
      seq: s,
      number: `INC${s}`,
      type: 'incident',
      title: `Caisse n°${i}, "bloquée" — été`,
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

describeEachDatabase(
  'KPI exports: CSV and XLSX of series and records',
  (get) => {
    let fixture: Awaited<ReturnType<typeof build>>;
    const APRIL = { from: '2026-04-01', to: '2026-04-30' };

    async function build() {
      const ctx = get();
      const d = await desk(ctx);
      const t = (serviceId: string, loggedAt: string, resolvedAt: string) =>
        loggedAndResolved(ctx, d.agent.user.email, { serviceId, loggedAt, resolvedAt });
      await t(d.tills.id, '2026-04-03T16:00:00.000Z', '2026-04-07T10:00:00.000Z');
      await t(d.tills.id, '2026-04-08T09:00:00.000Z', '2026-04-08T13:00:00.000Z');
      await t(d.web.id, '2026-04-13T09:00:00.000Z', '2026-04-14T17:00:00.000Z');
      const requester = await ctx.createUser('requester');
      await insertIncidents(ctx, requester.id, 2_500);
      ctx.clock.set('2026-05-04T09:00:00.000Z');
      const manager = await ctx.login(d.manager.user.email);
      return { ctx, ...d, manager, requester };
    }

    it('exports a series as CSV and XLSX holding the JSON series, one row per period and service', async () => {
      fixture = await build();
      const { manager } = fixture;
      const query = { ...APRIL, grain: 'week', by: 'service' };
      const json = await manager.get('/api/v1/kpis/service-delivery-time/series', { query });
      expect(json.status).toBe(200);
      const expected: string[][] = [
        [
          'Service',
          'Service ID',
          'Period',
          'From',
          'To',
          'Value',
          'Count',
          'Status',
          'Target',
          'Baseline',
        ],
      ];
      for (const line of json.body.series)
        for (const p of line.points)
          expected.push([
            line.name ?? '',
            line.id ?? '',
            p.label,
            p.from,
            p.to,
            n(p.value),
            String(p.count),
            p.status,
            n(json.body.targetValue),
            n(json.body.baselineValue),
          ]);
      // Two services over the five ISO weeks touching April.
      expect(expected).toHaveLength(1 + 2 * 5);
      // Tills: 2 h and 4 h resolved in week 15 (median 3); web shop: 16 h in week 16.
      expect(
        expected
          .slice(1)
          .filter((r) => r[6] !== '0')
          .map((r) => [r[2], r[5], r[6]]),
      ).toEqual([
        ['2026-W15', '3', '2'],
        ['2026-W16', '16', '1'],
      ]);

      const csv = await manager.get('/api/v1/kpis/service-delivery-time/series.csv', {
        query,
        raw: true,
      });
      expect(csv.status).toBe(200);
      expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(csv.headers['content-disposition']).toBe(
        'attachment; filename="service-delivery-time-series-week-by-service-2026-04-01-2026-04-30.csv"',
      );
      expect(parseCsv(csvText(csv.body))).toEqual(expected);

      const xlsx = await manager.get('/api/v1/kpis/service-delivery-time/series.xlsx', {
        query,
        raw: true,
      });
      expect(xlsx.status).toBe(200);
      expect(xlsx.headers['content-type']).toBe(
        'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      );
      const rows = await readXlsx(xlsx.body);
      expect(rows[0]).toEqual(expected[0]);
      // Numbers are number cells; empty values empty cells.
      const numbers = json.body.series.flatMap(
        (line: { points: { value: number | null; count: number }[] }) =>
          line.points.map((p) => [p.value, p.count]),
      );
      expect(rows.slice(1).map((r) => [r[5], r[6]])).toEqual(numbers);
      expect(rows.slice(1).map((r) => r.slice(0, 5).map(String))).toEqual(
        expected.slice(1).map((r) => r.slice(0, 5)),
      );
    });

    it('exports the series without a breakdown, the programme KPIs from their modules included', async () => {
      const { manager } = fixture;
      for (const key of ['incidents-per-service', 'training-completion']) {
        const query = { from: '2026-01-01', to: '2026-04-30', grain: 'month' };
        const json = await manager.get(`/api/v1/kpis/${key}/series`, { query });
        expect(json.status).toBe(200);
        const csv = await manager.get(`/api/v1/kpis/${key}/series.csv`, { query, raw: true });
        const rows = parseCsv(csvText(csv.body));
        expect(rows[0]).toEqual([
          'Period',
          'From',
          'To',
          'Value',
          'Count',
          'Status',
          'Target',
          'Baseline',
        ]);
        expect(rows.slice(1).map((r) => [r[0], r[3], r[4]])).toEqual(
          json.body.series[0].points.map((p: { label: string; value: number; count: number }) => [
            p.label,
            n(p.value),
            String(p.count),
          ]),
        );
      }
      const incidents = await manager.get('/api/v1/kpis/incidents-per-service/series.csv', {
        query: { from: '2026-01-01', to: '2026-01-31', grain: 'month' },
        raw: true,
      });
      expect(parseCsv(csvText(incidents.body))[1]?.slice(0, 5)).toEqual([
        '2026-01',
        '2026-01-01',
        '2026-01-31',
        '2500',
        '2500',
      ]);
    });

    it('streams every record behind a number, far more than one page, as the JSON records in the same order', async () => {
      const { manager } = fixture;
      const query = { from: '2026-01-01', to: '2026-01-31' };
      const json: { number: string; title: string; type: string; at: string; id: string }[] = [];
      let cursor: string | undefined;
      do {
        const page = await manager.get('/api/v1/kpis/incidents-per-service/records', {
          query: { ...query, limit: '200', ...(cursor ? { cursor } : {}) },
        });
        expect(page.status).toBe(200);
        json.push(...page.body.items);
        cursor = page.body.nextCursor ?? undefined;
      } while (cursor);
      expect(json).toHaveLength(2_500);
      const expected = json.map((r) => [r.number, r.title, r.type, r.at, '1', r.id]);

      const csv = await manager.get('/api/v1/kpis/incidents-per-service/records.csv', {
        query,
        raw: true,
      });
      expect(csv.status).toBe(200);
      const text = csvText(csv.body);
      // Commas and quotes are quoted, quotes doubled; accents arrive as UTF-8.
      expect(text).toContain('"Caisse n°0, ""bloquée"" — été"');
      const rows = parseCsv(text);
      expect(rows[0]).toEqual(['Number', 'Title', 'Type', 'At', 'Value', 'ID']);
      expect(rows.slice(1)).toEqual(expected);

      const xlsx = await manager.get('/api/v1/kpis/incidents-per-service/records.xlsx', {
        query,
        raw: true,
      });
      expect(xlsx.status).toBe(200);
      expect(xlsx.headers['content-disposition']).toBe(
        'attachment; filename="incidents-per-service-records-2026-01-01-2026-01-31.xlsx"',
      );
      const sheet = await readXlsx(xlsx.body);
      expect(sheet).toHaveLength(2_501);
      expect(sheet.slice(1)).toEqual(json.map((r) => [r.number, r.title, r.type, r.at, 1, r.id]));
    });

    it('pages the records of a long, mostly empty period in the order of the export', async () => {
      // Six months without records, a busy January, five quiet months: the pages read the
      // period a window at a time and must neither lose nor repeat a record at the seams.
      const { manager } = fixture;
      const query = { from: '2025-07-01', to: '2026-06-30' };
      const paged: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await manager.get('/api/v1/kpis/incidents-per-service/records', {
          query: { ...query, limit: '199', ...(cursor ? { cursor } : {}) },
        });
        expect(page.status).toBe(200);
        paged.push(...page.body.items.map((r: { id: string }) => r.id));
        cursor = page.body.nextCursor ?? undefined;
      } while (cursor);
      const csv = await manager.get('/api/v1/kpis/incidents-per-service/records.csv', {
        query,
        raw: true,
      });
      const exported = parseCsv(csvText(csv.body))
        .slice(1)
        .map((row) => row[5]);
      expect(paged.length).toBeGreaterThanOrEqual(2_500);
      expect(paged).toEqual(exported);
    });

    it('exports records with their own figures and the filters of the records API', async () => {
      const { manager, tills } = fixture;
      const query = { ...APRIL, service: tills.id };
      const json = await manager.get('/api/v1/kpis/service-delivery-time/records', { query });
      expect(json.body.items).toHaveLength(2);
      const xlsx = await manager.get('/api/v1/kpis/service-delivery-time/records.xlsx', {
        query,
        raw: true,
      });
      const rows = await readXlsx(xlsx.body);
      expect(rows.slice(1)).toEqual(
        json.body.items.map(
          (r: { number: string; title: string; at: string; value: number; id: string }) => [
            r.number,
            r.title,
            'ticket',
            r.at,
            r.value,
            r.id,
          ],
        ),
      );
      // 2 business hours across the weekend and the Easter Monday holiday, then 4.
      expect(rows.slice(1).map((r) => r[4])).toEqual([2, 4]);
      // The backlog: the records open at the end of the period.
      const backlog = await manager.get('/api/v1/kpis/backlog/records.csv', {
        query: { from: '2026-01-01', to: '2026-01-31' },
        raw: true,
      });
      expect(backlog.status).toBe(200);
      expect(parseCsv(csvText(backlog.body))).toHaveLength(2_501);
    });

    it('stops reading when the download is abandoned', async () => {
      const { ctx } = fixture;
      const file = await ctx.services.kpiExports.records(
        systemActor('test'),
        'incidents-per-service',
        { from: '2026-01-01', to: '2026-01-31' },
        'csv',
      );
      const body = file.body[Symbol.asyncIterator]();
      const header = await body.next();
      expect(String(header.value)).toBe('\uFEFFNumber,Title,Type,At,Value,ID\r\n');
      const firstDay = await body.next();
      // The first window (one day) holds 81 of the 2,500 incidents; then nothing more is read.
      expect(parseCsv(String(firstDay.value))).toHaveLength(81);
      // A disconnect destroys the response stream, which returns the generator.
      await body.return?.(undefined);
      expect(await body.next()).toEqual({ done: true, value: undefined });
    });

    it('refuses a requester and bad input with a problem before any byte, changing nothing', async () => {
      const { ctx, manager, requester } = fixture;
      const asRequester = await ctx.login(requester.email);
      for (const path of ['series.csv', 'series.xlsx', 'records.csv', 'records.xlsx']) {
        const refused = await asRequester.get(`/api/v1/kpis/incidents-per-service/${path}`);
        expect(refused.status).toBe(403);
        expect(refused.headers['content-type']).toMatch(/application\/problem\+json/);
      }
      const cases: [string, Record<string, string>, number, string][] = [
        [
          'incidents-per-service/records.csv',
          { from: '2026-13-01', to: '2026-01-31' },
          400,
          '/from',
        ],
        ['incidents-per-service/series.xlsx', { by: 'colour' }, 400, '/by'],
        ['incidents-per-service/records.csv', { limit: '10' }, 400, 'limit'],
        ['change-success-rate/records.xlsx', { service: 'x' }, 400, '/service'],
        ['training-completion/records.csv', {}, 400, '/key'],
        ['no-such-kpi/records.csv', {}, 404, 'no-such-kpi'],
        ['no-such-kpi/series.csv', {}, 404, 'no-such-kpi'],
      ];
      for (const [path, query, status, names] of cases) {
        const response = await manager.get(`/api/v1/kpis/${path}`, { query });
        expect(response.status, path).toBe(status);
        expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
        expect(response.text).toContain(names);
      }
      const unchanged = await manager.get('/api/v1/kpis/incidents-per-service', {
        query: { from: '2026-01-01', to: '2026-01-31' },
      });
      expect(unchanged.body.current.count).toBe(2_500);
    });
  },
  { mailer: () => mailer },
);
