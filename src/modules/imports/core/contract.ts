// What every importer hands to the import core (issue 9), whatever it reads: a ServiceNow export,
// a process-mining event log or a mapped CSV/XLSX file. Readers turn their rows into
// `ImportedTicket`s (or `RowError`s for the rows they cannot take) as an async stream; the core
// (`runTicketImport`) writes them in batches, idempotently by source key, and reports.

/** One row the importer could not take: where, and why (in words an administrator can act on). */
export interface RowError {
  kind: 'row-error';
  /** 1-based row number in the source file (the header is row 1 of a CSV). */
  row: number;
  /** The source column at fault, when one is. */
  column: string | null;
  reason: string;
}

/** A person or team named in the source; created (marked imported, without login) when unknown. */
export interface ImportedParty {
  /** The source's own identifier or display name; matched case-insensitively. */
  name: string;
  email?: string | null;
}

/** One step of a ticket's history in the source tool. */
export interface ImportedEvent {
  at: string;
  kind:
    | 'opened'
    | 'assigned'
    | 'on-hold'
    | 'resumed'
    | 'resolved'
    | 'closed'
    | 'reopened'
    | 'updated';
  /** Meridian status after the event. */
  status: string;
  group?: string | null;
  assignee?: string | null;
  /** The source's own status or activity name, kept for the record. */
  sourceStatus?: string | null;
}

export interface ImportedTicket {
  kind: 'ticket';
  /** Unique across sources, e.g. "servicenow:INC0000045": a re-run updates instead of duplicating. */
  sourceKey: string;
  /** The number the source tool used (shown beside Meridian's own number). */
  sourceNumber: string;
  type: 'incident' | 'request';
  title: string;
  description: string;
  /** Meridian status of the final state: new, assigned, in_progress, on_hold, resolved, closed. */
  status: string;
  impact: 1 | 2 | 3;
  urgency: 1 | 2 | 3;
  /** P1–P4 as the source says; when absent the desk's matrix derives it from impact and urgency. */
  priority?: string | null;
  category?: string | null;
  /** A service name; matched to the catalogue, left empty when unknown. */
  service?: string | null;
  requester?: ImportedParty | null;
  organisation?: string | null;
  group?: string | null;
  assignee?: ImportedParty | null;
  createdAt: string;
  firstRespondedAt?: string | null;
  resolvedAt?: string | null;
  closedAt?: string | null;
  resolutionCode?: string | null;
  /** Why an on-hold ticket waits (one of Meridian's hold reasons); awaiting_requester when absent. */
  holdReason?: string | null;
  /** How many times the source reopened it (ServiceNow reopen_count); else counted from history. */
  reopenCount?: number | null;
  /** The source tool's SLA verdict (ServiceNow `made_sla`), kept as it was: null when unknown. */
  slaMet?: boolean | null;
  /** References to records of the source: configuration item, problem, change. */
  references?: {
    configurationItem?: string | null;
    problem?: string | null;
    change?: string | null;
  };
  history: ImportedEvent[];
  /** The source rows that made this ticket (first and last), for error messages and the record. */
  rows: { first: number; last: number };
}

/**
 * Optional, from readers that know it: how many data rows they have read so far (and in all).
 * Without it the core counts the rows its tickets and errors span.
 */
export interface ReadProgress {
  kind: 'progress';
  rows: number;
  total?: number | null;
}

/** What a reader streams to the core. */
export type ImportRecord = ImportedTicket | RowError | ReadProgress;

/**
 * Thrown by a reader that cannot go on (unreadable file, wrong encoding, truncated archive): the
 * core rolls the whole import back and reports the message as is, so it must say what to fix.
 */
export class ImportFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ImportFileError';
  }
}

export interface ImportReport {
  source: string;
  dryRun: boolean;
  /** Rows read from the file. */
  rows: number;
  created: Record<string, number>;
  updated: Record<string, number>;
  unchanged: Record<string, number>;
  errors: RowError[];
  /** Errors beyond the first 1,000 are counted, not listed. */
  moreErrors: number;
  startedAt: string;
  finishedAt: string;
  /** The import_runs row of this import (set by runTicketImport). */
  runId?: string;
  /** succeeded: written (or, for a dry run, would be); failed: nothing written, see message. */
  status?: 'succeeded' | 'failed';
  /** Why it failed, in words an administrator can act on; null when it succeeded. */
  message?: string | null;
}

export interface ImportProgress {
  rows: number;
  /** Total rows when the reader knows it (null for a stream of unknown length). */
  total: number | null;
}
