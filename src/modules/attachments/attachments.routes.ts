// Uploads are the raw file as the request body (any content type; the server sniffs the real
// one), named by ?fileName=. Downloads always come as attachments in a sandbox. Every record type
// that takes files shares these routes; tickets keep their own paths as well.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { contentDisposition } from '../../files/sniff.js';
import { actorOf } from '../../server/http/authentication.js';
import { IdParams, Nullable, Timestamp } from '../../server/http/schemas.js';
import { TicketParams } from '../tickets/tickets.schemas.js';
import type { AttachmentService } from './attachments.service.js';

const AttachmentSchema = Type.Object({
  id: Type.String(),
  fileName: Type.String(),
  mediaType: Type.String(),
  size: Type.Integer(),
  uploadedBy: Nullable(Type.String()),
  uploadedByName: Nullable(Type.String()),
  createdAt: Timestamp,
});

export const attachmentsRoutes: FastifyPluginAsyncTypebox<{
  attachments: AttachmentService;
}> = async (app, { attachments }) => {
  const tags = ['Attachments'];
  const OwnerParams = Type.Object({
    ownerType: Type.String({
      pattern: '^[a-z][a-z-]{1,40}$',
      description: 'ticket, assessment-item, audit-finding, training-completion…',
    }),
    ownerId: Type.String({ minLength: 1, maxLength: 100 }),
  });
  const upload = (
    actor: Parameters<AttachmentService['upload']>[0],
    ownerType: string,
    ownerId: string,
    fileName: string,
    body: unknown,
  ) =>
    attachments.upload(
      actor,
      ownerType,
      ownerId,
      fileName,
      Buffer.isBuffer(body) ? body : Buffer.alloc(0),
    );
  // Every body in this plugin is a file: take it as bytes, up to the limit plus one byte so the
  // service, not the parser, gives the 413 with its message.
  // Fastify's own text and JSON parsers would decode such files as text: replace them all.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser(
    '*',
    { parseAs: 'buffer', bodyLimit: attachments.maxBytes + 1 },
    (_req, body, done) => done(null, body),
  );

  app.get(
    '/tickets/:id/attachments',
    {
      schema: {
        tags,
        summary: 'Attachments of a ticket',
        params: TicketParams,
        response: { 200: Type.Array(AttachmentSchema) },
      },
    },
    (req) => attachments.list(actorOf(req), 'ticket', req.params.id),
  );
  app.post(
    '/tickets/:id/attachments',
    {
      bodyLimit: attachments.maxBytes + 1,
      schema: {
        tags,
        summary:
          'Attach a file (the body is the file; 413 when too large, 415 when of a refused kind)',
        params: TicketParams,
        querystring: Type.Object({ fileName: Type.String({ minLength: 1, maxLength: 200 }) }),
        response: { 201: AttachmentSchema },
      },
    },
    async (req, reply) =>
      reply
        .status(201)
        .send(await upload(actorOf(req), 'ticket', req.params.id, req.query.fileName, req.body)),
  );
  app.get(
    '/attachments/of/:ownerType/:ownerId',
    {
      schema: {
        tags,
        summary: 'Files attached to a record',
        params: OwnerParams,
        response: { 200: Type.Array(AttachmentSchema) },
      },
    },
    (req) => attachments.list(actorOf(req), req.params.ownerType, req.params.ownerId),
  );
  app.post(
    '/attachments/of/:ownerType/:ownerId',
    {
      bodyLimit: attachments.maxBytes + 1,
      schema: {
        tags,
        summary:
          'Attach a file to a record (the body is the file; 413 when too large, 415 when of a refused kind)',
        params: OwnerParams,
        querystring: Type.Object({ fileName: Type.String({ minLength: 1, maxLength: 200 }) }),
        response: { 201: AttachmentSchema },
      },
    },
    async (req, reply) =>
      reply
        .status(201)
        .send(
          await upload(
            actorOf(req),
            req.params.ownerType,
            req.params.ownerId,
            req.query.fileName,
            req.body,
          ),
        ),
  );
  app.get(
    '/attachments/:id',
    { schema: { tags, summary: 'Download an attachment', params: IdParams } },
    async (req, reply) => {
      const file = await attachments.download(actorOf(req), req.params.id);
      return reply
        .header('content-type', file.mediaType)
        .header('content-disposition', contentDisposition(file.fileName))
        .header('content-security-policy', "default-src 'none'; sandbox")
        .header('cache-control', 'private, no-store')
        .send(file.content);
    },
  );
};
