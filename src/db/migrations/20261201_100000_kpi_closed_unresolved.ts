import { type Kysely, sql } from 'kysely';

// The backlog's day (src/modules/kpis/rollup.repository.ts, ticketsDoneOn) looks for tickets
// closed that day without a resolution. Asked `resolved_at is null and closed_at in [day]`, SQLite
// took the resolved_at index and walked every open ticket (30 ms of each day's refresh at a million
// tickets, for no row). This index holds only the tickets closed unresolved (a new ticket, not
// closed yet, costs it nothing); both columns in it make it the better match for that question.
// biome-ignore lint/suspicious/noExplicitAny: migrations take Kysely<any> by convention
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex('tickets_closed_unresolved_kpi')
    .on('tickets')
    .columns(['resolved_at', 'closed_at'])
    .where(sql.ref('resolved_at'), 'is', null)
    .where(sql.ref('closed_at'), 'is not', null)
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: migrations take Kysely<any> by convention
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('tickets_closed_unresolved_kpi').execute();
}
