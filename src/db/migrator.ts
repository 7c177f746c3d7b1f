import { type MigrationResultSet, Migrator } from 'kysely/migration';
import type { DatabaseHandle } from './dialect/types.js';
import { migrations } from './migrations/index.js';

function migrator(handle: DatabaseHandle) {
  return new Migrator({
    db: handle.db,
    provider: { getMigrations: async () => migrations },
  });
}

export interface MigrationReport {
  applied: string[];
}

/** Applies pending migrations. Safe to call from several nodes at once: Kysely takes a lock. */
export async function migrateToLatest(handle: DatabaseHandle): Promise<MigrationReport> {
  const result: MigrationResultSet = await migrator(handle).migrateToLatest();
  if (result.error) {
    const failed = result.results?.find((r) => r.status === 'Error');
    throw new Error(
      `Migration ${failed?.migrationName ?? '(unknown)'} failed: ${String((result.error as Error).message ?? result.error)}`,
    );
  }
  return {
    applied: (result.results ?? [])
      .filter((r) => r.status === 'Success')
      .map((r) => r.migrationName),
  };
}

export async function pendingMigrations(handle: DatabaseHandle): Promise<string[]> {
  const all = await migrator(handle).getMigrations();
  return all.filter((m) => !m.executedAt).map((m) => m.name);
}
