// Writes a batch of validated imported tickets inside the import's transaction, the way the demo
// generator writes history: rows straight into the tables, multi-row inserts, no ticket events
// published. Imported history is not news: no notifications, surveys, SLA clocks or SLA jobs.
import { createHash } from 'node:crypto';
import type { Executor } from '../../../db/executor.js';
import { formatNumber, reserveInSeries } from '../../../db/number-series.js';
import type { TicketsTable } from '../../../db/schema.js';
import { toJson } from '../../../db/values.js';
import type { Services } from '../../../server/services.js';
import type { Actor } from '../../../shared/actor.js';
import { uuidv7 } from '../../../shared/ids.js';
import type { Changes } from '../../audit/audit.js';
import { type DeskSettings, PREFIX, priorityOf } from '../../tickets/tickets.js';
import { recordFirstEvents } from './audit-events.js';
import type { ImportedTicket } from './contract.js';
import { chunks, createPartyResolver, nameKey, partyName } from './parties.js';

export type ImportServices = Pick<
  Services,
  'db' | 'clock' | 'audit' | 'deskSettings' | 'ticketSearch'
>;

/** Same content, same fingerprint: a re-run leaves such tickets alone. */
export function fingerprint(ticket: ImportedTicket): string {
  const { rows: _rows, ...content } = ticket;
  return createHash('sha256').update(JSON.stringify(content)).digest('hex');
}

const ms = (iso: string) => Date.parse(iso);

export interface BatchCounts {
  created: Record<string, number>;
  updated: Record<string, number>;
  unchanged: Record<string, number>;
}

export async function createTicketWriter(
  services: ImportServices,
  trx: Executor,
  // Read before the transaction: on SQLite anything outside it would wait for it to end.
  context: { source: string; runId: string; actor: Actor; settings: DeskSettings },
) {
  const { clock } = services;
  const { settings } = context;
  const parties = createPartyResolver(context.source, () => clock.now().toISOString());
  const serviceIds = new Map(
    (await trx.selectFrom('services').select(['id', 'name']).execute()).map((s) => [
      nameKey(s.name),
      s.id,
    ]),
  );
  const organisationIds = new Map(
    (await trx.selectFrom('organisations').select(['id', 'name']).execute()).map((o) => [
      nameKey(o.name),
      o.id,
    ]),
  );
  // Tickets of a source without requesters still need one: a single stand-in per source.
  const unknownRequester = `Unknown requester (${context.source})`;

  function row(
    t: ImportedTicket,
  ): Omit<TicketsTable, 'id' | 'seq' | 'number' | 'version' | 'request_type_id'> {
    const closed = t.status === 'resolved' || t.status === 'closed';
    const last = Math.max(
      ms(t.createdAt),
      ...t.history.map((e) => ms(e.at)),
      t.resolvedAt ? ms(t.resolvedAt) : 0,
      t.closedAt ? ms(t.closedAt) : 0,
    );
    return {
      type: t.type,
      title: t.title,
      description: t.description,
      requester_id: parties.id('user', partyName(t.requester) ?? unknownRequester) as string,
      organisation_id: t.organisation
        ? (organisationIds.get(nameKey(t.organisation)) ?? null)
        : null,
      service_id: t.service ? (serviceIds.get(nameKey(t.service)) ?? null) : null,
      category: t.category?.trim() || (t.type === 'request' ? 'request' : 'other'),
      channel: 'api',
      impact: t.impact,
      urgency: t.urgency,
      priority: t.priority || priorityOf(settings, t.impact, t.urgency),
      status: t.status,
      open: !closed,
      hold_reason: t.status === 'on_hold' ? (t.holdReason ?? 'awaiting_requester') : null,
      group_id: parties.id('group', t.group),
      assignee_id: parties.id('user', partyName(t.assignee)),
      resolution_code: t.resolutionCode ?? null,
      resolution_notes: null,
      major_incident: false,
      form_answers: toJson({}),
      source_key: t.sourceKey,
      first_responded_at: t.firstRespondedAt ?? null,
      resolved_at: t.resolvedAt ?? null,
      closed_at: t.closedAt ?? null,
      created_at: t.createdAt,
      updated_at: new Date(last).toISOString(),
    };
  }

  function importRow(t: ImportedTicket, ticketId: string, print: string) {
    return {
      ticket_id: ticketId,
      source: context.source,
      source_key: t.sourceKey,
      source_number: t.sourceNumber,
      sla_met: t.slaMet ?? null,
      configuration_item: t.references?.configurationItem ?? null,
      problem: t.references?.problem ?? null,
      change: t.references?.change ?? null,
      reopen_count: t.reopenCount ?? t.history.filter((e) => e.kind === 'reopened').length,
      fingerprint: print,
      run_id: context.runId,
      imported_at: clock.now().toISOString(),
    };
  }

  function eventRows(t: ImportedTicket, ticketId: string) {
    return t.history.map((e, position) => ({
      id: uuidv7(ms(e.at)),
      ticket_id: ticketId,
      position,
      at: e.at,
      kind: e.kind,
      status: e.status,
      group_id: parties.id('group', e.group),
      assignee_id: parties.id('user', e.assignee),
      source_status: e.sourceStatus ?? null,
    }));
  }

  const searchText = (t: ImportedTicket, number: string) =>
    [number, t.sourceNumber, t.title, t.description].filter(Boolean).join('\n');

  return {
    parties,
    async write(batch: ImportedTicket[]): Promise<BatchCounts> {
      const counts: BatchCounts = { created: {}, updated: {}, unchanged: {} };
      const add = (into: Record<string, number>, key: string, n = 1) => {
        into[key] = (into[key] ?? 0) + n;
      };
      if (!batch.length) return counts;

      await parties.resolveGroups(
        trx,
        batch.flatMap((t) => [t.group, ...t.history.map((e) => e.group)].filter(isName)),
      );
      await parties.resolveUsers(
        trx,
        batch.flatMap((t) => [
          {
            name: partyName(t.requester) ?? unknownRequester,
            email: t.requester?.email ?? null,
            role: 'requester' as const,
          },
          ...[partyName(t.assignee), ...t.history.map((e) => e.assignee)]
            .filter(isName)
            .map((name) => ({
              name,
              email: name === partyName(t.assignee) ? (t.assignee?.email ?? null) : null,
              role: 'agent' as const,
            })),
        ]),
      );

      const existing = new Map<string, { ticket_id: string; fingerprint: string }>();
      for (const part of chunks(
        batch.map((t) => t.sourceKey),
        1,
      ))
        for (const r of await trx
          .selectFrom('ticket_imports')
          .select(['source_key', 'ticket_id', 'fingerprint'])
          .where('source_key', 'in', part)
          .execute())
          existing.set(r.source_key, r);

      const fresh: { t: ImportedTicket; print: string }[] = [];
      const changed: { t: ImportedTicket; print: string; ticketId: string }[] = [];
      for (const t of batch) {
        const print = fingerprint(t);
        const found = existing.get(t.sourceKey);
        if (!found) fresh.push({ t, print });
        else if (found.fingerprint === print) add(counts.unchanged, t.type);
        else changed.push({ t, print, ticketId: found.ticket_id });
      }

      if (fresh.length) {
        const firstSeq = await reserveInSeries(trx, 'ticket', fresh.length);
        const tickets: TicketsTable[] = [];
        const imports = [];
        const events = [];
        const docs = [];
        const audits = [];
        for (const [i, { t, print }] of fresh.entries()) {
          const seq = firstSeq + i;
          const id = uuidv7(ms(t.createdAt));
          const number = formatNumber(PREFIX[t.type], seq);
          tickets.push({ id, seq, number, request_type_id: null, version: 1, ...row(t) });
          imports.push(importRow(t, id, print));
          events.push(...eventRows(t, id));
          docs.push({ ticketId: id, seq, text: searchText(t, number) });
          audits.push({
            action: 'import',
            entityType: 'ticket',
            entityId: id,
            changes: {
              source: { from: null, to: context.source },
              sourceNumber: { from: null, to: t.sourceNumber },
              status: { from: null, to: t.status },
            },
          });
          add(counts.created, t.type);
        }
        for (const part of chunks(tickets, 32))
          await trx.insertInto('tickets').values(part).execute();
        for (const part of chunks(imports, 12))
          await trx.insertInto('ticket_imports').values(part).execute();
        for (const part of chunks(events, 9))
          await trx.insertInto('imported_ticket_events').values(part).execute();
        await services.ticketSearch.indexMany(trx, docs);
        await recordFirstEvents(trx, context.actor, clock.now(), audits);
      }

      for (const { t, print, ticketId } of changed) {
        const before = await trx
          .selectFrom('tickets')
          .selectAll()
          .where('id', '=', ticketId)
          .executeTakeFirstOrThrow();
        const after = row(t);
        await trx
          .updateTable('tickets')
          .set({ ...after, version: before.version + 1 })
          .where('id', '=', ticketId)
          .execute();
        await trx.deleteFrom('imported_ticket_events').where('ticket_id', '=', ticketId).execute();
        const events = eventRows(t, ticketId);
        for (const part of chunks(events, 9))
          await trx.insertInto('imported_ticket_events').values(part).execute();
        const { ticket_id: _id, ...fields } = importRow(t, ticketId, print);
        await trx
          .updateTable('ticket_imports')
          .set(fields)
          .where('ticket_id', '=', ticketId)
          .execute();
        await services.ticketSearch.index(trx, {
          ticketId,
          seq: Number(before.seq),
          text: searchText(t, before.number),
        });
        const changes: Changes = {};
        for (const key of Object.keys(after) as (keyof typeof after)[]) {
          const from = before[key];
          const to = after[key];
          if (key === 'updated_at' || key === 'form_answers') continue;
          if (!same(from, to)) changes[key] = { from, to };
        }
        await services.audit.record(trx, context.actor, {
          action: 'import-update',
          entityType: 'ticket',
          entityId: ticketId,
          changes,
        });
        add(counts.updated, t.type);
      }
      return counts;
    },
  };
}

const isName = (name: string | null | undefined): name is string => Boolean(name?.trim());

/** Stored and imported values compared as values: SQLite keeps booleans as 0|1, PostgreSQL hands timestamps back as Dates. */
function same(stored: unknown, imported: unknown) {
  if (typeof imported === 'boolean') return (stored === true || stored === 1) === imported;
  if (String(stored ?? '') === String(imported ?? '')) return true;
  const time = (v: unknown) =>
    v instanceof Date ? v.getTime() : typeof v === 'string' ? Date.parse(v) : Number.NaN;
  const x = time(stored);
  return !Number.isNaN(x) && x === time(imported);
}
