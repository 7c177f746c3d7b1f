// npm start: reads the configuration, starts the server, stops cleanly on SIGINT/SIGTERM.
import { type Config, ConfigError, loadConfig } from './config.js';
import { startServer } from './start.js';

let config: Config;
try {
  config = loadConfig();
} catch (error) {
  if (error instanceof ConfigError) {
    console.error(error.message);
    process.exit(2);
  }
  throw error;
}

const server = await startServer(config).catch((error: unknown) => {
  console.error(
    `Meridian could not start: ${error instanceof Error ? error.message : String(error)}`,
  );
  process.exit(1);
});

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void server.stop().then(() => process.exit(0));
  });
}
