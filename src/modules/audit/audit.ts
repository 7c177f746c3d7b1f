// Pure rules of the audit trail: what an event is, how it is hashed, how chains are checked.
// See docs/decisions/0002-audit-trail-hash-chains.md for the design and its guarantees.
import { createHash } from 'node:crypto';

export type Changes = Record<string, { from: unknown; to: unknown }>;

export interface AuditEventContent {
  id: string;
  occurredAt: string;
  actorId: string | null;
  actorName: string;
  action: string;
  entityType: string;
  entityId: string;
  /** Canonical JSON text of the changes. */
  changes: string;
  requestId: string | null;
  chainSeq: number;
}

export interface StoredAuditEvent extends AuditEventContent {
  prevHash: string;
  hash: string;
}

export const GENESIS_HASH = '0'.repeat(64);

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** JSON with object keys sorted at every depth, so equal content always hashes equally. */
export function canonicalJson(value: unknown): string {
  if (value === undefined) return 'null';
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record)
    .filter((k) => record[k] !== undefined)
    .sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(record[k])}`).join(',')}}`;
}

export function eventHash(prevHash: string, content: AuditEventContent): string {
  return sha256(
    `${prevHash}\n${canonicalJson({
      id: content.id,
      occurredAt: content.occurredAt,
      actorId: content.actorId,
      actorName: content.actorName,
      action: content.action,
      entityType: content.entityType,
      entityId: content.entityId,
      changes: content.changes,
      requestId: content.requestId,
      chainSeq: content.chainSeq,
    })}`,
  );
}

export function sealHash(
  prevSealHash: string,
  seq: number,
  eventId: string,
  eventHashValue: string,
) {
  return sha256(`${prevSealHash}\n${seq}\n${eventId}\n${eventHashValue}`);
}

/**
 * The fields that changed between two snapshots of a record. Fields listed in `hidden` (secrets
 * such as password hashes) are recorded as changed without their values.
 */
export function diff<T extends object>(
  before: T | null,
  after: T | null,
  options: { hidden?: readonly string[]; ignore?: readonly string[] } = {},
): Changes {
  const ignore = new Set(['updatedAt', 'version', ...(options.ignore ?? [])]);
  const hidden = new Set(options.hidden ?? []);
  const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})]);
  const changes: Changes = {};
  for (const key of keys) {
    if (ignore.has(key)) continue;
    const from = before ? (before as Record<string, unknown>)[key] : undefined;
    const to = after ? (after as Record<string, unknown>)[key] : undefined;
    if (canonicalJson(from) === canonicalJson(to)) continue;
    changes[key] = hidden.has(key)
      ? { from: from === undefined ? null : '(hidden)', to: to === undefined ? null : '(hidden)' }
      : { from: from ?? null, to: to ?? null };
  }
  return changes;
}

export interface ChainBreak {
  eventId: string;
  entityType: string;
  entityId: string;
  chainSeq: number;
  reason: string;
}

/**
 * Checks events of many chains, fed in (entityType, entityId, chainSeq) order. Returns the first
 * break it meets for each pushed event, or null.
 */
export function createChainVerifier() {
  let chain = '';
  let expectedSeq = 1;
  let prev = GENESIS_HASH;
  return {
    push(event: StoredAuditEvent): ChainBreak | null {
      const key = `${event.entityType}\u0000${event.entityId}`;
      if (key !== chain) {
        chain = key;
        expectedSeq = 1;
        prev = GENESIS_HASH;
      }
      const at = {
        eventId: event.id,
        entityType: event.entityType,
        entityId: event.entityId,
        chainSeq: event.chainSeq,
      };
      if (event.chainSeq !== expectedSeq) {
        return {
          ...at,
          reason: `expected event ${expectedSeq} of this record's chain, found ${event.chainSeq} (an event is missing)`,
        };
      }
      if (event.prevHash !== prev) {
        return {
          ...at,
          reason:
            'the link to the previous event does not match (an earlier event was altered or removed)',
        };
      }
      if (eventHash(event.prevHash, event) !== event.hash) {
        return { ...at, reason: 'the content no longer matches its hash (the event was altered)' };
      }
      prev = event.hash;
      expectedSeq += 1;
      return null;
    },
  };
}
