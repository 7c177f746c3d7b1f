import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { actorOf } from '../../server/http/authentication.js';
import { expectedVersion, withEtag } from '../../server/http/concurrency.js';
import { IdParams, IfMatchHeaders } from '../../server/http/schemas.js';
import {
  CalendarQuery,
  CalendarSchema,
  ConflictCheckBody,
  ConflictsSchema,
  CreateWindowBody,
  FreezeWindowSchema,
  UpdateWindowBody,
  WindowListQuery,
  WindowListSchema,
} from './change-calendar.schemas.js';
import type { ChangeCalendarService } from './change-calendar.service.js';

export const changeCalendarRoutes: FastifyPluginAsyncTypebox<{
  changeCalendar: ChangeCalendarService;
}> = async (app, { changeCalendar }) => {
  const tags = ['Change calendar'];
  app.get(
    '/change-calendar',
    {
      schema: {
        tags,
        summary: 'Changes with a planned window in [from, to), and the freeze windows in it',
        querystring: CalendarQuery,
        response: { 200: CalendarSchema },
      },
    },
    (req) => changeCalendar.calendar(actorOf(req), req.query),
  );
  app.post(
    '/change-calendar/conflicts',
    {
      schema: {
        tags,
        summary: 'The conflicts a planned window would have (nothing is saved)',
        body: ConflictCheckBody,
        response: { 200: ConflictsSchema },
      },
    },
    async (req) => ({ conflicts: await changeCalendar.check(actorOf(req), req.body) }),
  );
  app.get(
    '/freeze-windows',
    {
      schema: {
        tags,
        summary: 'Freeze and blackout windows (those overlapping [from, to) when given)',
        querystring: WindowListQuery,
        response: { 200: WindowListSchema },
      },
    },
    async (req) => ({ items: await changeCalendar.listWindows(actorOf(req), req.query) }),
  );
  app.post(
    '/freeze-windows',
    {
      schema: {
        tags,
        summary: 'Add a freeze or blackout window (changes.manage)',
        body: CreateWindowBody,
        response: { 201: FreezeWindowSchema },
      },
    },
    async (req, reply) =>
      reply
        .status(201)
        .send(withEtag(reply, await changeCalendar.createWindow(actorOf(req), req.body))),
  );
  app.get(
    '/freeze-windows/:id',
    {
      schema: {
        tags,
        summary: 'Get a freeze or blackout window',
        params: IdParams,
        response: { 200: FreezeWindowSchema },
      },
    },
    async (req, reply) =>
      withEtag(reply, await changeCalendar.getWindow(actorOf(req), req.params.id)),
  );
  app.patch(
    '/freeze-windows/:id',
    {
      schema: {
        tags,
        summary: 'Change a freeze or blackout window (changes.manage)',
        params: IdParams,
        headers: IfMatchHeaders,
        body: UpdateWindowBody,
        response: { 200: FreezeWindowSchema },
      },
    },
    async (req, reply) =>
      withEtag(
        reply,
        await changeCalendar.updateWindow(
          actorOf(req),
          req.params.id,
          expectedVersion(req),
          req.body,
        ),
      ),
  );
  app.delete(
    '/freeze-windows/:id',
    {
      schema: {
        tags,
        summary: 'Remove a freeze or blackout window (changes.manage)',
        params: IdParams,
        headers: IfMatchHeaders,
      },
    },
    async (req, reply) => {
      await changeCalendar.removeWindow(actorOf(req), req.params.id, expectedVersion(req));
      return reply.status(204).send();
    },
  );
};
