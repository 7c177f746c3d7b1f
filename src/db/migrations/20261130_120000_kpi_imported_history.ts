import { type Kysely, sql } from 'kysely';
import { columnTypes } from './column-types.js';

// KPI rollup (issue 8) and imports (issue 9): an imported ticket's SLA verdict (ticket_imports)
// and its imported history (imported_ticket_events: reopenings, reassignments) count in the SLA
// attainment, reopen and first-contact rates of the day it was resolved, like our own clocks and
// trail do; these triggers log that day for the rollup's refresh (see 20261130_090000_kpi_rollups).
// biome-ignore lint/suspicious/noExplicitAny: migrations take Kysely<any> by convention
export async function up(db: Kysely<any>): Promise<void> {
  const postgres = columnTypes(db).timestamp === 'timestamptz';
  for (const statement of postgres ? postgresTriggers : sqliteTriggers)
    await sql.raw(statement).execute(db);
}

const sqliteTicketDays = `
  INSERT INTO kpi_rollup_dirty (family, day)
    SELECT 'tickets', substr(resolved_at, 1, 10) FROM tickets WHERE id = NEW.ticket_id AND resolved_at IS NOT NULL;`;

const sqliteTriggers = [
  `CREATE TRIGGER kpi_ticket_imports_insert AFTER INSERT ON ticket_imports BEGIN ${sqliteTicketDays} END`,
  `CREATE TRIGGER kpi_ticket_imports_update AFTER UPDATE OF sla_met, reopen_count ON ticket_imports BEGIN ${sqliteTicketDays} END`,
  `CREATE TRIGGER kpi_imported_events_insert AFTER INSERT ON imported_ticket_events BEGIN ${sqliteTicketDays} END`,
];

const postgresTriggers = [
  `CREATE FUNCTION kpi_imported_dirty() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO kpi_rollup_dirty (family, day)
    SELECT 'tickets', to_char(resolved_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') FROM tickets
    WHERE id = NEW.ticket_id AND resolved_at IS NOT NULL;
  RETURN NULL;
END $$`,
  `CREATE TRIGGER kpi_ticket_imports_insert AFTER INSERT ON ticket_imports FOR EACH ROW EXECUTE FUNCTION kpi_imported_dirty()`,
  `CREATE TRIGGER kpi_ticket_imports_update AFTER UPDATE OF sla_met, reopen_count ON ticket_imports FOR EACH ROW EXECUTE FUNCTION kpi_imported_dirty()`,
  `CREATE TRIGGER kpi_imported_events_insert AFTER INSERT ON imported_ticket_events FOR EACH ROW EXECUTE FUNCTION kpi_imported_dirty()`,
];
