import { expect, it } from 'vitest';
import type { ImportedTicket, RowError } from '../src/modules/imports/core/index.js';
import { liveImportProgress, runTicketImport } from '../src/modules/imports/core/index.js';
import { systemActor } from '../src/shared/actor.js';
import { uuidv7 } from '../src/shared/ids.js';
import { describeEachDatabase, type TestContext } from './helpers/test-app.js';

const actor = systemActor('test import');

function ticket(n: number, overrides: Partial<ImportedTicket> = {}): ImportedTicket {
  return {
    kind: 'ticket',
    sourceKey: `core-test:T${n}`,
    sourceNumber: `T${n}`,
    type: 'incident',
    title: `Printer ${n} jams`,
    description: 'Paper jam on floor 2.',
    status: 'closed',
    impact: 2,
    urgency: 2,
    priority: 'P3',
    category: 'hardware',
    requester: { name: `Core Caller ${n % 3}` },
    group: 'Core Imported Group',
    assignee: { name: 'Core Resolver 1' },
    createdAt: '2016-03-01T10:00:00Z',
    resolvedAt: '2016-03-01T12:00:00Z',
    closedAt: '2016-03-06T12:00:00Z',
    slaMet: n % 2 === 0,
    references: { configurationItem: 'CI 7', problem: null, change: 'CHG 9' },
    history: [
      { at: '2016-03-01T10:00:00Z', kind: 'opened', status: 'new', sourceStatus: 'New' },
      {
        at: '2016-03-01T10:05:00Z',
        kind: 'assigned',
        status: 'in_progress',
        group: 'Core Imported Group',
        assignee: 'Core Resolver 1',
        sourceStatus: 'Active',
      },
      {
        at: '2016-03-01T12:00:00Z',
        kind: 'resolved',
        status: 'resolved',
        sourceStatus: 'Resolved',
      },
      { at: '2016-03-06T12:00:00Z', kind: 'closed', status: 'closed', sourceStatus: 'Closed' },
    ],
    rows: { first: n * 2, last: n * 2 + 1 },
    ...overrides,
  };
}

async function* stream(items: (ImportedTicket | RowError)[]) {
  for (const item of items) yield item;
}

async function counts(ctx: TestContext) {
  const out: Record<string, number> = {};
  for (const table of [
    'tickets',
    'users',
    'groups',
    'audit_events',
    'ticket_imports',
    'imported_ticket_events',
    'imported_parties',
  ] as const) {
    const row = await ctx.services.db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .executeTakeFirstOrThrow();
    out[table] = Number(row.n);
  }
  return out;
}

describeEachDatabase('import core', (get) => {
  it('refuses a role without imports.manage, in the service', async () => {
    const manager = await get().createUser('manager');
    await expect(
      runTicketImport(
        get().services,
        {
          source: 'core-test',
          dryRun: true,
          actor: { id: manager.id, name: manager.name, role: 'manager' },
        },
        stream([ticket(1)]),
      ),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('a dry run reports what it would create and writes nothing but its run', async () => {
    const before = await counts(get());
    const report = await runTicketImport(
      get().services,
      { source: 'core-test', dryRun: true, actor },
      stream([ticket(1), ticket(2)]),
    );
    expect(report.status).toBe('succeeded');
    expect(report.created).toMatchObject({ incident: 2, user: 3, group: 1 });
    expect(await counts(get())).toEqual(before);
  });

  it('any bad row means nothing is written, with the row and column named', async () => {
    const before = await counts(get());
    const report = await runTicketImport(
      get().services,
      { source: 'core-test', dryRun: false, actor },
      stream([ticket(1), ticket(2, { createdAt: '31/31/2016' }), ticket(3, { status: 'done' })]),
    );
    expect(report.status).toBe('failed');
    expect(report.message).toMatch(/2 rows could not be imported: nothing was written/);
    expect(report.errors).toEqual([
      expect.objectContaining({ row: 4, column: 'createdAt' }),
      expect.objectContaining({ row: 6, column: 'status' }),
    ]);
    expect(await counts(get())).toEqual(before);
  });

  it('imports, then a re-run changes nothing and a changed ticket is updated', async () => {
    const { services } = get();
    const runId = uuidv7();
    const seen: unknown[] = [];
    const first = await runTicketImport(
      services,
      {
        source: 'core-test',
        dryRun: false,
        actor,
        runId,
        batchSize: 2,
        onProgress: () => seen.push(liveImportProgress(runId)),
      },
      stream([ticket(1), ticket(2), ticket(3)]),
    );
    // Progress is readable by run id while the import runs, and forgotten when it ends.
    expect(seen[0]).toEqual({ rows: 4, total: null });
    expect(liveImportProgress(runId)).toBeNull();
    expect(first.runId).toBe(runId);
    expect(first).toMatchObject({ status: 'succeeded', created: { incident: 3 } });
    const afterFirst = await counts(get());

    const again = await runTicketImport(
      services,
      { source: 'core-test', dryRun: false, actor },
      stream([ticket(1), ticket(2), ticket(3)]),
    );
    expect(again).toMatchObject({ status: 'succeeded', created: {}, unchanged: { incident: 3 } });
    const afterAgain = await counts(get());
    // Only the run's own audit event is new.
    expect(afterAgain).toEqual({ ...afterFirst, audit_events: (afterFirst.audit_events ?? 0) + 1 });

    const changed = await runTicketImport(
      services,
      { source: 'core-test', dryRun: false, actor },
      stream([ticket(1), ticket(2, { status: 'resolved', closedAt: null }), ticket(3)]),
    );
    expect(changed).toMatchObject({ updated: { incident: 1 }, unchanged: { incident: 2 } });

    const row = await services.db
      .selectFrom('tickets')
      .innerJoin('ticket_imports', 'ticket_imports.ticket_id', 'tickets.id')
      .selectAll()
      .where('tickets.source_key', '=', 'core-test:T2')
      .executeTakeFirstOrThrow();
    expect(row.number).toMatch(/^INC\d{7}$/);
    expect(row.source_number).toBe('T2');
    expect(row.status).toBe('resolved');
    expect(Boolean(row.sla_met)).toBe(true);
    expect(row.change).toBe('CHG 9');
  });

  it('people it creates cannot sign in and the admin user list still works', async () => {
    const ctx = get();
    const user = await ctx.services.db
      .selectFrom('users')
      .selectAll()
      .where('name', '=', 'Core Resolver 1')
      .executeTakeFirstOrThrow();
    expect(Boolean(user.active)).toBe(false);
    expect(user.password_hash).toBeNull();
    expect(
      (await ctx.anonymous.post('/api/v1/auth/login', { email: user.email, password: 'x' })).status,
    ).toBe(401);
    const admin = await ctx.as('admin');
    const list = await admin.get('/api/v1/users', { query: { q: 'Core Resolver' } });
    expect(list.status).toBe(200);
    const shown = await admin.get(`/api/v1/users/${user.id}`);
    expect(shown.status).toBe(200);
  });

  it('shows the imported history in the ticket timeline', async () => {
    const ctx = get();
    const t = await ctx.services.db
      .selectFrom('tickets')
      .select(['id'])
      .where('source_key', '=', 'core-test:T1')
      .executeTakeFirstOrThrow();
    const agent = await ctx.as('agent');
    const timeline = await agent.get(`/api/v1/tickets/${t.id}/timeline`);
    expect(timeline.status).toBe(200);
    const imported = timeline.body.filter((e: { action: string }) =>
      e.action?.startsWith('imported:'),
    );
    expect(imported.map((e: { action: string }) => e.action)).toEqual([
      'imported:opened',
      'imported:assigned',
      'imported:resolved',
      'imported:closed',
    ]);
    expect(imported[1].changes.group.to).toBe('Core Imported Group');
  });
});
