import { createRequire } from 'node:module';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { expect, it } from 'vitest';
import { systemActor } from '../src/shared/actor.js';
import { uuidv7 } from '../src/shared/ids.js';
import { makeGroup } from './changes-fixtures.js';
import { insertTicket } from './helpers/notification-fixtures.js';
import { describeEachDatabase, type TestContext } from './helpers/test-app.js';

const LICENSED = 'LICENSED-STANDARD-TEXT-never-exported';
type Item = { id: string; number: string; version: number; clause: string };
type Client = Awaited<ReturnType<TestContext['as']>>;

async function pdfText(bytes: Buffer): Promise<string> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const fonts = `${path.dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'))}/standard_fonts/`;
  const doc = await pdfjs.getDocument({ data: new Uint8Array(bytes), standardFontDataUrl: fonts })
    .promise;
  const pages: string[] = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const content = await (await doc.getPage(n)).getTextContent();
    pages.push(content.items.map((i) => ('str' in i ? i.str : '')).join(' '));
  }
  return pages.join('\n').replace(/\s+/g, ' ');
}

/** Three incidents in March 2031, two of which met their resolution target, and one request. */
async function incidentRecords(ctx: TestContext) {
  const system = systemActor('test');
  ctx.clock.set('2031-03-10T08:00:00Z');
  const calendar = await ctx.services.calendars.create(system, {
    name: `Always ${Math.random()}`,
    spec: {
      timeZone: 'UTC',
      week: Object.fromEntries(
        ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, [['00:00', '24:00']]]),
      ),
    },
  });
  const minutes = (m: number) =>
    Object.fromEntries(['P1', 'P2', 'P3', 'P4'].map((p) => [p, { kind: 'minutes', minutes: m }]));
  const policy = await ctx.services.policies.create(system, {
    name: `Evidence ${Math.random()}`,
    order: 900,
    calendarId: calendar.id,
    targets: { first_response: minutes(60), resolution: minutes(240) },
    thresholds: [100],
    pauseOn: { first_response: [], resolution: [] },
  });
  const requester = await ctx.createUser('requester');
  const outcomes: ('met' | 'breached')[] = ['met', 'breached', 'met'];
  let last = '';
  for (const outcome of outcomes) {
    ctx.clock.advance(3_600_000);
    const ticket = await insertTicket(ctx, {
      requesterId: requester.id,
      type: 'incident',
      status: 'resolved',
    });
    last = ctx.clock.now().toISOString();
    await ctx.services.db
      .insertInto('sla_clocks')
      .values({
        id: uuidv7(),
        subject_type: 'ticket',
        subject_id: ticket.id,
        clock: 'resolution',
        policy_id: policy.id,
        calendar_id: calendar.id,
        selection_reason: 'test',
        target: JSON.stringify({ kind: 'minutes', minutes: 240 }),
        target_minutes: 240,
        ledger: '[]',
        state: 'stopped',
        due_at: new Date(ctx.clock.now().getTime() + 240 * 60_000).toISOString(),
        breached_at:
          outcome === 'breached'
            ? new Date(ctx.clock.now().getTime() + 240 * 60_000).toISOString()
            : null,
        fired: '{}',
        revision: 1,
        created_at: last,
        updated_at: last,
      })
      .execute();
  }
  await insertTicket(ctx, { requesterId: requester.id, type: 'request', status: 'new' });
  return { lastIncidentAt: last };
}

async function assessmentWithGap(manager: Client) {
  const created = await manager.post('/api/v1/compliance/assessments', { title: 'Report' });
  expect(created.status).toBe(201);
  const item = created.body.items.find((i: Item) => i.number === '8.6.1');
  const patched = await manager.patch(
    `/api/v1/compliance/assessments/${created.body.id}/items/${item.id}`,
    {
      conformity: 'partially_conforming',
      maturity: 2,
      targetMaturity: 4,
      notes: 'Major incident procedure missing at the stores.',
      ownerId: manager.user.id,
      liveLinks: [{ source: 'tickets.incidents', from: '2031-03-01', to: '2031-03-31' }],
    },
    { headers: { 'if-match': '"1"' } },
  );
  expect(patched.status).toBe(200);
  return { assessment: created.body, item: patched.body };
}

describeEachDatabase('compliance evidence and deliverables', (get) => {
  it('reports the real figure of the incident records a live evidence link points at', async () => {
    const ctx = get();
    const { lastIncidentAt } = await incidentRecords(ctx);
    ctx.clock.set('2031-03-12T12:00:00Z');
    const manager = await ctx.as('manager');
    const period = { from: '2031-03-01', to: '2031-03-31' };
    const incidents = await manager.get('/api/v1/compliance/evidence/tickets.incidents', {
      query: period,
    });
    expect(incidents.status, incidents.text).toBe(200);
    expect(incidents.body).toMatchObject({
      source: 'tickets.incidents',
      available: true,
      figure: '3 incidents, 66.7% resolution SLA met',
      value: 66.7,
      count: 3,
      latestRecordAt: lastIncidentAt,
      ageDays: 2,
      period,
    });
    const requests = await manager.get('/api/v1/compliance/evidence/tickets.requests', {
      query: period,
    });
    expect(requests.body).toMatchObject({ count: 1, value: null });
    const before = await manager.get('/api/v1/compliance/evidence/tickets.incidents', {
      query: { from: '2031-01-01', to: '2031-02-28' },
    });
    expect(before.body).toMatchObject({ available: false, count: 0, latestRecordAt: null });
    const planned = await manager.get('/api/v1/compliance/evidence/suppliers');
    expect(planned.body).toMatchObject({
      available: false,
      reason: expect.stringContaining('suppliers'),
    });
    const all = await manager.get('/api/v1/compliance/evidence', { query: period });
    expect(
      all.body.items.find((f: { source: string }) => f.source === 'tickets.incidents').count,
    ).toBe(3);

    // The assessment shows, for the requirement, the linked figure and how fresh it is.
    const { assessment, item } = await assessmentWithGap(manager);
    const evidence = await manager.get(
      `/api/v1/compliance/assessments/${assessment.id}/items/${item.id}/evidence`,
    );
    expect(evidence.status, evidence.text).toBe(200);
    expect(evidence.body.linked[0]).toMatchObject({
      figure: '3 incidents, 66.7% resolution SLA met',
      count: 3,
    });
    expect(evidence.body.live).toMatchObject({
      exists: true,
      latestRecordAt: lastIncidentAt,
      ageDays: 2,
    });
    const every = await manager.get(`/api/v1/compliance/assessments/${assessment.id}/evidence`);
    expect(every.body.items).toHaveLength(57);
  });

  it('counts complaints raised in the period', async () => {
    const ctx = get();
    ctx.clock.set('2032-05-10T08:00:00Z');
    const manager = await ctx.as('manager');
    for (const summary of ['Late delivery', 'Wrong item'])
      await manager.post('/api/v1/complaints', { summary });
    const res = await manager.get('/api/v1/compliance/evidence/complaints', {
      query: { from: '2032-05-01', to: '2032-05-31' },
    });
    expect(res.body).toMatchObject({
      figure: '2 complaints, 0 resolved',
      count: 2,
      value: 0,
      ageDays: 0,
    });
  });

  it('takes files as evidence of an assessed requirement, under the attachment rules', async () => {
    const ctx = get();
    ctx.clock.set('2031-04-01T08:00:00Z');
    const manager = await ctx.as('manager');
    const { assessment, item } = await assessmentWithGap(manager);
    const filesUrl = `/api/v1/attachments/of/assessment-item/${item.id}`;
    const upload = (client: Client, name: string, content: Buffer) =>
      client.post(`${filesUrl}?fileName=${encodeURIComponent(name)}`, content, {
        headers: { 'content-type': 'application/octet-stream' },
      });
    const pdf = Buffer.from('%PDF-1.4\n% major incident procedure, signed\n%%EOF\n');
    const sent = await upload(manager, 'Major incident procedure.pdf', pdf);
    expect(sent.status, sent.text).toBe(201);
    expect(sent.body).toMatchObject({
      fileName: 'Major incident procedure.pdf',
      mediaType: 'application/pdf',
      size: pdf.length,
    });

    // Staff who read the workspace see and download it; it counts in the item's evidence.
    const agent = await ctx.as('agent');
    expect((await agent.get(filesUrl)).body.map((f: { id: string }) => f.id)).toEqual([
      sent.body.id,
    ]);
    const download = await agent.get(`/api/v1/attachments/${sent.body.id}`, { raw: true });
    expect(download.status).toBe(200);
    expect(Buffer.compare(download.body, pdf)).toBe(0);
    const evidence = await agent.get(
      `/api/v1/compliance/assessments/${assessment.id}/items/${item.id}/evidence`,
    );
    expect(evidence.body.files).toEqual([
      expect.objectContaining({ id: sent.body.id, fileName: 'Major incident procedure.pdf' }),
    ]);
    const report = await agent.get(`/api/v1/compliance/assessments/${assessment.id}/report.pdf`, {
      raw: true,
    });
    expect(await pdfText(report.body)).toContain('file Major incident procedure.pdf');

    // Reading is not assessing; requesters see nothing; refused kinds and unknown records fail.
    expect((await upload(agent, 'notes.txt', Buffer.from('hello'))).status).toBe(403);
    const requester = await ctx.as('requester');
    expect((await requester.get(filesUrl)).status).toBe(403);
    expect((await requester.get(`/api/v1/attachments/${sent.body.id}`)).status).toBe(404);
    const exe = await upload(manager, 'evidence.pdf', Buffer.from([0x4d, 0x5a, 0x90, 0, 3, 0]));
    expect(exe.status).toBe(415);
    expect(exe.headers['content-type']).toMatch(/problem\+json/);
    expect((await upload(manager, 'x.txt', Buffer.alloc(0))).status).toBe(400);
    expect((await manager.get(`/api/v1/attachments/of/assessment-item/${uuidv7()}`)).status).toBe(
      404,
    );
    expect((await manager.get(`/api/v1/attachments/of/nothing-here/${item.id}`)).status).toBe(404);

    // A closed assessment is a frozen snapshot: no more files.
    const current = await manager.get(`/api/v1/compliance/assessments/${assessment.id}`);
    const closed = await manager.post(
      `/api/v1/compliance/assessments/${assessment.id}/close`,
      {},
      { headers: { 'if-match': `"${current.body.version}"` } },
    );
    expect(closed.status, closed.text).toBe(200);
    expect((await upload(manager, 'late.txt', Buffer.from('too late'))).status).toBe(409);
    const rows = await ctx.services.db
      .selectFrom('attachments')
      .select('file_name')
      .where('owner_type', '=', 'assessment-item')
      .execute();
    expect(rows.map((r) => r.file_name)).toEqual(['Major incident procedure.pdf']);
  });

  it('generates the Gap Analysis Report PDF from live data, without the licensed text', async () => {
    const ctx = get();
    ctx.clock.set('2031-04-01T08:00:00Z');
    const manager = await ctx.as('manager');
    const { assessment } = await assessmentWithGap(manager);
    const tree = await manager.get('/api/v1/compliance/library');
    const node = tree.body.nodes.find((n: { number: string }) => n.number === '8.6.1');
    const url = `/api/v1/compliance/library/requirements/${node.id}/licensed-text`;
    const current = await manager.get(url);
    await manager.request('PUT', url, {
      body: { text: LICENSED },
      headers: { 'if-match': `"${current.body.version}"` },
    });
    await manager.post(`/api/v1/compliance/assessments/${assessment.id}/gaps-to-tasks`, {});
    const agent = await ctx.as('agent');
    const res = await agent.get(`/api/v1/compliance/assessments/${assessment.id}/report.pdf`, {
      raw: true,
    });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(String(res.headers['content-disposition'])).toContain(
      `gap-analysis-${assessment.number}.pdf`,
    );
    const text = await pdfText(res.body);
    expect(text).toContain('Gap Analysis Report');
    expect(text).toContain(`${assessment.number}: Report`);
    expect(text).toContain('Executive summary');
    expect(text).toContain('Overall conformity is 0.9% across 57 requirements');
    expect(text).toContain('Conformity by clause');
    expect(text).toContain('Heat map');
    expect(text).toContain('8.6.1 Incident management');
    expect(text).toContain('Major incident procedure missing at the stores.');
    expect(text).toContain(
      'tickets.incidents: 3 incidents, 66.7% resolution SLA met (2031-03-01 to 2031-03-31)',
    );
    expect(text).toContain('Recommended action');
    expect(text).toContain('Roadmap summary');
    expect(text).toContain('Close the gap on 8.6.1');
    expect(text).not.toContain(LICENSED);
    expect(res.body.toString('latin1')).not.toContain(LICENSED);
  });

  it('generates the Implementation Roadmap XLSX with tasks, RACI, dependencies, filters and a timeline', async () => {
    const ctx = get();
    ctx.clock.set('2031-05-01T08:00:00Z');
    const manager = await ctx.as('manager');
    const agent = await ctx.as('agent');
    const steering = await makeGroup(ctx, 'Steering committee', [manager.user.id]);
    const first = await manager.post('/api/v1/compliance/roadmap/tasks', {
      title: 'Define the SMS scope',
      phaseId: 'phase-framework',
      ownerId: manager.user.id,
      raci: {
        responsible: [agent.user.id],
        accountable: [manager.user.id],
        consulted: [agent.user.id],
        informed: [],
      },
      raciGroups: { informed: [steering] },
      startDate: '2031-04-01',
      dueDate: '2031-04-20',
      status: 'in_progress',
      percentComplete: 50,
      requirementNumbers: ['4.3'],
      description: LICENSED.length > 0 ? 'Agree the scope with the board.' : '',
    });
    expect(first.status, first.text).toBe(201);
    const second = await manager.post('/api/v1/compliance/roadmap/tasks', {
      title: 'Scope approved',
      phaseId: 'phase-framework',
      milestone: true,
      dependsOn: [first.body.id],
      startDate: '2031-05-20',
      dueDate: '2031-05-20',
    });
    expect(second.status).toBe(201);
    const res = await agent.get('/api/v1/compliance/roadmap.xlsx', { raw: true });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.body);
    expect(book.worksheets.map((s) => s.name)).toEqual([
      'Tasks',
      'Phases',
      'Workstreams',
      'Timeline',
    ]);
    const tasks = book.getWorksheet('Tasks') as ExcelJS.Worksheet;
    const header = (tasks.getRow(1).values as unknown[]).slice(1);
    expect(header).toEqual(
      expect.arrayContaining([
        'Number',
        'Task',
        'Owner',
        'Responsible',
        'Accountable',
        'Consulted',
        'Informed',
        'Start',
        'Due',
        'Status',
        'Depends on',
      ]),
    );
    expect(tasks.autoFilter).toBeTruthy();
    const col = (name: string) => header.indexOf(name) + 1;
    const rowOf = (number: string) => {
      for (let r = 2; r <= tasks.rowCount; r++)
        if (tasks.getRow(r).getCell(col('Number')).value === number) return tasks.getRow(r);
      throw new Error(`no row ${number}`);
    };
    const row = rowOf(first.body.number);
    expect(row.getCell(col('Task')).value).toBe('Define the SMS scope');
    expect(row.getCell(col('Owner')).value).toBe(manager.user.name);
    expect(row.getCell(col('Responsible')).value).toBe(agent.user.name);
    expect(row.getCell(col('Informed')).value).toMatch(/^Steering committee .+ \(group\)$/);
    expect(row.getCell(col('Due')).value).toBe('2031-04-20');
    expect(row.getCell(col('Status')).value).toBe('In progress');
    expect(row.getCell(col('Overdue')).value).toBe('Yes');
    expect(rowOf(second.body.number).getCell(col('Depends on')).value).toBe(first.body.number);
    const phases = book.getWorksheet('Phases') as ExcelJS.Worksheet;
    expect(phases.getRow(3).getCell(2).value).toBe('Strategy and framework development');
    const timeline = book.getWorksheet('Timeline') as ExcelJS.Worksheet;
    expect(timeline.rowCount).toBeGreaterThan(1);
    for (const sheet of book.worksheets)
      sheet.eachRow((r) => r.eachCell((c) => expect(String(c.value)).not.toContain(LICENSED)));
  });
});
