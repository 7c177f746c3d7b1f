import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { actorOf } from '../../server/http/authentication.js';
import { expectedVersion, withEtag } from '../../server/http/concurrency.js';
import { listExport } from '../../server/http/list-export.js';
import { IdParams, IfMatchHeaders, PageOf } from '../../server/http/schemas.js';
import {
  CreateRequestTypeBody,
  CreateServiceBody,
  ListRequestTypesQuery,
  ListServicesQuery,
  RequestTypeSchema,
  ServiceRequestTypesQuery,
  ServiceSchema,
  UpdateRequestTypeBody,
  UpdateServiceBody,
} from './catalogue.schemas.js';
import type { CatalogueService } from './catalogue.service.js';

export const catalogueRoutes: FastifyPluginAsyncTypebox<{ catalogue: CatalogueService }> = async (
  app,
  { catalogue },
) => {
  const tags = ['Service catalogue'];

  app.get(
    '/services',
    {
      schema: {
        tags,
        summary: 'List services (requesters see live services only)',
        querystring: ListServicesQuery,
        response: { 200: PageOf(ServiceSchema) },
      },
    },
    (req) => {
      const { limit, cursor, ...filter } = req.query;
      return catalogue.listServices(actorOf(req), filter, { limit, cursor });
    },
  );
  app.post(
    '/services',
    {
      schema: {
        tags,
        summary: 'Create a service',
        body: CreateServiceBody,
        response: { 201: ServiceSchema },
      },
    },
    async (req, reply) =>
      reply
        .status(201)
        .send(withEtag(reply, await catalogue.createService(actorOf(req), req.body))),
  );
  app.get(
    '/services/:id',
    {
      schema: {
        tags,
        summary: 'Get a service',
        params: IdParams,
        response: { 200: ServiceSchema },
      },
    },
    async (req, reply) => withEtag(reply, await catalogue.getService(actorOf(req), req.params.id)),
  );
  app.patch(
    '/services/:id',
    {
      schema: {
        tags,
        summary: 'Change a service',
        params: IdParams,
        headers: IfMatchHeaders,
        body: UpdateServiceBody,
        response: { 200: ServiceSchema },
      },
    },
    async (req, reply) =>
      withEtag(
        reply,
        await catalogue.updateService(actorOf(req), req.params.id, expectedVersion(req), req.body),
      ),
  );
  app.delete(
    '/services/:id',
    {
      schema: {
        tags,
        summary: 'Delete a service that nothing refers to (retire it otherwise)',
        params: IdParams,
        headers: IfMatchHeaders,
      },
    },
    async (req, reply) => {
      await catalogue.removeService(actorOf(req), req.params.id, expectedVersion(req));
      return reply.status(204).send();
    },
  );
  app.get(
    '/services/:id/request-types',
    {
      schema: {
        tags,
        summary: 'List the request types of a service',
        params: IdParams,
        querystring: ServiceRequestTypesQuery,
        response: { 200: PageOf(RequestTypeSchema) },
      },
    },
    (req) => {
      const { limit, cursor, ...filter } = req.query;
      return catalogue.requestTypesOfService(actorOf(req), req.params.id, filter, {
        limit,
        cursor,
      });
    },
  );

  app.get(
    '/request-types',
    {
      schema: {
        tags,
        summary: 'List request types (requesters see active ones of live services only)',
        querystring: ListRequestTypesQuery,
        response: { 200: PageOf(RequestTypeSchema) },
      },
    },
    (req) => {
      const { limit, cursor, ...filter } = req.query;
      return catalogue.listRequestTypes(actorOf(req), filter, { limit, cursor });
    },
  );
  app.post(
    '/request-types',
    {
      schema: {
        tags,
        summary: 'Create a request type with its form, approvals and fulfilment tasks',
        body: CreateRequestTypeBody,
        response: { 201: RequestTypeSchema },
      },
    },
    async (req, reply) =>
      reply
        .status(201)
        .send(withEtag(reply, await catalogue.createRequestType(actorOf(req), req.body))),
  );
  app.get(
    '/request-types/:id',
    {
      schema: {
        tags,
        summary: 'Get a request type',
        params: IdParams,
        response: { 200: RequestTypeSchema },
      },
    },
    async (req, reply) =>
      withEtag(reply, await catalogue.getRequestType(actorOf(req), req.params.id)),
  );
  app.patch(
    '/request-types/:id',
    {
      schema: {
        tags,
        summary: 'Change a request type',
        params: IdParams,
        headers: IfMatchHeaders,
        body: UpdateRequestTypeBody,
        response: { 200: RequestTypeSchema },
      },
    },
    async (req, reply) =>
      withEtag(
        reply,
        await catalogue.updateRequestType(
          actorOf(req),
          req.params.id,
          expectedVersion(req),
          req.body,
        ),
      ),
  );
  app.delete(
    '/request-types/:id',
    {
      schema: {
        tags,
        summary: 'Delete a request type no ticket was raised with (deactivate it otherwise)',
        params: IdParams,
        headers: IfMatchHeaders,
      },
    },
    async (req, reply) => {
      await catalogue.removeRequestType(actorOf(req), req.params.id, expectedVersion(req));
      return reply.status(204).send();
    },
  );

  // CSV/XLSX of the lists, same filters and visibility (see src/server/http/list-export.ts).
  listExport(app, {
    path: '/services',
    name: 'services',
    tags,
    what: 'services',
    querystring: ListServicesQuery,
    item: ServiceSchema,
    list: (actor, { limit, cursor, ...filter }) =>
      catalogue.listServices(actor, filter, { limit, cursor }),
  });
  listExport(app, {
    path: '/request-types',
    name: 'request-types',
    tags,
    what: 'request types',
    querystring: ListRequestTypesQuery,
    item: RequestTypeSchema,
    list: (actor, { limit, cursor, ...filter }) =>
      catalogue.listRequestTypes(actor, filter, { limit, cursor }),
  });
};
