// PostgreSQL: a tsvector per ticket under the 'simple' configuration (no stemming, so English and
// French text match the same way), ranked by ts_rank; prefix match on every word.
import { sql } from 'kysely';
import { queryWords, type TicketSearch } from './ticket-search.js';

/**
 * PostgreSQL's parser reads "HD-18249" as "hd" and the signed number "-18249", which a search for
 * 18249 never finds; queries split on every non-alphanumeric character anyway, so hyphens are
 * indexed as spaces.
 */
const searchable = (text: string) => text.replaceAll('-', ' ');

export const postgresTicketSearch: TicketSearch = {
  async index(trx, doc) {
    await sql`
      INSERT INTO ticket_search (ticket_id, body) VALUES (${doc.ticketId}, to_tsvector('simple', ${searchable(doc.text)}))
      ON CONFLICT (ticket_id) DO UPDATE SET body = excluded.body`.execute(trx);
  },

  async indexMany(trx, docs) {
    for (let i = 0; i < docs.length; i += 5000) {
      const rows = docs
        .slice(i, i + 5000)
        .map((d) => sql`(${d.ticketId}, to_tsvector('simple', ${searchable(d.text)}))`);
      if (rows.length)
        await sql`
          INSERT INTO ticket_search (ticket_id, body) VALUES ${sql.join(rows)}
          ON CONFLICT (ticket_id) DO UPDATE SET body = excluded.body`.execute(trx);
    }
  },

  async search(db, query, limit) {
    const words = queryWords(query);
    if (words.length === 0) return [];
    const tsquery = words.map((w) => `${w.toLowerCase()}:*`).join(' & ');
    const { rows } = await sql<{ ticket_id: string }>`
      SELECT ticket_id FROM ticket_search
      WHERE body @@ to_tsquery('simple', ${tsquery})
      ORDER BY ts_rank(body, to_tsquery('simple', ${tsquery})) DESC LIMIT ${limit}`.execute(db);
    return rows.map((r) => r.ticket_id);
  },
};
