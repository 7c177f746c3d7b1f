import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { actorOf } from '../../server/http/authentication.js';
import { IdParams, Nullable, PageOf, PageQuery, Timestamp } from '../../server/http/schemas.js';
import { NOTIFICATION_KINDS } from './notifications.js';
import type { NotificationService } from './notifications.service.js';

const NotificationSchema = Type.Object({
  id: Type.String(),
  kind: Type.Enum(NOTIFICATION_KINDS),
  subjectType: Type.String(),
  subjectId: Type.String(),
  title: Type.String(),
  body: Type.String(),
  link: Type.String({
    description: 'Path in the web app of the record the notification is about.',
  }),
  createdAt: Timestamp,
  readAt: Nullable(Timestamp),
});

export const notificationsRoutes: FastifyPluginAsyncTypebox<{
  notifications: NotificationService;
}> = async (app, { notifications }) => {
  const tags = ['Notifications'];
  app.get(
    '/notifications',
    {
      schema: {
        tags,
        summary: 'List my notifications, newest first',
        querystring: Type.Object(PageQuery),
        response: { 200: PageOf(NotificationSchema) },
      },
    },
    (req) => notifications.list(actorOf(req), req.query),
  );
  app.get(
    '/notifications/unread-count',
    {
      schema: {
        tags,
        summary: 'Count my unread notifications',
        response: { 200: Type.Object({ count: Type.Integer() }) },
      },
    },
    async (req) => ({ count: await notifications.unreadCount(actorOf(req)) }),
  );
  app.post(
    '/notifications/:id/read',
    {
      schema: {
        tags,
        summary: 'Mark one of my notifications read',
        params: IdParams,
      },
    },
    async (req, reply) => {
      await notifications.markRead(actorOf(req), req.params.id);
      return reply.status(204).send();
    },
  );
  app.post(
    '/notifications/read-all',
    {
      schema: {
        tags,
        summary: 'Mark all my notifications read',
        response: { 200: Type.Object({ updated: Type.Integer() }) },
      },
    },
    async (req) => ({ updated: await notifications.markAllRead(actorOf(req)) }),
  );
};
