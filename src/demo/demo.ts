// The demo workspace: seeders run in order on a fresh database. Each later capability adds its
// own seeder to DEMO_SEEDERS; a seeder may read what earlier ones made from `workspace`.
import type { Services } from '../server/services.js';
import { seedAccounts } from './seeders/accounts.js';
import { seedAudits } from './seeders/audits.js';
import { seedAvailability } from './seeders/availability.js';
import { seedCatalogue } from './seeders/catalogue.js';
import { seedChangeCalendar } from './seeders/change-calendar.js';
import { seedChanges } from './seeders/changes.js';
import { seedCompliance } from './seeders/compliance.js';
import { seedDocuments } from './seeders/documents.js';
import { seedImprovements } from './seeders/improvements.js';
import { seedKpis } from './seeders/kpis.js';
import { seedLegacyImport } from './seeders/legacy-import.js';
import { seedManagementReviews } from './seeders/management-reviews.js';
import { seedProblems } from './seeders/problems.js';
import { seedReleases } from './seeders/releases.js';
import { seedServiceLevels } from './seeders/service-levels.js';
import { seedServiceReports } from './seeders/service-reports.js';
import { seedTickets } from './seeders/tickets.js';
import { seedTraining } from './seeders/training.js';

export const DEMO_PASSWORD = 'meridian-demo-2026';

export interface DemoWorkspace {
  /** Users by their demo handle, e.g. workspace.users.agent. */
  users: Record<string, { id: string; email: string; name: string; role: string }>;
  groups: Record<string, { id: string; name: string }>;
  organisations: Record<string, { id: string; name: string }>;
  /** Business calendar ids by handle: paris, milan, london, online. */
  calendars?: Record<string, string>;
  /** Catalogue services by handle: storefront, payments, pos, crm, email, warehouse. */
  services?: Record<string, { id: string; name: string }>;
  /** Request types by handle: laptop, sharedMailbox, crmAccess, giftCardRefund, posTerminal, … */
  requestTypes?: Record<string, { id: string; name: string; serviceId: string }>;
  /** Problems by handle, for the change and release seeders to link. */
  problems?: Record<string, { id: string; number: string }>;
  /** Freeze and blackout windows by handle, e.g. winterSales. */
  freezeWindows?: Record<string, { id: string; name: string }>;
  /** Changes by handle, for the release seeder to link. */
  changes?: Record<string, { id: string; number: string }>;
  /** Controlled documents by handle (smsPolicy, changePolicy, …), for assessment evidence. */
  documents?: Record<string, { id: string; title: string }>;
  /** Audit findings by handle (e.g. internalMinor, internalOfi1), for the improvement register. */
  auditFindings?: Record<string, { id: string; reference: string; grade: string; title: string }>;
  /** Improvement opportunities by handle, for the management review. */
  improvements?: Record<string, { id: string; number: string; title: string }>;
}

export interface DemoOptions {
  /** How many tickets of history to generate (default 2500 over six months). */
  tickets?: number;
}

export interface DemoSeeder {
  name: string;
  seed(services: Services, workspace: DemoWorkspace, options: DemoOptions): Promise<void>;
}

export const DEMO_SEEDERS: DemoSeeder[] = [
  { name: 'accounts', seed: seedAccounts },
  { name: 'service levels', seed: seedServiceLevels },
  { name: 'service catalogue', seed: seedCatalogue },
  // Issue 9: the history imported from the previous help desk, older than the generated one, so
  // its tickets take the first numbers (as in a real move) and the KPI baselines stay after it.
  { name: 'legacy import', seed: seedLegacyImport },
  { name: 'tickets', seed: seedTickets },
  { name: 'problems', seed: seedProblems },
  { name: 'availability', seed: seedAvailability },
  { name: 'change calendar', seed: seedChangeCalendar },
  { name: 'changes', seed: seedChanges },
  { name: 'releases', seed: seedReleases },
  { name: 'documents', seed: seedDocuments },
  // Issue 7 before the programme, so that the assessment finds their records as live evidence.
  { name: 'audits', seed: seedAudits },
  { name: 'training', seed: seedTraining },
  { name: 'improvements', seed: seedImprovements },
  { name: 'management reviews', seed: seedManagementReviews },
  { name: 'KPIs', seed: seedKpis },
  { name: 'service reports', seed: seedServiceReports },
  { name: 'compliance programme', seed: seedCompliance },
];

export async function seedDemo(
  services: Services,
  options: DemoOptions = {},
): Promise<DemoWorkspace> {
  const workspace: DemoWorkspace = { users: {}, groups: {}, organisations: {} };
  for (const seeder of DEMO_SEEDERS) await seeder.seed(services, workspace, options);
  await services.audit.seal();
  return workspace;
}
