import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { actorOf } from '../../server/http/authentication.js';
import { Nullable, PageOf, PageQuery, Timestamp } from '../../server/http/schemas.js';
import type { AuditService } from './audit.service.js';

const EventSchema = Type.Object({
  id: Type.String(),
  occurredAt: Timestamp,
  actorId: Nullable(Type.String()),
  actorName: Type.String(),
  action: Type.String(),
  entityType: Type.String(),
  entityId: Type.String(),
  changes: Type.Record(Type.String(), Type.Object({ from: Type.Unknown(), to: Type.Unknown() })),
  requestId: Nullable(Type.String()),
});

export const auditRoutes: FastifyPluginAsyncTypebox<{ audit: AuditService }> = async (
  app,
  { audit },
) => {
  const tags = ['Audit trail'];
  app.get(
    '/audit-events',
    {
      schema: {
        tags,
        summary: "A record's history, newest first",
        querystring: Type.Object({
          ...PageQuery,
          entity: Type.String({
            minLength: 3,
            maxLength: 200,
            description: '<type>:<id>, e.g. user:0190…',
          }),
        }),
        response: { 200: PageOf(EventSchema) },
      },
    },
    (req) => audit.listForEntity(actorOf(req), req.query.entity, req.query),
  );

  app.get(
    '/audit-trail/verification',
    { schema: { tags, summary: 'Verify every hash chain of the audit trail (auditors)' } },
    (req) => audit.verify(actorOf(req)),
  );
};
