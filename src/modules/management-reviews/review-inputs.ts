// The inputs of a management review, taken from live data when the review is prepared. Each
// reads its module through that module's service (audits, training, improvements, surveys,
// compliance evidence); service delivery time and complaints are read-only queries of this
// module's repository because no service offers them yet.
import type { Executor } from '../../db/executor.js';
import type { Services } from '../../server/services.js';
import { systemActor } from '../../shared/actor.js';
import {
  type Figures,
  type InputRow,
  isActionOverdue,
  type ReviewInput,
} from './management-reviews.js';
import { managementReviewsRepository as repo, toAction } from './management-reviews.repository.js';

interface Period {
  from: string;
  to: string;
}

const DAY = 86_400_000;
const HOUR = 3_600_000;
const reader = systemActor('management review');

const startOf = (p: Period) => `${p.from}T00:00:00.000Z`;
const endOf = (p: Period) => new Date(Date.parse(`${p.to}T00:00:00.000Z`) + DAY).toISOString();
const round1 = (n: number) => Math.round(n * 10) / 10;

/** Median and mean of a list of durations in hours, one decimal; null when empty. */
export function centre(hours: number[]): { median: number | null; mean: number | null } {
  if (hours.length === 0) return { median: null, mean: null };
  const sorted = [...hours].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const median =
    sorted.length % 2 === 1
      ? (sorted[mid] as number)
      : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
  const mean = sorted.reduce((s, h) => s + h, 0) / sorted.length;
  return { median: round1(median), mean: round1(mean) };
}

/** Change from `before` to `now` in percent, one decimal; null when either is missing or 0. */
export const change = (now: number | null, before: number | null) =>
  now === null || before === null || before === 0 ? null : round1(((now - before) / before) * 100);

const fmt = (n: number | null, unit = '') => (n === null ? 'n/a' : `${n}${unit}`);
const trend = (pct: number | null) =>
  pct === null ? '' : ` (${pct > 0 ? '+' : ''}${pct}% on the previous period)`;

export function createReviewInputs(deps: { db: Executor; modules: () => Partial<Services> }) {
  const { db, modules } = deps;

  async function previousActions(reviewId: string, plannedOn: string, current: Period) {
    const rows = await repo.earlierActions(db, reviewId, plannedOn, startOf(current));
    const names = await repo.userNames(
      db,
      rows.map((r) => r.owner_id).filter((id): id is string => id !== null),
    );
    let open = 0;
    let overdue = 0;
    let done = 0;
    const list: InputRow[] = rows.map((row) => {
      const action = toAction(row);
      const late = isActionOverdue(action, current.to);
      if (action.status === 'open') open++;
      else done++;
      if (late) overdue++;
      return {
        label: `${row.review_number} · ${action.title}`,
        detail: `${action.ownerId ? (names.get(action.ownerId) ?? '') : ''} · ${action.dueDate}`,
        flag: late ? 'overdue' : action.status,
        link: `/management-reviews/${action.reviewId}`,
        figures: {},
      };
    });
    return {
      key: 'previousActions' as const,
      summary:
        rows.length === 0
          ? 'No actions from earlier reviews to follow up.'
          : `${open} actions from earlier reviews still open (${overdue} overdue); ${done} done since the last review.`,
      figures: { open, overdue, done },
      rows: list,
    };
  }

  async function delivery(period: Period) {
    const rows = await repo.resolvedTickets(db, startOf(period), endOf(period));
    const hoursOf = (type?: string) =>
      rows
        .filter((r) => !type || r.type === type)
        .map((r) => (Date.parse(r.resolved_at as string) - Date.parse(r.created_at)) / HOUR);
    return {
      all: hoursOf(),
      incident: hoursOf('incident'),
      request: hoursOf('request'),
    };
  }

  function deliveryFigures(now: number[], before: number[]): Figures {
    const a = centre(now);
    const b = centre(before);
    return {
      resolved: now.length,
      medianHours: a.median,
      meanHours: a.mean,
      previousResolved: before.length,
      previousMedianHours: b.median,
      previousMeanHours: b.mean,
      medianChange: change(a.median, b.median),
    };
  }

  async function serviceDelivery(current: Period, previous: Period): Promise<ReviewInput> {
    const [now, before] = await Promise.all([delivery(current), delivery(previous)]);
    const figures = deliveryFigures(now.all, before.all);
    return {
      key: 'serviceDelivery',
      summary:
        now.all.length === 0
          ? 'No incident or request was resolved in the period.'
          : `${now.all.length} incidents and requests resolved; median time to resolve ${fmt(figures.medianHours ?? null, ' h')}, mean ${fmt(figures.meanHours ?? null, ' h')}${trend(figures.medianChange ?? null)}.`,
      figures,
      rows: (['incident', 'request'] as const).map((type) => ({
        label: type,
        detail: null,
        flag: null,
        link: null,
        figures: deliveryFigures(now[type], before[type]),
      })),
    };
  }

  async function sla(current: Period, previous: Period): Promise<ReviewInput> {
    const compliance = modules().compliance;
    const [now, before] = compliance
      ? await Promise.all([
          compliance.evidence.one(reader, 'sla.attainment', current),
          compliance.evidence.one(reader, 'sla.attainment', previous),
        ])
      : [null, null];
    const attainment = now?.value ?? null;
    const previousAttainment = before?.value ?? null;
    return {
      key: 'sla',
      summary:
        attainment === null
          ? 'No SLA target reached an outcome in the period.'
          : `${attainment}% of ${now?.count ?? 0} SLA targets met${previousAttainment === null ? '' : ` (previous period ${previousAttainment}%)`}.`,
      figures: { attainment, targets: now?.count ?? 0, previousAttainment },
      rows: [],
    };
  }

  async function satisfaction(current: Period, previous: Period): Promise<ReviewInput> {
    const surveys = modules().surveys;
    const stats = async (p: Period) =>
      surveys ? (await surveys.stats(reader, { from: startOf(p), to: endOf(p) })).overall : null;
    const [now, before, complaints] = await Promise.all([
      stats(current),
      stats(previous),
      repo.complaints(db, startOf(current), endOf(current)),
    ]);
    const index = now?.satisfactionIndex ?? null;
    const previousIndex = before?.satisfactionIndex ?? null;
    const responseRate = now && now.sent > 0 ? round1(now.responseRate * 100) : null;
    return {
      key: 'satisfaction',
      summary: `${
        index === null
          ? 'No survey was answered in the period'
          : `Satisfaction index ${index}/100 from ${now?.answered ?? 0} answers (response rate ${fmt(responseRate, '%')})${trend(change(index, previousIndex))}`
      }; ${complaints.opened} complaints opened, ${complaints.resolved} resolved, ${complaints.open} still open.`,
      figures: {
        index,
        previousIndex,
        indexChange: change(index, previousIndex),
        sent: now?.sent ?? 0,
        answered: now?.answered ?? 0,
        responseRate,
        averageRating: now?.averageRating ?? null,
        complaintsOpened: complaints.opened,
        complaintsResolved: complaints.resolved,
        complaintsOpen: complaints.open,
      },
      rows: [],
    };
  }

  async function audits(current: Period): Promise<ReviewInput> {
    const summary = await modules().auditProgramme?.summary(db, current);
    const s = summary ?? {
      audits: 0,
      auditedRequirements: 0,
      conformingRequirements: 0,
      successRate: null,
      findingsByKind: {},
      openNonconformities: 0,
      overdueActions: 0,
    };
    return {
      key: 'audits',
      summary:
        s.audits === 0
          ? `No audit completed in the period; ${s.openNonconformities} nonconformities open, ${s.overdueActions} corrective actions overdue.`
          : `${s.audits} audits completed: ${s.conformingRequirements} of ${s.auditedRequirements} audited requirements conforming (${fmt(s.successRate, '%')}); ${s.openNonconformities} nonconformities open, ${s.overdueActions} corrective actions overdue.`,
      figures: {
        audits: s.audits,
        auditedRequirements: s.auditedRequirements,
        conformingRequirements: s.conformingRequirements,
        successRate: s.successRate,
        openNonconformities: s.openNonconformities,
        overdueActions: s.overdueActions,
      },
      rows: Object.entries(s.findingsByKind).map(([kind, count]) => ({
        label: kind,
        detail: null,
        flag: null,
        link: null,
        figures: { count },
      })),
    };
  }

  async function improvements(current: Period): Promise<ReviewInput> {
    const s = (await modules().improvements?.summary(db, current)) ?? {
      open: 0,
      raised: 0,
      completed: 0,
      overdue: 0,
    };
    return {
      key: 'improvements',
      summary: `${s.raised} improvement opportunities raised and ${s.completed} completed in the period; ${s.open} open, ${s.overdue} past their target date.`,
      figures: { raised: s.raised, completed: s.completed, open: s.open, overdue: s.overdue },
      rows: [],
    };
  }

  async function training(current: Period): Promise<ReviewInput> {
    const s = (await modules().training?.completion(db, current)) ?? {
      due: 0,
      completedOnTime: 0,
      rate: null,
      byGroup: [],
    };
    return {
      key: 'training',
      summary:
        s.due === 0
          ? 'No mandatory training was due in the period.'
          : `${s.completedOnTime} of ${s.due} training assignments due in the period completed on time (${fmt(s.rate, '%')}).`,
      figures: { due: s.due, completedOnTime: s.completedOnTime, rate: s.rate },
      rows: s.byGroup.map((g) => ({
        label: g.groupName,
        detail: null,
        flag: null,
        link: null,
        figures: { due: g.due, completedOnTime: g.completedOnTime, rate: g.rate },
      })),
    };
  }

  /** Every input over `current`, with trends against `previous`. */
  return async function take(
    review: { id: string; plannedOn: string },
    current: Period,
    previous: Period,
  ): Promise<ReviewInput[]> {
    return [
      await previousActions(review.id, review.plannedOn, current),
      await serviceDelivery(current, previous),
      await sla(current, previous),
      await satisfaction(current, previous),
      await audits(current),
      await improvements(current),
      await training(current),
    ];
  };
}
