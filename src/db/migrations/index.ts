// The one ordered stream of migrations. Add new ones at the end; never edit a released one.
import type { Migration } from 'kysely/migration';
import * as foundation from './20261126_200000_foundation.js';
import * as sla from './20261126_210000_sla.js';
import * as serviceDesk from './20261127_090000_service_desk.js';
import * as problems from './20261127_100000_problems.js';
import * as changes from './20261127_110000_changes.js';
import * as changeCalendar from './20261127_120000_change_calendar.js';
import * as releases from './20261127_130000_releases.js';
import * as compliance from './20261127_140000_compliance.js';
import * as documents from './20261127_150000_documents.js';
import * as audits from './20261128_090000_audits.js';
import * as training from './20261128_100000_training.js';
import * as improvements from './20261128_110000_improvements.js';
import * as managementReviews from './20261128_120000_management_reviews.js';
import * as kpis from './20261129_090000_kpis.js';
import * as serviceReports from './20261129_100000_service_reports.js';
import * as kpiRollups from './20261130_090000_kpi_rollups.js';
import * as serviceAvailability from './20261130_100000_service_availability.js';
import * as imports from './20261130_110000_imports.js';
import * as kpiImportedHistory from './20261130_120000_kpi_imported_history.js';
import * as doublePrecision from './20261201_090000_double_precision.js';
import * as kpiClosedUnresolved from './20261201_100000_kpi_closed_unresolved.js';

export const migrations: Record<string, Migration> = {
  '20261126_200000_foundation': foundation,
  '20261126_210000_sla': sla,
  '20261127_090000_service_desk': serviceDesk,
  '20261127_100000_problems': problems,
  '20261127_110000_changes': changes,
  '20261127_120000_change_calendar': changeCalendar,
  '20261127_130000_releases': releases,
  '20261127_140000_compliance': compliance,
  '20261127_150000_documents': documents,
  '20261128_090000_audits': audits,
  '20261128_100000_training': training,
  '20261128_110000_improvements': improvements,
  '20261128_120000_management_reviews': managementReviews,
  '20261129_090000_kpis': kpis,
  '20261129_100000_service_reports': serviceReports,
  '20261130_090000_kpi_rollups': kpiRollups,
  '20261130_100000_service_availability': serviceAvailability,
  '20261130_110000_imports': imports,
  '20261130_120000_kpi_imported_history': kpiImportedHistory,
  '20261201_090000_double_precision': doublePrecision,
  '20261201_100000_kpi_closed_unresolved': kpiClosedUnresolved,
};
