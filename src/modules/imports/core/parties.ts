// The people and teams an import names: matched to Meridian's users and groups by name (or email),
// created when unknown. Users created here are inactive and have no password, so they can never
// sign in; they exist so imported tickets keep who asked, who worked them and in which team.
import type { Executor } from '../../../db/executor.js';
import { uuidv7 } from '../../../shared/ids.js';
import type { ImportedParty } from './contract.js';

export type PartyKind = 'user' | 'group';

/** Names are matched whatever their case and spacing: "Group 56" = "group  56". */
export const nameKey = (name: string) => name.trim().replace(/\s+/g, ' ').toLowerCase();

/** A reserved domain (RFC 2606): an imported user's address can never receive mail. */
function importedEmail(name: string, id: string) {
  const slug = nameKey(name)
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '.')
    .replace(/^\.|\.$/g, '')
    .slice(0, 40);
  return `${slug || 'user'}.${id.slice(-12)}@imported.invalid`;
}

interface Wanted {
  name: string;
  email: string | null;
  role: 'agent' | 'requester';
}

/**
 * Resolves names to ids for one import, batch by batch: a cache for names already seen, one query
 * per batch for the rest, and multi-row inserts for those to create.
 */
export function createPartyResolver(source: string, now: () => string) {
  const cache = new Map<string, string>();
  const created = { user: 0, group: 0 };

  async function resolveGroups(trx: Executor, names: Iterable<string>) {
    const wanted = new Map<string, string>();
    for (const name of names) {
      const key = nameKey(name);
      if (key && !cache.has(`group:${key}`) && !wanted.has(key)) wanted.set(key, name.trim());
    }
    if (!wanted.size) return;
    const keys = [...wanted.keys()];
    for (const row of await trx
      .selectFrom('imported_parties')
      .select(['name_key', 'entity_id'])
      .where('kind', '=', 'group')
      .where('name_key', 'in', keys)
      .execute()) {
      cache.set(`group:${row.name_key}`, row.entity_id);
      wanted.delete(row.name_key);
    }
    if (!wanted.size) return;
    // An existing group of that name is the same team: link to it rather than make a twin.
    const existing = await trx.selectFrom('groups').select(['id', 'name']).execute();
    const byName = new Map(existing.map((g) => [nameKey(g.name), g.id]));
    const at = now();
    const links: { key: string; id: string; made: boolean }[] = [];
    const groups = [];
    for (const [key, name] of wanted) {
      const found = byName.get(key);
      if (found) links.push({ key, id: found, made: false });
      else {
        const id = uuidv7();
        groups.push({
          id,
          name,
          description: `Imported from ${source}.`,
          manager_id: null,
          created_at: at,
          updated_at: at,
          version: 1,
        });
        links.push({ key, id, made: true });
      }
    }
    for (const chunk of chunks(groups, 7)) await trx.insertInto('groups').values(chunk).execute();
    await link(trx, 'group', links, at);
    created.group += groups.length;
  }

  async function resolveUsers(trx: Executor, parties: Iterable<Wanted>) {
    const wanted = new Map<string, Wanted>();
    for (const party of parties) {
      const key = nameKey(party.name);
      if (!key || cache.has(`user:${key}`)) continue;
      const seen = wanted.get(key);
      // Someone who both asks and works tickets is staff.
      if (!seen) wanted.set(key, { ...party, name: party.name.trim() });
      else if (party.role === 'agent') seen.role = 'agent';
    }
    if (!wanted.size) return;
    const keys = [...wanted.keys()];
    for (const row of await trx
      .selectFrom('imported_parties')
      .select(['name_key', 'entity_id'])
      .where('kind', '=', 'user')
      .where('name_key', 'in', keys)
      .execute()) {
      cache.set(`user:${row.name_key}`, row.entity_id);
      wanted.delete(row.name_key);
    }
    if (!wanted.size) return;
    // A known address is the same person; so is a unique exact name among existing users.
    const emails = [...wanted.values()].flatMap((w) => (w.email ? [w.email.toLowerCase()] : []));
    const byEmail = new Map<string, string>();
    for (const part of chunks(emails, 1))
      for (const u of await trx
        .selectFrom('users')
        .select(['id', 'email'])
        .where((eb) => eb.fn('lower', ['email']), 'in', part)
        .execute())
        byEmail.set(u.email.toLowerCase(), u.id);
    const names = [...wanted.values()].map((w) => w.name);
    const byName = new Map<string, string | null>();
    for (const part of chunks(names, 1))
      for (const u of await trx
        .selectFrom('users')
        .select(['id', 'name'])
        .where('name', 'in', part)
        .execute()) {
        const key = nameKey(u.name);
        byName.set(key, byName.has(key) ? null : u.id);
      }
    const at = now();
    const links: { key: string; id: string; made: boolean }[] = [];
    const users = [];
    for (const [key, w] of wanted) {
      const found = (w.email && byEmail.get(w.email.toLowerCase())) || byName.get(key);
      if (found) links.push({ key, id: found, made: false });
      else {
        const id = uuidv7();
        users.push({
          id,
          email: w.email?.toLowerCase() || importedEmail(w.name, id),
          name: w.name,
          role: w.role,
          locale: 'en',
          time_zone: 'UTC',
          active: false,
          organisation_id: null,
          manager_id: null,
          password_hash: null,
          created_at: at,
          updated_at: at,
          version: 1,
        });
        links.push({ key, id, made: true });
      }
    }
    for (const chunk of chunks(users, 13)) await trx.insertInto('users').values(chunk).execute();
    await link(trx, 'user', links, at);
    created.user += users.length;
  }

  async function link(
    trx: Executor,
    kind: PartyKind,
    links: { key: string; id: string; made: boolean }[],
    at: string,
  ) {
    const rows = links.map((l) => ({
      kind,
      name_key: l.key,
      entity_id: l.id,
      source,
      created: l.made,
      created_at: at,
    }));
    for (const chunk of chunks(rows, 6))
      await trx.insertInto('imported_parties').values(chunk).execute();
    for (const l of links) cache.set(`${kind}:${l.key}`, l.id);
  }

  return {
    resolveGroups,
    resolveUsers,
    /** The id of a name resolved earlier in this import; null for an empty name. */
    id(kind: PartyKind, name: string | null | undefined): string | null {
      if (!name) return null;
      return cache.get(`${kind}:${nameKey(name)}`) ?? null;
    },
    created,
  };
}

export const partyName = (party: ImportedParty | string | null | undefined) =>
  typeof party === 'string' ? party : (party?.name ?? null);

/**
 * Chunks of rows for multi-row statements, under SQLite's limit of bound variables. Sizes are
 * powers of two, so a whole import prepares a handful of statement shapes per table: prepared
 * statements are cached by their text, and one per row count would hold hundreds of megabytes.
 */
export function chunks<T>(rows: T[], columns: number): T[][] {
  const limit = Math.max(1, Math.floor(30_000 / columns));
  const out: T[][] = [];
  for (let i = 0; i < rows.length; ) {
    let size = 1;
    while (size * 2 <= Math.min(limit, rows.length - i)) size *= 2;
    out.push(rows.slice(i, i + size));
    i += size;
  }
  return out;
}
