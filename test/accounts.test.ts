import { expect, it } from 'vitest';
import { describeEachDatabase, uniqueEmail } from './helpers/test-app.js';

describeEachDatabase('accounts: users, groups, organisations and roles', (get) => {
  it('lets an administrator create a user who can then sign in', async () => {
    const admin = await get().as('admin');
    const org = (
      await admin.post('/api/v1/organisations', { name: 'Boutique Milano', kind: 'store' })
    ).body;
    const email = uniqueEmail('giulia');
    const created = await admin.post('/api/v1/users', {
      email: email.toUpperCase(),
      name: '  Giulia Conti ',
      role: 'requester',
      locale: 'fr',
      timeZone: 'Europe/Rome',
      organisationId: org.id,
      password: 'long enough password',
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      email,
      name: 'Giulia Conti',
      role: 'requester',
      locale: 'fr',
      timeZone: 'Europe/Rome',
      organisationId: org.id,
      active: true,
      version: 1,
    });
    expect(created.body).not.toHaveProperty('passwordHash');
    await expect(get().login(email, 'long enough password')).resolves.toBeDefined();
    const duplicate = await admin.post('/api/v1/users', { email, name: 'Again', role: 'agent' });
    expect(duplicate.status).toBe(409);
    expect(duplicate.body.errors).toEqual([{ field: '/email', message: 'is already taken' }]);
  });

  it('filters and searches the user directory', async () => {
    const admin = await get().as('admin');
    await get().createUser('auditor', { name: 'Ingrid Directory' });
    const byRole = await admin.get('/api/v1/users', { query: { role: 'auditor' } });
    expect(byRole.body.items.every((u: { role: string }) => u.role === 'auditor')).toBe(true);
    const search = await admin.get('/api/v1/users', { query: { q: 'ingrid dir' } });
    expect(search.body.items.map((u: { name: string }) => u.name)).toEqual(['Ingrid Directory']);
  });

  it('lets users change their own name, language and time zone but not their role', async () => {
    const agent = await get().as('agent');
    const me = await agent.get('/api/v1/me');
    const etag = String(me.headers.etag);
    const changed = await agent.patch(
      '/api/v1/me',
      { locale: 'fr', timeZone: 'America/New_York' },
      { headers: { 'if-match': etag } },
    );
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ locale: 'fr', timeZone: 'America/New_York', version: 2 });
    const promote = await agent.patch(
      `/api/v1/users/${agent.user.id}`,
      { role: 'admin' },
      { headers: { 'if-match': '"2"' } },
    );
    expect(promote.status).toBe(403);
    expect((await agent.get('/api/v1/me')).body.user.role).toBe('agent');
  });

  it('refuses each role what it may not do (403), in the service layer', async () => {
    const agent = await get().as('agent');
    const requester = await get().as('requester');
    const auditor = await get().as('auditor');
    const manager = await get().as('manager');
    const target = await get().createUser('agent');
    const cases: Array<[typeof agent, string, string, unknown?]> = [
      [agent, 'POST', '/api/v1/users', { email: uniqueEmail(), name: 'X', role: 'agent' }],
      [agent, 'POST', '/api/v1/groups', { name: 'Agents only' }],
      [agent, 'POST', '/api/v1/organisations', { name: 'Agent Org', kind: 'store' }],
      [agent, 'GET', '/api/v1/tokens'],
      [agent, 'GET', '/api/v1/admin/jobs'],
      [agent, 'POST', `/api/v1/users/${target.id}/password`, { password: 'another long password' }],
      [requester, 'GET', '/api/v1/users'],
      [requester, 'GET', '/api/v1/groups'],
      [requester, 'GET', '/api/v1/organisations'],
      [auditor, 'POST', '/api/v1/groups', { name: 'Auditors write nothing' }],
      [auditor, 'PATCH', `/api/v1/users/${target.id}`, { name: 'Changed' }],
      [manager, 'POST', '/api/v1/users', { email: uniqueEmail(), name: 'Y', role: 'agent' }],
      [manager, 'POST', '/api/v1/organisations', { name: 'Manager Org', kind: 'store' }],
    ];
    for (const [client, method, url, body] of cases) {
      const response = await client.request(method, url, {
        body,
        headers: method === 'PATCH' ? { 'if-match': '"1"' } : {},
      });
      expect({ method, url, status: response.status }).toEqual({ method, url, status: 403 });
      expect(response.body.code).toBe('FORBIDDEN');
    }
    // A requester asking for someone else's account learns nothing about it.
    expect((await requester.get(`/api/v1/users/${target.id}`)).status).toBe(404);
    // What each role may do, it can.
    expect((await manager.post('/api/v1/groups', { name: 'Managed team' })).status).toBe(201);
    expect((await auditor.get('/api/v1/users')).status).toBe(200);
    expect((await agent.get('/api/v1/groups')).status).toBe(200);
  });

  it('keeps group members and manager, naming unknown users', async () => {
    const admin = await get().as('admin');
    const lead = await get().createUser('manager');
    const a = await get().createUser('agent');
    const b = await get().createUser('agent');
    const group = await admin.post('/api/v1/groups', {
      name: 'Store Systems',
      managerId: lead.id,
      memberIds: [b.id, a.id, a.id],
    });
    expect(group.status).toBe(201);
    expect(group.body.memberIds).toEqual([a.id, b.id].sort());
    expect(group.body.managerId).toBe(lead.id);
    const unknown = await admin.patch(
      `/api/v1/groups/${group.body.id}`,
      { memberIds: ['no-such-user'] },
      { headers: { 'if-match': '"1"' } },
    );
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors[0]).toEqual({
      field: '/memberIds',
      message: 'no such users: no-such-user',
    });
    const mine = await admin.get('/api/v1/groups', { query: { memberId: a.id } });
    expect(mine.body.items.map((g: { name: string }) => g.name)).toEqual(['Store Systems']);
  });

  it('refuses to delete an organisation still in use', async () => {
    const admin = await get().as('admin');
    const org = (
      await admin.post('/api/v1/organisations', { name: 'Boutique In Use', kind: 'store' })
    ).body;
    await get().createUser('requester', { organisationId: org.id });
    const refused = await admin.delete(`/api/v1/organisations/${org.id}`, {
      headers: { 'if-match': '"1"' },
    });
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('IN_USE');
    expect((await admin.get(`/api/v1/organisations/${org.id}`)).status).toBe(200);
  });

  it('does not let administrators lock themselves out', async () => {
    const admin = await get().as('admin');
    const response = await admin.patch(
      `/api/v1/users/${admin.user.id}`,
      { active: false },
      { headers: { 'if-match': '"1"' } },
    );
    expect(response.status).toBe(400);
    expect(response.body.errors[0].field).toBe('/active');
  });

  it('lets administrators see and revoke any API token', async () => {
    const admin = await get().as('admin');
    const agent = await get().as('agent');
    const { secret, token } = (await agent.post('/api/v1/me/tokens', { name: 'agent script' }))
      .body;
    const all = await admin.get('/api/v1/tokens');
    expect(all.body.items.map((t: { id: string }) => t.id)).toContain(token.id);
    expect((await admin.delete(`/api/v1/tokens/${token.id}`)).status).toBe(204);
    expect((await get().withToken(secret).get('/api/v1/me')).status).toBe(401);
    // Another user's token is not theirs to revoke through /me.
    const other = (await admin.post('/api/v1/me/tokens', { name: 'admin script' })).body;
    expect((await agent.delete(`/api/v1/me/tokens/${other.token.id}`)).status).toBe(404);
  });
});

describeEachDatabase('accounts: optional links', (get) => {
  it('accepts null for optional links on create, and clears a link with null', async () => {
    const admin = await get().as('admin');
    const org = (
      await admin.post('/api/v1/organisations', {
        name: 'Linked Store',
        kind: 'store',
        parentId: null,
      })
    ).body;
    expect(org.parentId).toBeNull();
    const user = await admin.post('/api/v1/users', {
      email: uniqueEmail('linked'),
      name: 'Linked',
      role: 'requester',
      organisationId: null,
    });
    expect(user.status).toBe(201);
    expect(user.body.organisationId).toBeNull();
    const linked = await admin.patch(
      `/api/v1/users/${user.body.id}`,
      { organisationId: org.id },
      { headers: { 'if-match': '"1"' } },
    );
    expect(linked.body.organisationId).toBe(org.id);
    const cleared = await admin.patch(
      `/api/v1/users/${user.body.id}`,
      { organisationId: null },
      { headers: { 'if-match': '"2"' } },
    );
    expect(cleared.status).toBe(200);
    expect(cleared.body.organisationId).toBeNull();
    const group = await admin.post('/api/v1/groups', { name: 'Unmanaged', managerId: null });
    expect(group.status).toBe(201);
    expect(group.body.managerId).toBeNull();
  });
});
