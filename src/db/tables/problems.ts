// Row types of problem management (issue 5), with the conventions of ../schema.ts.
import type { Timestamp } from '../schema.js';

export interface ProblemsTable {
  id: string;
  number: string;
  title: string;
  description: string;
  status: string;
  owner_group_id: string | null;
  assignee_id: string | null;
  rca_method: string | null;
  root_cause: string | null;
  contributing_factors: string | null;
  workaround: string | null;
  /** Lower-cased title, description, root cause and workaround: what known-error search reads. */
  search_text: string;
  known_error_at: Timestamp | null;
  resolved_at: Timestamp | null;
  closed_at: Timestamp | null;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: number;
}

export interface ProblemServicesTable {
  problem_id: string;
  service_id: string;
}

export interface ProblemIncidentsTable {
  problem_id: string;
  ticket_id: string;
  linked_by: string | null;
  linked_at: Timestamp;
}

export interface ProblemTables {
  problems: ProblemsTable;
  problem_services: ProblemServicesTable;
  problem_incidents: ProblemIncidentsTable;
}
