// Row types of internal and certification audits (issue 7), with the conventions of ../schema.ts.
import type { Bool, Json, Timestamp } from '../schema.js';

export interface AuditGradeSchemesTable {
  id: string;
  name: string;
  grades: Json;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: number;
}

export interface AuditProgrammesTable {
  id: string;
  name: string;
  certification_body: string;
  grade_scheme_id: string;
  cycle_start: string;
  cycle_end: string;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: number;
}

export interface AuditsTable {
  id: string;
  number: string;
  programme_id: string;
  type: string;
  title: string;
  planned_start: string;
  planned_end: string;
  status: string;
  lead_auditor_id: string | null;
  team_ids: Json;
  area_group_ids: Json;
  scope: string;
  completed_at: Timestamp | null;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: number;
}

export interface AuditSamplesTable {
  audit_id: string;
  requirement: string;
  position: number;
  result: string;
  evidence: string;
  records: Json;
  recorded_by: string | null;
  recorded_at: Timestamp | null;
}

export interface AuditFindingsTable {
  id: string;
  audit_id: string;
  reference: string;
  grade_key: string;
  grade_label: string;
  grade_kind: string;
  title: string;
  statement: string;
  evidence: string;
  requirements: Json;
  status: string;
  correction: string | null;
  root_cause: string | null;
  action: string | null;
  action_owner_id: string | null;
  action_due: string | null;
  action_done_at: Timestamp | null;
  verified_by: string | null;
  verified_at: Timestamp | null;
  effective: Bool | null;
  verification_notes: string | null;
  closed_at: Timestamp | null;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: number;
}

export type AuditTables = {
  audit_grade_schemes: AuditGradeSchemesTable;
  audit_programmes: AuditProgrammesTable;
  audits: AuditsTable;
  audit_samples: AuditSamplesTable;
  audit_findings: AuditFindingsTable;
};
