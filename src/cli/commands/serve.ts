import type { Command } from 'commander';

export function registerServeCommand(program: Command) {
  program
    .command('serve')
    .description('start the server (the same as npm start)')
    .action(async () => {
      await import('../../server/main.js');
    });
}
