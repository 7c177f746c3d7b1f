// The audit figures of a period: the compliance audit success rate (overall and per audit) and the
// summary the management review and the KPIs read. Computed from the rows with the domain's
// `auditRate`, so both databases give the same numbers.
import type { Executor } from '../../db/executor.js';
import { type AuditType, auditRate, rate } from './audits.js';
import { auditsRepository as repo } from './audits.repository.js';
import type { AuditSummary, Period } from './audits.service.js';

export interface AuditRate {
  audited: number;
  conforming: number;
  rate: number | null;
}

export interface SuccessRateReport extends AuditRate {
  from: string;
  to: string;
  audits: (AuditRate & {
    id: string;
    number: string;
    title: string;
    type: AuditType;
    plannedEnd: string;
  })[];
}

const DAY = 86_400_000;
const dayAfter = (day: string) =>
  new Date(new Date(`${day}T00:00:00.000Z`).getTime() + DAY).toISOString();

/** Audits completed with an end date in the period, each with its audited and conforming requirements. */
export async function successRateOf(trx: Executor, period: Period): Promise<SuccessRateReport> {
  const completed = await repo.completedBetween(trx, period.from, period.to);
  const ids = completed.map((a) => a.id);
  const [samples, found] = await Promise.all([
    repo.samples(trx, ids),
    repo.findings(trx, { auditIds: ids }),
  ]);
  let audited = 0;
  let conforming = 0;
  const rows = completed.map((a) => {
    const figures = auditRate(
      samples.filter((s) => s.auditId === a.id),
      found.filter((f) => f.auditId === a.id),
    );
    audited += figures.audited.length;
    conforming += figures.conforming.length;
    return {
      id: a.id,
      number: a.number,
      title: a.title,
      type: a.type,
      plannedEnd: a.plannedEnd,
      audited: figures.audited.length,
      conforming: figures.conforming.length,
      rate: rate(figures.conforming.length, figures.audited.length),
    };
  });
  return { ...period, audited, conforming, rate: rate(conforming, audited), audits: rows };
}

export async function summaryOf(trx: Executor, period: Period): Promise<AuditSummary> {
  const figures = await successRateOf(trx, period);
  const start = `${period.from}T00:00:00.000Z`;
  const end = dayAfter(period.to);
  const raised = await repo.findingsRaisedBetween(trx, start, end);
  const findingsByKind: Record<string, number> = {};
  for (const f of raised) findingsByKind[f.gradeKind] = (findingsByKind[f.gradeKind] ?? 0) + 1;
  const open = (await repo.nonconformitiesBefore(trx, end)).filter(
    (f) => f.closedAt === null || f.closedAt >= end,
  );
  return {
    audits: figures.audits.length,
    auditedRequirements: figures.audited,
    conformingRequirements: figures.conforming,
    successRate: figures.rate,
    findingsByKind,
    openNonconformities: open.length,
    // Past due when its due date is on or before the period's last day and it was still open at
    // the period's end (an effective verification is part of closing).
    overdueActions: open.filter((f) => f.actionDue !== null && f.actionDue <= period.to).length,
  };
}
