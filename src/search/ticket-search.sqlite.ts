// SQLite FTS5: rows keyed by the ticket's sequence number; prefix match on every word.
import { sql } from 'kysely';
import { DEFER_UNTIL_COMMIT } from '../db/dialect/sqlite-group-commit.js';
import { queryWords, type TicketSearch } from './ticket-search.js';

export const sqliteTicketSearch: TicketSearch = {
  async index(trx, doc) {
    // Written when the transaction's batch commits, so that a batch's documents make one FTS5
    // segment rather than one each (src/db/dialect/sqlite-group-commit.ts). Nothing reads a
    // ticket's document back within the transaction that writes it.
    await sql`${sql.raw(DEFER_UNTIL_COMMIT)} INSERT OR REPLACE INTO ticket_search (rowid, body) VALUES (${doc.seq}, ${doc.text})`.execute(
      trx,
    );
  },

  async indexMany(trx, docs) {
    for (let i = 0; i < docs.length; i += 5000) {
      const rows = docs.slice(i, i + 5000).map((d) => sql`(${d.seq}, ${d.text})`);
      if (rows.length)
        await sql`INSERT OR REPLACE INTO ticket_search (rowid, body) VALUES ${sql.join(rows)}`.execute(
          trx,
        );
    }
  },

  async search(db, query, limit) {
    const words = queryWords(query);
    if (words.length === 0) return [];
    const match = words.map((w) => `"${w}"*`).join(' ');
    const { rows } = await sql<{ id: string }>`
      SELECT t.id FROM ticket_search s JOIN tickets t ON t.seq = s.rowid
      WHERE ticket_search MATCH ${match}
      ORDER BY s.rank LIMIT ${limit}`.execute(db);
    return rows.map((r) => r.id);
  },
};
