// The first audit event of many new records at once. The audit service appends one event at a
// time after reading the chain head; a record created in this transaction has no chain yet, so
// its event is link 1 after the genesis hash and a whole batch goes in one multi-row insert.
import type { Executor } from '../../../db/executor.js';
import type { Actor } from '../../../shared/actor.js';
import { uuidv7 } from '../../../shared/ids.js';
import { type Changes, canonicalJson, eventHash, GENESIS_HASH } from '../../audit/audit.js';
import { chunks } from './parties.js';

export async function recordFirstEvents(
  trx: Executor,
  actor: Actor,
  at: Date,
  events: { action: string; entityType: string; entityId: string; changes: Changes }[],
) {
  const rows = events.map((event) => {
    const content = {
      id: uuidv7(at.getTime()),
      occurredAt: at.toISOString(),
      actorId: actor.id,
      actorName: actor.name,
      action: event.action,
      entityType: event.entityType,
      entityId: event.entityId,
      changes: canonicalJson(event.changes),
      requestId: actor.requestId ?? null,
      chainSeq: 1,
    };
    return {
      id: content.id,
      occurred_at: content.occurredAt,
      actor_id: content.actorId,
      actor_name: content.actorName,
      action: content.action,
      entity_type: content.entityType,
      entity_id: content.entityId,
      changes: content.changes,
      request_id: content.requestId,
      chain_seq: 1,
      prev_hash: GENESIS_HASH,
      hash: eventHash(GENESIS_HASH, content),
    };
  });
  for (const chunk of chunks(rows, 12))
    await trx.insertInto('audit_events').values(chunk).execute();
}
