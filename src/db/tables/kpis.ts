// Row types of the KPI engine (issue 8), with the conventions of ../schema.ts.
import type { Generated } from 'kysely';
import type { Json, Timestamp } from '../schema.js';

/** A KPI definition: which measure, how it is judged, who owns it. The id is the KPI's key. */
export interface KpiDefinitionsTable {
  /** The key, e.g. "service-delivery-time"; also the primary key. */
  id: string;
  name: string;
  description: string;
  /** One of the measure ids computed by src/modules/kpis/measures.ts. */
  measure: string;
  /** Which figure of the measure is the KPI's value: "value", "median", "mean" or "p90". */
  statistic: string;
  unit: string;
  direction: string;
  /** { kind: "absolute", value } or { kind: "relative", change } (percent against the baseline). */
  target: Json;
  /** YYYY-MM-DD, both null when no baseline period is set. */
  baseline_from: string | null;
  baseline_to: string | null;
  /** How far short of the target (percent of the target) is still "at risk" rather than off track. */
  at_risk_margin: number;
  owner_id: string | null;
  /** string[]: requirement numbers of the standard, e.g. ["8.6.1", "9.1"]. */
  requirements: Json;
  objectives: string;
  sort_order: number;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: number;
}

export interface KpiTables {
  kpi_definitions: KpiDefinitionsTable;
  kpi_cells: KpiCellsTable;
  kpi_rollup_dirty: KpiRollupDirtyTable;
}

/** A rollup cell: the summary of one measure's records of one UTC day, for one breakdown. */
export interface KpiCellsTable {
  measure: string;
  /** "all", "service", "priority", "group", "organisation" or "full". */
  variant: string;
  /** "day", or "month" for the sum of a calendar month's day cells. */
  span: string;
  /** YYYY-MM-DD (UTC): the day, or the month's first day. */
  day: string;
  /** The breakdown's values: "*" when rolled up, "" for none. */
  service_id: string;
  priority: string;
  group_id: string;
  organisation_id: string;
  n: number;
  hits: number;
  total: number;
  sent: number;
  answered: number;
  /** How many records went into the cell. */
  records: number;
  /** JSON {"bin": [count, sum]} for duration measures, else null. */
  bins: string | null;
}

/** The log of (family, day) whose cells are out of date, written by database triggers. */
export interface KpiRollupDirtyTable {
  id: Generated<number>;
  family: string;
  day: string;
}
