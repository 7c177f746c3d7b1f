import { sql } from 'kysely';
import type { Executor } from '../../db/executor.js';
import type { CursorKey } from '../../db/keyset.js';
import { prepared, preparedInsert } from '../../db/prepared.js';
import type { AuditEventsTable, AuditSealsTable } from '../../db/schema.js';
import type { StoredAuditEvent } from './audit.js';

export const toEvent = (row: AuditEventsTable): StoredAuditEvent => ({
  id: row.id,
  occurredAt: row.occurred_at,
  actorId: row.actor_id,
  actorName: row.actor_name,
  action: row.action,
  entityType: row.entity_type,
  entityId: row.entity_id,
  changes: row.changes,
  requestId: row.request_id,
  chainSeq: Number(row.chain_seq),
  prevHash: row.prev_hash,
  hash: row.hash,
});

// Run by every audited write: compiled once (src/db/prepared.ts).
const insertEventQuery = preparedInsert('audit_events');
const chainHeadQuery = prepared((db: Executor, entityType: string, entityId: string) =>
  db
    .selectFrom('audit_events')
    .select(['chain_seq', 'hash'])
    .where('entity_type', '=', entityType)
    .where('entity_id', '=', entityId)
    .orderBy('chain_seq', 'desc')
    .limit(1),
);

export const auditRepository = {
  async chainHead(db: Executor, entityType: string, entityId: string) {
    return (await chainHeadQuery(db, entityType, entityId))[0];
  },

  async insert(db: Executor, event: StoredAuditEvent) {
    await insertEventQuery(db, {
      id: event.id,
      occurred_at: event.occurredAt,
      actor_id: event.actorId,
      actor_name: event.actorName,
      action: event.action,
      entity_type: event.entityType,
      entity_id: event.entityId,
      changes: event.changes,
      request_id: event.requestId,
      chain_seq: event.chainSeq,
      prev_hash: event.prevHash,
      hash: event.hash,
    });
  },

  async listForEntity(
    db: Executor,
    entityType: string,
    entityId: string,
    after: CursorKey | null,
    limit: number,
  ) {
    let query = db
      .selectFrom('audit_events')
      .selectAll()
      .where('entity_type', '=', entityType)
      .where('entity_id', '=', entityId);
    if (after) query = query.where('chain_seq', '<', Number(after[0]));
    return query.orderBy('chain_seq', 'desc').limit(limit).execute();
  },

  /** Every event in chain order, streamed in batches so verification runs in constant memory. */
  async *allInChainOrder(db: Executor, batch = 5000): AsyncGenerator<StoredAuditEvent> {
    let last: { type: string; id: string; seq: number } | null = null;
    for (;;) {
      let query = db.selectFrom('audit_events').selectAll();
      if (last) {
        const { type, id, seq } = last;
        query = query.where((eb) =>
          eb.or([
            eb('entity_type', '>', type),
            eb.and([eb('entity_type', '=', type), eb('entity_id', '>', id)]),
            eb.and([
              eb('entity_type', '=', type),
              eb('entity_id', '=', id),
              eb('chain_seq', '>', seq),
            ]),
          ]),
        );
      }
      const rows = await query
        .orderBy('entity_type')
        .orderBy('entity_id')
        .orderBy('chain_seq')
        .limit(batch)
        .execute();
      for (const row of rows) yield toEvent(row);
      const tail = rows[rows.length - 1];
      if (!tail || rows.length < batch) return;
      last = { type: tail.entity_type, id: tail.entity_id, seq: Number(tail.chain_seq) };
    }
  },

  async *allSeals(db: Executor, batch = 5000) {
    let after = 0;
    for (;;) {
      const rows = await db
        .selectFrom('audit_seals')
        .leftJoin('audit_events', 'audit_events.id', 'audit_seals.event_id')
        .select([
          'audit_seals.seq',
          'audit_seals.event_id',
          'audit_seals.event_hash',
          'audit_seals.prev_seal_hash',
          'audit_seals.seal_hash',
          'audit_events.hash as current_event_hash',
        ])
        .where('audit_seals.seq', '>', after)
        .orderBy('audit_seals.seq')
        .limit(batch)
        .execute();
      for (const row of rows) yield { ...row, seq: Number(row.seq) };
      const tail = rows[rows.length - 1];
      if (!tail || rows.length < batch) return;
      after = Number(tail.seq);
    }
  },

  async lastSeal(db: Executor): Promise<AuditSealsTable | undefined> {
    const row = await db
      .selectFrom('audit_seals')
      .selectAll()
      .orderBy('seq', 'desc')
      .limit(1)
      .executeTakeFirst();
    return row ? { ...row, seq: Number(row.seq) } : undefined;
  },

  /**
   * Events not sealed yet, oldest first. Only events at or after `since` are considered, so the
   * sealer reads a short window instead of the whole trail.
   */
  async unsealed(db: Executor, since: string, limit: number) {
    return db
      .selectFrom('audit_events as e')
      .leftJoin('audit_seals as s', 's.event_id', 'e.id')
      .select(['e.id', 'e.hash', 'e.occurred_at'])
      .where('s.event_id', 'is', null)
      .where('e.occurred_at', '>=', since)
      .orderBy('e.occurred_at')
      .orderBy('e.id')
      .limit(limit)
      .execute();
  },

  async insertSeals(db: Executor, seals: AuditSealsTable[]) {
    if (seals.length) await db.insertInto('audit_seals').values(seals).execute();
  },

  async counts(db: Executor) {
    const row = await db
      .selectFrom('audit_events')
      .select((eb) => [
        eb.fn.countAll<number>().as('events'),
        sql<number>`(select count(*) from audit_seals)`.as('seals'),
      ])
      .executeTakeFirstOrThrow();
    return { events: Number(row.events), seals: Number(row.seals) };
  },

  async eventOccurredAt(db: Executor, id: string) {
    const row = await db
      .selectFrom('audit_events')
      .select('occurred_at')
      .where('id', '=', id)
      .executeTakeFirst();
    return row?.occurred_at ?? null;
  },
};
