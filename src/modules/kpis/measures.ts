// The measures: each KPI definition names one, and its code says which records make the number.
// Three shapes (docs/kpis.md):
// - event measures turn each record into an observation dated by one instant (resolution, answer…)
//   and aggregate the observations of a period; series and breakdowns bucket the same observations;
// - snapshot measures (backlog) look at the records open at the end of each period;
// - figure measures ask another module for its figure of a period (audits, training).
// Every figure is computed from a `Summary` of observations (./summary.ts), so the direct source
// (./source.ts) and the daily rollup (./rollup-source.ts) aggregate the same way and agree.
import type { Executor } from '../../db/executor.js';
import { fromJson, toBool } from '../../db/values.js';
import type { AuditSummary } from '../audits/audits.service.js';
import type { BusinessCalendar } from '../sla/calendar.js';
import type { Ledger } from '../sla/ledger.js';
import type { TrainingCompletion } from '../training/training.service.js';
import { availabilityFigure } from './availability.js';
import type { Dimension, Period, Statistic } from './kpis.js';
import { kpiRepository as repo, type TicketFact } from './kpis.repository.js';
import { quantiles, type Summary } from './summary.js';

export interface RecordRef {
  type: 'ticket' | 'survey' | 'change';
  id: string;
  number: string;
  title: string;
}

export interface Observation {
  /** The instant that places it in a period. */
  at: string;
  /** "main" observations make the value; "sent" ones only the survey response rate. */
  kind: 'main' | 'sent';
  value: number;
  dims: Record<Dimension, string | null>;
  record: RecordRef;
}

/** A record open over [from, until) — until null while still open. */
export interface Spell {
  from: string;
  until: string | null;
  dims: Record<Dimension, string | null>;
  record: RecordRef;
}

export interface Figure {
  value: number | null;
  /** How many records are behind the value. */
  count: number;
  /** median, mean and p90 for duration measures. */
  statistics?: Partial<Record<Statistic, number | null>>;
  /** Further figures of the measure, e.g. the survey response rate beside the satisfaction index. */
  details?: Record<string, number | null>;
}

/** What measures may read of the other modules (wired lazily in services.ts). */
export interface MeasureModules {
  calendarVersion(trx: Executor, versionId: string): Promise<BusinessCalendar>;
  auditSummary(trx: Executor, period: Period): Promise<AuditSummary>;
  trainingCompletion(trx: Executor, period: Period): Promise<TrainingCompletion>;
}

/**
 * Reads shared by the measures that observe one period together (the rollup recomputes a day's
 * measures one after another): four measures read the tickets resolved that day, two the trail of
 * those tickets, and each read runs once. Rows read here are never modified.
 */
export type SharedReads = Map<string, Promise<unknown>>;

function shared<T>(reads: SharedReads | undefined, key: string, read: () => Promise<T>) {
  if (!reads) return read();
  let pending = reads.get(key) as Promise<T> | undefined;
  if (!pending) {
    pending = read();
    reads.set(key, pending);
  }
  return pending;
}

const resolvedBetween = (
  trx: Executor,
  clock: 'first_response' | 'resolution',
  start: string,
  end: string,
  reads?: SharedReads,
) => shared(reads, `done:${clock}`, () => repo.ticketsDoneBetween(trx, clock, start, end));

/** Which records a measure reads: the rollup refreshes a family's cells together. */
export type Family = 'tickets' | 'surveys' | 'changes';

export interface EventMeasure {
  kind: 'events';
  family: Family;
  dimensions: readonly Dimension[];
  /** Whether the figure needs quantiles, hence a histogram of the values. */
  histogram: boolean;
  observe(
    trx: Executor,
    modules: MeasureModules,
    start: string,
    end: string,
    reads?: SharedReads,
  ): Promise<Observation[]>;
  figure(summary: Summary): Figure;
}

/**
 * A measure of what is open at the end of each period. Summarised as n = records open and
 * total = the sum of their opening instants in epoch hours, which is what the rollup can add up
 * day by day (opened minus done).
 */
export interface SnapshotMeasure {
  kind: 'snapshot';
  family: Family;
  dimensions: readonly Dimension[];
  spells(trx: Executor, start: string, end: string): Promise<Spell[]>;
  /** The figure of the records open at `end` (exclusive instant). */
  figure(open: Summary, end: string): Figure;
}

interface FigureMeasure {
  kind: 'figure';
  /** The filters the figure takes (availability: by service); none when absent. */
  dimensions?: readonly Dimension[];
  figure(
    trx: Executor,
    modules: MeasureModules,
    period: Period,
    filter?: Partial<Record<Dimension, string>>,
  ): Promise<Figure>;
}

export type Measure = EventMeasure | SnapshotMeasure | FigureMeasure;

const HOUR = 3_600_000;
const ALL_DIMENSIONS: readonly Dimension[] = ['service', 'priority', 'group', 'organisation'];

const ticketDims = (t: {
  service_id: string | null;
  priority: string | null;
  group_id: string | null;
  organisation_id: string | null;
}): Record<Dimension, string | null> => ({
  service: t.service_id,
  priority: t.priority,
  group: t.group_id,
  organisation: t.organisation_id,
});

const ticketRef = (t: TicketFact): RecordRef => ({
  type: 'ticket',
  id: t.id,
  number: t.number,
  title: t.title,
});

/** A share of observations whose value is 1, in percent. */
const share = (s: Summary): Figure => ({ value: s.n ? (s.hits / s.n) * 100 : null, count: s.n });

function durations(s: Summary): Figure {
  const { median, p90 } = s.bins ? quantiles(s.bins) : { median: null, p90: null };
  const statistics = { median, mean: s.n ? s.total / s.n : null, p90 };
  return { value: statistics.median, count: s.n, statistics };
}

const responseRate = (s: Summary) => (s.sent ? (s.answered / s.sent) * 100 : null);

export const epochHours = (instant: string) => Date.parse(instant) / HOUR;

/** Time from logging to resolution in business hours of the resolution clock's calendar. */
async function deliveryHours(
  trx: Executor,
  modules: MeasureModules,
  ticket: TicketFact,
): Promise<number> {
  const start = Date.parse(ticket.created_at);
  const end = Date.parse(ticket.done_at as string);
  const ledger = ticket.ledger ? fromJson<Ledger>(ticket.ledger) : null;
  const versionId = ledger?.segments[0]?.calendarVersionId;
  // Without a resolution clock (no SLA policy matched), the ticket counts in elapsed hours.
  if (!versionId) return Math.max(0, end - start) / HOUR;
  const calendar = await modules.calendarVersion(trx, versionId);
  return calendar.elapsedMs(start, end) / HOUR;
}

function slaAttainment(clock: 'first_response' | 'resolution'): EventMeasure {
  return {
    kind: 'events',
    family: 'tickets',
    histogram: false,
    dimensions: ALL_DIMENSIONS,
    async observe(trx, _modules, start, end, reads) {
      const rows = await resolvedBetween(trx, clock, start, end, reads);
      const observations: Observation[] = [];
      for (const t of rows) {
        // Met when the clock never breached, or breached only after the moment it measures. An
        // imported ticket has no clock of ours: its resolution counts with the source's verdict.
        let met: boolean;
        if (t.ledger !== null)
          met = t.breached_at === null || t.breached_at > (t.done_at as string);
        else if (clock === 'resolution' && t.imported_sla_met != null)
          met = toBool(t.imported_sla_met);
        else continue;
        observations.push({
          at: t.done_at as string,
          kind: 'main',
          value: met ? 1 : 0,
          dims: ticketDims(t),
          record: ticketRef(t),
        });
      }
      return observations;
    },
    figure: share,
  };
}

async function surveyObservations(trx: Executor, start: string, end: string, reads?: SharedReads) {
  const rows = await shared(reads, 'surveys', () => repo.surveysBetween(trx, start, end));
  const observations: Observation[] = [];
  for (const s of rows) {
    const dims = ticketDims(s);
    const record: RecordRef = { type: 'survey', id: s.id, number: s.number, title: s.title };
    if (s.sent_at >= start && s.sent_at < end)
      observations.push({
        at: s.sent_at,
        kind: 'sent',
        value: s.answered_at === null ? 0 : 1,
        dims,
        record,
      });
    if (
      s.answered_at !== null &&
      s.rating !== null &&
      s.answered_at >= start &&
      s.answered_at < end
    )
      observations.push({
        at: s.answered_at,
        kind: 'main',
        value: (s.rating / 5) * 100,
        dims,
        record,
      });
  }
  return observations;
}

function changeMeasure(pick: 'success' | 'emergency'): EventMeasure {
  return {
    kind: 'events',
    family: 'changes',
    histogram: false,
    dimensions: ['group'],
    async observe(trx, _modules, start, end, reads) {
      const rows = await shared(reads, 'changes', () => repo.changesBetween(trx, start, end));
      const observations: Observation[] = [];
      for (const c of rows) {
        const dims = { service: null, priority: null, group: c.group_id, organisation: null };
        const record: RecordRef = { type: 'change', id: c.id, number: c.number, title: c.title };
        if (pick === 'success' && c.close_code !== null && c.closed_at !== null) {
          if (c.closed_at < start || c.closed_at >= end) continue;
          const ok = c.close_code === 'successful' || c.close_code === 'successful_with_issues';
          observations.push({ at: c.closed_at, kind: 'main', value: ok ? 1 : 0, dims, record });
        }
        if (pick === 'emergency' && c.created_at >= start && c.created_at < end)
          observations.push({
            at: c.created_at,
            kind: 'main',
            value: c.type === 'emergency' ? 1 : 0,
            dims,
            record,
          });
      }
      return observations;
    },
    figure: share,
  };
}

/** The tickets resolved in the period and what their trail says: reopened, or moved after assignment. */
async function trailOf(trx: Executor, start: string, end: string, reads?: SharedReads) {
  const rows = await resolvedBetween(trx, 'resolution', start, end, reads);
  const trail = await repo.ticketTrail(
    trx,
    rows.map((t) => t.id),
  );
  const reopened = new Set<string>();
  const moved = new Set<string>();
  for (const event of trail) {
    if (event.action === 'reopen') reopened.add(event.entity_id);
    const changes = fromJson<Record<string, { from: unknown; to: unknown }>>(event.changes);
    if (changes.groupId?.from != null || changes.assigneeId?.from != null)
      moved.add(event.entity_id);
  }
  // Imported tickets: the source's reopen count and reopenings, and assignments in its
  // history that changed a group or assignee already set.
  for (const t of rows) if ((t.imported_reopens ?? 0) > 0) reopened.add(t.id);
  const held = new Map<string, { group: string | null; assignee: string | null }>();
  for (const e of await repo.importedTrail(
    trx,
    rows.filter((t) => t.imported_reopens != null).map((t) => t.id),
  )) {
    if (e.kind === 'reopened') reopened.add(e.ticket_id);
    const before = held.get(e.ticket_id) ?? { group: null, assignee: null };
    if (
      (before.group !== null && e.group_id !== null && e.group_id !== before.group) ||
      (before.assignee !== null && e.assignee_id !== null && e.assignee_id !== before.assignee)
    )
      moved.add(e.ticket_id);
    held.set(e.ticket_id, {
      group: e.group_id ?? before.group,
      assignee: e.assignee_id ?? before.assignee,
    });
  }
  return { rows, reopened, moved };
}

/**
 * Tickets resolved in the period, each 1 or 0 by what the audit trail says happened to it: for the
 * reopen rate, 1 when it was ever reopened; for first-contact resolution, 1 when it was never
 * reopened and never moved to another group or assignee after its first assignment.
 */
function trailMeasure(pick: 'reopened' | 'first-contact'): EventMeasure {
  return {
    kind: 'events',
    family: 'tickets',
    histogram: false,
    dimensions: ALL_DIMENSIONS,
    async observe(trx, _modules, start, end, reads) {
      const { rows, reopened, moved } = await shared(reads, 'trail', () =>
        trailOf(trx, start, end, reads),
      );
      return rows.map((t) => {
        const value =
          pick === 'reopened' ? reopened.has(t.id) : !reopened.has(t.id) && !moved.has(t.id);
        return {
          at: t.done_at as string,
          kind: 'main' as const,
          value: value ? 1 : 0,
          dims: ticketDims(t),
          record: ticketRef(t),
        };
      });
    },
    figure: share,
  };
}

const auditFigure =
  (pick: (s: AuditSummary) => Figure): FigureMeasure['figure'] =>
  async (trx, modules, period) =>
    pick(await modules.auditSummary(trx, period));

const backlogSpells = (trx: Executor, start: string, end: string): Promise<Spell[]> =>
  repo.ticketsOpenDuring(trx, start, end).then((rows) =>
    rows.map((t) => ({
      from: t.created_at,
      until: t.done_at,
      dims: ticketDims(t),
      record: ticketRef(t),
    })),
  );

export const MEASURE_IDS = [
  'service-delivery-time',
  'customer-satisfaction-index',
  'compliance-audit-success-rate',
  'training-completion',
  'sla-first-response-attainment',
  'sla-resolution-attainment',
  'backlog',
  'backlog-age',
  'survey-response-rate',
  'incidents',
  'reopen-rate',
  'first-contact-resolution',
  'change-success-rate',
  'emergency-change-ratio',
  'open-nonconformities',
  'overdue-corrective-actions',
  'availability',
] as const;
export type MeasureId = (typeof MEASURE_IDS)[number];

export const MEASURES: Record<MeasureId, Measure> = {
  'service-delivery-time': {
    kind: 'events',
    family: 'tickets',
    histogram: true,
    dimensions: ALL_DIMENSIONS,
    async observe(trx, modules, start, end, reads) {
      const rows = await resolvedBetween(trx, 'resolution', start, end, reads);
      const observations: Observation[] = [];
      for (const t of rows)
        observations.push({
          at: t.done_at as string,
          kind: 'main',
          value: await deliveryHours(trx, modules, t),
          dims: ticketDims(t),
          record: ticketRef(t),
        });
      return observations;
    },
    figure: durations,
  },
  'customer-satisfaction-index': {
    kind: 'events',
    family: 'surveys',
    histogram: false,
    dimensions: ALL_DIMENSIONS,
    observe: (trx, _modules, start, end, reads) => surveyObservations(trx, start, end, reads),
    figure: (s) => ({
      value: s.n ? s.total / s.n : null,
      count: s.n,
      details: { responseRate: responseRate(s), sent: s.sent },
    }),
  },
  'compliance-audit-success-rate': {
    kind: 'figure',
    figure: auditFigure((s) => ({
      value: s.successRate,
      count: s.auditedRequirements,
      details: { audits: s.audits, conformingRequirements: s.conformingRequirements },
    })),
  },
  'training-completion': {
    kind: 'figure',
    async figure(trx, modules, period) {
      const c = await modules.trainingCompletion(trx, period);
      return { value: c.rate, count: c.due, details: { completedOnTime: c.completedOnTime } };
    },
  },
  'sla-first-response-attainment': slaAttainment('first_response'),
  'sla-resolution-attainment': slaAttainment('resolution'),
  backlog: {
    kind: 'snapshot',
    family: 'tickets',
    dimensions: ALL_DIMENSIONS,
    spells: backlogSpells,
    figure: (open) => ({ value: open.n, count: open.n }),
  },
  'backlog-age': {
    kind: 'snapshot',
    family: 'tickets',
    dimensions: ALL_DIMENSIONS,
    spells: backlogSpells,
    // Mean of (end − opened) = end − mean(opened), in hours.
    figure: (open, end) => ({
      value: open.n ? epochHours(end) - open.total / open.n : null,
      count: open.n,
    }),
  },
  'survey-response-rate': {
    kind: 'events',
    family: 'surveys',
    histogram: false,
    dimensions: ALL_DIMENSIONS,
    async observe(trx, _modules, start, end, reads) {
      return (await surveyObservations(trx, start, end, reads))
        .filter((o) => o.kind === 'sent')
        .map((o) => ({ ...o, kind: 'main' as const }));
    },
    figure: share,
  },
  incidents: {
    kind: 'events',
    family: 'tickets',
    histogram: false,
    dimensions: ALL_DIMENSIONS,
    observe: (trx, _modules, start, end) =>
      repo.incidentsLoggedBetween(trx, start, end).then((rows) =>
        rows.map((t) => ({
          at: t.created_at,
          kind: 'main' as const,
          value: 1,
          dims: ticketDims(t),
          record: ticketRef(t),
        })),
      ),
    figure: (s) => ({ value: s.n, count: s.n }),
  },
  'reopen-rate': trailMeasure('reopened'),
  'first-contact-resolution': trailMeasure('first-contact'),
  'change-success-rate': changeMeasure('success'),
  'emergency-change-ratio': changeMeasure('emergency'),
  'open-nonconformities': {
    kind: 'figure',
    figure: auditFigure((s) => ({ value: s.openNonconformities, count: s.openNonconformities })),
  },
  'overdue-corrective-actions': {
    kind: 'figure',
    figure: auditFigure((s) => ({ value: s.overdueActions, count: s.overdueActions })),
  },
  availability: {
    kind: 'figure',
    dimensions: ['service'],
    figure: (trx, _modules, period, filter) => availabilityFigure(trx, period, filter ?? {}),
  },
};

export const isMeasureId = (value: string): value is MeasureId =>
  (MEASURE_IDS as readonly string[]).includes(value);

export const dimensionsOf = (id: MeasureId): readonly Dimension[] => {
  const measure: Measure = MEASURES[id];
  return measure.dimensions ?? [];
};
