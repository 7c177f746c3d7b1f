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
import { ORGANISATION_KINDS } from './organisations.js';
import type { OrganisationService } from './organisations.service.js';

const Kind = Type.Enum(ORGANISATION_KINDS);
const OrganisationSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  kind: Kind,
  parentId: Nullable(Type.String()),
  createdAt: Timestamp,
  updatedAt: Timestamp,
  version: Type.Integer(),
});
const CreateBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 200 }),
    kind: Kind,
    parentId: Type.Optional(Nullable(Type.String())),
  },
  { additionalProperties: false },
);
const UpdateBody = Type.Object(
  {
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    kind: Type.Optional(Kind),
    parentId: Type.Optional(Nullable(Type.String())),
  },
  { additionalProperties: false, minProperties: 1 },
);
const ListQuery = Type.Object({ ...PageQuery, q: Type.Optional(Type.String({ maxLength: 200 })) });

export const organisationsRoutes: FastifyPluginAsyncTypebox<{
  organisations: OrganisationService;
}> = async (app, { organisations }) => {
  const tags = ['Organisations'];
  app.get(
    '/organisations',
    {
      schema: {
        tags,
        summary: 'List organisations',
        querystring: ListQuery,
        response: { 200: PageOf(OrganisationSchema) },
      },
    },
    (req) => organisations.list(actorOf(req), req.query.q, req.query),
  );
  app.post(
    '/organisations',
    {
      schema: {
        tags,
        summary: 'Create an organisation',
        body: CreateBody,
        response: { 201: OrganisationSchema },
      },
    },
    async (req, reply) =>
      reply.status(201).send(withEtag(reply, await organisations.create(actorOf(req), req.body))),
  );
  app.get(
    '/organisations/:id',
    {
      schema: {
        tags,
        summary: 'Get an organisation',
        params: IdParams,
        response: { 200: OrganisationSchema },
      },
    },
    async (req, reply) => withEtag(reply, await organisations.get(actorOf(req), req.params.id)),
  );
  app.patch(
    '/organisations/:id',
    {
      schema: {
        tags,
        summary: 'Change an organisation',
        params: IdParams,
        headers: IfMatchHeaders,
        body: UpdateBody,
        response: { 200: OrganisationSchema },
      },
    },
    async (req, reply) =>
      withEtag(
        reply,
        await organisations.update(actorOf(req), req.params.id, expectedVersion(req), req.body),
      ),
  );
  app.delete(
    '/organisations/:id',
    {
      schema: {
        tags,
        summary: 'Delete an organisation',
        params: IdParams,
        headers: IfMatchHeaders,
      },
    },
    async (req, reply) => {
      await organisations.remove(actorOf(req), req.params.id, expectedVersion(req));
      return reply.status(204).send();
    },
  );

  // CSV/XLSX of the list, same filters and visibility (see src/server/http/list-export.ts).
  listExport(app, {
    path: '/organisations',
    name: 'organisations',
    tags,
    what: 'organisations',
    querystring: ListQuery,
    item: OrganisationSchema,
    list: (actor, query) => organisations.list(actor, query.q, query),
  });
};
