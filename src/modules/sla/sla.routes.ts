import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { actorOf } from '../../server/http/authentication.js';
import { expectedVersion, withEtag } from '../../server/http/concurrency.js';
import { IdParams, IfMatchHeaders, PageOf, PageQuery } from '../../server/http/schemas.js';
import type { CalendarService } from './calendars.service.js';
import type { ClockService } from './clocks.service.js';
import type { PolicyService } from './policies.service.js';
import { CLOCKS } from './policy.js';
import {
  CalendarSchema,
  CalendarVersionSchema,
  ClockSchema,
  CreateCalendarBody,
  CreatePolicyBody,
  DueBody,
  ElapsedBody,
  ImportBody,
  PolicySchema,
  UpdateCalendarBody,
  UpdatePolicyBody,
} from './sla.schemas.js';

export const slaRoutes: FastifyPluginAsyncTypebox<{
  calendars: CalendarService;
  policies: PolicyService;
  clocks: ClockService;
}> = async (app, { calendars, policies, clocks }) => {
  const tags = ['Business calendars'];
  app.get(
    '/calendars',
    {
      schema: {
        tags,
        summary: 'List business calendars',
        querystring: Type.Object(PageQuery),
        response: { 200: PageOf(CalendarSchema) },
      },
    },
    (req) => calendars.list(actorOf(req), req.query),
  );
  app.post(
    '/calendars',
    {
      schema: {
        tags,
        summary: 'Create a business calendar (version 1)',
        body: CreateCalendarBody,
        response: { 201: CalendarSchema },
      },
    },
    async (req, reply) =>
      reply.status(201).send(withEtag(reply, await calendars.create(actorOf(req), req.body))),
  );
  app.get(
    '/calendars/:id',
    {
      schema: {
        tags,
        summary: 'A calendar with its current version',
        params: IdParams,
        response: { 200: CalendarSchema },
      },
    },
    async (req, reply) => withEtag(reply, await calendars.get(actorOf(req), req.params.id)),
  );
  app.patch(
    '/calendars/:id',
    {
      schema: {
        tags,
        summary:
          'Change a calendar; a new spec makes a new version, applied to running clocks from now on',
        params: IdParams,
        headers: IfMatchHeaders,
        body: UpdateCalendarBody,
        response: { 200: CalendarSchema },
      },
    },
    async (req, reply) =>
      withEtag(
        reply,
        await calendars.update(actorOf(req), req.params.id, expectedVersion(req), req.body),
      ),
  );
  app.delete(
    '/calendars/:id',
    {
      schema: {
        tags,
        summary: 'Delete a calendar no policy uses',
        params: IdParams,
        headers: IfMatchHeaders,
      },
    },
    async (req, reply) => {
      await calendars.remove(actorOf(req), req.params.id, expectedVersion(req));
      return reply.status(204).send();
    },
  );
  app.get(
    '/calendars/:id/versions',
    {
      schema: {
        tags,
        summary: 'Every version of a calendar, newest first',
        params: IdParams,
        response: { 200: Type.Array(CalendarVersionSchema) },
      },
    },
    (req) => calendars.versions(actorOf(req), req.params.id),
  );
  app.post(
    '/calendars/:id/due',
    {
      schema: {
        tags,
        summary: 'When are N business minutes from a start over?',
        params: IdParams,
        body: DueBody,
        response: { 200: Type.Object({ due: Type.String() }) },
      },
    },
    async (req) => (await calendars.due(actorOf(req), req.params.id, req.body)) as { due: string },
  );
  app.post(
    '/calendars/:id/elapsed',
    {
      schema: {
        tags,
        summary: 'How many business minutes lie in [from, to)?',
        params: IdParams,
        body: ElapsedBody,
        response: { 200: Type.Object({ minutes: Type.Number() }) },
      },
    },
    async (req) =>
      (await calendars.elapsed(actorOf(req), req.params.id, req.body)) as { minutes: number },
  );
  app.post(
    '/calendars/:id/holidays/import',
    {
      schema: {
        tags,
        summary: 'Add the whole-day events of an iCalendar file as holidays (a new version)',
        params: IdParams,
        headers: IfMatchHeaders,
        body: ImportBody,
        response: {
          200: Type.Object({
            calendar: CalendarSchema,
            imported: Type.Integer(),
            skipped: Type.Array(Type.String()),
          }),
        },
      },
    },
    async (req, reply) => {
      const result = await calendars.importHolidays(
        actorOf(req),
        req.params.id,
        expectedVersion(req),
        req.body.ics,
        req.body.replace ?? false,
      );
      withEtag(reply, result.calendar);
      return result;
    },
  );
  app.get(
    '/calendars/:id/holidays.ics',
    { schema: { tags, summary: 'The holidays as an iCalendar file', params: IdParams } },
    async (req, reply) => {
      const { filename, ics } = await calendars.exportHolidays(actorOf(req), req.params.id);
      return reply
        .header('content-disposition', `attachment; filename="${filename}"`)
        .type('text/calendar; charset=utf-8')
        .send(ics);
    },
  );

  const policyTags = ['SLA policies'];
  app.get(
    '/sla-policies',
    {
      schema: {
        tags: policyTags,
        summary: 'SLA policies in the order they are tried',
        response: { 200: Type.Object({ items: Type.Array(PolicySchema) }) },
      },
    },
    async (req) => ({
      items: await policies.list(actorOf(req)),
    }),
  );
  app.post(
    '/sla-policies',
    {
      schema: {
        tags: policyTags,
        summary: 'Create an SLA policy',
        body: CreatePolicyBody,
        response: { 201: PolicySchema },
      },
    },
    async (req, reply) =>
      reply.status(201).send(withEtag(reply, await policies.create(actorOf(req), req.body))),
  );
  app.get(
    '/sla-policies/:id',
    {
      schema: {
        tags: policyTags,
        summary: 'An SLA policy',
        params: IdParams,
        response: { 200: PolicySchema },
      },
    },
    async (req, reply) => withEtag(reply, await policies.get(actorOf(req), req.params.id)),
  );
  app.patch(
    '/sla-policies/:id',
    {
      schema: {
        tags: policyTags,
        summary: 'Change an SLA policy',
        params: IdParams,
        headers: IfMatchHeaders,
        body: UpdatePolicyBody,
        response: { 200: PolicySchema },
      },
    },
    async (req, reply) =>
      withEtag(
        reply,
        await policies.update(actorOf(req), req.params.id, expectedVersion(req), req.body),
      ),
  );
  app.delete(
    '/sla-policies/:id',
    {
      schema: {
        tags: policyTags,
        summary: 'Delete an SLA policy no clock uses',
        params: IdParams,
        headers: IfMatchHeaders,
      },
    },
    async (req, reply) => {
      await policies.remove(actorOf(req), req.params.id, expectedVersion(req));
      return reply.status(204).send();
    },
  );

  const clockTags = ['SLA clocks'];
  const SubjectQuery = Type.Object({
    subject: Type.String({
      pattern: '^[a-z_]+:.+$',
      maxLength: 200,
      description: '<type>:<id> of the record, e.g. ticket:0190…',
    }),
  });
  const parseSubject = (subject: string) => {
    const at = subject.indexOf(':');
    return { type: subject.slice(0, at), id: subject.slice(at + 1) };
  };
  app.get(
    '/sla-clocks',
    {
      schema: {
        tags: clockTags,
        summary: "A record's SLA clocks: state, elapsed and remaining business time, due, breach",
        querystring: SubjectQuery,
        response: { 200: Type.Object({ items: Type.Array(ClockSchema) }) },
      },
    },
    async (req) => ({
      items: await clocks.clocksFor(actorOf(req), parseSubject(req.query.subject)),
    }),
  );
  app.get(
    '/sla-clocks/explanation',
    {
      schema: {
        tags: clockTags,
        summary:
          '"Why is this due then?": calendar and version, target, paused segments, counted intervals',
        querystring: Type.Object({ ...SubjectQuery.properties, clock: Type.Enum(CLOCKS) }),
      },
    },
    (req) => clocks.explainFor(actorOf(req), parseSubject(req.query.subject), req.query.clock),
  );
};
