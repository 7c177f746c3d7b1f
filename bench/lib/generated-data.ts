// The million-ticket data sets the benchmarks measure against: generated through the command an
// operator runs (`meridian demo generate`), in a data folder of their own.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/** The environment of a server or CLI on `dataDir`, without the caller's own Meridian settings. */
export function cleanEnv(dataDir: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env))
    if (!key.startsWith('MERIDIAN_') && !['DATABASE_URL', 'PORT', 'HOST'].includes(key))
      env[key] = value;
  return {
    ...env,
    MERIDIAN_DATA_DIR: dataDir,
    MERIDIAN_LOG_LEVEL: 'silent',
    NODE_ENV: 'production',
  };
}

/** The built CLI; the benchmarks measure the production build. */
export function builtCli(root: string): string {
  const cli = path.join(root, 'dist', 'src', 'cli', 'main.js');
  if (!fs.existsSync(cli))
    throw new Error('run `npm run build` first: the benchmark uses the built CLI and server');
  return cli;
}

/**
 * Generates `tickets` tickets of history with the demo workspace; returns the command's output.
 * `env` (default: the clean environment of `dataDir`) may name a PostgreSQL DATABASE_URL.
 */
export function generateTickets(
  cli: string,
  root: string,
  dataDir: string,
  tickets: number,
  env: NodeJS.ProcessEnv = cleanEnv(dataDir),
) {
  return execFileSync(
    process.execPath,
    [cli, 'demo', 'generate', '--tickets', String(tickets), '--with-workspace'],
    {
      cwd: root,
      env,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
      maxBuffer: 1 << 24,
    },
  );
}
