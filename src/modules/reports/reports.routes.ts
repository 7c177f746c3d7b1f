import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { actorOf } from '../../server/http/authentication.js';
import { IdParams } from '../../server/http/schemas.js';
import {
  ReportQuery,
  SubscribeBody,
  SubscriptionSchema,
  SubscriptionsQuery,
} from './reports.schemas.js';
import type { ServiceReportService } from './reports.service.js';

export const reportsRoutes: FastifyPluginAsyncTypebox<{ reports: ServiceReportService }> = async (
  app,
  { reports },
) => {
  const tags = ['Reports'];
  app.get(
    '/reports/service-report.pdf',
    {
      schema: {
        tags,
        summary:
          'The monthly service report (PDF) of a service or a customer organisation for a month',
        querystring: ReportQuery,
      },
    },
    async (req, reply) => {
      const { filename, pdf } = await reports.report(actorOf(req), req.query);
      return reply
        .header('content-disposition', `attachment; filename="${filename}"`)
        .type('application/pdf')
        .send(pdf);
    },
  );
  app.get(
    '/reports/subscriptions',
    {
      schema: {
        tags,
        summary: "One's subscriptions to monthly service reports (everyone's with all=true)",
        querystring: SubscriptionsQuery,
        response: { 200: Type.Object({ items: Type.Array(SubscriptionSchema) }) },
      },
    },
    async (req) => ({ items: await reports.subscriptions(actorOf(req), req.query) }),
  );
  app.post(
    '/reports/subscriptions',
    {
      schema: {
        tags,
        summary: 'Subscribe oneself (or, with kpis.manage, someone) to a monthly service report',
        body: SubscribeBody,
        response: { 201: SubscriptionSchema },
      },
    },
    async (req, reply) => reply.status(201).send(await reports.subscribe(actorOf(req), req.body)),
  );
  app.delete(
    '/reports/subscriptions/:id',
    {
      schema: {
        tags,
        summary: 'End a subscription (one’s own; anyone’s with kpis.manage)',
        params: IdParams,
      },
    },
    async (req, reply) => {
      await reports.unsubscribe(actorOf(req), req.params.id);
      return reply.status(204).send();
    },
  );
};
