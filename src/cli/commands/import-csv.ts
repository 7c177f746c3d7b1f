import type { Command } from 'commander';

// `meridian import csv` (issue 9): any tool's CSV or XLSX export, through a column mapping.
export function registerCsvImportCommand(_importCommand: Command) {}
