import type { Kysely } from 'kysely';
import { columnTypes } from './column-types.js';

// The KPI engine (issue 8, clauses 9.1 and 6.2): KPI definitions as data, seeded with the
// programme's four KPIs and the service management metrics. Baseline periods are left empty: an
// administrator (or the demo) sets them; until then relative targets cannot be judged.
type Seed = [
  key: string,
  name: string,
  description: string,
  measure: string,
  statistic: string,
  unit: string,
  direction: string,
  target: { kind: 'absolute'; value: number } | { kind: 'relative'; change: number },
  atRiskMargin: number,
  requirements: string[],
  objectives: string,
];

const lower = 'lower-is-better';
const higher = 'higher-is-better';

const DEFAULTS: Seed[] = [
  [
    'service-delivery-time',
    'Service delivery time',
    'Median time from logging to resolution of incidents and service requests resolved in the period, in business hours of the calendar of each ticket’s resolution SLA clock (mean and p90 alongside).',
    'service-delivery-time',
    'median',
    'hours',
    lower,
    { kind: 'relative', change: -20 },
    10,
    ['8.6.1', '8.6.2', '9.1'],
    'Deliver services faster: 20% lower delivery time than the baseline period.',
  ],
  [
    'customer-satisfaction-index',
    'Customer satisfaction index',
    'Mean rating (1–5) of the post-resolution surveys answered in the period, scaled to 0–100, with the response rate of the surveys sent in the period.',
    'customer-satisfaction-index',
    'value',
    'index',
    higher,
    { kind: 'relative', change: 15 },
    5,
    ['8.3.2', '9.1'],
    'Raise customer satisfaction 15% above the baseline period.',
  ],
  [
    'compliance-audit-success-rate',
    'Compliance audit success rate',
    'Share of the requirements audited in the internal and external audits completed in the period found conforming (without a major or minor nonconformity).',
    'compliance-audit-success-rate',
    'value',
    'percent',
    higher,
    { kind: 'absolute', value: 100 },
    5,
    ['9.2', '10.1'],
    'Every audited requirement conforming.',
  ],
  [
    'training-completion',
    'Employee training completion',
    'Mandatory training assignments due in the period completed by their due date, over all of them.',
    'training-completion',
    'value',
    'percent',
    higher,
    { kind: 'absolute', value: 95 },
    5,
    ['7.2', '7.3'],
    'At least 95% of mandatory training completed on time.',
  ],
  [
    'mean-time-to-resolve',
    'Mean time to resolve',
    'Mean business time from logging to resolution of the incidents and service requests resolved in the period.',
    'service-delivery-time',
    'mean',
    'hours',
    lower,
    { kind: 'relative', change: -20 },
    10,
    ['8.6.1', '9.1'],
    '',
  ],
  [
    'sla-first-response-attainment',
    'SLA attainment — first response',
    'Share of the first-response SLA clocks of tickets first answered in the period that were met (not breached).',
    'sla-first-response-attainment',
    'value',
    'percent',
    higher,
    { kind: 'absolute', value: 95 },
    5,
    ['8.3.3', '9.1'],
    '',
  ],
  [
    'sla-resolution-attainment',
    'SLA attainment — resolution',
    'Share of the resolution SLA clocks of tickets resolved in the period that were met (not breached).',
    'sla-resolution-attainment',
    'value',
    'percent',
    higher,
    { kind: 'absolute', value: 95 },
    5,
    ['8.3.3', '9.1'],
    '',
  ],
  [
    'backlog',
    'Backlog',
    'Incidents and service requests open at the end of the period (logged before it ends, not resolved by then).',
    'backlog',
    'value',
    'count',
    lower,
    { kind: 'relative', change: -10 },
    10,
    ['8.6.1', '9.1'],
    '',
  ],
  [
    'backlog-age',
    'Backlog age',
    'Mean age, in hours, of the tickets open at the end of the period.',
    'backlog-age',
    'value',
    'hours',
    lower,
    { kind: 'relative', change: -10 },
    10,
    ['8.6.1', '9.1'],
    '',
  ],
  [
    'survey-response-rate',
    'Survey response rate',
    'Share of the satisfaction surveys sent in the period that were answered.',
    'survey-response-rate',
    'value',
    'percent',
    higher,
    { kind: 'absolute', value: 30 },
    10,
    ['8.3.2', '9.1'],
    '',
  ],
  [
    'incidents-per-service',
    'Incidents per service',
    'Incidents logged in the period; broken down by service, the incidents of each service.',
    'incidents',
    'value',
    'count',
    lower,
    { kind: 'relative', change: -10 },
    10,
    ['8.6.1', '9.1'],
    '',
  ],
  [
    'reopen-rate',
    'Reopen rate',
    'Share of the incidents and service requests resolved in the period that were reopened at least once.',
    'reopen-rate',
    'value',
    'percent',
    lower,
    { kind: 'absolute', value: 5 },
    20,
    ['8.6.1', '9.1'],
    '',
  ],
  [
    'first-contact-resolution',
    'First-contact resolution rate',
    'Share of the incidents and service requests resolved in the period without being reopened and without moving to another group or assignee after their first assignment.',
    'first-contact-resolution',
    'value',
    'percent',
    higher,
    { kind: 'absolute', value: 70 },
    10,
    ['8.6.1', '9.1'],
    '',
  ],
  [
    'change-success-rate',
    'Change success rate',
    'Share of the changes closed in the period with the code successful or successful with issues.',
    'change-success-rate',
    'value',
    'percent',
    higher,
    { kind: 'absolute', value: 95 },
    5,
    ['8.5.1', '9.1'],
    '',
  ],
  [
    'emergency-change-ratio',
    'Emergency change ratio',
    'Share of the changes raised in the period that are emergency changes.',
    'emergency-change-ratio',
    'value',
    'percent',
    lower,
    { kind: 'absolute', value: 10 },
    20,
    ['8.5.1', '9.1'],
    '',
  ],
  [
    'open-nonconformities',
    'Open nonconformities',
    'Audit nonconformities not closed at the end of the period.',
    'open-nonconformities',
    'value',
    'count',
    lower,
    { kind: 'absolute', value: 0 },
    0,
    ['10.1', '9.2'],
    '',
  ],
  [
    'overdue-corrective-actions',
    'Overdue corrective actions',
    'Corrective actions still open past their due date at the end of the period.',
    'overdue-corrective-actions',
    'value',
    'count',
    lower,
    { kind: 'absolute', value: 0 },
    0,
    ['10.1'],
    '',
  ],
];

// biome-ignore lint/suspicious/noExplicitAny: migrations take Kysely<any> by convention
export async function up(db: Kysely<any>): Promise<void> {
  const t = columnTypes(db);
  await db.schema
    .createTable('kpi_definitions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('measure', 'text', (c) => c.notNull())
    .addColumn('statistic', 'text', (c) => c.notNull())
    .addColumn('unit', 'text', (c) => c.notNull())
    .addColumn('direction', 'text', (c) => c.notNull())
    .addColumn('target', t.json, (c) => c.notNull())
    .addColumn('baseline_from', 'text')
    .addColumn('baseline_to', 'text')
    .addColumn('at_risk_margin', 'real', (c) => c.notNull())
    .addColumn('owner_id', 'text', (c) => c.references('users.id'))
    .addColumn('requirements', t.json, (c) => c.notNull())
    .addColumn('objectives', 'text', (c) => c.notNull())
    .addColumn('sort_order', 'integer', (c) => c.notNull())
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute();
  const now = new Date().toISOString();
  await db
    .insertInto('kpi_definitions')
    .values(
      DEFAULTS.map((d, i) => ({
        id: d[0],
        name: d[1],
        description: d[2],
        measure: d[3],
        statistic: d[4],
        unit: d[5],
        direction: d[6],
        target: JSON.stringify(d[7]),
        baseline_from: null,
        baseline_to: null,
        at_risk_margin: d[8],
        owner_id: null,
        requirements: JSON.stringify(d[9]),
        objectives: d[10],
        sort_order: (i + 1) * 10,
        created_at: now,
        updated_at: now,
        version: 1,
      })),
    )
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: migrations take Kysely<any> by convention
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('kpi_definitions').execute();
}
