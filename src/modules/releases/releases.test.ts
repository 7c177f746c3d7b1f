import { describe, expect, it } from 'vitest';
import {
  type ChangeApprovalState,
  decide,
  NEXT_STATUSES,
  RELEASE_STATUSES,
  type Release,
  readinessOf,
  transition,
} from './releases.js';

const NOW = '2026-11-27T21:00:00.000Z';

const release = (overrides: Partial<Release> = {}): Release => ({
  id: 'r1',
  number: 'REL0000001',
  title: 'Storefront 24.11',
  description: '',
  type: 'major',
  versionLabel: '24.11.0',
  serviceId: 's1',
  status: 'deploying',
  managerId: null,
  plannedStart: null,
  plannedEnd: null,
  deploymentPlan: '',
  rollbackPlan: '',
  decision: 'go',
  decidedBy: 'u1',
  decidedAt: NOW,
  decisionComment: null,
  outcomeResult: null,
  outcome: null,
  deployedAt: null,
  closedAt: null,
  createdAt: NOW,
  updatedAt: NOW,
  version: 1,
  ...overrides,
});

const change = (id: string, approved: boolean): ChangeApprovalState => ({
  id,
  number: `CHG${id}`,
  title: id,
  type: 'normal',
  status: approved ? 'scheduled' : 'awaiting_approval',
  approved,
});

describe('release readiness', () => {
  it('is blocked without criteria, with any criterion not passed, and with an unapproved change', () => {
    const states = new Map([
      ['1', change('1', true)],
      ['2', change('2', false)],
    ]);
    expect(readinessOf([], [], states).deployBlockers.map((b) => b.code)).toEqual(['NO_CRITERIA']);
    const mixed = readinessOf(
      [
        { description: 'a', result: 'passed' },
        { description: 'b', result: 'failed' },
        { description: 'c', result: 'not_run' },
      ],
      ['1', '2', 'unknown'],
      states,
    );
    expect(mixed).toMatchObject({ criteriaPassed: 1, criteriaFailed: 1, changesApproved: 1 });
    expect(mixed.deployBlockers).toEqual([
      expect.objectContaining({ code: 'CRITERIA_NOT_PASSED', items: ['b', 'c'] }),
      expect.objectContaining({ code: 'CHANGES_NOT_APPROVED', items: ['CHG2', 'unknown'] }),
    ]);
    const clear = readinessOf([{ description: 'a', result: 'passed' }], ['1'], states);
    expect(clear.deployBlockers).toEqual([]);
  });
});

describe('release transitions', () => {
  const clear = readinessOf([{ description: 'a', result: 'passed' }], [], new Map());

  it('allows only the moves of the life cycle', () => {
    for (const from of RELEASE_STATUSES)
      for (const to of RELEASE_STATUSES) {
        const attempt = () =>
          transition(
            release({ status: from }),
            { status: to, outcome: 'What happened.' },
            clear,
            NOW,
          );
        if (NEXT_STATUSES[from].includes(to)) expect(attempt).not.toThrow();
        else expect(attempt).toThrow(/cannot become/);
      }
  });

  it('needs a go to deploy, clear readiness to count as deployed, and an outcome to roll back', () => {
    expect(() =>
      transition(
        release({ status: 'ready', decision: 'no_go' }),
        { status: 'deploying' },
        clear,
        NOW,
      ),
    ).toThrow(/go/);
    const blocked = readinessOf([], [], new Map());
    expect(() => transition(release(), { status: 'deployed' }, blocked, NOW)).toThrow(
      /cannot be marked deployed/,
    );
    expect(transition(release(), { status: 'deployed' }, clear, NOW)).toMatchObject({
      status: 'deployed',
      deployedAt: NOW,
      outcomeResult: 'successful',
    });
    expect(() => transition(release(), { status: 'rolled_back' }, clear, NOW)).toThrow(/outcome/);
  });

  it('forgets the decision when the release steps back, and a no-go needs its reason', () => {
    expect(
      transition(release({ status: 'ready' }), { status: 'testing' }, clear, NOW).decision,
    ).toBe(null);
    const testing = release({ status: 'testing', decision: null });
    expect(() => decide(testing, { decision: 'no_go' }, 'u2', NOW)).toThrow(/comment/);
    expect(decide(testing, { decision: 'go' }, 'u2', NOW)).toMatchObject({
      decision: 'go',
      decidedBy: 'u2',
      decidedAt: NOW,
    });
    expect(() => decide(release({ status: 'planning' }), { decision: 'go' }, 'u2', NOW)).toThrow();
  });
});
