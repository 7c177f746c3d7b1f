// Row types of change management (issue 5), with the conventions of ../schema.ts.
import type { Bool, Json, Timestamp } from '../schema.js';

/** The change policy as one versioned document (id 'policy'). */
export interface ChangePolicyTable {
  id: string;
  value: Json;
  updated_at: Timestamp;
  version: number;
}

/** Pre-approved standard changes: raised from a template, they skip CAB. */
export interface ChangeTemplatesTable {
  id: string;
  name: string;
  description: string;
  service_id: string | null;
  implementation_plan: string;
  test_plan: string;
  backout_plan: string;
  risk_level: string;
  active: Bool;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: number;
}

export interface ChangesTable {
  id: string;
  number: string;
  type: string;
  status: string;
  title: string;
  description: string;
  reason: string;
  requester_id: string | null;
  assignee_id: string | null;
  group_id: string | null;
  template_id: string | null;
  planned_start: Timestamp | null;
  planned_end: Timestamp | null;
  actual_start: Timestamp | null;
  actual_end: Timestamp | null;
  implementation_plan: string;
  test_plan: string;
  backout_plan: string;
  /** { [questionKey]: answerKey } */
  risk_answers: Json;
  risk_score: number | null;
  risk_level: string | null;
  impact: string;
  major_requested: Bool;
  major: Bool;
  under_control: Bool;
  approval: string;
  retrospective_approval_required: Bool;
  /** ScheduleConflict[] found at the last check of the planned window. */
  schedule_conflicts: Json;
  /** { justification, conflicts, byId, byName, at } or null. */
  schedule_override: Json;
  /** { outcome, objectivesMet, lessons, byId, byName, at } or null. */
  review: Json;
  close_code: string | null;
  close_notes: string | null;
  closed_at: Timestamp | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: number;
}

export interface ChangeServicesTable {
  change_id: string;
  service_id: string;
}

export interface ChangeProblemsTable {
  change_id: string;
  problem_id: string;
}

/** Incidents linked to a change: `related` (raised with the RFC) or `caused` (found by the PIR). */
export interface ChangeIncidentsTable {
  change_id: string;
  ticket_id: string;
  relation: string;
}

export interface ChangeApprovalStepsTable {
  id: string;
  change_id: string;
  position: number;
  name: string;
  approver_kind: string;
  group_id: string | null;
  mode: string;
  required: number;
  /** The user ids who could vote when the step was instantiated. */
  eligible_ids: Json;
  status: string;
  decided_at: Timestamp | null;
}

export interface ChangeVotesTable {
  id: string;
  change_id: string;
  step_id: string;
  voter_id: string;
  voter_name: string;
  decision: string;
  comment: string;
  voted_at: Timestamp;
}

export interface ChangeTables {
  change_policy: ChangePolicyTable;
  change_templates: ChangeTemplatesTable;
  changes: ChangesTable;
  change_services: ChangeServicesTable;
  change_problems: ChangeProblemsTable;
  change_incidents: ChangeIncidentsTable;
  change_approval_steps: ChangeApprovalStepsTable;
  change_votes: ChangeVotesTable;
}
