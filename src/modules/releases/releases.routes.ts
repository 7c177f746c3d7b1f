import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { actorOf } from '../../server/http/authentication.js';
import { expectedVersion, withEtag } from '../../server/http/concurrency.js';
import { listExport } from '../../server/http/list-export.js';
import { IfMatchHeaders, PageOf } from '../../server/http/schemas.js';
import {
  BoardQuery,
  BoardSchema,
  ChangeLinkBody,
  ChangeParams,
  CreateBody,
  CriterionBody,
  CriterionParams,
  CriterionPatchBody,
  DecisionBody,
  IncidentLinkBody,
  IncidentParams,
  ListQuery,
  ReleaseDetailSchema,
  ReleaseParams,
  ReleaseSummarySchema,
  TransitionBody,
  UpdateBody,
} from './releases.schemas.js';
import type { ReleaseService } from './releases.service.js';

export const releasesRoutes: FastifyPluginAsyncTypebox<{ releases: ReleaseService }> = async (
  app,
  { releases },
) => {
  const tags = ['Releases'];
  const detail = { 200: ReleaseDetailSchema };

  app.get(
    '/releases',
    {
      schema: {
        tags,
        summary: 'List releases, most recently changed first, with their readiness',
        querystring: ListQuery,
        response: { 200: PageOf(ReleaseSummarySchema) },
      },
    },
    (req) => {
      const { status, serviceId, type, ...page } = req.query;
      return releases.list(actorOf(req), { status, serviceId, type }, page);
    },
  );
  app.get(
    '/releases/board',
    {
      schema: {
        tags,
        summary: 'The release board: releases grouped by status',
        querystring: BoardQuery,
        response: { 200: BoardSchema },
      },
    },
    (req) => releases.board(actorOf(req), req.query),
  );
  app.post(
    '/releases',
    {
      schema: {
        tags,
        summary: 'Plan a release (releases.manage)',
        body: CreateBody,
        response: { 201: ReleaseDetailSchema },
      },
    },
    async (req, reply) =>
      reply.status(201).send(withEtag(reply, await releases.create(actorOf(req), req.body))),
  );
  app.get(
    '/releases/:id',
    {
      schema: {
        tags,
        summary: 'Get a release (by id or REL number) with criteria, changes and incidents',
        params: ReleaseParams,
        response: detail,
      },
    },
    async (req, reply) => withEtag(reply, await releases.get(actorOf(req), req.params.id)),
  );
  app.patch(
    '/releases/:id',
    {
      schema: {
        tags,
        summary: 'Change a release’s fields, plans and deployment window',
        params: ReleaseParams,
        headers: IfMatchHeaders,
        body: UpdateBody,
        response: detail,
      },
    },
    async (req, reply) =>
      withEtag(
        reply,
        await releases.update(actorOf(req), req.params.id, expectedVersion(req), req.body),
      ),
  );
  app.post(
    '/releases/:id/transitions',
    {
      schema: {
        tags,
        summary: 'Move a release to another status',
        description:
          'deploying needs a "go" decision; deployed needs every acceptance criterion passed (at least one) and every linked change approved (409 INVALID_TRANSITION with `blockers` otherwise); rolled_back needs an outcome.',
        params: ReleaseParams,
        headers: IfMatchHeaders,
        body: TransitionBody,
        response: detail,
      },
    },
    async (req, reply) =>
      withEtag(
        reply,
        await releases.transition(actorOf(req), req.params.id, expectedVersion(req), req.body),
      ),
  );
  app.post(
    '/releases/:id/decision',
    {
      schema: {
        tags,
        summary: 'Record the go/no-go decision (while testing or ready)',
        params: ReleaseParams,
        headers: IfMatchHeaders,
        body: DecisionBody,
        response: detail,
      },
    },
    async (req, reply) =>
      withEtag(
        reply,
        await releases.decide(actorOf(req), req.params.id, expectedVersion(req), req.body),
      ),
  );
  app.post(
    '/releases/:id/criteria',
    {
      schema: {
        tags,
        summary: 'Add an acceptance criterion (not run yet)',
        params: ReleaseParams,
        body: CriterionBody,
        response: detail,
      },
    },
    async (req, reply) =>
      withEtag(reply, await releases.addCriterion(actorOf(req), req.params.id, req.body)),
  );
  app.patch(
    '/releases/:id/criteria/:criterionId',
    {
      schema: {
        tags,
        summary: 'Edit an acceptance criterion or record its test result',
        description: 'If-Match carries the criterion’s version.',
        params: CriterionParams,
        headers: IfMatchHeaders,
        body: CriterionPatchBody,
        response: detail,
      },
    },
    async (req, reply) =>
      withEtag(
        reply,
        await releases.updateCriterion(
          actorOf(req),
          req.params.id,
          req.params.criterionId,
          expectedVersion(req),
          req.body,
        ),
      ),
  );
  app.delete(
    '/releases/:id/criteria/:criterionId',
    {
      schema: {
        tags,
        summary: 'Remove an acceptance criterion',
        params: CriterionParams,
        response: detail,
      },
    },
    async (req, reply) =>
      withEtag(
        reply,
        await releases.removeCriterion(actorOf(req), req.params.id, req.params.criterionId),
      ),
  );
  app.post(
    '/releases/:id/changes',
    {
      schema: {
        tags,
        summary: 'Link a change to the release',
        params: ReleaseParams,
        body: ChangeLinkBody,
        response: detail,
      },
    },
    async (req, reply) =>
      withEtag(reply, await releases.linkChange(actorOf(req), req.params.id, req.body.changeId)),
  );
  app.delete(
    '/releases/:id/changes/:changeId',
    {
      schema: { tags, summary: 'Unlink a change', params: ChangeParams, response: detail },
    },
    async (req, reply) =>
      withEtag(
        reply,
        await releases.unlinkChange(actorOf(req), req.params.id, req.params.changeId),
      ),
  );
  app.post(
    '/releases/:id/incidents',
    {
      schema: {
        tags,
        summary: 'Link an incident that followed the deployment',
        params: ReleaseParams,
        body: IncidentLinkBody,
        response: detail,
      },
    },
    async (req, reply) =>
      withEtag(reply, await releases.linkIncident(actorOf(req), req.params.id, req.body.ticket)),
  );
  app.delete(
    '/releases/:id/incidents/:ticketId',
    {
      schema: { tags, summary: 'Unlink an incident', params: IncidentParams, response: detail },
    },
    async (req, reply) =>
      withEtag(
        reply,
        await releases.unlinkIncident(actorOf(req), req.params.id, req.params.ticketId),
      ),
  );

  // CSV/XLSX of the list, same filters and visibility (see src/server/http/list-export.ts).
  listExport(app, {
    path: '/releases',
    name: 'releases',
    tags,
    what: 'releases',
    querystring: ListQuery,
    item: ReleaseSummarySchema,
    list: (actor, { status, serviceId, type, ...page }) =>
      releases.list(actor, { status, serviceId, type }, page),
  });
};
