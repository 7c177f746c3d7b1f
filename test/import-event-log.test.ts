// The two published process-mining logs, imported whole on each database.
import path from 'node:path';
import { expect, it } from 'vitest';
import { runTicketImport } from '../src/modules/imports/core/index.js';
import { readEventLog } from '../src/modules/imports/event-log/event-log-reader.js';
import type { EventLogFormat } from '../src/modules/imports/event-log/formats.js';
import { systemActor } from '../src/shared/actor.js';
import { eventLogsDir } from './helpers/event-logs.js';
import { describeEachDatabase, type TestContext } from './helpers/test-app.js';

const DATA = eventLogsDir();
const actor = systemActor('import test');

const importLog = (ctx: TestContext, file: string, format: EventLogFormat) =>
  runTicketImport(
    ctx.services,
    { source: format, dryRun: false, actor, fileName: file },
    readEventLog(path.join(DATA, file), format),
  );

async function imported(ctx: TestContext, source: string, number: string) {
  const { db } = ctx.services;
  const ticket = await db
    .selectFrom('tickets')
    .innerJoin('ticket_imports', 'ticket_imports.ticket_id', 'tickets.id')
    .leftJoin('groups', 'groups.id', 'tickets.group_id')
    .leftJoin('users', 'users.id', 'tickets.assignee_id')
    .select([
      'tickets.id',
      'tickets.status',
      'tickets.priority',
      'tickets.created_at',
      'tickets.resolved_at',
      'tickets.closed_at',
      'groups.name as group_name',
      'users.name as assignee_name',
      'ticket_imports.reopen_count',
    ])
    .where('ticket_imports.source_key', '=', `${source}:${number}`)
    .executeTakeFirstOrThrow();
  const events = await db
    .selectFrom('imported_ticket_events')
    .select(['kind', 'status'])
    .where('ticket_id', '=', ticket.id)
    .orderBy('position')
    .execute();
  const iso = (v: unknown) => (v === null ? null : new Date(v as string).toISOString());
  return {
    ...ticket,
    created_at: iso(ticket.created_at),
    resolved_at: iso(ticket.resolved_at),
    closed_at: iso(ticket.closed_at),
    events,
  };
}

describeEachDatabase('event log imports', (get) => {
  it('imports the BPI Challenge 2013 log: every case, support teams as groups', async () => {
    const report = await importLog(get(), 'bpic2013-volvo-incidents.csv.gz', 'bpic2013');
    expect(report).toMatchObject({
      status: 'succeeded',
      rows: 65_533,
      created: { incident: 7554 },
    });
    expect(report.errors).toEqual([]);

    // Case 1-364285768: resolved once, sent back to a queue, worked by L3 and closed in 2012.
    const t = await imported(get(), 'bpic2013', '1-364285768');
    expect(t).toMatchObject({
      status: 'closed',
      priority: 'P3',
      created_at: '2010-03-31T14:59:42.000Z',
      resolved_at: '2012-05-03T09:10:12.000Z',
      closed_at: '2012-05-10T23:26:15.000Z',
      group_name: 'V5 3rd',
      assignee_name: 'fr-Loic',
      reopen_count: 1,
    });
    expect(t.events[0]).toEqual({ kind: 'opened', status: 'new' });
    expect(t.events.map((e) => e.kind)).toContain('reopened');
    expect(t.events.at(-1)).toEqual({ kind: 'closed', status: 'closed' });
  }, 120_000);

  it('imports the help desk log: activities onto the lifecycle', async () => {
    const report = await importLog(get(), 'helpdesk-event-log.csv', 'helpdesk');
    expect(report).toMatchObject({
      status: 'succeeded',
      rows: 21_348,
      created: { incident: 4580 },
    });

    const t = await imported(get(), 'helpdesk', 'Case3608');
    expect(t).toMatchObject({
      status: 'closed',
      created_at: '2010-01-13T08:40:25.000Z',
      resolved_at: '2010-01-29T08:52:34.000Z',
      closed_at: '2010-02-13T08:52:48.000Z',
      assignee_name: 'Value 2',
      reopen_count: 0,
    });
    expect(t.events.map((e) => e.kind)).toEqual([
      'opened',
      'assigned',
      'resolved',
      'closed',
      'updated',
    ]);
    // A re-run finds every case unchanged.
    const again = await importLog(get(), 'helpdesk-event-log.csv', 'helpdesk');
    expect(again).toMatchObject({ created: {}, updated: {}, unchanged: { incident: 4580 } });
  }, 120_000);
});
