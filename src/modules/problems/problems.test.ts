import { describe, expect, it } from 'vitest';
import { moveTo, type Problem, rankKnownErrors, termsOf } from './problems.js';

const problem = (over: Partial<Problem> = {}): Problem => ({
  id: 'p',
  number: 'PRB0000001',
  title: 'A problem',
  description: '',
  status: 'new',
  ownerGroupId: null,
  assigneeId: null,
  rcaMethod: null,
  rootCause: null,
  contributingFactors: null,
  workaround: null,
  serviceIds: [],
  knownErrorAt: null,
  resolvedAt: null,
  closedAt: null,
  createdBy: null,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  version: 1,
  ...over,
});

describe('known-error ranking', () => {
  it('ignores short and common words and matches plurals', () => {
    expect([...termsOf('The client says: payments TIMEOUTS on it!')]).toEqual([
      'says',
      'payment',
      'timeout',
    ]);
  });

  it('weighs a title match above mentions in the workaround, then prefers the newest', () => {
    const ranked = rankKnownErrors('Payment timeout at checkout', [
      problem({
        id: 'body',
        title: 'Slow pages',
        workaround: 'payment timeout checkout',
        knownErrorAt: '2026-03-01T00:00:00.000Z',
      }),
      problem({ id: 'title', title: 'Payment timeouts', knownErrorAt: '2026-01-01T00:00:00.000Z' }),
      problem({ id: 'none', title: 'Printer jam', knownErrorAt: '2026-04-01T00:00:00.000Z' }),
      problem({ id: 'title2', title: 'Payment timeout', knownErrorAt: '2026-02-01T00:00:00.000Z' }),
    ]);
    expect(ranked.map((r) => [r.item.id, r.score])).toEqual([
      ['title2', 6],
      ['title', 6],
      ['body', 3],
      ['none', 0],
    ]);
  });
});

describe('problem life cycle', () => {
  const now = '2026-05-01T10:00:00.000Z';
  it('stamps the moves and clears resolution on reopening', () => {
    const known = moveTo(problem(), problem(), 'known_error', now);
    expect(known).toMatchObject({ status: 'known_error', knownErrorAt: now });
    const resolved = moveTo(known, known, 'resolved', now);
    expect(resolved).toMatchObject({ resolvedAt: now, knownErrorAt: now });
    const reopened = moveTo(resolved, resolved, 'under_investigation', now);
    expect(reopened).toMatchObject({ resolvedAt: null, knownErrorAt: now });
  });

  it('refuses a move the life cycle forbids', () => {
    expect(() => moveTo(problem(), problem(), 'closed', now)).toThrow(/cannot become closed/);
    const closed = problem({ status: 'closed' });
    expect(() => moveTo(closed, closed, 'under_investigation', now)).toThrow();
  });
});
