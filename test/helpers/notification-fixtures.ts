// Fixtures for the notification, survey and complaint tests: minimal ticket and service rows
// written directly (the ticket service is tested on its own), ticket events published on the
// services' own event bus, a fake mail server, and the job queue worked by hand.
import type { Mailer, OutgoingMail } from '../../src/modules/notifications/mailer.js';
import type { TicketEvent, TicketSnapshot } from '../../src/modules/tickets/ticket-events.js';
import type { Actor } from '../../src/shared/actor.js';
import { uuidv7 } from '../../src/shared/ids.js';
import type { TestContext } from './test-app.js';

/** The outside mail server, replaced: records what was sent; can be made to fail. */
export function fakeMailer() {
  const sent: OutgoingMail[] = [];
  let failures = 0;
  const mailer: Mailer & { sent: OutgoingMail[]; failNext(times: number): void } = {
    sent,
    failNext(times) {
      failures = times;
    },
    async send(mail) {
      if (failures > 0) {
        failures--;
        throw new Error('421 4.3.0 mail server busy');
      }
      sent.push(mail);
    },
  };
  return mailer;
}

let seq = 1_000_000 + Math.floor(Math.random() * 1_000_000);

export async function insertService(ctx: TestContext, input: { name: string; ownerId?: string }) {
  const now = ctx.clock.now().toISOString();
  const id = uuidv7(ctx.clock.now().getTime());
  await ctx.services.db
    .insertInto('services')
    .values({
      id,
      name: input.name,
      description: '',
      status: 'live',
      owner_id: input.ownerId ?? null,
      calendar_id: null,
      default_group_id: null,
      created_at: now,
      updated_at: now,
      version: 1,
    })
    .execute();
  return id;
}

export async function insertTicket(
  ctx: TestContext,
  input: Partial<TicketSnapshot> & { requesterId: string },
): Promise<TicketSnapshot> {
  const now = ctx.clock.now().toISOString();
  const n = seq++;
  const snapshot: TicketSnapshot = {
    id: uuidv7(ctx.clock.now().getTime()),
    number: `INC${String(n).padStart(7, '0')}`,
    type: 'incident',
    title: 'Till printer jams on every receipt',
    status: 'in_progress',
    priority: 'P3',
    organisationId: null,
    serviceId: null,
    groupId: null,
    assigneeId: null,
    watcherIds: [],
    ...input,
  };
  await ctx.services.db
    .insertInto('tickets')
    .values({
      id: snapshot.id,
      seq: n,
      number: snapshot.number,
      type: snapshot.type,
      title: snapshot.title,
      description: 'Since this morning.',
      requester_id: snapshot.requesterId,
      organisation_id: snapshot.organisationId,
      service_id: snapshot.serviceId,
      request_type_id: null,
      category: 'hardware',
      channel: 'portal',
      impact: 3,
      urgency: 3,
      priority: snapshot.priority,
      status: snapshot.status,
      open: ctx.engine === 'sqlite' ? 1 : true,
      hold_reason: null,
      group_id: snapshot.groupId,
      assignee_id: snapshot.assigneeId,
      resolution_code: null,
      resolution_notes: null,
      major_incident: ctx.engine === 'sqlite' ? 0 : false,
      form_answers: '{}',
      source_key: null,
      first_responded_at: null,
      resolved_at: null,
      closed_at: null,
      created_at: now,
      updated_at: now,
      version: 1,
    })
    .execute();
  return snapshot;
}

/** Publishes an event the way the ticket service does: inside a transaction of its own. */
export function publish(ctx: TestContext, actor: Actor, event: TicketEvent) {
  return ctx.services.db
    .transaction()
    .execute((trx) => ctx.services.ticketEvents.publish(trx, actor, event));
}

export const actorFor = (user: { id: string; name: string; role: string }): Actor => ({
  id: user.id,
  name: user.name,
  role: user.role as Actor['role'],
});

/** Runs every due job (workers are off in tests); returns how many ran. */
export async function runJobs(ctx: TestContext) {
  let total = 0;
  for (let ran = -1; ran !== 0 && total < 10_000; total += ran)
    ran = await ctx.services.jobs.runDue(50);
  return total;
}

export async function countRows(
  ctx: TestContext,
  table: 'notifications' | 'surveys' | 'complaints' | 'audit_events',
) {
  const row = await ctx.services.db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
