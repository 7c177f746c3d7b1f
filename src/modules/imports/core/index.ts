// The import core's public face, for readers (ServiceNow, event logs, CSV/XLSX) and the imports service.
export * from './contract.js';
export { type ImportRun, importRunsRepository } from './import-runs.js';
export {
  liveImportProgress,
  runTicketImport,
  type TicketImportOptions,
  type TicketImportReport,
} from './run-import.js';
export type { ImportServices } from './ticket-writer.js';
