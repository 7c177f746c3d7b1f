import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { actorOf } from '../../server/http/authentication.js';
import { expectedVersion, withEtag } from '../../server/http/concurrency.js';
import { listExport } from '../../server/http/list-export.js';
import {
  IdParams,
  IfMatchHeaders,
  Nullable,
  PageOf,
  PageQuery,
  Timestamp,
} from '../../server/http/schemas.js';
import type { GroupService } from './groups.service.js';

const GroupSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  description: Type.String(),
  managerId: Nullable(Type.String()),
  memberIds: Type.Array(Type.String()),
  createdAt: Timestamp,
  updatedAt: Timestamp,
  version: Type.Integer(),
});

const fields = {
  name: Type.String({ minLength: 1, maxLength: 200 }),
  description: Type.Optional(Type.String({ maxLength: 4000 })),
  managerId: Type.Optional(Nullable(Type.String())),
  memberIds: Type.Optional(Type.Array(Type.String(), { maxItems: 5000 })),
};
const CreateGroupBody = Type.Object(fields, { additionalProperties: false });
const UpdateGroupBody = Type.Object(
  { ...fields, name: Type.Optional(fields.name) },
  { additionalProperties: false, minProperties: 1 },
);
const ListQuery = Type.Object({
  ...PageQuery,
  q: Type.Optional(Type.String({ maxLength: 200 })),
  memberId: Type.Optional(Type.String()),
});

export const groupsRoutes: FastifyPluginAsyncTypebox<{ groups: GroupService }> = async (
  app,
  { groups },
) => {
  const tags = ['Groups'];
  app.get(
    '/groups',
    {
      schema: {
        tags,
        summary: 'List groups',
        querystring: ListQuery,
        response: { 200: PageOf(GroupSchema) },
      },
    },
    (req) => {
      const { limit, cursor, ...filter } = req.query;
      return groups.list(actorOf(req), filter, { limit, cursor });
    },
  );
  app.post(
    '/groups',
    {
      schema: {
        tags,
        summary: 'Create a group',
        body: CreateGroupBody,
        response: { 201: GroupSchema },
      },
    },
    async (req, reply) =>
      reply.status(201).send(withEtag(reply, await groups.create(actorOf(req), req.body))),
  );
  app.get(
    '/groups/:id',
    { schema: { tags, summary: 'Get a group', params: IdParams, response: { 200: GroupSchema } } },
    async (req, reply) => withEtag(reply, await groups.get(actorOf(req), req.params.id)),
  );
  app.patch(
    '/groups/:id',
    {
      schema: {
        tags,
        summary: 'Change a group, its manager or members',
        params: IdParams,
        headers: IfMatchHeaders,
        body: UpdateGroupBody,
        response: { 200: GroupSchema },
      },
    },
    async (req, reply) =>
      withEtag(
        reply,
        await groups.update(actorOf(req), req.params.id, expectedVersion(req), req.body),
      ),
  );
  app.delete(
    '/groups/:id',
    { schema: { tags, summary: 'Delete a group', params: IdParams, headers: IfMatchHeaders } },
    async (req, reply) => {
      await groups.remove(actorOf(req), req.params.id, expectedVersion(req));
      return reply.status(204).send();
    },
  );

  // CSV/XLSX of the list, same filters and visibility (see src/server/http/list-export.ts).
  listExport(app, {
    path: '/groups',
    name: 'groups',
    tags,
    what: 'groups',
    querystring: ListQuery,
    item: GroupSchema,
    list: (actor, { limit, cursor, ...filter }) => groups.list(actor, filter, { limit, cursor }),
  });
};
