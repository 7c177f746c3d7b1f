import { type Kysely, sql } from 'kysely';
import { columnTypes } from './column-types.js';

// KPI rollups (issue 8): daily cells the dashboards read instead of the records, so a KPI's cost
// grows with the days shown, not with the number of tickets (docs/kpis.md, "Rollups").
//
// - `kpi_cells`: per measure, UTC day (span "day") or calendar month (span "month", dated by its
//   first day) and breakdown, the additive figures of its records (count, hits, sum, survey sends,
//   a duration histogram). Month cells let a year be read as twelve rows. `variant` says which breakdown the cell
//   is for: "all" (every dimension is "*"), one dimension ("service", "priority", "group",
//   "organisation": that column holds the value, the others "*"), or "full" (all four). An empty
//   string stands for "none" (a ticket without a service), so the key never holds a null.
// - `kpi_rollup_dirty`: an append-only log of (family, day) whose cells are out of date. Database
//   triggers write it on every change of the records a measure reads, whatever wrote them (the
//   services, the demo generator, an import), so no write path can forget. Appending (no upsert)
//   keeps concurrent writers from queueing on one row; the refresh claims the log with
//   DELETE … RETURNING inside its own transaction.
// biome-ignore lint/suspicious/noExplicitAny: migrations take Kysely<any> by convention
export async function up(db: Kysely<any>): Promise<void> {
  const t = columnTypes(db);
  const postgres = t.timestamp === 'timestamptz';
  await db.schema
    .createTable('kpi_cells')
    .addColumn('measure', 'text', (c) => c.notNull())
    .addColumn('variant', 'text', (c) => c.notNull())
    .addColumn('span', 'text', (c) => c.notNull())
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('service_id', 'text', (c) => c.notNull())
    .addColumn('priority', 'text', (c) => c.notNull())
    .addColumn('group_id', 'text', (c) => c.notNull())
    .addColumn('organisation_id', 'text', (c) => c.notNull())
    .addColumn('n', 'integer', (c) => c.notNull())
    .addColumn('hits', 'integer', (c) => c.notNull())
    .addColumn('total', 'double precision', (c) => c.notNull())
    .addColumn('sent', 'integer', (c) => c.notNull())
    .addColumn('answered', 'integer', (c) => c.notNull())
    // How many records went into the cell (opened and done tickets count for the backlog, whose
    // net count may be zero): a month cell is dropped when it falls to none.
    .addColumn('records', 'integer', (c) => c.notNull())
    // The duration histogram as JSON text ({"bin": [count, sum]}), null for other measures.
    .addColumn('bins', 'text')
    .addPrimaryKeyConstraint('kpi_cells_pk', [
      'measure',
      'variant',
      'span',
      'day',
      'service_id',
      'priority',
      'group_id',
      'organisation_id',
    ])
    .execute();

  await db.schema
    .createTable('kpi_rollup_dirty')
    .addColumn('id', postgres ? 'bigserial' : 'integer', (c) =>
      postgres ? c.primaryKey() : c.primaryKey().autoIncrement(),
    )
    .addColumn('family', 'text', (c) => c.notNull())
    .addColumn('day', 'text', (c) => c.notNull())
    .execute();
  // The refresh walks the log by (family, day) and clears it up to the last entry it saw.
  await db.schema
    .createIndex('kpi_rollup_dirty_key')
    .on('kpi_rollup_dirty')
    .columns(['family', 'day', 'id'])
    .execute();

  // The measures read the records by the instant that dates them: one index per instant.
  for (const [table, column] of [
    ['tickets', 'created_at'],
    ['tickets', 'resolved_at'],
    ['tickets', 'first_responded_at'],
    ['tickets', 'closed_at'],
    ['surveys', 'answered_at'],
    ['changes', 'closed_at'],
  ] as const)
    await db.schema.createIndex(`${table}_${column}_kpi`).on(table).column(column).execute();

  for (const statement of postgres ? postgresTriggers : sqliteTriggers)
    await sql.raw(statement).execute(db);
}

// Which family of measures each record feeds, and the instants whose days a change touches.
// The refresh recomputes a family's cells of a day from the records dated that day.
const TICKET_INSTANTS = ['created_at', 'resolved_at', 'first_responded_at', 'closed_at'];
const TICKET_COLUMNS = [
  ...TICKET_INSTANTS,
  'type',
  'service_id',
  'priority',
  'group_id',
  'organisation_id',
];

const sqliteDays = (family: string, row: 'NEW' | 'OLD', columns: string[]) =>
  columns
    .map(
      (c) =>
        `INSERT INTO kpi_rollup_dirty (family, day) SELECT '${family}', substr(${row}.${c}, 1, 10) WHERE ${row}.${c} IS NOT NULL;`,
    )
    .join('\n  ');

// A ticket's SLA clocks and trail (reopenings, reassignments) count on the day it was resolved
// or first answered; its surveys carry its priority and organisation.
const sqliteTicketDays = (idExpression: string) => `
  INSERT INTO kpi_rollup_dirty (family, day)
    SELECT 'tickets', substr(resolved_at, 1, 10) FROM tickets WHERE id = ${idExpression} AND resolved_at IS NOT NULL
    UNION ALL
    SELECT 'tickets', substr(first_responded_at, 1, 10) FROM tickets WHERE id = ${idExpression} AND first_responded_at IS NOT NULL;`;

const sqliteTriggers = [
  `CREATE TRIGGER kpi_tickets_insert AFTER INSERT ON tickets BEGIN
  ${sqliteDays('tickets', 'NEW', TICKET_INSTANTS)}
END`,
  `CREATE TRIGGER kpi_tickets_update AFTER UPDATE OF ${TICKET_COLUMNS.join(', ')} ON tickets BEGIN
  ${sqliteDays('tickets', 'OLD', TICKET_INSTANTS)}
  ${sqliteDays('tickets', 'NEW', TICKET_INSTANTS)}
  INSERT INTO kpi_rollup_dirty (family, day)
    SELECT 'surveys', substr(sent_at, 1, 10) FROM surveys WHERE ticket_id = NEW.id
    UNION ALL
    SELECT 'surveys', substr(answered_at, 1, 10) FROM surveys WHERE ticket_id = NEW.id AND answered_at IS NOT NULL;
END`,
  `CREATE TRIGGER kpi_tickets_delete AFTER DELETE ON tickets BEGIN
  ${sqliteDays('tickets', 'OLD', TICKET_INSTANTS)}
END`,
  `CREATE TRIGGER kpi_clocks_insert AFTER INSERT ON sla_clocks WHEN NEW.subject_type = 'ticket' BEGIN
  ${sqliteTicketDays('NEW.subject_id')}
END`,
  `CREATE TRIGGER kpi_clocks_update AFTER UPDATE OF ledger, breached_at, calendar_id ON sla_clocks WHEN NEW.subject_type = 'ticket' BEGIN
  ${sqliteTicketDays('NEW.subject_id')}
END`,
  `CREATE TRIGGER kpi_ticket_trail AFTER INSERT ON audit_events WHEN NEW.entity_type = 'ticket' AND NEW.action IN ('reopen', 'update') BEGIN
  ${sqliteTicketDays('NEW.entity_id')}
END`,
  `CREATE TRIGGER kpi_surveys_insert AFTER INSERT ON surveys BEGIN
  ${sqliteDays('surveys', 'NEW', ['sent_at', 'answered_at'])}
END`,
  `CREATE TRIGGER kpi_surveys_update AFTER UPDATE OF sent_at, answered_at, rating, service_id, group_id ON surveys BEGIN
  ${sqliteDays('surveys', 'OLD', ['sent_at', 'answered_at'])}
  ${sqliteDays('surveys', 'NEW', ['sent_at', 'answered_at'])}
END`,
  `CREATE TRIGGER kpi_surveys_delete AFTER DELETE ON surveys BEGIN
  ${sqliteDays('surveys', 'OLD', ['sent_at', 'answered_at'])}
END`,
  `CREATE TRIGGER kpi_changes_insert AFTER INSERT ON changes BEGIN
  ${sqliteDays('changes', 'NEW', ['created_at', 'closed_at'])}
END`,
  `CREATE TRIGGER kpi_changes_update AFTER UPDATE OF created_at, closed_at, close_code, type, group_id ON changes BEGIN
  ${sqliteDays('changes', 'OLD', ['created_at', 'closed_at'])}
  ${sqliteDays('changes', 'NEW', ['created_at', 'closed_at'])}
END`,
];

// PostgreSQL: one trigger function per table; days are taken in UTC.
const pgDay = (expression: string) => `to_char(${expression} AT TIME ZONE 'UTC', 'YYYY-MM-DD')`;
const pgDays = (family: string, row: 'NEW' | 'OLD', columns: string[]) =>
  `INSERT INTO kpi_rollup_dirty (family, day) SELECT '${family}', d FROM (VALUES ${columns
    .map((c) => `(${pgDay(`${row}.${c}`)})`)
    .join(', ')}) AS v(d) WHERE d IS NOT NULL;`;
const pgTicketDays = (idExpression: string) => `
    INSERT INTO kpi_rollup_dirty (family, day)
      SELECT 'tickets', ${pgDay('resolved_at')} FROM tickets WHERE id = ${idExpression} AND resolved_at IS NOT NULL
      UNION ALL
      SELECT 'tickets', ${pgDay('first_responded_at')} FROM tickets WHERE id = ${idExpression} AND first_responded_at IS NOT NULL;`;

const pgFunction = (name: string, body: string) => `
CREATE FUNCTION ${name}() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  ${body}
  RETURN NULL;
END $$`;

const postgresTriggers = [
  pgFunction(
    'kpi_tickets_dirty',
    `IF TG_OP <> 'INSERT' THEN ${pgDays('tickets', 'OLD', TICKET_INSTANTS)} END IF;
  IF TG_OP <> 'DELETE' THEN ${pgDays('tickets', 'NEW', TICKET_INSTANTS)} END IF;
  IF TG_OP = 'UPDATE' THEN
    INSERT INTO kpi_rollup_dirty (family, day)
      SELECT 'surveys', ${pgDay('sent_at')} FROM surveys WHERE ticket_id = NEW.id
      UNION ALL
      SELECT 'surveys', ${pgDay('answered_at')} FROM surveys WHERE ticket_id = NEW.id AND answered_at IS NOT NULL;
  END IF;`,
  ),
  `CREATE TRIGGER kpi_tickets_insert_delete AFTER INSERT OR DELETE ON tickets FOR EACH ROW EXECUTE FUNCTION kpi_tickets_dirty()`,
  `CREATE TRIGGER kpi_tickets_update AFTER UPDATE OF ${TICKET_COLUMNS.join(', ')} ON tickets FOR EACH ROW EXECUTE FUNCTION kpi_tickets_dirty()`,
  pgFunction('kpi_clocks_dirty', pgTicketDays('NEW.subject_id')),
  `CREATE TRIGGER kpi_clocks_insert AFTER INSERT ON sla_clocks FOR EACH ROW WHEN (NEW.subject_type = 'ticket') EXECUTE FUNCTION kpi_clocks_dirty()`,
  `CREATE TRIGGER kpi_clocks_update AFTER UPDATE OF ledger, breached_at, calendar_id ON sla_clocks FOR EACH ROW WHEN (NEW.subject_type = 'ticket') EXECUTE FUNCTION kpi_clocks_dirty()`,
  pgFunction('kpi_trail_dirty', pgTicketDays('NEW.entity_id')),
  `CREATE TRIGGER kpi_ticket_trail AFTER INSERT ON audit_events FOR EACH ROW WHEN (NEW.entity_type = 'ticket' AND NEW.action IN ('reopen', 'update')) EXECUTE FUNCTION kpi_trail_dirty()`,
  pgFunction(
    'kpi_surveys_dirty',
    `IF TG_OP <> 'INSERT' THEN ${pgDays('surveys', 'OLD', ['sent_at', 'answered_at'])} END IF;
  IF TG_OP <> 'DELETE' THEN ${pgDays('surveys', 'NEW', ['sent_at', 'answered_at'])} END IF;`,
  ),
  `CREATE TRIGGER kpi_surveys_insert_delete AFTER INSERT OR DELETE ON surveys FOR EACH ROW EXECUTE FUNCTION kpi_surveys_dirty()`,
  `CREATE TRIGGER kpi_surveys_update AFTER UPDATE OF sent_at, answered_at, rating, service_id, group_id ON surveys FOR EACH ROW EXECUTE FUNCTION kpi_surveys_dirty()`,
  pgFunction(
    'kpi_changes_dirty',
    `IF TG_OP <> 'INSERT' THEN ${pgDays('changes', 'OLD', ['created_at', 'closed_at'])} END IF;
  IF TG_OP <> 'DELETE' THEN ${pgDays('changes', 'NEW', ['created_at', 'closed_at'])} END IF;`,
  ),
  `CREATE TRIGGER kpi_changes_insert_delete AFTER INSERT OR DELETE ON changes FOR EACH ROW EXECUTE FUNCTION kpi_changes_dirty()`,
  `CREATE TRIGGER kpi_changes_update AFTER UPDATE OF created_at, closed_at, close_code, type, group_id ON changes FOR EACH ROW EXECUTE FUNCTION kpi_changes_dirty()`,
];
