// The demo workspace: seeders run in order on a fresh database. Each later capability adds its
// own seeder to DEMO_SEEDERS; a seeder may read what earlier ones made from `workspace`.
import type { Services } from '../server/services.js';
import { seedAccounts } from './seeders/accounts.js';
import { seedServiceLevels } from './seeders/service-levels.js';

export const DEMO_PASSWORD = 'meridian-demo-2026';

export interface DemoWorkspace {
  /** Users by their demo handle, e.g. workspace.users.agent. */
  users: Record<string, { id: string; email: string; name: string; role: string }>;
  groups: Record<string, { id: string; name: string }>;
  organisations: Record<string, { id: string; name: string }>;
  /** Business calendar ids by handle: paris, milan, london, online. */
  calendars?: Record<string, string>;
}

export interface DemoSeeder {
  name: string;
  seed(services: Services, workspace: DemoWorkspace): Promise<void>;
}

export const DEMO_SEEDERS: DemoSeeder[] = [
  { name: 'accounts', seed: seedAccounts },
  { name: 'service levels', seed: seedServiceLevels },
];

export async function seedDemo(services: Services): Promise<DemoWorkspace> {
  const workspace: DemoWorkspace = { users: {}, groups: {}, organisations: {} };
  for (const seeder of DEMO_SEEDERS) await seeder.seed(services, workspace);
  await services.audit.seal();
  return workspace;
}
