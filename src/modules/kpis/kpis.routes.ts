import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { actorOf } from '../../server/http/authentication.js';
import { expectedVersion, withEtag } from '../../server/http/concurrency.js';
import { IfMatchHeaders, PageOf } from '../../server/http/schemas.js';
import {
  KeyParams,
  KpiRecordSchema,
  KpiSchema,
  RecordsQuery,
  SeriesQuery,
  SeriesSchema,
  UpdateKpiBody,
  ValueQuery,
} from './kpis.schemas.js';
import type { KpiService } from './kpis.service.js';

export const kpisRoutes: FastifyPluginAsyncTypebox<{ kpis: KpiService }> = async (
  app,
  { kpis },
) => {
  const tags = ['KPIs'];
  app.get(
    '/kpis',
    {
      schema: {
        tags,
        summary:
          'Every KPI with its value over the period (default: the last 30 days), baseline, change and status',
        querystring: ValueQuery,
        response: { 200: Type.Object({ items: Type.Array(KpiSchema) }) },
      },
    },
    async (req) => ({ items: await kpis.list(actorOf(req), req.query) }),
  );
  app.get(
    '/kpis/:key',
    {
      schema: {
        tags,
        summary: 'A KPI with its value over the period, baseline, change and status',
        params: KeyParams,
        querystring: ValueQuery,
        response: { 200: KpiSchema },
      },
    },
    async (req, reply) => withEtag(reply, await kpis.get(actorOf(req), req.params.key, req.query)),
  );
  app.patch(
    '/kpis/:key',
    {
      schema: {
        tags,
        summary:
          "Change a KPI's target, baseline period, thresholds, owner, requirements or objectives",
        params: KeyParams,
        headers: IfMatchHeaders,
        body: UpdateKpiBody,
        response: { 200: KpiSchema },
      },
    },
    async (req, reply) =>
      withEtag(
        reply,
        await kpis.update(actorOf(req), req.params.key, expectedVersion(req), req.body),
      ),
  );
  app.get(
    '/kpis/:key/series',
    {
      schema: {
        tags,
        summary: 'A KPI by day, ISO week, month or quarter, optionally broken down by a dimension',
        params: KeyParams,
        querystring: SeriesQuery,
        response: { 200: SeriesSchema },
      },
    },
    (req) => kpis.series(actorOf(req), req.params.key, req.query),
  );
  app.get(
    '/kpis/:key/records',
    {
      schema: {
        tags,
        summary: 'The records behind a KPI value over the period (tickets, surveys, changes)',
        params: KeyParams,
        querystring: RecordsQuery,
        response: { 200: PageOf(KpiRecordSchema) },
      },
    },
    (req) => kpis.records(actorOf(req), req.params.key, req.query),
  );
};
