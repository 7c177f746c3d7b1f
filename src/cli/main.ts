#!/usr/bin/env node
// The `meridian` command for operators.
import { Command } from 'commander';
import { appVersion } from '../server/app.js';
import { DomainError } from '../shared/errors.js';
import { registerArchiveCommands } from './commands/archive.js';
import { registerDemoCommands } from './commands/demo.js';
import { registerCsvImportCommand } from './commands/import-csv.js';
import { registerHistoryImportCommands } from './commands/import-history.js';
import { registerKpiCommands } from './commands/kpis.js';
import { registerOperationsCommands } from './commands/operations.js';
import { registerServeCommand } from './commands/serve.js';
import { registerSlaCommands } from './commands/sla.js';
import { registerUserCommands } from './commands/users.js';

const program = new Command('meridian')
  .version(appVersion)
  .description(
    'Meridian service management. Configuration comes from the environment (see docs/admin-guide.md).',
  );

registerServeCommand(program);
registerDemoCommands(program);
registerOperationsCommands(program);
registerUserCommands(program);
registerSlaCommands(program);
registerKpiCommands(program);
const importCommand = program
  .command('import')
  .description('bring records in from another tool, a CSV or XLSX file, or a Meridian archive');
registerHistoryImportCommands(importCommand);
registerCsvImportCommand(importCommand);
registerArchiveCommands(program, importCommand);

try {
  await program.parseAsync();
} catch (error) {
  if (error instanceof DomainError) {
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
  throw error;
}
