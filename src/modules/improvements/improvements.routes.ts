import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { actorOf } from '../../server/http/authentication.js';
import { expectedVersion, withEtag } from '../../server/http/concurrency.js';
import { listExport } from '../../server/http/list-export.js';
import { IdParams, IfMatchHeaders, PageOf } from '../../server/http/schemas.js';
import {
  CreateImprovementBody,
  ImprovementListQuery,
  ImprovementSchema,
  TransitionBody,
  UpdateImprovementBody,
} from './improvements.schemas.js';
import type { ImprovementService } from './improvements.service.js';

export const improvementsRoutes: FastifyPluginAsyncTypebox<{
  improvements: ImprovementService;
}> = async (app, { improvements }) => {
  const tags = ['Improvements'];
  app.get(
    '/improvements',
    {
      schema: {
        tags,
        summary: 'The improvement register, highest priority first',
        querystring: ImprovementListQuery,
        response: { 200: PageOf(ImprovementSchema) },
      },
    },
    (req) => {
      const { status, source, ownerId, sourceId, overdue, ...page } = req.query;
      return improvements.list(actorOf(req), { status, source, ownerId, sourceId, overdue }, page);
    },
  );
  app.post(
    '/improvements',
    {
      schema: {
        tags,
        summary: 'Suggest an improvement opportunity (status proposed)',
        body: CreateImprovementBody,
        response: { 201: ImprovementSchema },
      },
    },
    async (req, reply) =>
      reply.status(201).send(withEtag(reply, await improvements.create(actorOf(req), req.body))),
  );
  app.get(
    '/improvements/playbook.pdf',
    {
      schema: {
        tags,
        summary: 'The Continual Improvement Playbook (PDF) generated from the live register',
      },
    },
    async (req, reply) => {
      const { filename, pdf } = await improvements.playbook(actorOf(req));
      return reply
        .header('content-disposition', `attachment; filename="${filename}"`)
        .type('application/pdf')
        .send(pdf);
    },
  );
  app.get(
    '/improvements/:id',
    {
      schema: {
        tags,
        summary: 'Get an improvement (by id or number)',
        params: IdParams,
        response: { 200: ImprovementSchema },
      },
    },
    async (req, reply) => withEtag(reply, await improvements.get(actorOf(req), req.params.id)),
  );
  app.patch(
    '/improvements/:id',
    {
      schema: {
        tags,
        summary:
          'Edit an improvement: scores, owner, target (managers); progress and outcome (owner)',
        params: IdParams,
        headers: IfMatchHeaders,
        body: UpdateImprovementBody,
        response: { 200: ImprovementSchema },
      },
    },
    async (req, reply) =>
      withEtag(
        reply,
        await improvements.update(actorOf(req), req.params.id, expectedVersion(req), req.body),
      ),
  );
  app.post(
    '/improvements/:id/transitions',
    {
      schema: {
        tags,
        summary:
          'Move an improvement through its life cycle (approve, start, implement, close, reject)',
        params: IdParams,
        headers: IfMatchHeaders,
        body: TransitionBody,
        response: { 200: ImprovementSchema },
      },
    },
    async (req, reply) =>
      withEtag(
        reply,
        await improvements.transition(actorOf(req), req.params.id, expectedVersion(req), req.body),
      ),
  );

  // CSV/XLSX of the register, same filters and visibility (see src/server/http/list-export.ts).
  listExport(app, {
    path: '/improvements',
    name: 'improvements',
    tags,
    what: 'the improvement register',
    querystring: ImprovementListQuery,
    item: ImprovementSchema,
    list: (actor, { status, source, ownerId, sourceId, overdue, ...page }) =>
      improvements.list(actor, { status, source, ownerId, sourceId, overdue }, page),
  });
};
