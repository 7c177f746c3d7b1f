import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { actorOf } from '../../server/http/authentication.js';
import { expectedVersion, withEtag } from '../../server/http/concurrency.js';
import { listExport } from '../../server/http/list-export.js';
import { IdParams, IfMatchHeaders, PageOf } from '../../server/http/schemas.js';
import {
  ActionSchema,
  CreateActionBody,
  CreateReviewBody,
  DecisionBody,
  DecisionParams,
  RefreshInputsBody,
  ReviewListItemSchema,
  ReviewListQuery,
  ReviewSchema,
  ReviewTransitionBody,
  UpdateActionBody,
  UpdateReviewBody,
} from './management-reviews.schemas.js';
import type { ManagementReviewService } from './management-reviews.service.js';

export const managementReviewsRoutes: FastifyPluginAsyncTypebox<{
  managementReviews: ManagementReviewService;
}> = async (app, { managementReviews: reviews }) => {
  const tags = ['Management reviews'];
  app.get(
    '/management-reviews',
    {
      schema: {
        tags,
        summary: 'Management reviews, latest planned date first',
        querystring: ReviewListQuery,
        response: { 200: PageOf(ReviewListItemSchema) },
      },
    },
    (req) => reviews.list(actorOf(req), req.query),
  );
  app.post(
    '/management-reviews',
    {
      schema: {
        tags,
        summary: 'Plan a management review',
        body: CreateReviewBody,
        response: { 201: ReviewSchema },
      },
    },
    async (req, reply) =>
      reply.status(201).send(withEtag(reply, await reviews.create(actorOf(req), req.body))),
  );
  app.get(
    '/management-reviews/:id',
    {
      schema: {
        tags,
        summary: 'Get a management review (by id or number) with its inputs, decisions and actions',
        params: IdParams,
        response: { 200: ReviewSchema },
      },
    },
    async (req, reply) => withEtag(reply, await reviews.get(actorOf(req), req.params.id)),
  );
  app.patch(
    '/management-reviews/:id',
    {
      schema: {
        tags,
        summary: 'Edit a review: date, chair, attendees, minutes, risks, comments on inputs',
        params: IdParams,
        headers: IfMatchHeaders,
        body: UpdateReviewBody,
        response: { 200: ReviewSchema },
      },
    },
    async (req, reply) =>
      withEtag(
        reply,
        await reviews.update(actorOf(req), req.params.id, expectedVersion(req), req.body),
      ),
  );
  app.post(
    '/management-reviews/:id/transitions',
    {
      schema: {
        tags,
        summary: 'Hold or close a management review',
        params: IdParams,
        headers: IfMatchHeaders,
        body: ReviewTransitionBody,
        response: { 200: ReviewSchema },
      },
    },
    async (req, reply) =>
      withEtag(
        reply,
        await reviews.transition(
          actorOf(req),
          req.params.id,
          expectedVersion(req),
          req.body.status,
        ),
      ),
  );
  app.post(
    '/management-reviews/:id/inputs',
    {
      schema: {
        tags,
        summary: 'Refresh the inputs from live data (planned reviews only)',
        description:
          'Stores a snapshot of every input over the period since the previous held review (or the last 90 days), with the period of the same length before it for trends.',
        params: IdParams,
        headers: IfMatchHeaders,
        body: RefreshInputsBody,
        response: { 200: ReviewSchema },
      },
    },
    async (req, reply) =>
      withEtag(
        reply,
        await reviews.refreshInputs(
          actorOf(req),
          req.params.id,
          expectedVersion(req),
          req.body ?? {},
        ),
      ),
  );
  app.post(
    '/management-reviews/:id/decisions',
    {
      schema: {
        tags,
        summary: 'Record a decision of the review',
        params: IdParams,
        body: DecisionBody,
        response: { 200: ReviewSchema },
      },
    },
    async (req, reply) =>
      withEtag(reply, await reviews.addDecision(actorOf(req), req.params.id, req.body.text)),
  );
  app.delete(
    '/management-reviews/:id/decisions/:decisionId',
    {
      schema: {
        tags,
        summary: 'Remove a decision recorded by mistake',
        params: DecisionParams,
        response: { 200: ReviewSchema },
      },
    },
    async (req, reply) =>
      withEtag(
        reply,
        await reviews.removeDecision(actorOf(req), req.params.id, req.params.decisionId),
      ),
  );
  app.post(
    '/management-reviews/:id/actions',
    {
      schema: {
        tags,
        summary: 'Record an action with its owner and due date',
        params: IdParams,
        body: CreateActionBody,
        response: { 201: ActionSchema },
      },
    },
    async (req, reply) =>
      reply
        .status(201)
        .send(withEtag(reply, await reviews.addAction(actorOf(req), req.params.id, req.body))),
  );
  app.get(
    '/management-review-actions/:id',
    {
      schema: {
        tags,
        summary: 'Get a review action, with the review it belongs to',
        params: IdParams,
        response: { 200: ActionSchema },
      },
    },
    async (req, reply) => withEtag(reply, await reviews.action(actorOf(req), req.params.id)),
  );
  app.patch(
    '/management-review-actions/:id',
    {
      schema: {
        tags,
        summary: 'Update a review action (its owner: status and notes; managers: everything)',
        params: IdParams,
        headers: IfMatchHeaders,
        body: UpdateActionBody,
        response: { 200: ActionSchema },
      },
    },
    async (req, reply) =>
      withEtag(
        reply,
        await reviews.updateAction(actorOf(req), req.params.id, expectedVersion(req), req.body),
      ),
  );

  // CSV/XLSX of the list, same filters and visibility (see src/server/http/list-export.ts).
  listExport(app, {
    path: '/management-reviews',
    name: 'management-reviews',
    tags,
    what: 'management reviews',
    querystring: ReviewListQuery,
    item: ReviewListItemSchema,
    list: (actor, query) => reviews.list(actor, query),
  });
};
