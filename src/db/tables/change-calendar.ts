// Row types of the change calendar (issue 5), with the conventions of ../schema.ts.
import type { Json, Timestamp } from '../schema.js';

/** A period when changes must not be made: to all services (service_ids null) or to some. */
export interface FreezeWindowsTable {
  id: string;
  name: string;
  kind: string;
  start_at: Timestamp;
  end_at: Timestamp;
  /** string[] or null for every service. */
  service_ids: Json;
  reason: string;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: number;
}

export interface ChangeCalendarTables {
  freeze_windows: FreezeWindowsTable;
}
