import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { actorOf } from '../../server/http/authentication.js';
import { IdParams } from '../../server/http/schemas.js';
import {
  ImportFieldsSchema,
  RunBody,
  RunSchema,
  RunTicketSchema,
  UploadSchema,
} from './imports.schemas.js';
import { IMPORT_MAX_BYTES, type ImportService } from './imports.service.js';

export const importsRoutes: FastifyPluginAsyncTypebox<{ imports: ImportService }> = async (
  app,
  { imports },
) => {
  const tags = ['Imports'];

  // The upload takes the raw file as its body, like attachments: a scope of its own replaces the
  // JSON and text parsers for that route only.
  const uploadRoute: FastifyPluginAsyncTypebox = async (files) => {
    files.removeAllContentTypeParsers();
    files.addContentTypeParser(
      '*',
      { parseAs: 'buffer', bodyLimit: IMPORT_MAX_BYTES + 1 },
      (_req, body, done) => done(null, body),
    );
    files.post(
      '/imports/uploads',
      {
        bodyLimit: IMPORT_MAX_BYTES + 1,
        schema: {
          tags,
          summary:
            'Upload a CSV or XLSX file to import (the body is the file): its columns, row count and first rows',
          querystring: Type.Object({ fileName: Type.String({ minLength: 1, maxLength: 200 }) }),
          response: { 201: UploadSchema },
        },
      },
      async (req, reply) =>
        reply
          .status(201)
          .send(
            await imports.upload(
              actorOf(req),
              req.query.fileName,
              Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0),
            ),
          ),
    );
  };
  await app.register(uploadRoute);

  app.get(
    '/imports/fields',
    {
      schema: {
        tags,
        summary: 'The Meridian fields a mapping can fill, for each import type',
        response: { 200: ImportFieldsSchema },
      },
    },
    (req) => imports.fields(actorOf(req)),
  );
  app.get(
    '/imports/uploads/:id',
    {
      schema: {
        tags,
        summary: 'An uploaded file: its columns and first rows',
        params: IdParams,
        response: { 200: UploadSchema },
      },
    },
    (req) => imports.getUpload(actorOf(req), req.params.id),
  );
  app.post(
    '/imports/runs',
    {
      schema: {
        tags,
        summary:
          'Start an import (or a dry run) of an uploaded file with a mapping; it runs in the background',
        body: RunBody,
        response: { 202: Type.Object({ id: Type.String() }) },
      },
    },
    async (req, reply) => reply.status(202).send(await imports.startRun(actorOf(req), req.body)),
  );
  app.get(
    '/imports/runs',
    {
      schema: {
        tags,
        summary: 'Recent imports, newest first (every source: CSV, ServiceNow, event logs)',
        querystring: Type.Object({
          limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
        }),
        response: { 200: Type.Object({ items: Type.Array(RunSchema) }) },
      },
    },
    async (req) => ({ items: await imports.listRuns(actorOf(req), req.query.limit) }),
  );
  app.get(
    '/imports/runs/:id',
    {
      schema: {
        tags,
        summary: 'An import run: progress, status and its report with row errors',
        params: IdParams,
        response: { 200: RunSchema },
      },
    },
    (req) => imports.getRun(actorOf(req), req.params.id),
  );
  app.get(
    '/imports/runs/:id/tickets',
    {
      schema: {
        tags,
        summary: 'The tickets an import run wrote (the first 100)',
        params: IdParams,
        response: { 200: Type.Array(RunTicketSchema) },
      },
    },
    (req) => imports.ticketsOfRun(actorOf(req), req.params.id),
  );
};
