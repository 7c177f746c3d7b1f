import { expect, it } from 'vitest';
import { type Client, describeEachDatabase } from './helpers/test-app.js';

const CALENDAR_SPEC = {
  timeZone: 'Europe/Paris',
  week: { mon: [['09:00', '18:00']], tue: [['09:00', '18:00']] },
};

describeEachDatabase('service catalogue: services and request types', (get) => {
  async function fixtures(manager: Client) {
    const owner = await get().createUser('manager', { name: 'Owner Of Things' });
    const group = (await manager.post('/api/v1/groups', { name: `Logistics ${Math.random()}` }))
      .body;
    const calendar = (
      await manager.post('/api/v1/calendars', {
        name: `Paris ${Math.random()}`,
        spec: CALENDAR_SPEC,
      })
    ).body;
    return { owner, group, calendar };
  }

  it('lets a manager create, list, change and delete services with versions', async () => {
    const manager = await get().as('manager');
    const { owner, group, calendar } = await fixtures(manager);
    const created = await manager.post('/api/v1/services', {
      name: ' Payment gateway ',
      description: 'Card and wallet payments for the storefront',
      status: 'live',
      ownerId: owner.id,
      calendarId: calendar.id,
      defaultGroupId: group.id,
    });
    expect(created.status).toBe(201);
    expect(created.headers.etag).toBe('"1"');
    expect(created.body).toMatchObject({
      name: 'Payment gateway',
      status: 'live',
      ownerId: owner.id,
      calendarId: calendar.id,
      defaultGroupId: group.id,
      version: 1,
    });
    const id = created.body.id;
    await manager.post('/api/v1/services', { name: 'Point of sale', status: 'pipeline' });

    const search = await manager.get('/api/v1/services', { query: { q: 'wallet' } });
    expect(search.body.items.map((s: { name: string }) => s.name)).toEqual(['Payment gateway']);
    const pipeline = await manager.get('/api/v1/services', { query: { status: 'pipeline' } });
    expect(pipeline.body.items.map((s: { name: string }) => s.name)).toContain('Point of sale');
    expect(pipeline.body.items.every((s: { status: string }) => s.status === 'pipeline')).toBe(
      true,
    );
    const firstPage = await manager.get('/api/v1/services', { query: { limit: '1' } });
    expect(firstPage.body.items).toHaveLength(1);
    const secondPage = await manager.get('/api/v1/services', {
      query: { limit: '1', cursor: firstPage.body.nextCursor },
    });
    expect(secondPage.body.items[0].name > firstPage.body.items[0].name).toBe(true);

    const changed = await manager.patch(
      `/api/v1/services/${id}`,
      { status: 'retired', ownerId: null },
      { headers: { 'if-match': '"1"' } },
    );
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ status: 'retired', ownerId: null, version: 2 });
    const stale = await manager.patch(
      `/api/v1/services/${id}`,
      { name: 'Too late' },
      { headers: { 'if-match': '"1"' } },
    );
    expect(stale.status).toBe(412);
    const duplicate = await manager.post('/api/v1/services', { name: 'Point of sale' });
    expect(duplicate.status).toBe(409);
    expect(duplicate.body.code).toBe('ALREADY_EXISTS');
    expect(duplicate.body.errors).toEqual([{ field: '/name', message: 'is already taken' }]);

    const deleted = await manager.delete(`/api/v1/services/${id}`, {
      headers: { 'if-match': '"2"' },
    });
    expect(deleted.status).toBe(204);
    expect((await manager.get(`/api/v1/services/${id}`)).status).toBe(404);
  });

  it('names unknown owners, calendars, groups and services in a 400', async () => {
    const manager = await get().as('manager');
    const bad = await manager.post('/api/v1/services', {
      name: 'Broken references',
      ownerId: 'no-user',
      calendarId: 'no-calendar',
      defaultGroupId: 'no-group',
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([
      { field: '/ownerId', message: 'no such user' },
      { field: '/defaultGroupId', message: 'no such group' },
      { field: '/calendarId', message: 'no such calendar' },
    ]);
    const badType = await manager.post('/api/v1/request-types', {
      serviceId: 'no-service',
      name: 'Orphan',
      approvals: [{ kind: 'group', groupId: 'no-group' }],
      tasks: [{ title: 'Do it', groupId: 'no-group' }],
    });
    expect(badType.status).toBe(400);
    expect(badType.body.errors).toEqual([
      { field: '/approvals/0/groupId', message: 'no such group' },
      { field: '/tasks/0/groupId', message: 'no such group' },
      { field: '/serviceId', message: 'no such service' },
    ]);
    const services = await manager.get('/api/v1/services', { query: { q: 'broken' } });
    expect(services.body.items).toEqual([]);
  });

  it('keeps request types with forms, and refuses to delete a service that still has some', async () => {
    const manager = await get().as('manager');
    const { group } = await fixtures(manager);
    const service = (
      await manager.post('/api/v1/services', { name: 'Workplace devices', status: 'live' })
    ).body;
    const created = await manager.post('/api/v1/request-types', {
      serviceId: service.id,
      name: 'New laptop',
      description: 'A laptop for a new starter or a replacement',
      form: [
        {
          key: 'model',
          label: 'Model',
          kind: 'select',
          required: true,
          options: ['MacBook Air 13"', 'ThinkPad X1 Carbon'],
        },
        { key: 'justification', label: 'Justification', kind: 'long-text', required: true },
        { key: 'neededBy', label: 'Needed by', kind: 'date', required: false },
      ],
      approvals: [{ kind: 'manager' }, { kind: 'group', groupId: group.id }],
      tasks: [
        { title: 'Order the laptop', groupId: group.id },
        { title: 'Hand it over', groupId: null },
      ],
      instructions: 'Image with the boutique profile.',
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      serviceId: service.id,
      active: true,
      approvals: [{ kind: 'manager' }, { kind: 'group', groupId: group.id }],
      version: 1,
    });
    expect(created.body.form).toHaveLength(3);

    const ofService = await manager.get(`/api/v1/services/${service.id}/request-types`);
    expect(ofService.body.items.map((r: { name: string }) => r.name)).toEqual(['New laptop']);
    const byFilter = await manager.get('/api/v1/request-types', {
      query: { serviceId: service.id, q: 'LAPTOP' },
    });
    expect(byFilter.body.items).toHaveLength(1);

    const duplicate = await manager.post('/api/v1/request-types', {
      serviceId: service.id,
      name: 'New laptop',
    });
    expect(duplicate.status).toBe(409);
    expect(duplicate.body.code).toBe('ALREADY_EXISTS');

    const changed = await manager.patch(
      `/api/v1/request-types/${created.body.id}`,
      { active: false, tasks: [] },
      { headers: { 'if-match': '"1"' } },
    );
    expect(changed.body).toMatchObject({ active: false, tasks: [], version: 2 });
    const inactive = await manager.get('/api/v1/request-types', {
      query: { serviceId: service.id, active: 'false' },
    });
    expect(inactive.body.items).toHaveLength(1);

    const inUse = await manager.delete(`/api/v1/services/${service.id}`, {
      headers: { 'if-match': '"1"' },
    });
    expect(inUse.status).toBe(409);
    expect(inUse.body.code).toBe('IN_USE');
    expect(
      (
        await manager.delete(`/api/v1/request-types/${created.body.id}`, {
          headers: { 'if-match': '"2"' },
        })
      ).status,
    ).toBe(204);
    expect(
      (await manager.delete(`/api/v1/services/${service.id}`, { headers: { 'if-match': '"1"' } }))
        .status,
    ).toBe(204);
  });

  it('refuses invalid form definitions with 400 naming the field, writing nothing', async () => {
    const manager = await get().as('manager');
    const service = (await manager.post('/api/v1/services', { name: 'Forms', status: 'live' }))
      .body;
    const refused = await manager.post('/api/v1/request-types', {
      serviceId: service.id,
      name: 'Broken form',
      form: [
        { key: 'role', label: 'Role', kind: 'select', required: true },
        { key: 'code', label: 'Code', kind: 'text', required: false, pattern: '[a-' },
        { key: 'code', label: 'Again', kind: 'number', required: false, min: 10, max: 1 },
      ],
    });
    expect(refused.status).toBe(400);
    expect(refused.body.code).toBe('VALIDATION_FAILED');
    expect(refused.body.errors).toEqual([
      { field: '/form/0/options', message: 'give at least one option' },
      { field: '/form/1/pattern', message: 'is not a valid regular expression' },
      { field: '/form/2/key', message: 'is used by another field of the form' },
      { field: '/form/2/max', message: 'must not be less than min' },
    ]);
    const shape = await manager.post('/api/v1/request-types', {
      serviceId: service.id,
      name: 'Unknown kind',
      form: [{ key: 'x', label: 'X', kind: 'colour', required: true }],
    });
    expect(shape.status).toBe(400);
    expect(JSON.stringify(shape.body.errors)).toContain('/form/0/kind');
    const groupStep = await manager.post('/api/v1/request-types', {
      serviceId: service.id,
      name: 'Group without group',
      approvals: [{ kind: 'group' }],
    });
    expect(groupStep.status).toBe(400);
    expect(groupStep.body.errors).toEqual([
      { field: '/approvals/0/groupId', message: 'choose the group that decides' },
    ]);
    const listed = await manager.get(`/api/v1/services/${service.id}/request-types`);
    expect(listed.body.items).toEqual([]);

    const good = (
      await manager.post('/api/v1/request-types', { serviceId: service.id, name: 'Good' })
    ).body;
    const badPatch = await manager.patch(
      `/api/v1/request-types/${good.id}`,
      { form: [{ key: 'n', label: 'N', kind: 'number', required: false, min: 5, max: 2 }] },
      { headers: { 'if-match': '"1"' } },
    );
    expect(badPatch.status).toBe(400);
    expect(badPatch.body.errors).toEqual([
      { field: '/form/0/max', message: 'must not be less than min' },
    ]);
    const after = await manager.get(`/api/v1/request-types/${good.id}`);
    expect(after.body).toMatchObject({ form: [], version: 1 });
  });

  it('shows requesters only live services and active request types', async () => {
    const manager = await get().as('manager');
    const requester = await get().as('requester');
    const live = (await manager.post('/api/v1/services', { name: 'Visible CRM', status: 'live' }))
      .body;
    const pipeline = (
      await manager.post('/api/v1/services', { name: 'Visible soon', status: 'pipeline' })
    ).body;
    const active = (
      await manager.post('/api/v1/request-types', { serviceId: live.id, name: 'CRM access' })
    ).body;
    const inactive = (
      await manager.post('/api/v1/request-types', {
        serviceId: live.id,
        name: 'CRM export',
        active: false,
      })
    ).body;
    const hidden = (
      await manager.post('/api/v1/request-types', { serviceId: pipeline.id, name: 'Early access' })
    ).body;

    const services = await requester.get('/api/v1/services', { query: { q: 'visible' } });
    expect(services.body.items.map((s: { name: string }) => s.name)).toEqual(['Visible CRM']);
    const pipelineOnly = await requester.get('/api/v1/services', {
      query: { status: 'pipeline' },
    });
    expect(pipelineOnly.body.items).toEqual([]);
    expect((await requester.get(`/api/v1/services/${pipeline.id}`)).status).toBe(404);
    expect((await requester.get(`/api/v1/services/${live.id}`)).status).toBe(200);

    const types = await requester.get('/api/v1/request-types');
    const names = types.body.items.map((r: { name: string }) => r.name);
    expect(names).toContain('CRM access');
    expect(names).not.toContain('CRM export');
    expect(names).not.toContain('Early access');
    expect((await requester.get(`/api/v1/request-types/${active.id}`)).status).toBe(200);
    expect((await requester.get(`/api/v1/request-types/${inactive.id}`)).status).toBe(404);
    expect((await requester.get(`/api/v1/request-types/${hidden.id}`)).status).toBe(404);
    expect((await requester.get(`/api/v1/services/${pipeline.id}/request-types`)).status).toBe(404);

    // Managers see everything.
    const all = await manager.get('/api/v1/request-types', { query: { q: 'access' } });
    expect(all.body.items.map((r: { name: string }) => r.name).sort()).toEqual([
      'CRM access',
      'Early access',
    ]);
  });

  it('refuses catalogue writes to requesters and agents (403)', async () => {
    const manager = await get().as('manager');
    const agent = await get().as('agent');
    const requester = await get().as('requester');
    const service = (await manager.post('/api/v1/services', { name: 'Guarded', status: 'live' }))
      .body;
    const type = (
      await manager.post('/api/v1/request-types', { serviceId: service.id, name: 'Guarded type' })
    ).body;
    for (const client of [agent, requester]) {
      const cases: Array<[string, string, unknown?]> = [
        ['POST', '/api/v1/services', { name: 'Not mine' }],
        ['PATCH', `/api/v1/services/${service.id}`, { name: 'Renamed' }],
        ['DELETE', `/api/v1/services/${service.id}`],
        ['POST', '/api/v1/request-types', { serviceId: service.id, name: 'Not mine' }],
        ['PATCH', `/api/v1/request-types/${type.id}`, { active: false }],
        ['DELETE', `/api/v1/request-types/${type.id}`],
      ];
      for (const [method, url, body] of cases) {
        const response = await client.request(method, url, {
          body,
          headers: method === 'POST' ? {} : { 'if-match': '"1"' },
        });
        expect({ method, url, status: response.status }).toEqual({ method, url, status: 403 });
        expect(response.body.code).toBe('FORBIDDEN');
      }
    }
    expect((await agent.get('/api/v1/services')).status).toBe(200);
    expect((await requester.get(`/api/v1/services/${service.id}`)).body.version).toBe(1);
  });

  it('checks answers against a request type’s form for the ticket service', async () => {
    const manager = await get().as('manager');
    const owner = await get().createUser('manager');
    const service = (
      await manager.post('/api/v1/services', {
        name: 'CRM for answers',
        status: 'live',
        ownerId: owner.id,
      })
    ).body;
    const type = (
      await manager.post('/api/v1/request-types', {
        serviceId: service.id,
        name: 'Access to CRM',
        form: [
          {
            key: 'role',
            label: 'Role',
            kind: 'select',
            required: true,
            options: ['Sales', 'Admin'],
          },
          { key: 'forUser', label: 'For', kind: 'user', required: true },
          { key: 'amount', label: 'Amount', kind: 'number', required: false, min: 1 },
        ],
        approvals: [{ kind: 'manager' }, { kind: 'service-owner' }],
      })
    ).body;
    const { services } = get();
    const db = services.db;
    expect(
      await services.catalogue.validateAnswers(db, type.id, {
        role: 'Sales',
        forUser: owner.id,
        amount: '12.5',
        other: true,
      }),
    ).toEqual({ role: 'Sales', forUser: owner.id, amount: 12.5 });
    await expect(
      services.catalogue.validateAnswers(db, type.id, { role: 'CEO', amount: 0 }),
    ).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      details: {
        errors: [
          { field: '/formAnswers/role', message: 'must be one of the options' },
          { field: '/formAnswers/forUser', message: 'is required' },
          { field: '/formAnswers/amount', message: 'must be at least 1' },
        ],
      },
    });
    expect(await services.catalogue.serviceOwnerOf(db, service.id)).toBe(owner.id);
    expect((await services.catalogue.requestTypeById(db, type.id))?.approvals).toEqual([
      { kind: 'manager' },
      { kind: 'service-owner' },
    ]);
    expect(await services.catalogue.serviceById(db, 'missing')).toBeUndefined();
  });

  it('records every change in the audit trail', async () => {
    const manager = await get().as('manager');
    const service = (await manager.post('/api/v1/services', { name: 'Audited service' })).body;
    await manager.patch(
      `/api/v1/services/${service.id}`,
      { status: 'live' },
      { headers: { 'if-match': '"1"' } },
    );
    const history = await manager.get('/api/v1/audit-events', {
      query: { entity: `service:${service.id}` },
    });
    expect(history.status).toBe(200);
    expect(history.body.items.map((e: { action: string }) => e.action).sort()).toEqual([
      'create',
      'update',
    ]);
    const requester = await get().as('requester');
    expect(
      (
        await requester.get('/api/v1/audit-events', {
          query: { entity: `service:${service.id}` },
        })
      ).status,
    ).toBe(404);
  });
});
