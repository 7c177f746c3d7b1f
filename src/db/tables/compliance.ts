// Row types of compliance (issue 6), with the conventions of ../schema.ts.
import type { Bool, Json, Timestamp } from '../schema.js';

/** A loaded requirement library: one framework edition. */
export interface ComplianceFrameworksTable {
  id: string;
  framework: string;
  edition: string;
  data_version: number;
  title: string;
  language: string;
  loaded_at: Timestamp;
}

/** A clause of a library, with our guidance; leaves are what an assessment scores. */
export interface ComplianceRequirementsTable {
  id: string;
  framework_id: string;
  number: string;
  title: string;
  parent_number: string | null;
  clause: string;
  depth: number;
  position: number;
  leaf: Bool;
  edition: string;
  intent: string | null;
  documented_information: Json;
  audit_evidence: Json;
  meridian_evidence: Json;
  meridian_gap: string | null;
  /** The standard's text pasted by a licensed user: local use only, never exported. */
  licensed_text: string | null;
  licensed_text_updated_at: Timestamp | null;
  licensed_text_updated_by: string | null;
  licensed_text_version: number;
}

export interface ComplianceAssessmentsTable {
  id: string;
  number: string;
  framework_id: string;
  title: string;
  notes: string;
  /** YYYY-MM-DD: the date the snapshot describes. */
  assessed_on: string;
  status: string;
  closed_at: Timestamp | null;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: number;
}

export interface ComplianceAssessmentItemsTable {
  id: string;
  assessment_id: string;
  requirement_id: string;
  conformity: string;
  maturity: number;
  target_maturity: number;
  notes: string;
  owner_id: string | null;
  due_date: string | null;
  document_ids: Json;
  attachment_ids: Json;
  live_links: Json;
  updated_at: Timestamp;
  version: number;
}

export interface CompliancePhasesTable {
  id: string;
  key: string;
  position: number;
  title: string;
  start_date: string | null;
  end_date: string | null;
  updated_at: Timestamp;
  version: number;
}

export interface ComplianceWorkstreamsTable {
  id: string;
  name: string;
  description: string;
  lead_id: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: number;
}

export interface ComplianceTasksTable {
  id: string;
  number: string;
  title: string;
  description: string;
  phase_id: string;
  workstream_id: string | null;
  owner_id: string | null;
  raci: Json;
  start_date: string | null;
  due_date: string | null;
  status: string;
  percent_complete: number;
  effort_days: number | null;
  milestone: Bool;
  requirement_numbers: Json;
  completed_at: Timestamp | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: number;
}

export interface ComplianceTaskDependenciesTable {
  task_id: string;
  depends_on_id: string;
}

export interface ComplianceTaskGapsTable {
  task_id: string;
  item_id: string;
}

export interface ComplianceTables {
  compliance_frameworks: ComplianceFrameworksTable;
  compliance_requirements: ComplianceRequirementsTable;
  compliance_assessments: ComplianceAssessmentsTable;
  compliance_assessment_items: ComplianceAssessmentItemsTable;
  compliance_phases: CompliancePhasesTable;
  compliance_workstreams: ComplianceWorkstreamsTable;
  compliance_tasks: ComplianceTasksTable;
  compliance_task_dependencies: ComplianceTaskDependenciesTable;
  compliance_task_gaps: ComplianceTaskGapsTable;
}
