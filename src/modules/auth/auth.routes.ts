import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { actorOf } from '../../server/http/authentication.js';
import { expectedVersion, withEtag } from '../../server/http/concurrency.js';
import {
  IdParams,
  IfMatchHeaders,
  Nullable,
  PageOf,
  PageQuery,
  Timestamp,
} from '../../server/http/schemas.js';
import { expiredSessionCookie, sessionCookie } from '../../server/http/session-cookie.js';
import { permissionsOf } from '../../shared/actor.js';
import { PERMISSIONS, type Permission } from '../../shared/permissions.js';
import { LocaleSchema, UserSchema } from '../users/users.schemas.js';
import type { UserService } from '../users/users.service.js';
import type { AuthService } from './auth.service.js';
import { createSessionJson, JSON_CONTENT_TYPE } from './session-json.js';

const PermissionSchema = Type.Enum(PERMISSIONS);
export const SessionSchema = Type.Object({
  user: UserSchema,
  permissions: Type.Array(PermissionSchema),
  csrfToken: Nullable(Type.String()),
});
const LoginBody = Type.Object(
  {
    email: Type.String({ minLength: 3, maxLength: 320 }),
    password: Type.String({ minLength: 1, maxLength: 1024 }),
  },
  { additionalProperties: false },
);
const UpdateMeBody = Type.Object(
  {
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    locale: Type.Optional(LocaleSchema),
    timeZone: Type.Optional(Type.String({ maxLength: 64 })),
  },
  { additionalProperties: false, minProperties: 1 },
);
const TokenSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  userId: Type.String(),
  prefix: Type.String(),
  createdAt: Timestamp,
  lastUsedAt: Nullable(Timestamp),
  expiresAt: Nullable(Timestamp),
  revokedAt: Nullable(Timestamp),
});
const CreateTokenBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 200 }),
    expiresAt: Type.Optional(Nullable(Type.String({ format: 'date-time' }))),
  },
  { additionalProperties: false },
);

const sessionJson = createSessionJson(SessionSchema);

export const authRoutes: FastifyPluginAsyncTypebox<{
  auth: AuthService;
  users: UserService;
  secureCookies: boolean;
}> = async (app, { auth, users, secureCookies }) => {
  const tags = ['Authentication'];

  app.post(
    '/auth/login',
    {
      config: { public: true },
      schema: {
        tags,
        summary: 'Sign in with email and password',
        body: LoginBody,
        response: { 200: SessionSchema },
      },
    },
    async (req, reply) => {
      const session = await auth.login({
        ...req.body,
        address: req.ip,
        userAgent: req.headers['user-agent'],
      });
      reply.header(
        'set-cookie',
        sessionCookie(session.sessionSecret, session.expiresInSeconds, secureCookies),
      );
      const actor = { id: session.user.id, name: session.user.name, role: session.user.role };
      return {
        user: session.user,
        permissions: permissionsOf(actor) as Permission[],
        csrfToken: session.csrfToken,
      };
    },
  );

  app.post(
    '/auth/logout',
    { schema: { tags, summary: 'Sign out: ends this session' } },
    async (req, reply) => {
      if (req.sessionSecret) await auth.logout(actorOf(req), req.sessionSecret);
      reply.header('set-cookie', expiredSessionCookie(secureCookies));
      return reply.status(204).send();
    },
  );

  app.get(
    '/me',
    {
      schema: {
        tags,
        summary: 'The signed-in user, their permissions and CSRF token',
        response: { 200: SessionSchema },
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      // The account came with the credential: no second lookup on the most frequent request.
      const user = req.caller ?? (await users.get(actor, actor.id ?? ''));
      const json = sessionJson(reply, {
        user: withEtag(reply, user),
        actor,
        csrfToken: req.csrfToken,
      });
      // Already serialised by the parts of SessionSchema (see session-json.ts): with a JSON
      // content type, Fastify sends a string as it is.
      reply.header('content-type', JSON_CONTENT_TYPE);
      return json as never;
    },
  );

  app.patch(
    '/me',
    {
      schema: {
        tags,
        summary: 'Change your name, language or time zone',
        headers: IfMatchHeaders,
        body: UpdateMeBody,
        response: { 200: UserSchema },
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      return withEtag(
        reply,
        await users.update(actor, actor.id ?? '', expectedVersion(req), req.body),
      );
    },
  );

  const tokenTags = ['API tokens'];
  app.get(
    '/me/tokens',
    {
      schema: {
        tags: tokenTags,
        summary: 'Your API tokens',
        querystring: Type.Object(PageQuery),
        response: { 200: PageOf(TokenSchema) },
      },
    },
    (req) => auth.listOwnTokens(actorOf(req), req.query),
  );
  app.post(
    '/me/tokens',
    {
      schema: {
        tags: tokenTags,
        summary: 'Create a personal API token; the secret is shown only in this answer',
        body: CreateTokenBody,
        response: { 201: Type.Object({ token: TokenSchema, secret: Type.String() }) },
      },
    },
    async (req, reply) => reply.status(201).send(await auth.createToken(actorOf(req), req.body)),
  );
  app.delete(
    '/me/tokens/:id',
    { schema: { tags: tokenTags, summary: 'Revoke one of your API tokens', params: IdParams } },
    async (req, reply) => {
      await auth.revokeOwnToken(actorOf(req), req.params.id);
      return reply.status(204).send();
    },
  );
  app.get(
    '/tokens',
    {
      schema: {
        tags: tokenTags,
        summary: "All users' API tokens (administrators)",
        querystring: Type.Object(PageQuery),
        response: { 200: PageOf(TokenSchema) },
      },
    },
    (req) => auth.listAllTokens(actorOf(req), req.query),
  );
  app.delete(
    '/tokens/:id',
    {
      schema: {
        tags: tokenTags,
        summary: "Revoke any user's API token (administrators)",
        params: IdParams,
      },
    },
    async (req, reply) => {
      await auth.revokeAnyToken(actorOf(req), req.params.id);
      return reply.status(204).send();
    },
  );
};
