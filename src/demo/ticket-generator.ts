// Realistic ticket history in bulk: incidents and requests over a period, worked by the groups of
// their services, with replies and notes, SLA clocks computed by the engine against the real
// calendars and policies, surveys and the complaints low ratings open. Used by the demo seeder
// (a few thousand tickets) and by `meridian demo generate --tickets N` (up to millions).
//
// It writes rows directly in batches, like an import: generated history is not news, so it sends
// no notifications, schedules no SLA jobs and writes one audit event per batch (not per ticket).
import type { Executor } from '../db/executor.js';
import { formatNumber, reserveInSeries } from '../db/number-series.js';
import type {
  ComplaintsTable,
  SlaClocksTable,
  SurveysTable,
  TicketCommentsTable,
  TicketsTable,
} from '../db/schema.js';
import { toJson } from '../db/values.js';
import type { BusinessCalendar } from '../modules/sla/calendar.js';
import { deriveClock, type Ledger, ledgerEvents } from '../modules/sla/ledger.js';
import {
  CLOCKS,
  choosePolicy,
  type Priority,
  type SlaPolicy,
  type TicketType,
  targetMinutes,
} from '../modules/sla/policy.js';
import { DEFAULT_SETTINGS, PREFIX, priorityOf } from '../modules/tickets/tickets.js';
import type { Services } from '../server/services.js';
import { systemActor } from '../shared/actor.js';
import { uuidv7 } from '../shared/ids.js';
import { random } from './random.js';
import { incidentTitle, replyText, requestTitle } from './ticket-texts.js';

export interface GenerateOptions {
  count: number;
  /** The history ends now (the services' clock) and starts this many days before. */
  days: number;
  seed?: number;
  batchSize?: number;
  onProgress?: (done: number, total: number) => void;
  /**
   * After each batch: no ticket still to come dates anything before this day (UTC, YYYY-MM-DD),
   * since tickets come in order of creation and all their history follows it.
   */
  onSettled?: (before: string) => Promise<void>;
}

interface Workspace {
  services: { id: string; name: string; groupId: string | null; ownerId: string | null }[];
  groups: Map<string, { memberIds: string[] }>;
  requesters: { id: string; organisationId: string | null }[];
  agents: string[];
  names: Map<string, string>;
}

async function readWorkspace(db: Executor): Promise<Workspace> {
  const services = await db
    .selectFrom('services')
    .select(['id', 'name', 'default_group_id', 'owner_id'])
    .where('status', '=', 'live')
    .orderBy('name')
    .execute();
  const members = await db.selectFrom('group_members').select(['group_id', 'user_id']).execute();
  const users = await db
    .selectFrom('users')
    .select(['id', 'name', 'role', 'organisation_id'])
    .where('active', '=', true)
    .orderBy('id')
    .execute();
  const groups = new Map<string, { memberIds: string[] }>();
  for (const m of members) {
    const g = groups.get(m.group_id) ?? { memberIds: [] };
    g.memberIds.push(m.user_id);
    groups.set(m.group_id, g);
  }
  return {
    services: services.map((s) => ({
      id: s.id,
      name: s.name,
      groupId: s.default_group_id,
      ownerId: s.owner_id,
    })),
    groups,
    requesters: users
      .filter((u) => u.role === 'requester')
      .map((u) => ({ id: u.id, organisationId: u.organisation_id })),
    agents: users.filter((u) => u.role === 'agent').map((u) => u.id),
    names: new Map(users.map((u) => [u.id, u.name])),
  };
}

const HOUR = 3_600_000;
const MINUTE = 60_000;
/** Typical hours to resolve by priority (wall-clock mean; long tails come from the exponential). */
const RESOLVE_HOURS: Record<Priority, number> = { P1: 3, P2: 10, P3: 30, P4: 60 };
const RESPOND_MINUTES: Record<Priority, number> = { P1: 10, P2: 25, P3: 60, P4: 120 };

/** Chunks of rows for multi-row inserts, under SQLite's limit of bound variables per statement. */
function chunks<T>(rows: T[], columns: number): T[][] {
  const size = Math.max(1, Math.floor(30_000 / columns));
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}

export async function generateTickets(
  services: Services,
  options: GenerateOptions,
): Promise<{ tickets: number; comments: number; surveys: number; complaints: number }> {
  const { db, clock } = services;
  services.database.prepareForBulkLoad();
  const rnd = random(options.seed ?? 20261126);
  const workspace = await readWorkspace(db);
  if (!workspace.services.length || !workspace.requesters.length || !workspace.agents.length)
    throw new Error(
      'Generating tickets needs live services, requesters and agents: run it on the demo workspace.',
    );
  const settings = await services.deskSettings.current();
  const policies = await services.policies.all();
  const calendarCache = new Map<
    string,
    { versionId: string; compiled: BusinessCalendar; dayMinutes: number }
  >();
  async function calendarOf(trx: Executor, policy: SlaPolicy) {
    let entry = calendarCache.get(policy.calendarId);
    if (!entry) {
      const calendar = await services.calendars.load(trx, policy.calendarId);
      if (!calendar) throw new Error(`calendar ${policy.calendarId} is missing`);
      entry = {
        versionId: calendar.versionId,
        compiled: await services.calendars.compiledVersionIn(trx, calendar.versionId),
        dayMinutes: calendar.businessDayMinutes,
      };
      calendarCache.set(policy.calendarId, entry);
    }
    return entry;
  }

  const now = clock.now().getTime();
  const start = now - options.days * 24 * HOUR;
  // Tickets come in order of creation, so numbers follow time as they would have.
  const createdTimes = Array.from(
    { length: options.count },
    () => start + rnd.next() * (now - start),
  ).sort((a, b) => a - b);
  const batchSize = options.batchSize ?? 2000;
  const totals = { tickets: 0, comments: 0, surveys: 0, complaints: 0 };
  const iso = (ms: number) => new Date(ms).toISOString();
  const lookup = (compiled: BusinessCalendar) => () => compiled;

  for (let offset = 0; offset < options.count; offset += batchSize) {
    const n = Math.min(batchSize, options.count - offset);
    await db.transaction().execute(async (trx) => {
      const firstSeq = await reserveInSeries(trx, 'ticket', n);
      const firstComplaint = { next: 0 };
      const tickets: TicketsTable[] = [];
      const comments: TicketCommentsTable[] = [];
      const clocks: SlaClocksTable[] = [];
      const surveys: SurveysTable[] = [];
      const complaints: Omit<ComplaintsTable, 'number'>[] = [];
      const docs: { ticketId: string; seq: number; text: string }[] = [];

      for (let i = 0; i < n; i++) {
        const created = createdTimes[offset + i] as number;
        const seq = firstSeq + i;
        const type: TicketType = rnd.chance(0.68) ? 'incident' : 'request';
        const service = rnd.pick(workspace.services);
        const requester = rnd.pick(workspace.requesters);
        const impact = rnd.chance(0.08) ? 1 : rnd.chance(0.4) ? 2 : 3;
        const urgency = rnd.chance(0.12) ? 1 : rnd.chance(0.45) ? 2 : 3;
        const priority = priorityOf(settings, impact, urgency);
        const group = service.groupId ? workspace.groups.get(service.groupId) : undefined;
        const agentPool = group?.memberIds.filter((m) => workspace.agents.includes(m)) ?? [];
        const assignee = agentPool.length ? rnd.pick(agentPool) : rnd.pick(workspace.agents);
        const age = now - created;

        const responded = created + rnd.exp(RESPOND_MINUTES[priority]) * MINUTE * 3;
        const resolvedAt = created + (0.2 + rnd.exp(RESOLVE_HOURS[priority])) * HOUR * 2;
        const resolved = resolvedAt < now && rnd.chance(age > 7 * 24 * HOUR ? 0.995 : 0.8);
        const closed = resolved && resolvedAt + 3 * 24 * HOUR < now;
        const hasResponse = responded < now;
        let status: string;
        let holdReason: string | null = null;
        if (closed) status = 'closed';
        else if (resolved) status = 'resolved';
        else if (!hasResponse) status = rnd.chance(0.5) ? 'new' : 'assigned';
        else if (rnd.chance(0.15)) {
          status = 'on_hold';
          holdReason = rnd.pick(['awaiting_requester', 'awaiting_supplier', 'awaiting_change']);
        } else status = 'in_progress';
        const hasAssignee = status !== 'new';
        const id = uuidv7(created);
        const title =
          type === 'incident'
            ? incidentTitle(rnd.next, service.name)
            : requestTitle(rnd.next, service.name);
        const number = formatNumber(PREFIX[type], seq);
        const category =
          type === 'incident'
            ? rnd.pick(
                settings.categories.length ? settings.categories : DEFAULT_SETTINGS.categories,
              )
            : 'request';
        const updated = resolved
          ? closed
            ? resolvedAt + 3 * 24 * HOUR
            : resolvedAt
          : hasResponse
            ? responded
            : created;
        tickets.push({
          id,
          seq,
          number,
          type,
          title,
          description: `${title}. Reported through the ${rnd.pick(['portal', 'phone', 'email'])} by a ${service.name} user.`,
          requester_id: requester.id,
          organisation_id: requester.organisationId,
          service_id: service.id,
          request_type_id: null,
          category,
          channel: rnd.pick(['portal', 'portal', 'agent', 'email', 'api']),
          impact,
          urgency,
          priority,
          status,
          open: !resolved,
          hold_reason: holdReason,
          group_id: service.groupId,
          assignee_id: hasAssignee ? assignee : null,
          resolution_code: resolved
            ? type === 'request'
              ? 'fulfilled'
              : rnd.pick(['solved', 'solved', 'workaround', 'not_reproducible'])
            : null,
          resolution_notes: resolved ? replyText(rnd.next, 'resolution') : null,
          major_incident: type === 'incident' && priority === 'P1' && rnd.chance(0.05),
          form_answers: toJson({}),
          source_key: `generated:${seq}`,
          first_responded_at: hasResponse ? iso(responded) : null,
          resolved_at: resolved ? iso(resolvedAt) : null,
          closed_at: closed ? iso(resolvedAt + 3 * 24 * HOUR) : null,
          created_at: iso(created),
          updated_at: iso(Math.min(updated, now)),
          version: resolved ? 5 : 3,
        });

        const texts: string[] = [number, title];
        const say = (
          at: number,
          authorId: string,
          visibility: 'public' | 'internal',
          kind: Parameters<typeof replyText>[1],
        ) => {
          const body = replyText(rnd.next, kind);
          texts.push(body);
          comments.push({
            id: uuidv7(at),
            ticket_id: id,
            author_id: authorId,
            author_name: workspace.names.get(authorId) ?? 'Agent',
            visibility,
            body,
            created_at: iso(at),
          });
        };
        if (hasResponse) say(responded, assignee, 'public', 'first-reply');
        if (hasResponse && rnd.chance(0.35))
          say(responded + 20 * MINUTE, assignee, 'internal', 'note');
        if (hasResponse && rnd.chance(0.45))
          say(Math.min(responded + 2 * HOUR, now - MINUTE), requester.id, 'public', 'requester');
        docs.push({ ticketId: id, seq, text: texts.join('\n') });

        // SLA clocks from the engine: the same policy choice, calendar and ledger as live tickets.
        const choice = choosePolicy(policies, {
          type,
          priority: priority as Priority,
          serviceId: service.id,
          organisationId: requester.organisationId,
        });
        if (choice) {
          const cal = await calendarOf(trx, choice.policy);
          for (const kind of CLOCKS) {
            const target = choice.policy.targets[kind][priority as Priority];
            if (!target) continue;
            const minutes = targetMinutes(target, cal.compiled, created, cal.dayMinutes);
            let ledger: Ledger = ledgerEvents.start(created, cal.versionId);
            const stopAt =
              kind === 'first_response'
                ? hasResponse
                  ? responded
                  : null
                : resolved
                  ? resolvedAt
                  : null;
            if (stopAt !== null)
              ledger = ledgerEvents.stop(
                ledger,
                stopAt,
                kind === 'first_response' ? 'first public reply' : 'ticket resolved',
              );
            else if (status === 'on_hold' && choice.policy.pauseOn[kind]?.includes('on_hold'))
              ledger = ledgerEvents.pause(
                ledger,
                Math.max(created, now - rnd.exp(6) * HOUR),
                'status on_hold',
              );
            const state = deriveClock(ledger, lookup(cal.compiled), minutes, now);
            clocks.push({
              id: uuidv7(created),
              subject_type: 'ticket',
              subject_id: id,
              clock: kind,
              policy_id: choice.policy.id,
              calendar_id: choice.policy.calendarId,
              selection_reason: choice.reason,
              target: toJson(target),
              target_minutes: minutes,
              ledger: toJson(ledger),
              state: state.state,
              due_at: state.dueAt === null ? null : iso(state.dueAt),
              breached_at: state.breachedAt === null ? null : iso(state.breachedAt),
              fired: toJson({}),
              revision: 1,
              created_at: iso(created),
              updated_at: iso(Math.min(updated, now)),
            });
          }
        }

        // Surveys: most resolved tickets invite one; a third are answered, lower after a breach.
        if (resolved && rnd.chance(0.85)) {
          const breached = clocks.some((c) => c.subject_id === id && c.breached_at !== null);
          const answered = rnd.chance(0.38);
          const rating = answered
            ? Math.max(1, Math.min(5, Math.round((breached ? 3.1 : 4.4) + (rnd.next() - 0.5) * 3)))
            : null;
          const surveyId = uuidv7(resolvedAt);
          surveys.push({
            id: surveyId,
            ticket_id: id,
            // No token was ever sent for generated history: a value no token hash can equal.
            token_hash: `generated:${surveyId}`,
            requester_id: requester.id,
            service_id: service.id,
            group_id: service.groupId,
            agent_id: hasAssignee ? assignee : null,
            sent_at: iso(resolvedAt),
            expires_at: iso(resolvedAt + 14 * 24 * HOUR),
            rating,
            comment: rating !== null && rating <= 2 ? replyText(rnd.next, 'complaint') : null,
            answered_at:
              rating !== null ? iso(Math.min(resolvedAt + rnd.exp(20) * HOUR, now)) : null,
          });
          if (rating !== null && rating <= 2) {
            const at = Math.min(resolvedAt + 24 * HOUR, now);
            const done = at + 5 * 24 * HOUR < now;
            complaints.push({
              id: uuidv7(at),
              ticket_id: id,
              survey_id: surveyId,
              service_id: service.id,
              owner_id: service.ownerId,
              complainant_id: requester.id,
              summary: replyText(rnd.next, 'complaint'),
              status: done ? 'resolved' : 'open',
              resolution: done
                ? 'Called the requester, apologised and reviewed the handling with the team.'
                : null,
              resolved_at: done ? iso(at + 5 * 24 * HOUR) : null,
              created_at: iso(at),
              updated_at: iso(done ? at + 5 * 24 * HOUR : at),
              version: done ? 2 : 1,
            });
          }
        }
      }

      for (const rows of chunks(tickets, 31))
        await trx.insertInto('tickets').values(rows).execute();
      for (const rows of chunks(comments, 7))
        await trx.insertInto('ticket_comments').values(rows).execute();
      for (const rows of chunks(clocks, 17))
        await trx.insertInto('sla_clocks').values(rows).execute();
      for (const rows of chunks(surveys, 12))
        await trx.insertInto('surveys').values(rows).execute();
      if (complaints.length)
        firstComplaint.next = await reserveInSeries(trx, 'CMP', complaints.length);
      const numbered = complaints.map((c, k) => ({
        ...c,
        number: formatNumber('CMP', firstComplaint.next + k),
      }));
      for (const rows of chunks(numbered, 14))
        await trx.insertInto('complaints').values(rows).execute();
      await services.ticketSearch.indexMany(trx, docs);
      await services.audit.record(trx, systemActor('demo generator'), {
        action: 'generate',
        entityType: 'ticket-batch',
        entityId: `${formatNumber('#', firstSeq)}-${formatNumber('#', firstSeq + n - 1)}`,
        changes: { tickets: { from: null, to: n }, comments: { from: null, to: comments.length } },
      });
      totals.tickets += n;
      totals.comments += comments.length;
      totals.surveys += surveys.length;
      totals.complaints += complaints.length;
    });
    options.onProgress?.(totals.tickets, options.count);
    const next = createdTimes[offset + n];
    if (next !== undefined) await options.onSettled?.(new Date(next).toISOString().slice(0, 10));
  }
  return totals;
}
