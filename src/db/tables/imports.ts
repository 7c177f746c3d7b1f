// Row types of imports from other tools (issue 9), with the conventions of ../schema.ts.
import type { Bool, Json, Timestamp } from '../schema.js';

export interface ImportRunsTable {
  id: string;
  source: string;
  file_name: string | null;
  dry_run: Bool;
  actor_id: string | null;
  actor_name: string;
  status: string;
  rows: number;
  total_rows: number | null;
  created: Json;
  updated: Json;
  unchanged: Json;
  errors: Json;
  more_errors: number;
  message: string | null;
  started_at: Timestamp;
  finished_at: Timestamp | null;
}

export interface TicketImportsTable {
  ticket_id: string;
  source: string;
  source_key: string;
  source_number: string;
  sla_met: Bool | null;
  configuration_item: string | null;
  problem: string | null;
  change: string | null;
  reopen_count: number;
  fingerprint: string;
  run_id: string;
  imported_at: Timestamp;
}

export interface ImportedTicketEventsTable {
  id: string;
  ticket_id: string;
  position: number;
  at: Timestamp;
  kind: string;
  status: string;
  group_id: string | null;
  assignee_id: string | null;
  source_status: string | null;
}

export interface ImportedPartiesTable {
  kind: 'user' | 'group';
  name_key: string;
  entity_id: string;
  source: string;
  created: Bool;
  created_at: Timestamp;
}

export type ImportTables = {
  import_runs: ImportRunsTable;
  ticket_imports: TicketImportsTable;
  imported_ticket_events: ImportedTicketEventsTable;
  imported_parties: ImportedPartiesTable;
};
