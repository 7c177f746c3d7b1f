import type { Command } from 'commander';

// `meridian export` and `meridian import archive` (issue 9): the whole workspace as a portable
// archive of JSON lines, and its restore into an empty database.
export function registerArchiveCommands(_program: Command, _importCommand: Command) {}
