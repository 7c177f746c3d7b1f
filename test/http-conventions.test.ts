import { expect, it } from 'vitest';
import { describeEachDatabase } from './helpers/test-app.js';

describeEachDatabase('HTTP API conventions', (get) => {
  const countOrganisations = async () =>
    Number(
      (
        await get()
          .services.db.selectFrom('organisations')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('answers an invalid body with 400 naming the offending fields, and writes nothing', async () => {
    const admin = await get().as('admin');
    const before = await countOrganisations();
    const response = await admin.post('/api/v1/organisations', { kind: 'castle', extra: 1 });
    expect(response.status).toBe(400);
    expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(response.body.code).toBe('VALIDATION_FAILED');
    const fields = response.body.errors.map((e: { field: string }) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['/name', '/kind', '/extra']));
    expect(response.body.detail).toContain('/name');
    expect(await countOrganisations()).toBe(before);
  });

  it('refuses a domain-invalid value with the field named (bad time zone), and writes nothing', async () => {
    const admin = await get().as('admin');
    const response = await admin.post('/api/v1/users', {
      email: 'tz@example.com',
      name: 'Tz',
      role: 'agent',
      timeZone: 'Mars/Olympus',
    });
    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual([
      { field: '/timeZone', message: expect.stringContaining('not an IANA time zone') },
    ]);
    const list = await admin.get('/api/v1/users', { query: { q: 'tz@example.com' } });
    expect(list.body.items).toHaveLength(0);
  });

  it('answers malformed JSON and a wrong content type with 4xx problems', async () => {
    const admin = await get().as('admin');
    const malformed = await admin.request('POST', '/api/v1/organisations', {
      headers: { 'content-type': 'application/json' },
      body: '{"name": ',
    });
    expect(malformed.status).toBe(400);
    expect(malformed.body.code).toBe('VALIDATION_FAILED');
    const form = await admin.request('POST', '/api/v1/organisations', {
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'name=x&kind=store',
    });
    expect(form.status).toBe(415);
    expect(form.body.code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });

  it('sends an ETag and refuses a stale If-Match with 412, keeping the newer data', async () => {
    const admin = await get().as('admin');
    const created = await admin.post('/api/v1/organisations', {
      name: 'Boutique Wien',
      kind: 'store',
    });
    const id = created.body.id;
    const read = await admin.get(`/api/v1/organisations/${id}`);
    expect(read.headers.etag).toBe('"1"');
    const first = await admin.patch(
      `/api/v1/organisations/${id}`,
      { name: 'Boutique Wien Graben' },
      { headers: { 'if-match': '"1"' } },
    );
    expect(first.status).toBe(200);
    expect(first.headers.etag).toBe('"2"');
    const stale = await admin.patch(
      `/api/v1/organisations/${id}`,
      { name: 'Boutique Vienna' },
      { headers: { 'if-match': '"1"' } },
    );
    expect(stale.status).toBe(412);
    expect(stale.body.code).toBe('VERSION_CONFLICT');
    expect(stale.body.currentVersion).toBe(2);
    expect((await admin.get(`/api/v1/organisations/${id}`)).body.name).toBe('Boutique Wien Graben');
  });

  it('requires If-Match on updates and deletes (428)', async () => {
    const admin = await get().as('admin');
    const created = await admin.post('/api/v1/organisations', {
      name: 'Boutique Genève',
      kind: 'store',
    });
    const patch = await admin.patch(`/api/v1/organisations/${created.body.id}`, { name: 'x' });
    expect(patch.status).toBe(428);
    expect(patch.body.code).toBe('PRECONDITION_REQUIRED');
    const del = await admin.delete(`/api/v1/organisations/${created.body.id}`);
    expect(del.status).toBe(428);
    expect(
      (
        await admin.delete(`/api/v1/organisations/${created.body.id}`, {
          headers: { 'if-match': '"1"' },
        })
      ).status,
    ).toBe(204);
    expect((await admin.get(`/api/v1/organisations/${created.body.id}`)).status).toBe(404);
  });

  it('replays a POST with the same Idempotency-Key: same answer, one write', async () => {
    const admin = await get().as('admin');
    const before = await countOrganisations();
    const headers = { 'idempotency-key': 'create-boutique-madrid-1' };
    const first = await admin.post(
      '/api/v1/organisations',
      { name: 'Boutique Madrid', kind: 'store' },
      { headers },
    );
    const second = await admin.post(
      '/api/v1/organisations',
      { name: 'Boutique Madrid', kind: 'store' },
      { headers },
    );
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(second.body).toEqual(first.body);
    expect(second.headers['idempotent-replayed']).toBe('true');
    expect(await countOrganisations()).toBe(before + 1);
    const audit = await admin.get('/api/v1/audit-events', {
      query: { entity: `organisation:${first.body.id}` },
    });
    expect(audit.body.items).toHaveLength(1);
    // The same key for a different request is a client error, not a silent replay.
    const reused = await admin.post(
      '/api/v1/organisations',
      { name: 'Boutique Barcelona', kind: 'store' },
      { headers },
    );
    expect(reused.status).toBe(422);
    expect(reused.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(await countOrganisations()).toBe(before + 1);
  });

  it('pages lists with a keyset cursor, without gaps or repeats', async () => {
    const admin = await get().as('admin');
    for (let i = 0; i < 7; i++)
      await admin.post('/api/v1/organisations', { name: `Paging Store ${i}`, kind: 'store' });
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await admin.get('/api/v1/organisations', {
        query: { q: 'paging store', limit: '3', ...(cursor ? { cursor } : {}) },
      });
      expect(page.status).toBe(200);
      expect(page.body.items.length).toBeLessThanOrEqual(3);
      seen.push(...page.body.items.map((o: { name: string }) => o.name));
      cursor = page.body.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toEqual([0, 1, 2, 3, 4, 5, 6].map((i) => `Paging Store ${i}`));
    const bad = await admin.get('/api/v1/organisations', { query: { cursor: 'garbage' } });
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('INVALID_CURSOR');
  });

  it('tags every answer with a request id, echoing a caller-supplied one', async () => {
    const { anonymous } = get();
    const own = await anonymous.get('/healthz', { headers: { 'x-request-id': 'trace-abc-123' } });
    expect(own.headers['x-request-id']).toBe('trace-abc-123');
    const problem = await anonymous.get('/api/v1/me');
    expect(problem.body.requestId).toBe(problem.headers['x-request-id']);
  });

  it('serves health, readiness, metrics and the OpenAPI document', async () => {
    const { anonymous } = get();
    expect((await anonymous.get('/healthz')).body).toEqual({ status: 'ok' });
    const ready = await anonymous.get('/readyz');
    expect(ready.status).toBe(200);
    expect(ready.body.database).toBe(get().engine);
    const metrics = await anonymous.get('/metrics');
    expect(metrics.text).toContain('meridian_http_request_duration_seconds');
    expect(metrics.text).toContain('meridian_jobs');
    const openapi = await anonymous.get('/api/openapi.json');
    expect(openapi.body.openapi).toBe('3.1.0');
    expect(Object.keys(openapi.body.paths)).toEqual(
      expect.arrayContaining(['/api/v1/users', '/api/v1/auth/login', '/api/v1/audit-events']),
    );
    const docs = await anonymous.get('/api/docs/');
    expect(docs.status).toBe(200);
  });

  it('sends security headers', async () => {
    const response = await get().anonymous.get('/healthz');
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['x-frame-options']).toBeDefined();
    expect(String(response.headers['content-security-policy'])).toContain("frame-ancestors 'none'");
    const api = await get().anonymous.get('/api/v1/me');
    expect(api.headers['x-content-type-options']).toBe('nosniff');
    expect(api.headers['cross-origin-resource-policy']).toBe('same-origin');
    expect(response.headers['strict-transport-security']).toBeDefined();
  });

  it('answers unknown API routes with a 404 problem', async () => {
    const missing = await get().anonymous.get('/api/v1/nothing-here');
    expect(missing.status).toBe(404);
    expect(missing.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(missing.body.code).toBe('NOT_FOUND');
  });
});
