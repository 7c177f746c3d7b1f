import type { Executor } from '../../db/executor.js';
import type { CursorKey } from '../../db/keyset.js';
import { prepared, preparedInsert } from '../../db/prepared.js';
import type {
  SlaCalendarsTable,
  SlaCalendarVersionsTable,
  SlaClocksTable,
  SlaPoliciesTable,
} from '../../db/schema.js';
import { deleteVersionedRow, updateVersionedRow } from '../../db/versioned-rows.js';

// Read by every ticket created (its SLA clocks start): compiled once (src/db/prepared.ts).
const calendarByIdQuery = prepared((db: Executor, id: string) =>
  db.selectFrom('sla_calendars').selectAll().where('id', '=', id),
);
const versionByIdQuery = prepared((db: Executor, id: string) =>
  db.selectFrom('sla_calendar_versions').selectAll().where('id', '=', id),
);
const insertClockQuery = preparedInsert('sla_clocks');
const policiesQuery = prepared((db: Executor) =>
  db.selectFrom('sla_policies').selectAll().orderBy('sort_order').orderBy('name'),
);

export const slaRepository = {
  calendarById: (db: Executor, id: string) => calendarByIdQuery(db, id).then((rows) => rows[0]),

  async listCalendars(db: Executor, after: CursorKey | null, limit: number) {
    let query = db.selectFrom('sla_calendars').selectAll();
    if (after) {
      const [name, id] = after;
      query = query.where((eb) =>
        eb.or([
          eb('name', '>', String(name)),
          eb.and([eb('name', '=', String(name)), eb('id', '>', id)]),
        ]),
      );
    }
    return query.orderBy('name').orderBy('id').limit(limit).execute();
  },

  insertCalendar: (db: Executor, row: SlaCalendarsTable) =>
    db.insertInto('sla_calendars').values(row).execute(),

  async updateCalendar(
    db: Executor,
    id: string,
    expectedVersion: number,
    values: Partial<SlaCalendarsTable>,
  ) {
    return updateVersionedRow(db, 'sla_calendars', id, expectedVersion, values);
  },

  async deleteCalendar(db: Executor, id: string, expectedVersion: number) {
    await db.deleteFrom('sla_calendar_versions').where('calendar_id', '=', id).execute();
    return deleteVersionedRow(db, 'sla_calendars', id, expectedVersion);
  },

  insertVersion: (db: Executor, row: SlaCalendarVersionsTable) =>
    db.insertInto('sla_calendar_versions').values(row).execute(),

  versionById: (db: Executor, id: string) => versionByIdQuery(db, id).then((rows) => rows[0]),

  versionsOf: (db: Executor, calendarId: string) =>
    db
      .selectFrom('sla_calendar_versions')
      .selectAll()
      .where('calendar_id', '=', calendarId)
      .orderBy('number', 'desc')
      .execute(),

  policyById: (db: Executor, id: string) =>
    db.selectFrom('sla_policies').selectAll().where('id', '=', id).executeTakeFirst(),

  listPolicies: (db: Executor) => policiesQuery(db),

  insertPolicy: (db: Executor, row: SlaPoliciesTable) =>
    db.insertInto('sla_policies').values(row).execute(),

  async updatePolicy(
    db: Executor,
    id: string,
    expectedVersion: number,
    values: Partial<SlaPoliciesTable>,
  ) {
    return updateVersionedRow(db, 'sla_policies', id, expectedVersion, values);
  },

  async deletePolicy(db: Executor, id: string, expectedVersion: number) {
    return deleteVersionedRow(db, 'sla_policies', id, expectedVersion);
  },

  clock: (db: Executor, subjectType: string, subjectId: string, clock: string) =>
    db
      .selectFrom('sla_clocks')
      .selectAll()
      .where('subject_type', '=', subjectType)
      .where('subject_id', '=', subjectId)
      .where('clock', '=', clock)
      .executeTakeFirst(),

  clocksOf: (db: Executor, subjectType: string, subjectId: string) =>
    db
      .selectFrom('sla_clocks')
      .selectAll()
      .where('subject_type', '=', subjectType)
      .where('subject_id', '=', subjectId)
      .orderBy('clock')
      .execute(),

  clockById: (db: Executor, id: string) =>
    db.selectFrom('sla_clocks').selectAll().where('id', '=', id).executeTakeFirst(),

  /** Clocks still counting (running or paused) on a calendar, a batch at a time. */
  openClocksOnCalendar: (db: Executor, calendarId: string, afterId: string, limit: number) =>
    db
      .selectFrom('sla_clocks')
      .selectAll()
      .where('calendar_id', '=', calendarId)
      .where('state', 'in', ['running', 'paused'])
      .where('id', '>', afterId)
      .orderBy('id')
      .limit(limit)
      .execute(),

  insertClock: (db: Executor, row: SlaClocksTable) => insertClockQuery(db, row),

  async saveClock(db: Executor, row: SlaClocksTable, expectedRevision: number) {
    const { id, ...values } = row;
    const result = await db
      .updateTable('sla_clocks')
      .set(values)
      .where('id', '=', id)
      .where('revision', '=', expectedRevision)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  },

  async policyHasClocks(db: Executor, policyId: string) {
    const row = await db
      .selectFrom('sla_clocks')
      .select('id')
      .where('policy_id', '=', policyId)
      .limit(1)
      .executeTakeFirst();
    return row !== undefined;
  },

  policiesUsingCalendar: (db: Executor, calendarId: string) =>
    db
      .selectFrom('sla_policies')
      .select('id')
      .where('calendar_id', '=', calendarId)
      .limit(1)
      .execute(),
};
