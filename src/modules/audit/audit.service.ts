import type { Executor } from '../../db/executor.js';
import { decodeCursor, type Page, type PageRequest, pageSize, toPage } from '../../db/keyset.js';
import { type Actor, can, requirePermission } from '../../shared/actor.js';
import type { Clock } from '../../shared/clock.js';
import { DomainError, invalid } from '../../shared/errors.js';
import { uuidv7 } from '../../shared/ids.js';
import {
  type ChainBreak,
  type Changes,
  canonicalJson,
  createChainVerifier,
  eventHash,
  GENESIS_HASH,
  sealHash,
} from './audit.js';
import { auditRepository as repo, toEvent } from './audit.repository.js';

/** Decides whether an actor may see a record (and so its history). Modules register one per entity type. */
export type EntityReader = (actor: Actor, entityId: string) => Promise<boolean>;

export interface AuditEventView {
  id: string;
  occurredAt: string;
  actorId: string | null;
  actorName: string;
  action: string;
  entityType: string;
  entityId: string;
  changes: Changes;
  requestId: string | null;
}

export interface VerifyReport {
  ok: boolean;
  events: number;
  seals: number;
  unsealed: number;
  head: { seq: number; hash: string } | null;
  firstBreak:
    | (ChainBreak & { kind: 'record-chain' })
    | { kind: 'seal-chain'; seq: number; eventId: string; reason: string }
    | null;
}

// Transactions that commit later than this after their events' timestamps could be passed over
// by the sealer's window; writes are far shorter than this in practice.
const SEAL_WINDOW_MS = 10 * 60 * 1000;

export function createAuditService(deps: { db: Executor; clock: Clock }) {
  const { db, clock } = deps;
  const readers = new Map<string, EntityReader>();

  return {
    registerReader(entityType: string, reader: EntityReader) {
      readers.set(entityType, reader);
    },

    /** Appends an event to the record's chain inside the caller's transaction. */
    async record(
      trx: Executor,
      actor: Actor,
      event: { action: string; entityType: string; entityId: string; changes: Changes },
    ): Promise<void> {
      const head = await repo.chainHead(trx, event.entityType, event.entityId);
      const content = {
        id: uuidv7(clock.now().getTime()),
        occurredAt: clock.now().toISOString(),
        actorId: actor.id,
        actorName: actor.name,
        action: event.action,
        entityType: event.entityType,
        entityId: event.entityId,
        changes: canonicalJson(event.changes),
        requestId: actor.requestId ?? null,
        chainSeq: head ? Number(head.chain_seq) + 1 : 1,
      };
      const prevHash = head?.hash ?? GENESIS_HASH;
      await repo.insert(trx, { ...content, prevHash, hash: eventHash(prevHash, content) });
    },

    async listForEntity(
      actor: Actor,
      entity: string,
      page: PageRequest,
    ): Promise<Page<AuditEventView>> {
      const match = /^([a-z_-]+):(.+)$/.exec(entity);
      if (!match) throw invalid('/entity', 'use the form <type>:<id>, e.g. user:0190…');
      const [, entityType = '', entityId = ''] = match;
      const reader = readers.get(entityType);
      const allowed = can(actor, 'audit.read') || (reader ? await reader(actor, entityId) : false);
      // Not allowed to see the record: answer as if it had no history, so existence does not leak.
      if (!allowed)
        throw new DomainError('NOT_FOUND', `No history for ${entity} that you may see.`);
      const size = pageSize(page.limit);
      const rows = await repo.listForEntity(
        db,
        entityType,
        entityId,
        decodeCursor(page.cursor),
        size + 1,
      );
      return toPage(
        rows,
        size,
        (row) => [Number(row.chain_seq), row.id],
        (row) => {
          const e = toEvent(row);
          return {
            id: e.id,
            occurredAt: e.occurredAt,
            actorId: e.actorId,
            actorName: e.actorName,
            action: e.action,
            entityType: e.entityType,
            entityId: e.entityId,
            changes: JSON.parse(e.changes) as Changes,
            requestId: e.requestId,
          };
        },
      );
    },

    /** Seals committed events into the global chain, oldest first. Returns how many it sealed. */
    async seal(batch = 1000): Promise<number> {
      let total = 0;
      for (;;) {
        const sealed = await db.transaction().execute(async (trx) => {
          const last = await repo.lastSeal(trx);
          const lastAt = last ? await repo.eventOccurredAt(trx, last.event_id) : null;
          const since = lastAt
            ? new Date(new Date(lastAt).getTime() - SEAL_WINDOW_MS).toISOString()
            : '1970-01-01T00:00:00.000Z';
          const pending = await repo.unsealed(trx, since, batch);
          let seq = last ? Number(last.seq) : 0;
          let prev = last?.seal_hash ?? GENESIS_HASH;
          const sealedAt = clock.now().toISOString();
          const seals = pending.map((event) => {
            seq += 1;
            const hash = sealHash(prev, seq, event.id, event.hash);
            const seal = {
              seq,
              event_id: event.id,
              event_hash: event.hash,
              prev_seal_hash: prev,
              seal_hash: hash,
              sealed_at: sealedAt,
            };
            prev = hash;
            return seal;
          });
          await repo.insertSeals(trx, seals);
          return seals.length;
        });
        total += sealed;
        if (sealed < batch) return total;
      }
    },

    async head() {
      const last = await repo.lastSeal(db);
      return last ? { seq: Number(last.seq), hash: last.seal_hash } : null;
    },

    /** Walks every record chain and the seal chain; reports the first broken link. */
    async verify(
      actor: Actor,
      options: { anchor?: { seq: number; hash: string } } = {},
    ): Promise<VerifyReport> {
      requirePermission(actor, 'audit.verify', 'verify the audit trail');
      const verifier = createChainVerifier();
      let events = 0;
      let firstBreak: VerifyReport['firstBreak'] = null;
      for await (const event of repo.allInChainOrder(db)) {
        events += 1;
        const broken = verifier.push(event);
        if (broken && !firstBreak) firstBreak = { kind: 'record-chain', ...broken };
      }
      let seals = 0;
      let prev = GENESIS_HASH;
      let head: VerifyReport['head'] = null;
      let anchorSeen = false;
      for await (const seal of repo.allSeals(db)) {
        seals += 1;
        const fail = (reason: string) => {
          if (!firstBreak)
            firstBreak = { kind: 'seal-chain', seq: seal.seq, eventId: seal.event_id, reason };
        };
        if (seal.seq !== seals)
          fail(`expected seal ${seals}, found ${seal.seq} (a seal is missing)`);
        else if (seal.prev_seal_hash !== prev) fail('the link to the previous seal does not match');
        else if (sealHash(prev, seal.seq, seal.event_id, seal.event_hash) !== seal.seal_hash)
          fail('the seal was altered');
        else if (seal.current_event_hash === null) fail('the sealed event was removed');
        else if (seal.current_event_hash !== seal.event_hash)
          fail('the sealed event was altered after sealing');
        if (options.anchor && seal.seq === options.anchor.seq)
          anchorSeen = seal.seal_hash === options.anchor.hash;
        prev = seal.seal_hash;
        head = { seq: seal.seq, hash: seal.seal_hash };
      }
      if (options.anchor && !anchorSeen && !firstBreak) {
        firstBreak = {
          kind: 'seal-chain',
          seq: options.anchor.seq,
          eventId: '',
          reason:
            'the anchored seal is missing or differs (the trail was cut or rewritten after the anchor was taken)',
        };
      }
      return {
        ok: firstBreak === null,
        events,
        seals,
        unsealed: Math.max(events - seals, 0),
        head,
        firstBreak,
      };
    },
  };
}

export type AuditService = ReturnType<typeof createAuditService>;
