// Opens the configured database with migrations applied and the services built, for one command.
import { userInfo } from 'node:os';
import { openDatabase } from '../db/database.js';
import { migrateToLatest } from '../db/migrator.js';
import { type Config, ConfigError, loadConfig } from '../server/config.js';
import { createServices, type Services } from '../server/services.js';
import { systemActor } from '../shared/actor.js';

export async function withServices<T>(
  work: (services: Services) => Promise<T>,
  config: Config = cliConfig(),
): Promise<T> {
  const database = openDatabase(config.database);
  try {
    await migrateToLatest(database);
    return await work(createServices(config, database));
  } finally {
    await database.destroy();
  }
}

export function cliConfig(): Config {
  try {
    return { ...loadConfig(), jobWorkers: false };
  } catch (error) {
    if (error instanceof ConfigError) fail(error.message, 2);
    throw error;
  }
}

/** The operator running the command, as the audit trail names them. */
export const operator = () => systemActor(`cli:${userInfo().username}`);

export function fail(message: string, code = 1): never {
  process.stderr.write(`${message}\n`);
  process.exit(code);
}
