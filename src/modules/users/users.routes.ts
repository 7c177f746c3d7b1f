import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { actorOf } from '../../server/http/authentication.js';
import { expectedVersion, withEtag } from '../../server/http/concurrency.js';
import { listExport } from '../../server/http/list-export.js';
import { IfMatchHeaders } from '../../server/http/schemas.js';
import {
  CreateUserBody,
  IdParams,
  ListUsersQuery,
  SetPasswordBody,
  UpdateUserBody,
  UserPage,
  UserSchema,
} from './users.schemas.js';
import type { UserService } from './users.service.js';

export const usersRoutes: FastifyPluginAsyncTypebox<{ users: UserService }> = async (
  app,
  { users },
) => {
  const tags = ['Users'];

  app.get(
    '/people',
    {
      schema: {
        tags,
        summary: 'Active people by name or id (ids and names only), for pickers',
        querystring: Type.Object({
          q: Type.Optional(Type.String({ maxLength: 200 })),
          ids: Type.Optional(Type.Array(Type.String({ maxLength: 64 }), { maxItems: 100 })),
        }),
        response: { 200: Type.Array(Type.Object({ id: Type.String(), name: Type.String() })) },
      },
    },
    (req) => users.people(actorOf(req), req.query),
  );
  app.get(
    '/users',
    {
      schema: {
        tags,
        summary: 'List users',
        querystring: ListUsersQuery,
        response: { 200: UserPage },
      },
    },
    (req) => {
      const { limit, cursor, ...filter } = req.query;
      return users.list(actorOf(req), filter, { limit, cursor });
    },
  );

  app.post(
    '/users',
    {
      schema: {
        tags,
        summary: 'Create a user',
        body: CreateUserBody,
        response: { 201: UserSchema },
      },
    },
    async (req, reply) => {
      const user = await users.create(actorOf(req), req.body);
      return reply.status(201).send(withEtag(reply, user));
    },
  );

  app.get(
    '/users/:id',
    { schema: { tags, summary: 'Get a user', params: IdParams, response: { 200: UserSchema } } },
    async (req, reply) => withEtag(reply, await users.get(actorOf(req), req.params.id)),
  );

  app.patch(
    '/users/:id',
    {
      schema: {
        tags,
        summary: 'Change a user',
        params: IdParams,
        headers: IfMatchHeaders,
        body: UpdateUserBody,
        response: { 200: UserSchema },
      },
    },
    async (req, reply) =>
      withEtag(
        reply,
        await users.update(actorOf(req), req.params.id, expectedVersion(req), req.body),
      ),
  );

  app.post(
    '/users/:id/password',
    {
      schema: {
        tags,
        summary: "Set a user's password (administrators)",
        params: IdParams,
        body: SetPasswordBody,
      },
    },
    async (req, reply) => {
      await users.setPassword(actorOf(req), req.params.id, req.body.password);
      return reply.status(204).send();
    },
  );

  // CSV/XLSX of the list, same filters and visibility (see src/server/http/list-export.ts).
  listExport(app, {
    path: '/users',
    name: 'users',
    tags,
    what: 'users',
    querystring: ListUsersQuery,
    item: UserSchema,
    list: (actor, { limit, cursor, ...filter }) => users.list(actor, filter, { limit, cursor }),
  });
};
