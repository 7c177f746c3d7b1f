// Starts a server: database → migrations → first administrator → app → listen → jobs.
import { openDatabase } from '../db/database.js';
import { migrateToLatest } from '../db/migrator.js';
import { buildApp } from './app.js';
import { ensureFirstAdmin } from './bootstrap.js';
import type { Config } from './config.js';
import { createServices, type Services } from './services.js';

export interface StartOptions {
  /** Runs after migrations, before the server listens (the demo fills its workspace here). */
  beforeListen?: (services: Services) => Promise<void>;
  print?: (line: string) => void;
}

export async function startServer(config: Config, options: StartOptions = {}) {
  const print = options.print ?? ((line: string) => console.log(line));
  const database = openDatabase(config.database);
  // Silent means no logger at all: Fastify would still make a child logger for every request.
  const logger =
    config.logLevel === 'silent'
      ? false
      : {
          level: config.logLevel,
          ...(config.env === 'development' ? { transport: { target: 'pino-pretty' } } : {}),
        };
  const { applied } = await migrateToLatest(database);
  database.prepareForServing();
  let app: Awaited<ReturnType<typeof buildApp>> | null = null;
  // Job failures are logged through the app's logger once it exists.
  const log = {
    error: (obj: object, msg: string) => app?.log.error(obj, msg),
    info: (obj: object, msg: string) => app?.log.info(obj, msg),
  };
  const services = createServices(config, database, { log });
  app = await buildApp(services, { logger });
  if (applied.length) app.log.info({ applied }, 'applied database migrations');
  await ensureFirstAdmin(services, config, print);
  await options.beforeListen?.(services);
  await app.listen({ host: config.host, port: config.port });
  if (config.jobWorkers) {
    await services.jobs.scheduleRecurring();
    services.jobs.start();
  }
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const shownHost = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
  print(`Meridian is running on ${database.description}.`);
  print(`Open http://${shownHost}:${port}/  (API reference: http://${shownHost}:${port}/api/docs)`);

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await services.jobs.stop();
    await app.close();
    await database.destroy();
  };
  const started = app;
  return { app: started, services, stop, port };
}
