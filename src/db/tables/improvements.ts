// Row types of the continual improvement register (issue 7), with the conventions of ../schema.ts.
import type { Timestamp } from '../schema.js';

export interface ImprovementsTable {
  id: string;
  number: string;
  title: string;
  description: string;
  source: string;
  source_id: string | null;
  source_label: string | null;
  expected_benefit: string;
  benefit_score: number | null;
  effort_score: number | null;
  impact_score: number | null;
  /** 0 until benefit, effort and impact are all scored. */
  priority_score: number;
  owner_id: string | null;
  status: string;
  /** YYYY-MM-DD. */
  target_date: string | null;
  progress_note: string | null;
  rejection_reason: string | null;
  outcome_measure: string | null;
  outcome_before: string | null;
  outcome_after: string | null;
  /** YYYY-MM-DD. */
  outcome_measured_on: string | null;
  outcome_notes: string | null;
  approved_at: Timestamp | null;
  started_at: Timestamp | null;
  implemented_at: Timestamp | null;
  closed_at: Timestamp | null;
  rejected_at: Timestamp | null;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: number;
}

export interface ImprovementTables {
  improvements: ImprovementsTable;
}
