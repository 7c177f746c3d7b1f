import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Command } from 'commander';
import { DEMO_PASSWORD, seedDemo } from '../../demo/demo.js';
import { loadConfig } from '../../server/config.js';
import { startServer } from '../../server/start.js';

export function registerDemoCommands(program: Command) {
  program
    .command('demo')
    .description(
      'start a server on a fresh throw-away SQLite database filled with the demo workspace',
    )
    .action(async () => {
      const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'meridian-demo-'));
      const env = { ...process.env, MERIDIAN_DATA_DIR: dataDir, DATABASE_URL: '' };
      const config = loadConfig(env);
      const server = await startServer(
        { ...config, admin: { email: 'admin@verlaine.example', password: DEMO_PASSWORD } },
        {
          beforeListen: async (services) => {
            const workspace = await seedDemo(services);
            console.log(`Demo workspace ready in ${dataDir} (deleted when you stop the server).`);
            console.log(`Demo logins (password for all: ${DEMO_PASSWORD}):`);
            for (const user of Object.values(workspace.users)) {
              console.log(`  ${user.role.padEnd(10)} ${user.email.padEnd(36)} ${user.name}`);
            }
          },
        },
      );
      const cleanup = () => {
        void server.stop().finally(() => {
          fs.rmSync(dataDir, { recursive: true, force: true });
          process.exit(0);
        });
      };
      process.once('SIGINT', cleanup);
      process.once('SIGTERM', cleanup);
    });
}
