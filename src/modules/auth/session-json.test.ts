import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { type Actor, permissionsOf } from '../../shared/actor.js';
import type { User } from '../users/users.js';
import { SessionSchema } from './auth.routes.js';
import { createSessionJson, JSON_CONTENT_TYPE } from './session-json.js';

const account = (role: User['role'], name = 'Ada "the first" Lovelace'): User => ({
  id: '01a21a0b-a0a9-71fc-9d34-237f56bdef7e',
  email: 'ada@example.test',
  name,
  role,
  locale: 'en',
  timeZone: 'Europe/Paris',
  active: true,
  organisationId: null,
  managerId: null,
  createdAt: '2026-01-01T09:00:00.000Z',
  updatedAt: '2026-01-02T09:00:00.000Z',
  version: 3,
});

async function bothWays(user: User, csrfToken: string | null) {
  const actor: Actor = { id: user.id, name: user.name, role: user.role };
  const sessionJson = createSessionJson(SessionSchema);
  const app = Fastify().withTypeProvider<TypeBoxTypeProvider>();
  const schema = { response: { 200: SessionSchema } };
  // What the response schema makes of the answer, and what the hand-made serialiser sends.
  app.get('/by-schema', { schema }, async () => ({
    user,
    permissions: [...permissionsOf(actor)],
    csrfToken,
  }));
  // As GET /me answers: the string returned with the JSON content type is sent as it is.
  app.get('/by-parts', { schema }, async (_req, reply) => {
    reply.header('content-type', JSON_CONTENT_TYPE);
    return sessionJson(reply, { user, actor, csrfToken }) as never;
  });
  const bySchema = await app.inject('/by-schema');
  const byParts = await app.inject('/by-parts');
  // Twice: the second answer comes from the cached parts.
  const again = await app.inject('/by-parts');
  await app.close();
  return { bySchema, byParts, again };
}

describe('the serialised answer of GET /me', () => {
  it.each([
    ['an administrator without CSRF token', account('admin'), null],
    ['a requester with a CSRF token', account('requester', 'Zoë \\ <b>'), 'abc-DEF_123'],
    ['an agent', account('agent'), 'token "quoted"'],
  ])('is byte for byte what the response schema gives, for %s', async (_what, user, csrf) => {
    const { bySchema, byParts, again } = await bothWays(user, csrf);
    expect(bySchema.statusCode).toBe(200);
    expect(byParts.body).toBe(bySchema.body);
    expect(again.body).toBe(bySchema.body);
    expect(byParts.headers['content-type']).toBe(bySchema.headers['content-type']);
    // Fields outside the schema (such as managerId) stay out, as the schema would keep them.
    expect(Object.keys(JSON.parse(byParts.body).user)).toEqual(
      Object.keys(JSON.parse(bySchema.body).user),
    );
  });

  it('serialises a changed account afresh', async () => {
    const sessionJson = createSessionJson(SessionSchema);
    const app = Fastify();
    let user = account('agent');
    app.get('/me', async (_req, reply) =>
      reply.header('content-type', JSON_CONTENT_TYPE).send(
        sessionJson(reply, {
          user,
          actor: { id: user.id, name: user.name, role: user.role },
          csrfToken: null,
        }),
      ),
    );
    expect(JSON.parse((await app.inject('/me')).body).user.version).toBe(3);
    user = { ...user, name: 'Renamed', version: 4 };
    const body = JSON.parse((await app.inject('/me')).body);
    expect(body.user).toMatchObject({ name: 'Renamed', version: 4 });
    await app.close();
  });
});
