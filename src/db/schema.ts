// Row types as both dialects hand them to the app after the dialect's value mapping:
// timestamps are ISO-8601 UTC strings ending in "Z", booleans arrive as boolean (PostgreSQL) or
// 0|1 (SQLite) and are read through `toBool`, JSON columns hold text (SQLite) or parsed values
// (PostgreSQL jsonb) and are read through `fromJson`.
import type { Generated } from 'kysely';

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

export interface Database {
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
}

// Generated is re-exported for modules that add tables with database-made values later.
export type { Generated };
