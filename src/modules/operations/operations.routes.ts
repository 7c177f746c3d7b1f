import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { actorOf } from '../../server/http/authentication.js';
import { IdParams, Nullable, Timestamp } from '../../server/http/schemas.js';
import type { OperationsService } from './operations.service.js';

const JobStatus = Type.Enum(['pending', 'running', 'done', 'dead']);
const JobSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  status: Type.String(),
  payload: Type.Unknown(),
  attempts: Type.Integer(),
  maxAttempts: Type.Integer(),
  runAt: Timestamp,
  lastError: Nullable(Type.String()),
  lockedBy: Nullable(Type.String()),
  createdAt: Timestamp,
  finishedAt: Nullable(Timestamp),
});

export const operationsRoutes: FastifyPluginAsyncTypebox<{
  operations: OperationsService;
}> = async (app, { operations }) => {
  const tags = ['Operations'];
  app.get(
    '/admin/jobs',
    {
      schema: {
        tags,
        summary: 'Background jobs, newest change first, with counts by status',
        querystring: Type.Object({
          status: Type.Optional(JobStatus),
          limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
        }),
        response: {
          200: Type.Object({
            counts: Type.Record(Type.String(), Type.Integer()),
            items: Type.Array(JobSchema),
          }),
        },
      },
    },
    (req) => operations.listJobs(actorOf(req), req.query),
  );
  app.post(
    '/admin/jobs/:id/retry',
    { schema: { tags, summary: 'Put a dead job back in the queue', params: IdParams } },
    async (req, reply) => {
      await operations.retryJob(actorOf(req), req.params.id);
      return reply.status(204).send();
    },
  );
};
