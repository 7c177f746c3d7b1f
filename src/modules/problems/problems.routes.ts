import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { actorOf } from '../../server/http/authentication.js';
import { expectedVersion, withEtag } from '../../server/http/concurrency.js';
import { listExport } from '../../server/http/list-export.js';
import { IdParams, IfMatchHeaders, PageOf } from '../../server/http/schemas.js';
import {
  CreateProblemBody,
  IncidentParams,
  KnownErrorQuery,
  LinkedIncidentSchema,
  LinkIncidentBody,
  ProblemListQuery,
  ProblemSchema,
  RaiseFromTrendBody,
  SuggestionQuery,
  SuggestionSchema,
  TransitionBody,
  TrendQuerySchema,
  TrendReportSchema,
  UpdateProblemBody,
} from './problems.schemas.js';
import type { ProblemService } from './problems.service.js';

export const problemsRoutes: FastifyPluginAsyncTypebox<{ problems: ProblemService }> = async (
  app,
  { problems },
) => {
  const tags = ['Problems'];
  app.get(
    '/problems',
    {
      schema: {
        tags,
        summary: 'List problems, newest first',
        querystring: ProblemListQuery,
        response: { 200: PageOf(ProblemSchema) },
      },
    },
    (req) => {
      const { status, serviceId, knownErrorsOnly, q, ...page } = req.query;
      return problems.list(actorOf(req), { status, serviceId, knownErrorsOnly, q }, page);
    },
  );
  app.post(
    '/problems',
    {
      schema: {
        tags,
        summary: 'Raise a problem, optionally with incidents linked',
        body: CreateProblemBody,
        response: { 201: ProblemSchema },
      },
    },
    async (req, reply) =>
      reply.status(201).send(withEtag(reply, await problems.create(actorOf(req), req.body))),
  );
  app.get(
    '/problems/trends',
    {
      schema: {
        tags,
        summary: 'Services and categories with repeated incidents in a period',
        querystring: TrendQuerySchema,
        response: { 200: TrendReportSchema },
      },
    },
    (req) => problems.trends(actorOf(req), req.query),
  );
  app.post(
    '/problems/trends/raise',
    {
      schema: {
        tags,
        summary: 'Raise a problem from a trend row, linked to the row’s incidents',
        body: RaiseFromTrendBody,
        response: { 201: ProblemSchema },
      },
    },
    async (req, reply) =>
      reply
        .status(201)
        .send(withEtag(reply, await problems.raiseFromTrend(actorOf(req), req.body))),
  );
  app.get(
    '/problems/:id',
    {
      schema: {
        tags,
        summary: 'Get a problem (by id or number)',
        params: IdParams,
        response: { 200: ProblemSchema },
      },
    },
    async (req, reply) => withEtag(reply, await problems.get(actorOf(req), req.params.id)),
  );
  app.patch(
    '/problems/:id',
    {
      schema: {
        tags,
        summary: 'Edit a problem’s fields and root-cause analysis',
        params: IdParams,
        headers: IfMatchHeaders,
        body: UpdateProblemBody,
        response: { 200: ProblemSchema },
      },
    },
    async (req, reply) =>
      withEtag(
        reply,
        await problems.update(actorOf(req), req.params.id, expectedVersion(req), req.body),
      ),
  );
  app.post(
    '/problems/:id/transitions',
    {
      schema: {
        tags,
        summary: 'Move a problem through its life cycle',
        params: IdParams,
        headers: IfMatchHeaders,
        body: TransitionBody,
        response: { 200: ProblemSchema },
      },
    },
    async (req, reply) =>
      withEtag(
        reply,
        await problems.transition(actorOf(req), req.params.id, expectedVersion(req), req.body),
      ),
  );
  app.get(
    '/problems/:id/incidents',
    {
      schema: {
        tags,
        summary: 'The incidents linked to a problem',
        params: IdParams,
        response: { 200: Type.Array(LinkedIncidentSchema) },
      },
    },
    (req) => problems.incidents(actorOf(req), req.params.id),
  );
  app.post(
    '/problems/:id/incidents',
    {
      schema: {
        tags,
        summary: 'Link an incident to a problem',
        params: IdParams,
        body: LinkIncidentBody,
        response: { 200: Type.Array(LinkedIncidentSchema) },
      },
    },
    (req) => problems.linkIncident(actorOf(req), req.params.id, req.body.ticketId),
  );
  app.delete(
    '/problems/:id/incidents/:ticketId',
    {
      schema: {
        tags,
        summary: 'Unlink an incident from a problem',
        params: IncidentParams,
        response: { 200: Type.Array(LinkedIncidentSchema) },
      },
    },
    (req) => problems.unlinkIncident(actorOf(req), req.params.id, req.params.ticketId),
  );
  app.get(
    '/tickets/:id/problems',
    {
      schema: {
        tags,
        summary: 'The problems a ticket is linked to',
        params: IdParams,
        response: { 200: Type.Array(ProblemSchema) },
      },
    },
    (req) => problems.problemsOfTicket(actorOf(req), req.params.id),
  );
  app.get(
    '/known-errors',
    {
      schema: {
        tags,
        summary: 'Search the known-error database',
        querystring: KnownErrorQuery,
        response: { 200: PageOf(ProblemSchema) },
      },
    },
    (req) => {
      const { serviceId, q, ...page } = req.query;
      return problems.knownErrors(actorOf(req), { serviceId, q }, page);
    },
  );
  app.get(
    '/known-errors/suggestions',
    {
      schema: {
        tags,
        summary: 'Known errors that may explain an incident, best match first',
        description:
          'Known errors of the incident’s service not yet linked to it. Each distinct word of the incident’s title and description (3+ letters, common words ignored) scores 3 when in the known error’s title, 1 when only in its description, root cause or workaround; ties go to the newest known error. Without a service, only matching known errors of any service.',
        querystring: SuggestionQuery,
        response: { 200: Type.Array(SuggestionSchema) },
      },
    },
    (req) => problems.suggestions(actorOf(req), req.query.ticketId, req.query.limit),
  );

  // CSV/XLSX of the lists, same filters and visibility (see src/server/http/list-export.ts).
  listExport(app, {
    path: '/problems',
    name: 'problems',
    tags,
    what: 'problems',
    querystring: ProblemListQuery,
    item: ProblemSchema,
    list: (actor, { status, serviceId, knownErrorsOnly, q, ...page }) =>
      problems.list(actor, { status, serviceId, knownErrorsOnly, q }, page),
  });
  listExport(app, {
    path: '/known-errors',
    name: 'known-errors',
    tags,
    what: 'known errors',
    querystring: KnownErrorQuery,
    item: ProblemSchema,
    list: (actor, { serviceId, q, ...page }) => problems.knownErrors(actor, { serviceId, q }, page),
  });
};
