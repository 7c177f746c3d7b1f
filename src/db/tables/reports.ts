// Row types of the monthly service reports (issue 8), with the conventions of ../schema.ts.
import type { Timestamp } from '../schema.js';

/** A user's subscription to the monthly report of one service or one customer organisation. */
export interface ServiceReportSubscriptionsTable {
  id: string;
  user_id: string;
  /** Exactly one of service_id and organisation_id is set. */
  service_id: string | null;
  organisation_id: string | null;
  created_by: string | null;
  created_at: Timestamp;
}

/** One report emailed: the job sends a (subscription, month) once. Month is "YYYY-MM". */
export interface ServiceReportDeliveriesTable {
  subscription_id: string;
  month: string;
  sent_at: Timestamp;
}

export interface ServiceReportTables {
  service_report_subscriptions: ServiceReportSubscriptionsTable;
  service_report_deliveries: ServiceReportDeliveriesTable;
}
