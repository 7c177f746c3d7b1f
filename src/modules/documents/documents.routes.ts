import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { actorOf } from '../../server/http/authentication.js';
import { expectedVersion, withEtag } from '../../server/http/concurrency.js';
import { listExport } from '../../server/http/list-export.js';
import { IdParams, IfMatchHeaders, PageOf, PageQuery } from '../../server/http/schemas.js';
import {
  ApproveBody,
  CampaignBody,
  CampaignSchema,
  ChecklistSchema,
  CommentBody,
  CommentSchema,
  CreateBody,
  DocumentDetailSchema,
  DocumentSchema,
  Kind,
  MyAcknowledgementDetailSchema,
  MyAcknowledgementSchema,
  RejectBody,
  RetireBody,
  Status,
  SubmitBody,
  UpdateBody,
} from './documents.schemas.js';
import type { DocumentService } from './documents.service.js';

const ListQuery = Type.Object({
  ...PageQuery,
  kind: Type.Optional(Kind),
  status: Type.Optional(Status),
  requirement: Type.Optional(Type.String({ maxLength: 16, description: 'e.g. 8.5.1.1' })),
  checklistKey: Type.Optional(Type.String({ maxLength: 64 })),
  reviewOverdue: Type.Optional(Type.Boolean({ description: 'Only those overdue for review.' })),
  q: Type.Optional(Type.String({ maxLength: 200 })),
});

export const documentsRoutes: FastifyPluginAsyncTypebox<{ documents: DocumentService }> = async (
  app,
  { documents },
) => {
  const tags = ['Documents'];
  app.get(
    '/documents',
    {
      schema: {
        tags,
        summary: 'List controlled documents by title',
        querystring: ListQuery,
        response: { 200: PageOf(DocumentSchema) },
      },
    },
    (req) => {
      const { limit, cursor, ...filter } = req.query;
      return documents.list(actorOf(req), filter, { limit, cursor });
    },
  );
  app.post(
    '/documents',
    {
      schema: {
        tags,
        summary: 'Write a new document (version 1, a draft)',
        body: CreateBody,
        response: { 201: DocumentSchema },
      },
    },
    async (req, reply) =>
      reply.status(201).send(withEtag(reply, await documents.create(actorOf(req), req.body))),
  );
  app.get(
    '/documents/checklist',
    {
      schema: {
        tags,
        summary: 'The mandatory documented information: which exist and which are approved',
        response: { 200: ChecklistSchema },
      },
    },
    (req) => documents.checklist(actorOf(req)),
  );
  app.get(
    '/documents/process-guidelines.docx',
    {
      schema: {
        tags,
        summary: 'IT Service Management Process Guidelines: the approved processes as one DOCX',
      },
    },
    async (req, reply) => {
      const file = await documents.processGuidelines(actorOf(req));
      return reply
        .header(
          'content-disposition',
          'attachment; filename="it-service-management-process-guidelines.docx"',
        )
        .type('application/vnd.openxmlformats-officedocument.wordprocessingml.document')
        .send(file);
    },
  );
  app.get(
    '/documents/:id',
    {
      schema: {
        tags,
        summary: 'Get a document with its versions and review comments',
        params: IdParams,
        response: { 200: DocumentDetailSchema },
      },
    },
    async (req, reply) => withEtag(reply, await documents.get(actorOf(req), req.params.id)),
  );
  app.patch(
    '/documents/:id',
    {
      schema: {
        tags,
        summary: 'Edit a document: a draft in place; an approved one starts a new draft version',
        params: IdParams,
        headers: IfMatchHeaders,
        body: UpdateBody,
        response: { 200: DocumentSchema },
      },
    },
    async (req, reply) =>
      withEtag(
        reply,
        await documents.update(actorOf(req), req.params.id, expectedVersion(req), req.body),
      ),
  );

  const steps = [
    ['submit', 'Submit the draft for review', SubmitBody],
    ['approve', 'Approve the version in review (not its author)', ApproveBody],
    ['reject', 'Send the version in review back to draft, saying why', RejectBody],
    ['retire', 'Retire the document', RetireBody],
  ] as const;
  for (const [name, summary, body] of steps) {
    app.post(
      `/documents/:id/${name}`,
      {
        schema: {
          tags,
          summary,
          params: IdParams,
          headers: IfMatchHeaders,
          body,
          response: { 200: DocumentSchema },
        },
      },
      async (req, reply) => {
        const actor = actorOf(req);
        const { id } = req.params as { id: string };
        const version = expectedVersion(req);
        // biome-ignore lint/suspicious/noExplicitAny: each step's body was validated by its schema above
        const input = (req.body ?? {}) as any;
        const result =
          name === 'submit'
            ? await documents.submit(actor, id, version, input)
            : name === 'approve'
              ? await documents.approve(actor, id, version, input)
              : name === 'reject'
                ? await documents.reject(actor, id, version, input)
                : await documents.retire(actor, id, version, input);
        return withEtag(reply, result);
      },
    );
  }

  app.post(
    '/documents/:id/comments',
    {
      schema: {
        tags,
        summary: 'Add a review comment on the working version',
        params: IdParams,
        body: CommentBody,
        response: { 201: CommentSchema },
      },
    },
    async (req, reply) =>
      reply
        .status(201)
        .send(await documents.addComment(actorOf(req), req.params.id, req.body.body)),
  );
  app.get(
    '/documents/:id/campaigns',
    {
      schema: {
        tags,
        summary: 'Acknowledgement campaigns of a document, with completion',
        params: IdParams,
        response: { 200: Type.Array(CampaignSchema) },
      },
    },
    (req) => documents.campaigns(actorOf(req), req.params.id),
  );
  app.post(
    '/documents/:id/campaigns',
    {
      schema: {
        tags,
        summary: 'Ask people in roles or groups to read and acknowledge the approved version',
        params: IdParams,
        body: CampaignBody,
        response: { 201: CampaignSchema },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await documents.launchCampaign(actorOf(req), req.params.id, req.body)),
  );
  app.get(
    '/acknowledgement-campaigns/:id',
    {
      schema: {
        tags,
        summary: 'One campaign with its completion and who is missing',
        params: IdParams,
        response: { 200: CampaignSchema },
      },
    },
    (req) => documents.campaign(actorOf(req), req.params.id),
  );

  const ackTags = ['Acknowledgements'];
  app.get(
    '/acknowledgements',
    {
      schema: {
        tags: ackTags,
        summary: 'My acknowledgements: the documents I am asked to read, open ones first',
        response: { 200: Type.Array(MyAcknowledgementSchema) },
      },
    },
    (req) => documents.myAcknowledgements(actorOf(req)),
  );
  app.get(
    '/acknowledgements/:id',
    {
      schema: {
        tags: ackTags,
        summary: 'The document version a campaign asks me to read (campaign id)',
        params: IdParams,
        response: { 200: MyAcknowledgementDetailSchema },
      },
    },
    (req) => documents.myAcknowledgement(actorOf(req), req.params.id),
  );
  app.post(
    '/acknowledgements/:id',
    {
      schema: {
        tags: ackTags,
        summary: 'Acknowledge that I read the document (once; campaign targets only)',
        params: IdParams,
        response: { 200: MyAcknowledgementSchema },
      },
    },
    (req) => documents.acknowledge(actorOf(req), req.params.id),
  );

  // CSV/XLSX of the list, same filters and visibility (see src/server/http/list-export.ts).
  listExport(app, {
    path: '/documents',
    name: 'documents',
    tags,
    what: 'controlled documents',
    querystring: ListQuery,
    item: DocumentSchema,
    list: (actor, { limit, cursor, ...filter }) => documents.list(actor, filter, { limit, cursor }),
  });
};
