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
    await get().services.audit.seal();
    const report = await get().services.audit.verify(systemActor('test'));
    expect(report).toMatchObject({ ok: true, unsealed: 0 });
  });
});
