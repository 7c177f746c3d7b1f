import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { actorOf } from '../../server/http/authentication.js';
import { expectedVersion, withEtag } from '../../server/http/concurrency.js';
import { listExport } from '../../server/http/list-export.js';
import { IdParams, IfMatchHeaders, Nullable } from '../../server/http/schemas.js';
import {
  ChangeListQuery,
  ChangePage,
  ChangePolicyBody,
  ChangePolicySchema,
  ChangeSchema,
  ChangeSummarySchema,
  ChangeTypeSchema,
  CreateChangeBody,
  CreateTemplateBody,
  InboxSchema,
  ReviewBody,
  RiskLevelSchema,
  TemplateListQuery,
  TemplateSchema,
  TransitionBody,
  TrendsQuery,
  TrendsSchema,
  UpdateChangeBody,
  UpdateTemplateBody,
  VoteBody,
} from './changes.schemas.js';
import type { ChangeService } from './changes.service.js';

const PreviewBody = Type.Object(
  {
    type: ChangeTypeSchema,
    serviceIds: Type.Array(Type.String({ maxLength: 64 }), { maxItems: 50 }),
    riskAnswers: Type.Record(Type.String({ maxLength: 40 }), Type.String({ maxLength: 40 })),
    majorRequested: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
const PreviewSchema = Type.Object({
  riskScore: Nullable(Type.Integer()),
  riskLevel: Nullable(RiskLevelSchema),
  major: Type.Boolean(),
  underControl: Type.Boolean(),
  ruleName: Nullable(Type.String({ description: 'The approval rule that would apply.' })),
  steps: Type.Array(
    Type.Object({
      name: Type.String(),
      approverKind: Type.Enum(['group', 'service_owners']),
      groupId: Nullable(Type.String()),
      mode: Type.Enum(['all', 'any', 'n_of_m']),
      n: Nullable(Type.Integer()),
    }),
  ),
});

export const changesRoutes: FastifyPluginAsyncTypebox<{ changes: ChangeService }> = async (
  app,
  { changes },
) => {
  const tags = ['Changes'];
  app.get(
    '/changes',
    {
      schema: {
        tags,
        summary: 'List changes, newest first',
        querystring: ChangeListQuery,
        response: { 200: ChangePage },
      },
    },
    (req) => {
      const { limit, cursor, ...filter } = req.query;
      return changes.list(actorOf(req), filter, { limit, cursor });
    },
  );
  app.post(
    '/changes',
    {
      schema: {
        tags,
        summary: 'Raise a request for change (a draft)',
        body: CreateChangeBody,
        response: { 201: ChangeSchema },
      },
    },
    async (req, reply) =>
      reply.status(201).send(withEtag(reply, await changes.create(actorOf(req), req.body))),
  );
  app.get(
    '/changes/trends',
    {
      schema: {
        tags,
        summary: 'Change success rate, emergency ratio and changes causing incidents',
        querystring: TrendsQuery,
        response: { 200: TrendsSchema },
      },
    },
    (req) => changes.trends(actorOf(req), req.query),
  );
  app.get(
    '/changes/:id',
    {
      schema: { tags, summary: 'Get a change', params: IdParams, response: { 200: ChangeSchema } },
    },
    async (req, reply) => withEtag(reply, await changes.get(actorOf(req), req.params.id)),
  );
  app.patch(
    '/changes/:id',
    {
      schema: {
        tags,
        summary: 'Edit a change (what may change depends on its status)',
        params: IdParams,
        headers: IfMatchHeaders,
        body: UpdateChangeBody,
        response: { 200: ChangeSchema },
      },
    },
    async (req, reply) =>
      withEtag(
        reply,
        await changes.update(actorOf(req), req.params.id, expectedVersion(req), req.body),
      ),
  );
  app.post(
    '/changes/:id/transitions',
    {
      schema: {
        tags,
        summary: 'Move a change through its life cycle',
        params: IdParams,
        headers: IfMatchHeaders,
        body: TransitionBody,
        response: { 200: ChangeSchema },
      },
    },
    async (req, reply) =>
      withEtag(
        reply,
        await changes.transition(actorOf(req), req.params.id, expectedVersion(req), req.body),
      ),
  );
  app.post(
    '/changes/:id/votes',
    {
      schema: {
        tags,
        summary: 'Approve or reject the current approval step',
        params: IdParams,
        body: VoteBody,
        response: { 200: ChangeSchema },
      },
    },
    async (req, reply) =>
      withEtag(reply, await changes.vote(actorOf(req), req.params.id, req.body)),
  );
  app.put(
    '/changes/:id/review',
    {
      schema: {
        tags,
        summary: 'Record the post-implementation review',
        params: IdParams,
        headers: IfMatchHeaders,
        body: ReviewBody,
        response: { 200: ChangeSchema },
      },
    },
    async (req, reply) =>
      withEtag(
        reply,
        await changes.recordReview(actorOf(req), req.params.id, expectedVersion(req), req.body),
      ),
  );
  app.get(
    '/change-approvals/inbox',
    {
      schema: {
        tags,
        summary: 'Changes whose current approval step awaits my vote (the CAB inbox)',
        response: { 200: InboxSchema },
      },
    },
    (req) => changes.inbox(actorOf(req)),
  );

  const policyTags = ['Change policy'];
  app.get(
    '/change-policy',
    {
      schema: {
        tags: policyTags,
        summary: 'The change policy',
        response: { 200: ChangePolicySchema },
      },
    },
    async (req, reply) => withEtag(reply, await changes.getPolicy(actorOf(req))),
  );
  app.put(
    '/change-policy',
    {
      schema: {
        tags: policyTags,
        summary: 'Replace the change policy (changes.manage)',
        headers: IfMatchHeaders,
        body: ChangePolicyBody,
        response: { 200: ChangePolicySchema },
      },
    },
    async (req, reply) =>
      withEtag(reply, await changes.updatePolicy(actorOf(req), expectedVersion(req), req.body)),
  );
  app.post(
    '/change-policy/preview',
    {
      schema: {
        tags: policyTags,
        summary: 'Risk, major impact and approval steps the policy gives a change (nothing saved)',
        body: PreviewBody,
        response: { 200: PreviewSchema },
      },
    },
    (req) => changes.preview(actorOf(req), req.body),
  );
  app.get(
    '/change-templates',
    {
      schema: {
        tags: policyTags,
        summary: 'Standard change templates',
        querystring: TemplateListQuery,
        response: { 200: Type.Object({ items: Type.Array(TemplateSchema) }) },
      },
    },
    async (req) => ({ items: await changes.listTemplates(actorOf(req), req.query) }),
  );
  app.post(
    '/change-templates',
    {
      schema: {
        tags: policyTags,
        summary: 'Add a standard change template (changes.manage)',
        body: CreateTemplateBody,
        response: { 201: TemplateSchema },
      },
    },
    async (req, reply) =>
      reply.status(201).send(withEtag(reply, await changes.createTemplate(actorOf(req), req.body))),
  );
  app.get(
    '/change-templates/:id',
    {
      schema: {
        tags: policyTags,
        summary: 'Get a standard change template',
        params: IdParams,
        response: { 200: TemplateSchema },
      },
    },
    async (req, reply) => withEtag(reply, await changes.getTemplate(actorOf(req), req.params.id)),
  );
  app.patch(
    '/change-templates/:id',
    {
      schema: {
        tags: policyTags,
        summary: 'Change a standard change template (changes.manage)',
        params: IdParams,
        headers: IfMatchHeaders,
        body: UpdateTemplateBody,
        response: { 200: TemplateSchema },
      },
    },
    async (req, reply) =>
      withEtag(
        reply,
        await changes.updateTemplate(actorOf(req), req.params.id, expectedVersion(req), req.body),
      ),
  );

  // CSV/XLSX of the list, same filters and visibility (see src/server/http/list-export.ts).
  listExport(app, {
    path: '/changes',
    name: 'changes',
    tags,
    what: 'changes',
    querystring: ChangeListQuery,
    item: ChangeSummarySchema,
    list: (actor, { limit, cursor, ...filter }) => changes.list(actor, filter, { limit, cursor }),
  });
};
