// Row types of release management (issue 5), with the conventions of ../schema.ts.
import type { Timestamp } from '../schema.js';

export interface ReleasesTable {
  id: string;
  number: string;
  title: string;
  description: string;
  /** major | minor | emergency */
  type: string;
  version_label: string;
  /** The service the release changes. */
  service_id: string;
  status: string;
  manager_id: string | null;
  /** The planned deployment window. */
  planned_start: Timestamp | null;
  planned_end: Timestamp | null;
  deployment_plan: string;
  rollback_plan: string;
  /** go | no_go, with who decided, when and why. */
  decision: string | null;
  decided_by: string | null;
  decided_at: Timestamp | null;
  decision_comment: string | null;
  /** successful | successful_with_issues | failed */
  outcome_result: string | null;
  outcome: string | null;
  deployed_at: Timestamp | null;
  closed_at: Timestamp | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: number;
}

export interface ReleaseChangesTable {
  release_id: string;
  change_id: string;
  linked_by: string | null;
  linked_at: Timestamp;
}

export interface ReleaseCriteriaTable {
  id: string;
  release_id: string;
  position: number;
  description: string;
  /** not_run | passed | failed */
  result: string;
  evidence: string | null;
  tested_by: string | null;
  tested_at: Timestamp | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: number;
}

export interface ReleaseIncidentsTable {
  release_id: string;
  ticket_id: string;
  linked_by: string | null;
  linked_at: Timestamp;
}

export interface ReleaseTables {
  releases: ReleasesTable;
  release_changes: ReleaseChangesTable;
  release_criteria: ReleaseCriteriaTable;
  release_incidents: ReleaseIncidentsTable;
}
