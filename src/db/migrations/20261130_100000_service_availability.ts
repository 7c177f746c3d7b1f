import type { Kysely } from 'kysely';

// Availability per service (issue 8, clause 8.7.1): each service's availability target (percent,
// e.g. 99.9; null when the service has none) and the default KPI `availability`, computed from the
// outage windows of the major-incident reviews (the columns already exist on
// major_incident_reviews).
// biome-ignore lint/suspicious/noExplicitAny: migrations take Kysely<any> by convention
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('services').addColumn('availability_target', 'real').execute();
  const now = new Date().toISOString();
  // After the KPIs of 20261129_090000_kpis (sort orders 10…170).
  const last = await db
    .selectFrom('kpi_definitions')
    .select((eb) => eb.fn.max('sort_order').as('max'))
    .executeTakeFirst();
  await db
    .insertInto('kpi_definitions')
    .values({
      id: 'availability',
      name: 'Availability',
      description:
        'Share of the period a service was available: period minutes less the minutes of its major-incident outages (overlaps counted once), over the period minutes. Filtered by a service, that service against its own target; otherwise the mean over the live services that have a target.',
      measure: 'availability',
      statistic: 'value',
      unit: 'percent',
      direction: 'higher-is-better',
      target: JSON.stringify({ kind: 'absolute', value: 99.5 }),
      baseline_from: null,
      baseline_to: null,
      at_risk_margin: 0.5,
      owner_id: null,
      requirements: JSON.stringify(['8.7.1']),
      objectives: 'Keep every service available to its agreed target.',
      sort_order: Number(last?.max ?? 0) + 10,
      created_at: now,
      updated_at: now,
      version: 1,
    })
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: migrations take Kysely<any> by convention
export async function down(db: Kysely<any>): Promise<void> {
  await db.deleteFrom('kpi_definitions').where('id', '=', 'availability').execute();
  await db.schema.alterTable('services').dropColumn('availability_target').execute();
}
