// Row types of documents (issue 6), with the conventions of ../schema.ts.
import type { Json, Timestamp } from '../schema.js';

/** A controlled document: what stays the same across its versions. */
export interface DocumentsTable {
  id: string;
  number: string;
  kind: string;
  title: string;
  owner_id: string | null;
  /** The mandatory-checklist key of the requirement library it fulfils (scope, sms-policy, …). */
  checklist_key: string | null;
  /** The status of the working (latest) version: draft, in_review, approved, retired. */
  status: string;
  /** Number of the latest version (the one being worked on, or the approved one). */
  current_version: number;
  /** Number of the latest approved version: what people read while a new draft is worked on. */
  approved_version: number | null;
  approved_at: Timestamp | null;
  next_review_at: Timestamp | null;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: number;
}

/** One version of a document's text. Approved versions are never changed again. */
export interface DocumentVersionsTable {
  id: string;
  document_id: string;
  number: number;
  title: string;
  body: string;
  /** draft, in_review, approved, superseded, retired. */
  status: string;
  author_id: string | null;
  reviewer_id: string | null;
  submitted_by: string | null;
  submitted_at: Timestamp | null;
  approved_by: string | null;
  approved_by_name: string | null;
  approved_at: Timestamp | null;
  change_note: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** The requirements of the library a document serves, by number, e.g. "8.5.1.1". */
export interface DocumentRequirementsTable {
  document_id: string;
  requirement: string;
}

/** Review comments, and the reasons given with an approval or a rejection. */
export interface DocumentCommentsTable {
  id: string;
  document_id: string;
  version_number: number;
  author_id: string | null;
  author_name: string;
  /** comment, approve, reject. */
  decision: string;
  body: string;
  created_at: Timestamp;
}

/** Staff in given roles or groups must read and acknowledge an approved version by a date. */
export interface AcknowledgementCampaignsTable {
  id: string;
  document_id: string;
  version_number: number;
  roles: Json;
  group_ids: Json;
  due_at: Timestamp;
  message: string | null;
  created_by: string | null;
  created_at: Timestamp;
}

/** Who was targeted when the campaign was launched, and when they acknowledged. */
export interface AcknowledgementTargetsTable {
  campaign_id: string;
  user_id: string;
  acknowledged_at: Timestamp | null;
  acknowledged_version: number | null;
}

export interface DocumentTables {
  documents: DocumentsTable;
  document_versions: DocumentVersionsTable;
  document_requirements: DocumentRequirementsTable;
  document_comments: DocumentCommentsTable;
  acknowledgement_campaigns: AcknowledgementCampaignsTable;
  acknowledgement_targets: AcknowledgementTargetsTable;
}
