// Decides which databases the integration suite runs on. CI=true makes a missing PostgreSQL a
// failure; elsewhere the suite runs on SQLite and says loudly that PostgreSQL was skipped.
import type { TestProject } from 'vitest/node';
import { type Engine, postgresReachable } from './databases.js';

declare module 'vitest' {
  export interface ProvidedContext {
    engines: Engine[];
  }
}

export default async function setup(project: TestProject) {
  const chosen = process.env.MERIDIAN_TEST_DATABASES;
  const ci = process.env.CI === 'true' || process.env.CI === '1';
  let engines: Engine[];
  if (chosen) {
    engines = chosen.split(',').map((s) => s.trim()) as Engine[];
    if (engines.includes('postgres') && !(await postgresReachable())) {
      throw new Error(
        'MERIDIAN_TEST_DATABASES names postgres, but PostgreSQL is not reachable at MERIDIAN_TEST_PG_URL.',
      );
    }
  } else if (await postgresReachable()) {
    engines = ['sqlite', 'postgres'];
  } else if (ci) {
    throw new Error(
      'CI=true but PostgreSQL is not reachable at MERIDIAN_TEST_PG_URL: both databases are required.',
    );
  } else {
    console.warn(
      '\n*** PostgreSQL is not reachable: integration tests run on SQLite only (PostgreSQL SKIPPED). ***\n',
    );
    engines = ['sqlite'];
  }
  project.provide('engines', engines);
}
