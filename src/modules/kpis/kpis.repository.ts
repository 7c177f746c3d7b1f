// The KPI engine's only SQL: its definitions, and the read-only queries the measures run over the
// records of the other modules. Ranges are half-open [start, end) ISO instants.
import type { Executor } from '../../db/executor.js';
import type { KpiDefinitionsTable } from '../../db/tables/kpis.js';

const TICKET_TYPES = ['incident', 'request'];

export interface TicketFact {
  id: string;
  number: string;
  title: string;
  type: string;
  service_id: string | null;
  priority: string;
  group_id: string | null;
  organisation_id: string | null;
  created_at: string;
  done_at: string | null;
  ledger: unknown;
  breached_at: string | null;
  calendar_id: string | null;
  /** For an imported ticket: the source tool's SLA verdict (null when it gave none)… */
  imported_sla_met?: boolean | number | null;
  /** …and how many times the source says it was reopened. */
  imported_reopens?: number | null;
}

export interface SurveyFact {
  id: string;
  ticket_id: string;
  number: string;
  title: string;
  service_id: string | null;
  group_id: string | null;
  priority: string | null;
  organisation_id: string | null;
  sent_at: string;
  answered_at: string | null;
  rating: number | null;
}

export interface ChangeFact {
  id: string;
  number: string;
  title: string;
  type: string;
  group_id: string | null;
  close_code: string | null;
  created_at: string;
  closed_at: string | null;
}

const ticketColumns = [
  't.id',
  't.number',
  't.title',
  't.type',
  't.service_id',
  't.priority',
  't.group_id',
  't.organisation_id',
  't.created_at',
] as const;

export const kpiRepository = {
  definitions: (db: Executor) =>
    db.selectFrom('kpi_definitions').selectAll().orderBy('sort_order').orderBy('id').execute(),

  definition: (db: Executor, id: string) =>
    db.selectFrom('kpi_definitions').selectAll().where('id', '=', id).executeTakeFirst(),

  async updateDefinition(
    db: Executor,
    row: KpiDefinitionsTable,
    expectedVersion: number,
  ): Promise<boolean> {
    const { id, created_at: _created, ...rest } = row;
    const result = await db
      .updateTable('kpi_definitions')
      .set(rest)
      .where('id', '=', id)
      .where('version', '=', expectedVersion)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  },

  userExists: async (db: Executor, id: string) =>
    (await db.selectFrom('users').select('id').where('id', '=', id).executeTakeFirst()) !==
    undefined,

  /** Incidents and requests resolved in [start, end), with their SLA clock of `clock`. */
  ticketsDoneBetween(
    db: Executor,
    clock: 'resolution' | 'first_response',
    start: string,
    end: string,
  ): Promise<TicketFact[]> {
    const at = clock === 'resolution' ? 't.resolved_at' : 't.first_responded_at';
    return db
      .selectFrom('tickets as t')
      .leftJoin('sla_clocks as c', (join) =>
        join
          .onRef('c.subject_id', '=', 't.id')
          .on('c.subject_type', '=', 'ticket')
          .on('c.clock', '=', clock),
      )
      .leftJoin('ticket_imports as ti', 'ti.ticket_id', 't.id')
      .select([
        ...ticketColumns,
        `${at} as done_at`,
        'c.ledger',
        'c.breached_at',
        'c.calendar_id',
        'ti.sla_met as imported_sla_met',
        'ti.reopen_count as imported_reopens',
      ])
      .where('t.type', 'in', TICKET_TYPES)
      .where(at, '>=', start)
      .where(at, '<', end)
      .orderBy('t.id')
      .execute() as Promise<TicketFact[]>;
  },

  /** Incidents and requests logged before `end` and not resolved before `start`. */
  ticketsOpenDuring(db: Executor, start: string, end: string): Promise<TicketFact[]> {
    return db
      .selectFrom('tickets as t')
      .select([...ticketColumns, 't.resolved_at as done_at', 't.closed_at'])
      .where('t.type', 'in', TICKET_TYPES)
      .where('t.created_at', '<', end)
      .where((eb) =>
        eb.or([
          eb.and([eb('t.resolved_at', 'is', null), eb('t.closed_at', 'is', null)]),
          eb('t.resolved_at', '>=', start),
          eb.and([eb('t.resolved_at', 'is', null), eb('t.closed_at', '>=', start)]),
        ]),
      )
      .orderBy('t.id')
      .execute()
      .then((rows) =>
        rows.map(({ closed_at, ...row }) => ({
          ...row,
          done_at: row.done_at ?? closed_at,
          ledger: null,
          breached_at: null,
          calendar_id: null,
        })),
      );
  },

  /** Incidents logged in [start, end). */
  incidentsLoggedBetween(db: Executor, start: string, end: string): Promise<TicketFact[]> {
    return db
      .selectFrom('tickets as t')
      .select([...ticketColumns, 't.resolved_at as done_at'])
      .where('t.type', '=', 'incident')
      .where('t.created_at', '>=', start)
      .where('t.created_at', '<', end)
      .orderBy('t.id')
      .execute()
      .then((rows) =>
        rows.map((row) => ({ ...row, ledger: null, breached_at: null, calendar_id: null })),
      );
  },

  /** Surveys sent or answered in [start, end), with their ticket's priority and organisation. */
  surveysBetween(db: Executor, start: string, end: string): Promise<SurveyFact[]> {
    return db
      .selectFrom('surveys as s')
      .innerJoin('tickets as t', 't.id', 's.ticket_id')
      .select([
        's.id',
        's.ticket_id',
        't.number',
        't.title',
        's.service_id',
        's.group_id',
        't.priority',
        't.organisation_id',
        's.sent_at',
        's.answered_at',
        's.rating',
      ])
      .where((eb) =>
        eb.or([
          eb.and([eb('s.sent_at', '>=', start), eb('s.sent_at', '<', end)]),
          eb.and([eb('s.answered_at', '>=', start), eb('s.answered_at', '<', end)]),
        ]),
      )
      .orderBy('s.id')
      .execute();
  },

  /** Changes raised or closed in [start, end). */
  changesBetween(db: Executor, start: string, end: string): Promise<ChangeFact[]> {
    return db
      .selectFrom('changes')
      .select([
        'id',
        'number',
        'title',
        'type',
        'group_id',
        'close_code',
        'created_at',
        'closed_at',
      ])
      .where((eb) =>
        eb.or([
          eb.and([eb('created_at', '>=', start), eb('created_at', '<', end)]),
          eb.and([eb('closed_at', '>=', start), eb('closed_at', '<', end)]),
        ]),
      )
      .orderBy('id')
      .execute();
  },

  /** Reopenings and edits of tickets from the audit trail, for reopen and first-contact rates. */
  async ticketTrail(
    db: Executor,
    ticketIds: string[],
  ): Promise<{ entity_id: string; action: string; changes: string }[]> {
    const rows: { entity_id: string; action: string; changes: string }[] = [];
    for (let i = 0; i < ticketIds.length; i += 500) {
      rows.push(
        ...(await db
          .selectFrom('audit_events')
          .select(['entity_id', 'action', 'changes'])
          .where('entity_type', '=', 'ticket')
          .where('action', 'in', ['reopen', 'update'])
          .where('entity_id', 'in', ticketIds.slice(i, i + 500))
          .execute()),
      );
    }
    return rows;
  },

  /** The history imported with tickets (assignments, reopenings), in order, for the same rates. */
  async importedTrail(
    db: Executor,
    ticketIds: string[],
  ): Promise<
    { ticket_id: string; kind: string; group_id: string | null; assignee_id: string | null }[]
  > {
    const rows: {
      ticket_id: string;
      kind: string;
      group_id: string | null;
      assignee_id: string | null;
    }[] = [];
    for (let i = 0; i < ticketIds.length; i += 500)
      rows.push(
        ...(await db
          .selectFrom('imported_ticket_events')
          .select(['ticket_id', 'kind', 'group_id', 'assignee_id'])
          .where('ticket_id', 'in', ticketIds.slice(i, i + 500))
          .orderBy('ticket_id')
          .orderBy('position')
          .execute()),
      );
    return rows;
  },

  async names(
    db: Executor,
    table: 'services' | 'groups' | 'organisations',
    ids: string[],
  ): Promise<Map<string, string>> {
    if (!ids.length) return new Map();
    const rows = await db.selectFrom(table).select(['id', 'name']).where('id', 'in', ids).execute();
    return new Map(rows.map((r) => [r.id, r.name]));
  },
};
