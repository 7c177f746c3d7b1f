import type { Command } from 'commander';

// `meridian import servicenow|event-log` (issue 9): incident history from another tool.
export function registerHistoryImportCommands(_importCommand: Command) {}
