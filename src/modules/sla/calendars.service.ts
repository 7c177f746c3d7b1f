// Business calendars as records: versioned (a change makes a new version; clocks keep the version
// they ran under), with ad-hoc due/elapsed questions and iCalendar holidays.
import { isUniqueViolation } from '../../db/errors.js';
import type { Executor } from '../../db/executor.js';
import { decodeCursor, type Page, type PageRequest, pageSize, toPage } from '../../db/keyset.js';
import type { SlaCalendarsTable, SlaCalendarVersionsTable } from '../../db/schema.js';
import { fromJson, toJson } from '../../db/values.js';
import type { JobQueue } from '../../jobs/job-queue.js';
import { type Actor, can, requirePermission } from '../../shared/actor.js';
import type { Clock } from '../../shared/clock.js';
import { DomainError, invalid, notFound } from '../../shared/errors.js';
import { uuidv7 } from '../../shared/ids.js';
import type { AuditService } from '../audit/audit.service.js';
import { auditedWrites } from '../audit/audited-writes.js';
import { checkName } from '../users/users.js';
import { BusinessCalendar, type CalendarSpec, validateCalendar } from './calendar.js';
import { holidaysFromIcs, holidaysToIcs } from './ical.js';
import { type Answer, answerDue, answerElapsed } from './questions.js';
import { slaRepository as repo } from './sla.repository.js';

export interface Calendar {
  id: string;
  name: string;
  description: string;
  /** The stated length of a business day, for targets given in business days. */
  businessDayMinutes: number;
  versionId: string;
  versionNumber: number;
  spec: CalendarSpec;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export interface CalendarVersion {
  id: string;
  number: number;
  spec: CalendarSpec;
  createdAt: string;
  createdBy: string;
}

export const CALENDAR_CHANGED_JOB = 'sla.calendar-changed';

function checkSpec(spec: unknown): CalendarSpec {
  const problems = validateCalendar(spec);
  if (problems.length) {
    throw new DomainError(
      'VALIDATION_FAILED',
      problems.map((p) => `spec.${p.path}: ${p.message}`).join('; '),
      {
        errors: problems.map((p) => ({
          field: `/spec/${p.path.replace(/\./g, '/').replace(/\[(\d+)\]/g, '/$1')}`,
          message: p.message,
        })),
      },
    );
  }
  const s = spec as CalendarSpec;
  // Store a normalised copy: every weekday present, holidays sorted and unique.
  return {
    timeZone: s.timeZone,
    week: Object.fromEntries(
      (['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const).map((d) => [d, s.week[d] ?? []]),
    ),
    holidays: [...new Set(s.holidays ?? [])].sort(),
    exceptions: [...(s.exceptions ?? [])].sort((a, b) => a.date.localeCompare(b.date)),
  };
}

function checkBusinessDay(minutes: number | undefined): number {
  const value = minutes ?? 480;
  if (!Number.isInteger(value) || value < 1 || value > 1440)
    throw invalid('/businessDayMinutes', 'must be a whole number of minutes from 1 to 1440');
  return value;
}

function mapError(error: unknown): unknown {
  if (isUniqueViolation(error)) {
    return new DomainError('ALREADY_EXISTS', 'A calendar with this name already exists.', {
      errors: [{ field: '/name', message: 'is already taken' }],
    });
  }
  return error;
}

export function createCalendarService(deps: {
  db: Executor;
  audit: AuditService;
  jobs: JobQueue;
  clock: Clock;
}) {
  const { db, audit, jobs, clock } = deps;
  audit.registerReader('sla_calendar', async (actor) => can(actor, 'sla.read'));

  // Versions never change, so their compiled form can be kept for the life of the process.
  const compiled = new Map<string, BusinessCalendar>();

  async function compiledVersion(trx: Executor, versionId: string): Promise<BusinessCalendar> {
    let calendar = compiled.get(versionId);
    if (!calendar) {
      const row = await repo.versionById(trx, versionId);
      if (!row) throw notFound('The calendar version');
      calendar = new BusinessCalendar(fromJson<CalendarSpec>(row.spec));
      if (compiled.size > 1000) compiled.clear();
      compiled.set(versionId, calendar);
    }
    return calendar;
  }

  async function load(trx: Executor, id: string): Promise<Calendar | undefined> {
    const row = await repo.calendarById(trx, id);
    if (!row) return undefined;
    const version = await repo.versionById(trx, row.current_version_id);
    if (!version) return undefined;
    return toCalendar(row, version);
  }

  const toCalendar = (row: SlaCalendarsTable, version: SlaCalendarVersionsTable): Calendar => ({
    id: row.id,
    name: row.name,
    description: row.description,
    businessDayMinutes: row.business_day_minutes,
    versionId: version.id,
    versionNumber: version.number,
    spec: fromJson<CalendarSpec>(version.spec),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    version: row.version,
  });

  function newVersion(
    calendarId: string,
    number: number,
    spec: CalendarSpec,
    actor: Actor,
  ): SlaCalendarVersionsTable {
    return {
      id: uuidv7(clock.now().getTime()),
      calendar_id: calendarId,
      number,
      spec: toJson(spec),
      created_at: clock.now().toISOString(),
      created_by: actor.name,
    };
  }

  const writes = auditedWrites<Calendar>(
    { db, audit, clock, mapError },
    {
      what: 'The calendar',
      entityType: 'sla_calendar',
      load,
      async insert(trx, c) {
        await repo.insertCalendar(trx, {
          id: c.id,
          name: c.name,
          description: c.description,
          business_day_minutes: c.businessDayMinutes,
          current_version_id: c.versionId,
          created_at: c.createdAt,
          updated_at: c.updatedAt,
          version: c.version,
        });
      },
      async update(trx, c, expected) {
        return repo.updateCalendar(trx, c.id, expected, {
          name: c.name,
          description: c.description,
          business_day_minutes: c.businessDayMinutes,
          current_version_id: c.versionId,
          updated_at: c.updatedAt,
        });
      },
      delete: (trx, id, expected) => repo.deleteCalendar(trx, id, expected),
    },
  );

  async function get(actor: Actor, id: string): Promise<Calendar> {
    requirePermission(actor, 'sla.read', 'see business calendars');
    return writes.load(db, id);
  }

  async function update(
    actor: Actor,
    id: string,
    expectedVersion: number,
    patch: { name?: string; description?: string; businessDayMinutes?: number; spec?: unknown },
  ): Promise<Calendar> {
    requirePermission(actor, 'sla.manage', 'change business calendars');
    const spec = patch.spec !== undefined ? checkSpec(patch.spec) : undefined;
    return writes.update(actor, id, expectedVersion, async (before, trx) => {
      let versionId = before.versionId;
      let versionNumber = before.versionNumber;
      if (spec && JSON.stringify(spec) !== JSON.stringify(before.spec)) {
        const version = newVersion(id, before.versionNumber + 1, spec, actor);
        await repo.insertVersion(trx, version);
        versionId = version.id;
        versionNumber = version.number;
        // Running clocks switch to the new version from now on, in the background.
        await jobs.enqueue(trx, CALENDAR_CHANGED_JOB, {
          calendarId: id,
          versionId,
          at: version.created_at,
        });
      }
      return {
        ...before,
        name: patch.name !== undefined ? checkName(patch.name) : before.name,
        description: patch.description?.trim() ?? before.description,
        businessDayMinutes:
          patch.businessDayMinutes !== undefined
            ? checkBusinessDay(patch.businessDayMinutes)
            : before.businessDayMinutes,
        versionId,
        versionNumber,
        spec: spec ?? before.spec,
      };
    });
  }

  return {
    compiledVersion: (versionId: string) => compiledVersion(db, versionId),
    compiledVersionIn: compiledVersion,
    load,

    async list(actor: Actor, page: PageRequest): Promise<Page<Calendar>> {
      requirePermission(actor, 'sla.read', 'see business calendars');
      const size = pageSize(page.limit);
      const rows = await repo.listCalendars(db, decodeCursor(page.cursor), size + 1);
      const items: Calendar[] = [];
      for (const row of rows.slice(0, size)) {
        const version = await repo.versionById(db, row.current_version_id);
        if (version) items.push(toCalendar(row, version));
      }
      return {
        items,
        nextCursor: toPage(
          rows,
          size,
          (r) => [r.name, r.id],
          (r) => r,
        ).nextCursor,
      };
    },

    get,

    async create(
      actor: Actor,
      input: { name: string; description?: string; businessDayMinutes?: number; spec: unknown },
    ) {
      requirePermission(actor, 'sla.manage', 'create business calendars');
      const spec = checkSpec(input.spec);
      const now = clock.now().toISOString();
      const id = uuidv7(clock.now().getTime());
      const version = newVersion(id, 1, spec, actor);
      return writes.create(
        actor,
        {
          id,
          name: checkName(input.name),
          description: input.description?.trim() ?? '',
          businessDayMinutes: checkBusinessDay(input.businessDayMinutes),
          versionId: version.id,
          versionNumber: 1,
          spec,
          createdAt: now,
          updatedAt: now,
          version: 1,
        },
        async (trx) => {
          // The calendar row points at its first version; insert the version right after it.
          await repo.insertVersion(trx, version);
        },
      );
    },

    update,

    async remove(actor: Actor, id: string, expectedVersion: number) {
      requirePermission(actor, 'sla.manage', 'delete business calendars');
      if ((await repo.policiesUsingCalendar(db, id)).length) {
        throw new DomainError(
          'IN_USE',
          'The calendar is used by an SLA policy; point the policy at another calendar first.',
        );
      }
      await writes.remove(actor, id, expectedVersion);
    },

    async versions(actor: Actor, id: string): Promise<CalendarVersion[]> {
      await get(actor, id);
      const rows = await repo.versionsOf(db, id);
      return rows.map((r) => ({
        id: r.id,
        number: r.number,
        spec: fromJson<CalendarSpec>(r.spec),
        createdAt: r.created_at,
        createdBy: r.created_by,
      }));
    },

    async due(
      actor: Actor,
      id: string,
      question: { start: string; minutes: number },
    ): Promise<Answer> {
      const calendar = await get(actor, id);
      const answer = answerDue(await compiledVersion(db, calendar.versionId), question);
      if ('error' in answer) throw new DomainError('VALIDATION_FAILED', answer.error);
      return answer;
    },

    async elapsed(
      actor: Actor,
      id: string,
      question: { from: string; to: string },
    ): Promise<Answer> {
      const calendar = await get(actor, id);
      const answer = answerElapsed(await compiledVersion(db, calendar.versionId), question);
      if ('error' in answer) throw new DomainError('VALIDATION_FAILED', answer.error);
      return answer;
    },

    /** Adds (or, with `replace`, sets) the holidays of an iCalendar file as a new version. */
    async importHolidays(
      actor: Actor,
      id: string,
      expectedVersion: number,
      ics: string,
      replace: boolean,
    ) {
      let imported: ReturnType<typeof holidaysFromIcs>;
      try {
        imported = holidaysFromIcs(ics);
      } catch (error) {
        throw invalid('/ics', (error as Error).message);
      }
      const current = await get(actor, id);
      const holidays = replace
        ? imported.holidays
        : [...new Set([...(current.spec.holidays ?? []), ...imported.holidays])];
      const calendar = await update(actor, id, expectedVersion, {
        spec: { ...current.spec, holidays },
      });
      return { calendar, imported: imported.holidays.length, skipped: imported.skipped };
    },

    async exportHolidays(actor: Actor, id: string): Promise<{ filename: string; ics: string }> {
      const calendar = await get(actor, id);
      const safe = calendar.name.replace(/[^\w.-]+/g, '-').replace(/^-|-$/g, '') || 'calendar';
      return {
        filename: `${safe}-holidays.ics`,
        ics: holidaysToIcs(calendar.name, calendar.spec.holidays ?? [], clock.now()),
      };
    },
  };
}

export type CalendarService = ReturnType<typeof createCalendarService>;
