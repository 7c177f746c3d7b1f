// Live evidence about the organisation: the audit trail, the people with their roles, and groups.
// Read-only queries over those tables (their services list records, they do not count them).
import { sql } from 'kysely';
import {
  type EvidenceContext,
  type Finding,
  latestOf,
  plural,
  readOnly,
  standing,
  tally,
} from './evidence.js';

export async function auditTrail(ctx: EvidenceContext): Promise<Finding> {
  const r = await tally(ctx, 'audit_events', 'occurred_at');
  return {
    figure: `${plural(r.count, 'audited change')} in the period`,
    key: 'auditTrail',
    params: { count: r.count },
    value: r.count,
    count: r.count,
    latestRecordAt: r.latest,
  };
}

export async function usersRoles(ctx: EvidenceContext): Promise<Finding> {
  const rows = await readOnly(ctx.db)
    .selectFrom('users')
    .select([
      'role',
      sql<number>`count(*)`.as('count'),
      sql<string | null>`max(updated_at)`.as('latest'),
    ])
    .where('active', '=', true)
    .groupBy('role')
    .orderBy('role')
    .execute();
  const count = rows.reduce((n, r) => n + Number(r.count), 0);
  const latest =
    rows
      .map((r) => latestOf(r.latest))
      .filter((x): x is string => x !== null)
      .sort()
      .at(-1) ?? null;
  return {
    figure: `${plural(count, 'active user')} in ${plural(rows.length, 'role')} (${rows
      .map((r) => `${r.role} ${Number(r.count)}`)
      .join(', ')})`,
    key: 'usersRoles',
    // One `role:<role>` parameter per role, so that a client can name the roles in its language.
    params: Object.fromEntries([
      ['count', count],
      ['roles', rows.length],
      ...rows.map((r) => [`role:${r.role}`, Number(r.count)]),
    ]),
    value: count,
    count,
    latestRecordAt: latest,
  };
}

export async function groups(ctx: EvidenceContext): Promise<Finding> {
  const all = await standing(ctx, 'groups');
  const members = await readOnly(ctx.db)
    .selectFrom('group_members')
    .select(sql<number>`count(distinct user_id)`.as('count'))
    .executeTakeFirst();
  return {
    figure: `${plural(all.count, 'group')}, ${plural(Number(members?.count ?? 0), 'member')}`,
    key: 'groups',
    params: { count: all.count, members: Number(members?.count ?? 0) },
    value: all.count,
    count: all.count,
    latestRecordAt: all.latest,
  };
}
