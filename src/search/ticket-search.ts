// The search port: one full-text document per ticket (number, title, description, replies and
// notes). FTS5 on SQLite, tsvector + GIN on PostgreSQL; chosen once in the composition root.
import type { Executor } from '../db/executor.js';

export interface TicketDocument {
  ticketId: string;
  /** The ticket's sequence number: FTS5 keys its rows by it. */
  seq: number;
  text: string;
}

export interface TicketSearch {
  /** Adds or replaces the ticket's document, in the caller's transaction. */
  index(trx: Executor, doc: TicketDocument): Promise<void>;
  /** Adds many new documents at once (bulk loads: imports, generated history). */
  indexMany(trx: Executor, docs: TicketDocument[]): Promise<void>;
  /** Ticket ids whose document holds every word of `query` (a word may be a prefix), best first. */
  search(db: Executor, query: string, limit: number): Promise<string[]>;
}

/**
 * Words of a query as both engines should see them: letters and digits only, so no query
 * syntax (quotes, operators, columns) ever reaches the engine from the user.
 */
export function queryWords(query: string): string[] {
  return (query.normalize('NFC').match(/[\p{L}\p{N}]+/gu) ?? []).slice(0, 12);
}
