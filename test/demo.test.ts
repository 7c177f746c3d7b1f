import { expect, it } from 'vitest';
import { DEMO_PASSWORD, seedDemo } from '../src/demo/demo.js';
import { systemActor } from '../src/shared/actor.js';
import { ROLES } from '../src/shared/permissions.js';
import { describeEachDatabase } from './helpers/test-app.js';

describeEachDatabase('demo workspace', (get) => {
  it('has a person in every role who can sign in, resolver groups and the retailer’s stores', async () => {
    const workspace = await seedDemo(get().services);
    const roles = new Set(Object.values(workspace.users).map((u) => u.role));
    for (const role of ROLES) expect(roles).toContain(role);
    const agent = await get().login(workspace.users.agent?.email ?? '', DEMO_PASSWORD);
    const groups = await agent.get('/api/v1/groups');
    expect(groups.body.items.map((g: { name: string }) => g.name)).toEqual(
      expect.arrayContaining(['Service Desk', 'E-commerce Platform', 'Payments', 'Store Systems']),
    );
    const stores = await agent.get('/api/v1/organisations', { query: { q: 'boutique' } });
    expect(stores.body.items).toHaveLength(3);
    const calendars = await agent.get('/api/v1/calendars');
    expect(
      calendars.body.items.map((c: { spec: { timeZone: string } }) => c.spec.timeZone),
    ).toEqual(expect.arrayContaining(['Europe/Paris', 'Europe/Rome', 'Europe/London']));
    const policies = await agent.get('/api/v1/sla-policies');
    expect(policies.body.items.at(-1)).toMatchObject({ name: 'Standard (Paris)', conditions: {} });
    // Six months of desk history, and today's tickets in the states a demo walks through.
    const open = await agent.get('/api/v1/tickets', { query: { queue: 'open', limit: '200' } });
    const statuses = new Set(open.body.items.map((t: { status: string }) => t.status));
    for (const status of ['new', 'in_progress', 'on_hold']) expect(statuses).toContain(status);
    const newest = await agent.get('/api/v1/tickets', {
      // Later seeders (a rolled-back release's incident) add a few tickets of their own.
      query: { queue: 'all', sort: 'created', limit: '10' },
    });
    expect(newest.body.items.map((t: { title: string }) => t.title)).toEqual(
      expect.arrayContaining([
        'Clients cannot pay with Amex on the storefront',
        'Product images missing on the new collection page',
      ]),
    );
    const counts = async (table: 'tickets' | 'surveys' | 'complaints') =>
      Number(
        (
          await get()
            .services.db.selectFrom(table)
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    expect(await counts('tickets')).toBeGreaterThan(2500);
    expect(await counts('surveys')).toBeGreaterThan(1000);
    expect(await counts('complaints')).toBeGreaterThan(5);
    const found = await agent.get('/api/v1/tickets/search', { query: { q: 'amex' } });
    expect(found.body.map((t: { title: string }) => t.title)).toContain(
      'Clients cannot pay with Amex on the storefront',
    );
    await get().services.audit.seal();
    const report = await get().services.audit.verify(systemActor('test'));
    expect(report).toMatchObject({ ok: true, unsealed: 0 });
  });
});
