import { expect, it } from 'vitest';
import { DEMO_PASSWORD, DEMO_SEEDERS, type DemoWorkspace } from '../src/demo/demo.js';
import { demoBaseline } from '../src/demo/seeders/kpis.js';
import { describeEachDatabase } from './helpers/test-app.js';

const DAY = 86_400_000;

interface RunBody {
  id: string;
  fileName: string;
  dryRun: boolean;
  status: string;
  type: string | null;
  rows: number;
  created: Record<string, number>;
  errors: { row: number; column: string | null; reason: string }[];
}

describeEachDatabase('legacy import demo', (get) => {
  it('shows the previous help desk’s year imported after two dry runs, its tickets before the KPI baseline', async () => {
    const ctx = get();
    const workspace: DemoWorkspace = { users: {}, groups: {}, organisations: {} };
    // The seeders the import needs (people, groups, boutiques, services), without the generated desk.
    for (const seeder of DEMO_SEEDERS)
      if (
        ['accounts', 'service levels', 'service catalogue', 'legacy import'].includes(seeder.name)
      )
        await seeder.seed(ctx.services, workspace, {});

    const admin = await ctx.login(workspace.users.admin?.email ?? '', DEMO_PASSWORD);
    const list = await admin.get('/api/v1/imports/runs');
    expect(list.status, list.text).toBe(200);
    // Newest first: the import, the clean dry run, the first dry run with its two bad rows.
    const [done, clean, refused] = list.body.items as RunBody[];
    expect(refused).toMatchObject({ dryRun: true, status: 'failed', rows: 160 });
    expect(refused?.errors.map((e) => e.column).sort()).toEqual(['Résolu le', 'Statut']);
    expect(clean).toMatchObject({ dryRun: true, status: 'succeeded', errors: [] });
    expect(done).toMatchObject({
      dryRun: false,
      status: 'succeeded',
      type: 'incidents',
      rows: 160,
    });
    expect(done?.fileName).toBe(clean?.fileName);
    expect(done?.created).toMatchObject({ incident: 160, group: 1 });
    expect(done?.created.user).toBeGreaterThan(5);

    const tickets = await admin.get(`/api/v1/imports/runs/${done?.id}/tickets`, {
      query: {},
    });
    expect(tickets.status, tickets.text).toBe(200);
    const first = tickets.body[0];
    // The history came first: it has Meridian's first numbers, beside the old tool's own.
    expect(first).toMatchObject({
      number: 'INC0000001',
      sourceNumber: expect.stringMatching(/^HD-\d+$/),
    });

    // Searchable by the old tool's number, on both engines (PostgreSQL's parser would read
    // "HD-18241" as "hd" and "-18241" were the hyphen indexed as such).
    const found = await admin.get('/api/v1/tickets/search', { query: { q: first.sourceNumber } });
    expect(found.body.map((t: { number: string }) => t.number)).toContain('INC0000001');
    const ticket = await admin.get(`/api/v1/tickets/${first.id}`);
    expect(['closed', 'resolved']).toContain(ticket.body.status);
    const timeline = await admin.get(`/api/v1/tickets/${first.id}/timeline`);
    const actions = timeline.body.map((e: { action?: string }) => e.action);
    expect(actions).toEqual(
      expect.arrayContaining(['imported:opened', 'imported:assigned', 'imported:resolved']),
    );
    expect(
      timeline.body.find((e: { action?: string }) => e.action === 'imported:opened'),
    ).toMatchObject({
      actorName: 'legacy-desk (imported)',
    });

    // Everything ended before the generated history and the KPI baseline period start.
    const baselineFrom = Date.parse(`${demoBaseline(ctx.services).from}T00:00:00Z`);
    const latest = await ctx.services.db
      .selectFrom('tickets')
      .select(['created_at', 'resolved_at', 'closed_at', 'open'])
      .execute();
    expect(latest).toHaveLength(160);
    for (const t of latest) {
      expect(Boolean(t.open)).toBe(false);
      for (const at of [t.created_at, t.resolved_at, t.closed_at])
        if (at) expect(new Date(at).getTime()).toBeLessThan(baselineFrom - DAY);
    }
    const oldest = Math.min(...latest.map((t) => new Date(t.created_at).getTime()));
    expect(ctx.clock.now().getTime() - oldest).toBeGreaterThan((180 + 365) * DAY);

    // Staff who left before the move are kept as inactive imported users; current agents matched.
    const matched = await ctx.services.db
      .selectFrom('tickets')
      .select('assignee_id')
      .where('assignee_id', '=', workspace.users.agent?.id ?? '')
      .execute();
    expect(matched.length).toBeGreaterThan(0);
    const departed = await ctx.services.db
      .selectFrom('users')
      .select(['active', 'email'])
      .where('name', '=', 'Thomas Lefèvre')
      .executeTakeFirstOrThrow();
    expect(Boolean(departed.active)).toBe(false);
    expect(departed.email).toMatch(/@imported\.invalid$/);
  });
});
