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
import { COMPLAINT_STATUSES } from './complaints.js';
import type { ComplaintService } from './complaints.service.js';

const Status = Type.Enum(COMPLAINT_STATUSES);
const ComplaintSchema = Type.Object({
  id: Type.String(),
  number: Type.String({ description: 'CMP0000001' }),
  ticketId: Nullable(Type.String()),
  surveyId: Nullable(Type.String()),
  serviceId: Nullable(Type.String()),
  ownerId: Nullable(Type.String({ description: 'The service owner, who handles the complaint.' })),
  complainantId: Nullable(Type.String()),
  summary: Type.String(),
  status: Status,
  resolution: Nullable(Type.String()),
  resolvedAt: Nullable(Timestamp),
  createdAt: Timestamp,
  updatedAt: Timestamp,
  version: Type.Integer(),
});
const CreateBody = Type.Object(
  {
    summary: Type.String({ minLength: 1, maxLength: 4000 }),
    ticketId: Type.Optional(Nullable(Type.String({ maxLength: 64 }))),
    serviceId: Type.Optional(Nullable(Type.String({ maxLength: 64 }))),
    complainantId: Type.Optional(Nullable(Type.String({ maxLength: 64 }))),
  },
  { additionalProperties: false },
);
const UpdateBody = Type.Object(
  {
    status: Type.Optional(Status),
    resolution: Type.Optional(Nullable(Type.String({ maxLength: 4000 }))),
    summary: Type.Optional(Type.String({ minLength: 1, maxLength: 4000 })),
  },
  { additionalProperties: false, minProperties: 1 },
);
const ListQuery = Type.Object({
  ...PageQuery,
  status: Type.Optional(Status),
  serviceId: Type.Optional(Type.String({ maxLength: 64 })),
});

export const complaintsRoutes: FastifyPluginAsyncTypebox<{ complaints: ComplaintService }> = async (
  app,
  { complaints },
) => {
  const tags = ['Complaints'];
  app.get(
    '/complaints',
    {
      schema: {
        tags,
        summary: 'List complaints (all with complaints.manage; otherwise those you own or raised)',
        querystring: ListQuery,
        response: { 200: PageOf(ComplaintSchema) },
      },
    },
    (req) => {
      const { status, serviceId, ...page } = req.query;
      return complaints.list(actorOf(req), { status, serviceId }, page);
    },
  );
  app.post(
    '/complaints',
    {
      schema: {
        tags,
        summary: 'Raise a complaint by hand',
        body: CreateBody,
        response: { 201: ComplaintSchema },
      },
    },
    async (req, reply) =>
      reply.status(201).send(withEtag(reply, await complaints.create(actorOf(req), req.body))),
  );
  app.get(
    '/complaints/:id',
    {
      schema: {
        tags,
        summary: 'Get a complaint',
        params: IdParams,
        response: { 200: ComplaintSchema },
      },
    },
    async (req, reply) => withEtag(reply, await complaints.get(actorOf(req), req.params.id)),
  );
  app.patch(
    '/complaints/:id',
    {
      schema: {
        tags,
        summary: 'Investigate, resolve or close a complaint',
        params: IdParams,
        headers: IfMatchHeaders,
        body: UpdateBody,
        response: { 200: ComplaintSchema },
      },
    },
    async (req, reply) =>
      withEtag(
        reply,
        await complaints.update(actorOf(req), req.params.id, expectedVersion(req), req.body),
      ),
  );

  // CSV/XLSX of the list, same filters and visibility (see src/server/http/list-export.ts).
  listExport(app, {
    path: '/complaints',
    name: 'complaints',
    tags,
    what: 'complaints',
    querystring: ListQuery,
    item: ComplaintSchema,
    list: (actor, { status, serviceId, ...page }) =>
      complaints.list(actor, { status, serviceId }, page),
  });
};
