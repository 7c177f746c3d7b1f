// Row types of management reviews (issue 7), with the conventions of ../schema.ts.
import type { Json, Timestamp } from '../schema.js';

export interface ManagementReviewsTable {
  id: string;
  number: string;
  title: string;
  /** YYYY-MM-DD. */
  planned_on: string;
  held_on: string | null;
  chair_id: string | null;
  status: string;
  minutes: string;
  /** No risk register yet: what the chair writes about risks and opportunities. */
  risks: string;
  /** ReviewInput[] as taken by the last "refresh inputs"; null before the first. */
  inputs: Json | null;
  inputs_from: string | null;
  inputs_to: string | null;
  inputs_refreshed_at: Timestamp | null;
  /** { [input key]: comment } written by the chair. */
  input_comments: Json;
  closed_at: Timestamp | null;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: number;
}

export interface ManagementReviewAttendeesTable {
  review_id: string;
  user_id: string;
}

export interface ManagementReviewDecisionsTable {
  id: string;
  review_id: string;
  /** 1, 2, 3… in the order recorded. */
  position: number;
  text: string;
  created_by: string | null;
  created_at: Timestamp;
}

export interface ManagementReviewActionsTable {
  id: string;
  review_id: string;
  decision_id: string | null;
  title: string;
  owner_id: string | null;
  /** YYYY-MM-DD. */
  due_date: string;
  status: string;
  notes: string;
  done_at: Timestamp | null;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: number;
}

export interface ManagementReviewTables {
  management_reviews: ManagementReviewsTable;
  management_review_attendees: ManagementReviewAttendeesTable;
  management_review_decisions: ManagementReviewDecisionsTable;
  management_review_actions: ManagementReviewActionsTable;
}
