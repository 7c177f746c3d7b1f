import { expect, it } from 'vitest';
import { describeEachDatabase, PASSWORD } from './helpers/test-app.js';

describeEachDatabase('authentication', (get) => {
  it('signs in with the right password and shows who is signed in', async () => {
    const { createUser, login } = get();
    const user = await createUser('agent');
    const client = await login(user.email);
    const me = await client.get('/api/v1/me');
    expect(me.status).toBe(200);
    expect(me.body.user.email).toBe(user.email);
    expect(me.body.permissions).toContain('users.read');
    expect(me.body.permissions).not.toContain('users.manage');
    expect(me.body.csrfToken).toEqual(expect.any(String));
  });

  it('sets an HttpOnly SameSite session cookie', async () => {
    const { createUser, anonymous } = get();
    const user = await createUser('agent');
    const response = await anonymous.post('/api/v1/auth/login', {
      email: user.email,
      password: PASSWORD,
    });
    const cookie = String(response.headers['set-cookie']);
    expect(cookie).toMatch(/meridian_session=/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
  });

  it('refuses a wrong password without saying whether the account exists', async () => {
    const { createUser, anonymous } = get();
    const user = await createUser('agent');
    const wrong = await anonymous.post('/api/v1/auth/login', {
      email: user.email,
      password: 'not the password',
    });
    const unknown = await anonymous.post('/api/v1/auth/login', {
      email: 'nobody@example.com',
      password: 'whatever it is',
    });
    for (const response of [wrong, unknown]) {
      expect(response.status).toBe(401);
      expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(response.body.code).toBe('INVALID_CREDENTIALS');
    }
    expect(wrong.body.detail).toBe(unknown.body.detail);
  });

  it('logs out: the session cookie stops working at once', async () => {
    const { createUser, login } = get();
    const user = await createUser('agent');
    const client = await login(user.email);
    expect((await client.post('/api/v1/auth/logout')).status).toBe(204);
    const after = await client.get('/api/v1/me');
    expect(after.status).toBe(401);
    expect(after.body.code).toBe('UNAUTHENTICATED');
  });

  it('locks an account after repeated failures, even for the right password, and says when to retry', async () => {
    const { createUser, anonymous, config, clock, login } = get();
    const user = await createUser('agent');
    for (let i = 0; i < config.login.maxFailuresPerAccount; i++) {
      const r = await anonymous.post('/api/v1/auth/login', {
        email: user.email,
        password: `wrong ${i}`,
      });
      expect(r.status).toBe(401);
    }
    const locked = await anonymous.post('/api/v1/auth/login', {
      email: user.email,
      password: PASSWORD,
    });
    expect(locked.status).toBe(429);
    expect(locked.body.code).toBe('ACCOUNT_LOCKED');
    expect(locked.body.detail).toMatch(/Try again in 15 minutes/);
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
    // Another account from the same address is not locked.
    const other = await createUser('agent');
    expect(
      (await anonymous.post('/api/v1/auth/login', { email: other.email, password: PASSWORD }))
        .status,
    ).toBe(200);
    // After the lock period, the right password works again.
    clock.advance(config.login.lockMinutes * 60_000 + 1000);
    await expect(login(user.email)).resolves.toBeDefined();
  });

  it('rate-limits sign-in attempts per network address', async () => {
    const { anonymous, config } = get();
    const attempts = config.login.maxFailuresPerAddress;
    for (let i = 0; i < attempts; i++) {
      await anonymous.post(
        '/api/v1/auth/login',
        { email: `spray${i}@example.com`, password: 'guess guess guess' },
        { headers: { 'x-forwarded-for': '10.9.9.9' } },
      );
    }
    // inject() always calls from 127.0.0.1: the whole address is now throttled.
    const limited = await anonymous.post('/api/v1/auth/login', {
      email: 'spray-last@example.com',
      password: 'guess guess guess',
    });
    expect(limited.status).toBe(429);
    expect(limited.body.code).toBe('LOGIN_RATE_LIMITED');
    get().clock.advance(config.login.lockMinutes * 60_000 + 1000);
  });

  it('answers 401 with problem+json to an anonymous request', async () => {
    const response = await get().anonymous.get('/api/v1/users');
    expect(response.status).toBe(401);
    expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(response.body).toMatchObject({
      status: 401,
      code: 'UNAUTHENTICATED',
      type: expect.stringContaining('unauthenticated'),
    });
  });

  it('refuses a cookie-authenticated write without the CSRF token, and writes nothing', async () => {
    const { as, services } = get();
    const admin = await as('admin');
    const before = await services.db
      .selectFrom('organisations')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const refused = await admin.post(
      '/api/v1/organisations',
      { name: 'CSRF Corp', kind: 'company' },
      { headers: { 'x-csrf-token': '' } },
    );
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('CSRF_FAILED');
    const forged = await admin.post(
      '/api/v1/organisations',
      { name: 'CSRF Corp', kind: 'company' },
      { headers: { 'x-csrf-token': 'forged' } },
    );
    expect(forged.status).toBe(403);
    const after = await services.db
      .selectFrom('organisations')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
    const accepted = await admin.post('/api/v1/organisations', {
      name: 'CSRF Corp',
      kind: 'company',
    });
    expect(accepted.status).toBe(201);
  });

  it('authenticates personal API tokens as Bearer, without CSRF, until revoked', async () => {
    const { as, withToken, services } = get();
    const agent = await as('agent');
    const created = await agent.post('/api/v1/me/tokens', { name: 'reporting script' });
    expect(created.status).toBe(201);
    const { secret, token } = created.body;
    expect(secret).toMatch(/^mrd_[A-Za-z0-9_-]{43}$/);
    expect(token.prefix).toBe(secret.slice(0, 10));
    // Only the hash is stored.
    const row = await services.db
      .selectFrom('api_tokens')
      .selectAll()
      .where('id', '=', token.id)
      .executeTakeFirstOrThrow();
    expect(row.token_hash).not.toContain(secret);
    expect(JSON.stringify(row)).not.toContain(secret);

    const bearer = withToken(secret);
    const me = await bearer.get('/api/v1/me');
    expect(me.status).toBe(200);
    expect(me.body.user.id).toBe(agent.user.id);
    const listed = await agent.get('/api/v1/me/tokens');
    expect(listed.body.items.map((t: { id: string }) => t.id)).toContain(token.id);
    expect(JSON.stringify(listed.body)).not.toContain(secret);

    expect((await agent.delete(`/api/v1/me/tokens/${token.id}`)).status).toBe(204);
    const revoked = await bearer.get('/api/v1/me');
    expect(revoked.status).toBe(401);
    expect(revoked.body.detail).toMatch(/revoked/);
  });

  it('refuses an unknown bearer token and a disabled user', async () => {
    const { withToken, as, createUser, services } = get();
    expect((await withToken('mrd_not-a-real-token').get('/api/v1/me')).status).toBe(401);
    const user = await createUser('agent');
    const { secret } = await services.auth.createToken(
      { id: user.id, name: user.name, role: 'agent' },
      { name: 'cli' },
    );
    expect((await withToken(secret).get('/api/v1/me')).status).toBe(200);
    const admin = await as('admin');
    const disabled = await admin.patch(
      `/api/v1/users/${user.id}`,
      { active: false },
      { headers: { 'if-match': `"${user.version}"` } },
    );
    expect(disabled.status).toBe(200);
    expect((await withToken(secret).get('/api/v1/me')).status).toBe(401);
  });

  it('does not let a requester create API tokens', async () => {
    const requester = await get().as('requester');
    const refused = await requester.post('/api/v1/me/tokens', { name: 'nope' });
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('FORBIDDEN');
  });
});
