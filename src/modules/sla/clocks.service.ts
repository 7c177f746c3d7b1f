// SLA clocks on records (tickets): started under the policy chosen for the record, paused and
// resumed by status, stopped when met, replayed when the priority, policy or calendar changes.
// Warnings and breaches fire through the job port at the moment they happen, once each: a running
// clock has one threshold job at a time, for its next threshold; the job fires it and schedules
// the one after (one job per clock instead of one per threshold: creating a ticket wrote four).
import type { Executor } from '../../db/executor.js';
import type { SlaClocksTable } from '../../db/schema.js';
import { fromJson, toJson } from '../../db/values.js';
import type { JobQueue } from '../../jobs/job-queue.js';
import { type Actor, requirePermission } from '../../shared/actor.js';
import type { Clock } from '../../shared/clock.js';
import { DomainError, notFound } from '../../shared/errors.js';
import { uuidv7 } from '../../shared/ids.js';
import type { BusinessCalendar } from './calendar.js';
import type { CalendarService } from './calendars.service.js';
import { deriveClock, type Ledger, ledgerEvents, thresholdInstants } from './ledger.js';
import type { PolicyService } from './policies.service.js';
import {
  CLOCKS,
  type ClockKind,
  choosePolicy,
  describeTarget,
  type SlaPolicy,
  type Target,
  type TicketFacts,
  targetMinutes,
} from './policy.js';
import { formatInstant } from './questions.js';
import { slaRepository as repo } from './sla.repository.js';

export const THRESHOLD_JOB = 'sla.threshold';

export interface Subject {
  type: string;
  id: string;
}

export interface ThresholdEvent {
  clockId: string;
  subject: Subject;
  clock: ClockKind;
  percent: number;
  /** True at 100%: the target is breached. */
  breach: boolean;
  at: string;
}

export type ThresholdListener = (trx: Executor, event: ThresholdEvent) => Promise<void>;

export interface ClockView {
  id: string;
  clock: ClockKind;
  policyId: string;
  selectionReason: string;
  target: Target;
  targetMinutes: number;
  state: 'running' | 'paused' | 'stopped';
  elapsedMinutes: number;
  remainingMinutes: number;
  percentUsed: number;
  dueAt: string | null;
  breached: boolean;
  breachedAt: string | null;
  pausedReason: string | null;
}

export function createClockService(deps: {
  db: Executor;
  jobs: JobQueue;
  clock: Clock;
  calendars: CalendarService;
  policies: PolicyService;
}) {
  const { db, jobs, clock, calendars, policies } = deps;
  const listeners: ThresholdListener[] = [];

  async function lookup(trx: Executor, ledger: Ledger): Promise<(id: string) => BusinessCalendar> {
    const map = new Map<string, BusinessCalendar>();
    for (const s of ledger.segments)
      if (!map.has(s.calendarVersionId))
        map.set(s.calendarVersionId, await calendars.compiledVersionIn(trx, s.calendarVersionId));
    return (id) => map.get(id) as BusinessCalendar;
  }

  /** The policy for the facts, or null when none applies (the record then runs without clocks). */
  async function policyFor(
    trx: Executor,
    facts: TicketFacts,
  ): Promise<{ policy: SlaPolicy; reason: string } | null> {
    return choosePolicy(await policies.all(trx), facts);
  }

  /** Schedules the job of the clock's earliest threshold not fired yet, if any is ahead. */
  async function scheduleNextThreshold(
    trx: Executor,
    row: SlaClocksTable,
    ledger: Ledger,
    calendarsOf: (id: string) => BusinessCalendar,
    thresholds: number[],
    now: number,
  ) {
    const fired = fromJson<Record<string, string>>(row.fired);
    let next: { percent: number; at: number } | null = null;
    for (const t of thresholdInstants(ledger, calendarsOf, row.target_minutes, thresholds, now)) {
      if (t.at === null || fired[String(t.percent)]) continue;
      if (!next || t.at < next.at || (t.at === next.at && t.percent < next.percent))
        next = { percent: t.percent, at: t.at };
    }
    if (!next) return;
    await jobs.enqueue(
      trx,
      THRESHOLD_JOB,
      { clockId: row.id, revision: row.revision, percent: next.percent },
      { runAt: new Date(Math.max(next.at, now)) },
    );
  }

  /** Derives the clock's state, stores it, and schedules the job of its next threshold. */
  async function save(
    trx: Executor,
    row: SlaClocksTable,
    ledger: Ledger,
    isNew: boolean,
    // Known when the clock starts; looked up on later changes.
    knownPolicy?: SlaPolicy,
  ) {
    const now = clock.now().getTime();
    const calendarsOf = await lookup(trx, ledger);
    const state = deriveClock(ledger, calendarsOf, row.target_minutes, now);
    const expected = row.revision;
    const next: SlaClocksTable = {
      ...row,
      ledger: toJson(ledger),
      state: state.state,
      due_at: state.dueAt === null ? null : new Date(state.dueAt).toISOString(),
      breached_at: state.breachedAt === null ? null : new Date(state.breachedAt).toISOString(),
      revision: isNew ? row.revision : row.revision + 1,
      updated_at: clock.now().toISOString(),
    };
    if (isNew) await repo.insertClock(trx, next);
    else if (!(await repo.saveClock(trx, next, expected))) {
      throw new DomainError('CONFLICT', 'The SLA clock changed at the same moment; retry.');
    }
    const policy =
      knownPolicy ??
      (await policies.all(trx).then((all) => all.find((p) => p.id === next.policy_id)));
    if (state.state === 'running' && policy)
      await scheduleNextThreshold(trx, next, ledger, calendarsOf, policy.thresholds, now);
    return next;
  }

  async function load(trx: Executor, subject: Subject, kind: ClockKind) {
    const row = await repo.clock(trx, subject.type, subject.id, kind);
    if (!row) throw notFound(`The ${kind.replace('_', ' ')} clock`);
    return { row, ledger: fromJson<Ledger>(row.ledger) };
  }

  async function change(
    trx: Executor,
    subject: Subject,
    kinds: readonly ClockKind[],
    edit: (ledger: Ledger, row: SlaClocksTable) => Ledger,
  ) {
    for (const kind of kinds) {
      const found = await repo.clock(trx, subject.type, subject.id, kind);
      if (!found) continue;
      const ledger = fromJson<Ledger>(found.ledger);
      const edited = edit(ledger, found);
      if (edited !== ledger) await save(trx, found, edited, false);
    }
  }

  function view(row: SlaClocksTable, calendarsOf: (id: string) => BusinessCalendar): ClockView {
    const ledger = fromJson<Ledger>(row.ledger);
    const state = deriveClock(ledger, calendarsOf, row.target_minutes, clock.now().getTime());
    const last = ledger.segments[ledger.segments.length - 1];
    return {
      id: row.id,
      clock: row.clock as ClockKind,
      policyId: row.policy_id,
      selectionReason: row.selection_reason,
      target: fromJson<Target>(row.target),
      targetMinutes: row.target_minutes,
      state: state.state,
      elapsedMinutes: state.elapsedMinutes,
      remainingMinutes: state.remainingMinutes,
      percentUsed: state.percentUsed,
      dueAt: state.dueAt === null ? null : formatInstant(state.dueAt),
      breached: state.breached,
      breachedAt: state.breachedAt === null ? null : formatInstant(state.breachedAt),
      pausedReason: last?.state === 'paused' ? (last.reason ?? null) : null,
    };
  }

  async function handleThreshold(payload: { clockId: string; revision: number; percent: number }) {
    await db.transaction().execute(async (trx) => {
      const row = await repo.clockById(trx, payload.clockId);
      // A later change rescheduled the clock's thresholds: this job is stale.
      if (!row || row.revision !== payload.revision) return;
      const fired = fromJson<Record<string, string>>(row.fired);
      // Fired by an earlier run of this job, which also scheduled the next threshold.
      if (fired[String(payload.percent)]) return;
      const ledger = fromJson<Ledger>(row.ledger);
      const calendarsOf = await lookup(trx, ledger);
      const now = clock.now().getTime();
      const [t] = thresholdInstants(
        ledger,
        calendarsOf,
        row.target_minutes,
        [payload.percent],
        now,
      );
      if (!t || t.at === null) return;
      if (!t.reached) {
        // Due later than this run (the job came early): again at its moment.
        if (t.at > now) await jobs.enqueue(trx, THRESHOLD_JOB, payload, { runAt: new Date(t.at) });
        return;
      }
      fired[String(payload.percent)] = new Date(t.at).toISOString();
      const updated: SlaClocksTable = {
        ...row,
        fired: toJson(fired),
        updated_at: clock.now().toISOString(),
      };
      const state = deriveClock(ledger, calendarsOf, row.target_minutes, clock.now().getTime());
      updated.breached_at =
        state.breachedAt === null ? null : new Date(state.breachedAt).toISOString();
      if (!(await repo.saveClock(trx, updated, row.revision))) return;
      const policy = (await policies.all(trx)).find((p) => p.id === row.policy_id);
      if (state.state === 'running' && policy)
        await scheduleNextThreshold(trx, updated, ledger, calendarsOf, policy.thresholds, now);
      const event: ThresholdEvent = {
        clockId: row.id,
        subject: { type: row.subject_type, id: row.subject_id },
        clock: row.clock as ClockKind,
        percent: payload.percent,
        breach: payload.percent >= 100,
        at: new Date(t.at).toISOString(),
      };
      for (const listener of listeners) await listener(trx, event);
    });
  }

  jobs.register<{ clockId: string; revision: number; percent: number }>(THRESHOLD_JOB, (job) =>
    handleThreshold(job.payload),
  );

  return {
    /** Later modules (tickets) react to warnings and breaches here, inside the job's transaction. */
    onThreshold(listener: ThresholdListener) {
      listeners.push(listener);
    },

    /**
     * Starts every clock the chosen policy has a target for; records the policy and why. Without
     * an applicable policy nothing starts (a desk without SLA policies still works); returns
     * whether clocks started.
     */
    async start(trx: Executor, subject: Subject, facts: TicketFacts, at: Date): Promise<boolean> {
      const choice = await policyFor(trx, facts);
      if (!choice) return false;
      const { policy, reason } = choice;
      const calendar = await calendars.load(trx, policy.calendarId);
      if (!calendar) throw notFound('The calendar of the SLA policy');
      const compiled = await calendars.compiledVersionIn(trx, calendar.versionId);
      for (const kind of CLOCKS) {
        const target = policy.targets[kind][facts.priority];
        if (!target) continue;
        const ledger = ledgerEvents.start(at.getTime(), calendar.versionId);
        await save(
          trx,
          {
            id: uuidv7(clock.now().getTime()),
            subject_type: subject.type,
            subject_id: subject.id,
            clock: kind,
            policy_id: policy.id,
            calendar_id: calendar.id,
            selection_reason: reason,
            target: toJson(target),
            target_minutes: targetMinutes(
              target,
              compiled,
              at.getTime(),
              calendar.businessDayMinutes,
            ),
            ledger: toJson(ledger),
            state: 'running',
            due_at: null,
            breached_at: null,
            fired: toJson({}),
            revision: 1,
            created_at: clock.now().toISOString(),
            updated_at: clock.now().toISOString(),
          },
          ledger,
          true,
          policy,
        );
      }
      return true;
    },

    /** Pauses or resumes each clock as the policy says for the new status. */
    async statusChanged(trx: Executor, subject: Subject, status: string, at: Date) {
      const all = await policies.all(trx);
      await change(trx, subject, CLOCKS, (ledger, row) => {
        const policy = all.find((p) => p.id === row.policy_id);
        const pauses = policy?.pauseOn[row.clock as ClockKind]?.includes(status) ?? false;
        return pauses
          ? ledgerEvents.pause(ledger, at.getTime(), `status ${status}`)
          : ledgerEvents.resume(ledger, at.getTime());
      });
    },

    async stop(trx: Executor, subject: Subject, kind: ClockKind, at: Date, reason: string) {
      await change(trx, subject, [kind], (ledger) =>
        ledgerEvents.stop(ledger, at.getTime(), reason),
      );
    },

    async restart(trx: Executor, subject: Subject, kind: ClockKind, at: Date, reason: string) {
      await change(trx, subject, [kind], (ledger) =>
        ledgerEvents.restart(ledger, at.getTime(), reason),
      );
    },

    /**
     * The ticket's priority, type, service or organisation changed: choose the policy again and
     * replay each clock's ledger under its new target. Time already counted and paused stays.
     */
    async factsChanged(trx: Executor, subject: Subject, facts: TicketFacts) {
      const choice = await policyFor(trx, facts);
      // No policy applies any more: the clocks keep the targets they had.
      if (!choice) return;
      const { policy, reason } = choice;
      const calendar = await calendars.load(trx, policy.calendarId);
      if (!calendar) throw notFound('The calendar of the SLA policy');
      for (const kind of CLOCKS) {
        const found = await repo.clock(trx, subject.type, subject.id, kind);
        const target = policy.targets[kind][facts.priority];
        if (!found || !target) continue;
        let ledger = fromJson<Ledger>(found.ledger);
        const first = ledger.segments[0];
        if (found.calendar_id !== calendar.id)
          ledger = ledgerEvents.changeCalendar(ledger, clock.now().getTime(), calendar.versionId);
        const compiled = await calendars.compiledVersionIn(trx, calendar.versionId);
        await save(
          trx,
          {
            ...found,
            policy_id: policy.id,
            calendar_id: calendar.id,
            selection_reason: reason,
            target: toJson(target),
            target_minutes: targetMinutes(
              target,
              compiled,
              first?.from ?? clock.now().getTime(),
              calendar.businessDayMinutes,
            ),
            // A new target means thresholds may fire again for it.
            fired:
              found.target_minutes ===
              targetMinutes(target, compiled, first?.from ?? 0, calendar.businessDayMinutes)
                ? found.fired
                : toJson({}),
          },
          ledger,
          false,
        );
      }
    },

    /** Moves clocks still counting on a calendar to its new version, from the change on. */
    async calendarChanged(calendarId: string, versionId: string, at: string) {
      let after = '';
      for (;;) {
        const rows = await repo.openClocksOnCalendar(db, calendarId, after, 200);
        for (const row of rows) {
          await db.transaction().execute(async (trx) => {
            const fresh = await repo.clockById(trx, row.id);
            if (!fresh) return;
            const ledger = fromJson<Ledger>(fresh.ledger);
            const changed = ledgerEvents.changeCalendar(
              ledger,
              Math.max(Date.parse(at), ledger.segments[ledger.segments.length - 1]?.from ?? 0),
              versionId,
            );
            if (changed !== ledger) await save(trx, fresh, changed, false);
          });
        }
        const last = rows[rows.length - 1];
        if (!last || rows.length < 200) return;
        after = last.id;
      }
    },

    /** For staff looking at a record's clocks over the API (tickets embed them in their own view). */
    async clocksFor(actor: Actor, subject: Subject): Promise<ClockView[]> {
      requirePermission(actor, 'sla.read', 'see SLA clocks');
      return this.clocks(subject);
    },

    async explainFor(actor: Actor, subject: Subject, kind: ClockKind) {
      requirePermission(actor, 'sla.read', 'see SLA clocks');
      return this.explain(subject, kind);
    },

    /** Business time left and the share of the target used, for lists (no explanation). */
    async summary(row: { ledger: unknown; target_minutes: number }, trx: Executor = db) {
      const ledger = fromJson<Ledger>(row.ledger);
      const state = deriveClock(
        ledger,
        await lookup(trx, ledger),
        row.target_minutes,
        clock.now().getTime(),
      );
      return { remainingMinutes: state.remainingMinutes, percentUsed: state.percentUsed };
    },

    async clocks(subject: Subject, trx: Executor = db): Promise<ClockView[]> {
      const rows = await repo.clocksOf(trx, subject.type, subject.id);
      const result: ClockView[] = [];
      for (const row of rows)
        result.push(view(row, await lookup(trx, fromJson<Ledger>(row.ledger))));
      return result;
    },

    /** "Why is this due then?": calendar and version, target, paused segments, counted intervals. */
    async explain(subject: Subject, kind: ClockKind, trx: Executor = db) {
      const { row, ledger } = await load(trx, subject, kind);
      const calendarsOf = await lookup(trx, ledger);
      const current = view(row, calendarsOf);
      const calendar = await calendars.load(trx, row.calendar_id);
      const now = clock.now().getTime();
      const segments = ledger.segments.map((s, i) => {
        const next = ledger.segments[i + 1];
        const end = next
          ? next.from
          : s.state === 'running' && current.dueAt
            ? Date.parse(current.dueAt)
            : now;
        const cal = calendarsOf(s.calendarVersionId);
        const counted = s.state === 'running' ? cal.intervalsBetween(s.from, end) : [];
        return {
          state: s.state,
          from: formatInstant(s.from),
          to: next ? formatInstant(next.from) : null,
          reason: s.reason ?? null,
          calendarVersionId: s.calendarVersionId,
          timeZone: cal.timeZone,
          businessMinutes:
            s.state === 'running' ? cal.elapsed(s.from, Math.min(end, next ? next.from : end)) : 0,
          countedIntervals: counted.slice(0, 200).map((iv) => ({
            from: formatInstant(iv.from),
            to: formatInstant(iv.to),
            minutes: (iv.to - iv.from) / 60_000,
          })),
        };
      });
      const target = fromJson<Target>(row.target);
      return {
        ...current,
        calendar: calendar
          ? {
              id: calendar.id,
              name: calendar.name,
              timeZone: calendar.spec.timeZone,
              currentVersion: calendar.versionNumber,
            }
          : null,
        targetText: describeTarget(target),
        segments,
        summary:
          current.state === 'running' && current.dueAt
            ? `Due at ${current.dueAt}: a target of ${describeTarget(target)} (${row.target_minutes} business minutes), ${current.elapsedMinutes} already counted, ${segments.filter((s) => s.state === 'paused').length} paused period(s) not counted.`
            : `The clock is ${current.state}; ${current.elapsedMinutes} of ${row.target_minutes} business minutes counted.`,
      };
    },
  };
}

export type ClockService = ReturnType<typeof createClockService>;
