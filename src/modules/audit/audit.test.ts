import { describe, expect, it } from 'vitest';
import {
  type AuditEventContent,
  canonicalJson,
  createChainVerifier,
  diff,
  eventHash,
  GENESIS_HASH,
  type StoredAuditEvent,
} from './audit.js';

function chain(entityId: string, count: number): StoredAuditEvent[] {
  const events: StoredAuditEvent[] = [];
  let prev = GENESIS_HASH;
  for (let seq = 1; seq <= count; seq++) {
    const content: AuditEventContent = {
      id: `${entityId}-${seq}`,
      occurredAt: `2026-01-01T00:00:0${seq}.000Z`,
      actorId: 'u1',
      actorName: 'Ann',
      action: seq === 1 ? 'create' : 'update',
      entityType: 'group',
      entityId,
      changes: canonicalJson({ name: { from: seq - 1, to: seq } }),
      requestId: null,
      chainSeq: seq,
    };
    const hash = eventHash(prev, content);
    events.push({ ...content, prevHash: prev, hash });
    prev = hash;
  }
  return events;
}

describe('audit rules', () => {
  it('serialises equal content equally whatever the key order', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { y: 2, x: 1 }], c: null } })).toBe(
      '{"a":{"c":null,"d":[1,{"x":1,"y":2}]},"b":1}',
    );
  });

  it('diffs only changed fields, hiding secrets and ignoring bookkeeping', () => {
    expect(
      diff(
        { name: 'a', role: 'x', version: 1, secret: 's1' },
        { name: 'b', role: 'x', version: 2, secret: 's2' },
        { hidden: ['secret'] },
      ),
    ).toEqual({
      name: { from: 'a', to: 'b' },
      secret: { from: '(hidden)', to: '(hidden)' },
    });
  });

  it('accepts intact chains and reports the first altered, missing or re-linked event', () => {
    const events = [...chain('a', 3), ...chain('b', 2)];
    const verifier = createChainVerifier();
    expect(events.map((e) => verifier.push(e))).toEqual([null, null, null, null, null]);

    const altered = chain('a', 3);
    altered[1] = { ...(altered[1] as StoredAuditEvent), actorName: 'Mallory' };
    const v2 = createChainVerifier();
    const results = altered.map((e) => v2.push(e));
    expect(results[1]).toMatchObject({ eventId: 'a-2', reason: expect.stringMatching(/altered/) });

    const missing = chain('a', 3).filter((e) => e.chainSeq !== 2);
    const v3 = createChainVerifier();
    expect(missing.map((e) => v3.push(e))[1]).toMatchObject({
      chainSeq: 3,
      reason: expect.stringMatching(/missing/),
    });
  });
});
