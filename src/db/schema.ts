// Row types as both dialects hand them to the app after the dialect's value mapping:
// timestamps are ISO-8601 UTC strings ending in "Z", booleans arrive as boolean (PostgreSQL) or
// 0|1 (SQLite) and are read through `toBool`, JSON columns hold text (SQLite) or parsed values
// (PostgreSQL jsonb) and are read through `fromJson`.
import type { Generated } from 'kysely';
import type { AuditTables } from './tables/audits.js';
import type { ChangeCalendarTables } from './tables/change-calendar.js';
import type { ChangeTables } from './tables/changes.js';
import type { ComplianceTables } from './tables/compliance.js';
import type { DocumentTables } from './tables/documents.js';
import type { ImportTables } from './tables/imports.js';
import type { ImprovementTables } from './tables/improvements.js';
import type { KpiTables } from './tables/kpis.js';
import type { ManagementReviewTables } from './tables/management-reviews.js';
import type { ProblemTables } from './tables/problems.js';
import type { ReleaseTables } from './tables/releases.js';
import type { ServiceReportTables } from './tables/reports.js';
import type { TrainingTables } from './tables/training.js';

export type Timestamp = string;
export type Bool = boolean | number;
export type Json = unknown;

export interface UsersTable {
  id: string;
  email: string;
  name: string;
  role: string;
  locale: string;
  time_zone: string;
  active: Bool;
  organisation_id: string | null;
  manager_id: string | null;
  password_hash: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: number;
}

export interface GroupsTable {
  id: string;
  name: string;
  description: string;
  manager_id: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: number;
}

export interface GroupMembersTable {
  group_id: string;
  user_id: string;
}

export interface OrganisationsTable {
  id: string;
  name: string;
  kind: string;
  parent_id: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: number;
}

export interface SessionsTable {
  id: string; // SHA-256 of the cookie value
  user_id: string;
  csrf_token: string;
  created_at: Timestamp;
  expires_at: Timestamp;
  ip: string | null;
  user_agent: string | null;
}

export interface ApiTokensTable {
  id: string;
  user_id: string;
  name: string;
  token_hash: string;
  prefix: string;
  created_at: Timestamp;
  last_used_at: Timestamp | null;
  expires_at: Timestamp | null;
  revoked_at: Timestamp | null;
}

export interface LoginThrottleTable {
  key: string;
  failures: number;
  window_started_at: Timestamp;
  locked_until: Timestamp | null;
}

export interface AuditEventsTable {
  id: string;
  occurred_at: Timestamp;
  actor_id: string | null;
  actor_name: string;
  action: string;
  entity_type: string;
  entity_id: string;
  changes: string; // canonical JSON text, kept verbatim so the hash can be recomputed
  request_id: string | null;
  chain_seq: number;
  prev_hash: string;
  hash: string;
}

export interface AuditSealsTable {
  seq: number;
  event_id: string;
  event_hash: string;
  prev_seal_hash: string;
  seal_hash: string;
  sealed_at: Timestamp;
}

export interface IdempotencyKeysTable {
  owner_id: string;
  key: string;
  method: string;
  path: string;
  request_hash: string;
  status_code: number | null;
  response_body: string | null;
  created_at: Timestamp;
}

export interface JobsTable {
  id: string;
  name: string;
  payload: Json;
  status: string; // pending | running | done | dead
  run_at: Timestamp;
  attempts: number;
  max_attempts: number;
  locked_by: string | null;
  locked_until: Timestamp | null;
  last_error: string | null;
  unique_key: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  finished_at: Timestamp | null;
}

export interface SlaCalendarsTable {
  id: string;
  name: string;
  description: string;
  business_day_minutes: number;
  current_version_id: string;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: number;
}

export interface SlaCalendarVersionsTable {
  id: string;
  calendar_id: string;
  number: number;
  spec: Json;
  created_at: Timestamp;
  created_by: string;
}

export interface SlaPoliciesTable {
  id: string;
  name: string;
  sort_order: number;
  active: Bool;
  conditions: Json;
  calendar_id: string;
  targets: Json;
  thresholds: Json;
  pause_on: Json;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: number;
}

export interface SlaClocksTable {
  id: string;
  subject_type: string;
  subject_id: string;
  clock: string;
  policy_id: string;
  calendar_id: string;
  selection_reason: string;
  target: Json;
  target_minutes: number;
  ledger: Json;
  state: string;
  due_at: Timestamp | null;
  breached_at: Timestamp | null;
  /** Thresholds already announced: { "75": "2026-…Z" }. */
  fired: Json;
  /** Bumped at every change, so threshold jobs scheduled for an older state do nothing. */
  revision: number;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface ServicesTable {
  id: string;
  name: string;
  description: string;
  status: string;
  owner_id: string | null;
  calendar_id: string | null;
  default_group_id: string | null;
  /** Availability target in percent (0 < x ≤ 100), null when the service has none. */
  availability_target: number | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: number;
}

export interface RequestTypesTable {
  id: string;
  service_id: string;
  name: string;
  description: string;
  active: Bool;
  form: Json;
  approvals: Json;
  tasks: Json;
  instructions: string;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: number;
}

export interface NumberSeriesTable {
  prefix: string;
  next_value: number;
}

export interface DeskSettingsTable {
  id: string;
  value: Json;
  updated_at: Timestamp;
  version: number;
}

export interface TicketsTable {
  id: string;
  seq: number;
  number: string;
  type: string;
  title: string;
  description: string;
  requester_id: string;
  organisation_id: string | null;
  service_id: string | null;
  request_type_id: string | null;
  category: string;
  channel: string;
  impact: number;
  urgency: number;
  priority: string;
  status: string;
  open: Bool;
  hold_reason: string | null;
  group_id: string | null;
  assignee_id: string | null;
  resolution_code: string | null;
  resolution_notes: string | null;
  major_incident: Bool;
  form_answers: Json;
  source_key: string | null;
  first_responded_at: Timestamp | null;
  resolved_at: Timestamp | null;
  closed_at: Timestamp | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: number;
}

export interface TicketCommentsTable {
  id: string;
  ticket_id: string;
  author_id: string | null;
  author_name: string;
  visibility: string;
  body: string;
  created_at: Timestamp;
}

export interface TicketWatchersTable {
  ticket_id: string;
  user_id: string;
}

export interface TicketLinksTable {
  ticket_id: string;
  kind: string;
  target_id: string;
  created_at: Timestamp;
}

export interface AttachmentsTable {
  id: string;
  owner_type: string;
  owner_id: string;
  file_name: string;
  media_type: string;
  size: number;
  sha256: string;
  storage_key: string;
  uploaded_by: string | null;
  created_at: Timestamp;
}

export interface TicketApprovalsTable {
  id: string;
  ticket_id: string;
  step: number;
  kind: string;
  approver_id: string | null;
  group_id: string | null;
  state: string;
  decided_by: string | null;
  decided_at: Timestamp | null;
  comment: string | null;
}

export interface TicketTasksTable {
  id: string;
  ticket_id: string;
  position: number;
  title: string;
  group_id: string | null;
  assignee_id: string | null;
  status: string;
  completed_at: Timestamp | null;
  completed_by: string | null;
  created_at: Timestamp;
}

export interface MajorIncidentReviewsTable {
  ticket_id: string;
  summary: string;
  impact: string;
  root_cause: string;
  lessons: string;
  actions: string;
  outage_start: Timestamp | null;
  outage_end: Timestamp | null;
  reviewed_by: string | null;
  reviewed_at: Timestamp | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: number;
}

export interface SurveysTable {
  id: string;
  ticket_id: string;
  token_hash: string;
  requester_id: string;
  service_id: string | null;
  group_id: string | null;
  agent_id: string | null;
  sent_at: Timestamp;
  expires_at: Timestamp;
  rating: number | null;
  comment: string | null;
  answered_at: Timestamp | null;
}

export interface ComplaintsTable {
  id: string;
  number: string;
  ticket_id: string | null;
  survey_id: string | null;
  service_id: string | null;
  owner_id: string | null;
  complainant_id: string | null;
  summary: string;
  status: string;
  resolution: string | null;
  resolved_at: Timestamp | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: number;
}

export interface NotificationsTable {
  id: string;
  user_id: string;
  kind: string;
  subject_type: string;
  subject_id: string;
  title: string;
  body: string;
  link: string;
  created_at: Timestamp;
  read_at: Timestamp | null;
}

export interface SavedViewsTable {
  id: string;
  user_id: string;
  name: string;
  query: Json;
  created_at: Timestamp;
}

// Each capability from issue 5 on declares its tables in its own file under ./tables.
export interface Database
  extends ProblemTables,
    ChangeTables,
    ChangeCalendarTables,
    ReleaseTables,
    DocumentTables,
    ComplianceTables,
    AuditTables,
    TrainingTables,
    ImprovementTables,
    ManagementReviewTables,
    KpiTables,
    ServiceReportTables,
    ImportTables {
  users: UsersTable;
  groups: GroupsTable;
  group_members: GroupMembersTable;
  organisations: OrganisationsTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  login_throttle: LoginThrottleTable;
  audit_events: AuditEventsTable;
  audit_seals: AuditSealsTable;
  idempotency_keys: IdempotencyKeysTable;
  jobs: JobsTable;
  sla_calendars: SlaCalendarsTable;
  sla_calendar_versions: SlaCalendarVersionsTable;
  sla_policies: SlaPoliciesTable;
  sla_clocks: SlaClocksTable;
  services: ServicesTable;
  request_types: RequestTypesTable;
  number_series: NumberSeriesTable;
  desk_settings: DeskSettingsTable;
  tickets: TicketsTable;
  ticket_comments: TicketCommentsTable;
  ticket_watchers: TicketWatchersTable;
  ticket_links: TicketLinksTable;
  attachments: AttachmentsTable;
  ticket_approvals: TicketApprovalsTable;
  ticket_tasks: TicketTasksTable;
  major_incident_reviews: MajorIncidentReviewsTable;
  surveys: SurveysTable;
  complaints: ComplaintsTable;
  notifications: NotificationsTable;
  saved_views: SavedViewsTable;
}

// Generated is re-exported for modules that add tables with database-made values later.
export type { Generated };
