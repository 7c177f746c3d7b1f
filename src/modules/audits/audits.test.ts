import { describe, expect, it } from 'vitest';
import {
  actionState,
  auditRate,
  checkDate,
  checkGrades,
  type Finding,
  isOverdue,
  missingToClose,
  moveAudit,
} from './audits.js';

const nc = (over: Partial<Finding> = {}): Finding => ({
  id: 'f',
  auditId: 'a',
  reference: 'AUD0000001-F1',
  gradeKey: 'minor',
  gradeLabel: 'Minor nonconformity',
  gradeKind: 'minor-nonconformity',
  title: 't',
  statement: 's',
  evidence: '',
  requirements: ['8.5.1.1'],
  status: 'open',
  correction: null,
  rootCause: null,
  action: null,
  actionOwnerId: null,
  actionDue: null,
  actionDoneAt: null,
  verifiedBy: null,
  verifiedAt: null,
  effective: null,
  verificationNotes: null,
  closedAt: null,
  createdBy: null,
  createdAt: '2026-03-02T09:00:00.000Z',
  updatedAt: '2026-03-02T09:00:00.000Z',
  version: 1,
  ...over,
});

describe('audit rules', () => {
  it('counts audited requirements and those without a major or minor nonconformity', () => {
    const samples = [
      { requirement: '4.1', result: 'conforming' as const },
      { requirement: '8.5.1.1', result: 'nonconforming' as const },
      { requirement: '8.6.1', result: 'conforming' as const },
      { requirement: '9.2', result: 'conforming' as const },
      { requirement: '10.1', result: 'not-audited' as const },
    ];
    const findings = [
      { gradeKind: 'major-nonconformity' as const, requirements: ['8.6.1'] },
      { gradeKind: 'minor-nonconformity' as const, requirements: ['8.5.1.1'] },
      { gradeKind: 'observation' as const, requirements: ['9.2'] },
      { gradeKind: 'opportunity-for-improvement' as const, requirements: ['4.1'] },
    ];
    expect(auditRate(samples, findings)).toEqual({
      audited: ['4.1', '8.5.1.1', '8.6.1', '9.2'],
      conforming: ['4.1', '9.2'],
    });
  });

  it('lists what a nonconformity lacks before closing, in the order it is done', () => {
    expect(missingToClose(nc()).map((m) => m.field)).toEqual([
      '/correction',
      '/rootCause',
      '/action',
      '/actionOwnerId',
      '/actionDue',
      '/actionDoneAt',
      '/effective',
    ]);
    const done = nc({
      correction: 'c',
      rootCause: 'r',
      action: 'a',
      actionOwnerId: 'u',
      actionDue: '2026-04-01',
      actionDoneAt: '2026-03-20T10:00:00.000Z',
    });
    expect(actionState(done)).toBe('done');
    expect(missingToClose(done).map((m) => m.field)).toEqual(['/effective']);
    expect(missingToClose({ ...done, effective: false })).toHaveLength(1);
    expect(missingToClose({ ...done, effective: true })).toEqual([]);
    expect(actionState({ ...done, effective: true })).toBe('verified');
    expect(missingToClose(nc({ gradeKind: 'observation' }))).toEqual([]);
  });

  it('flags an open nonconformity past its due date until it is verified effective', () => {
    const due = nc({ action: 'a', actionOwnerId: 'u', actionDue: '2026-03-20' });
    expect(isOverdue(due, '2026-03-20')).toBe(false);
    expect(isOverdue(due, '2026-03-21')).toBe(true);
    expect(
      isOverdue({ ...due, actionDoneAt: '2026-03-19T00:00:00Z', effective: true }, '2026-03-21'),
    ).toBe(false);
    expect(isOverdue({ ...due, status: 'closed' }, '2026-03-21')).toBe(false);
    expect(isOverdue({ ...due, gradeKind: 'opportunity-for-improvement' }, '2026-03-21')).toBe(
      false,
    );
  });

  it('moves audits forward only and refuses bad dates and grades', () => {
    const audit = {
      status: 'planned' as const,
      completedAt: null,
    } as unknown as Parameters<typeof moveAudit>[0];
    expect(() => moveAudit(audit, 'completed', 'now')).toThrow(/cannot become completed/);
    expect(moveAudit(audit, 'in-progress', 'now').status).toBe('in-progress');
    expect(() => checkDate('2026-02-30', '/d')).toThrow();
    expect(checkDate('2028-02-29', '/d')).toBe('2028-02-29');
    expect(() => checkGrades([{ key: 'Major', label: 'M', kind: 'major-nonconformity' }])).toThrow(
      /lower-case/,
    );
  });
});
