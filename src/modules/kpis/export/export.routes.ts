// The HTTP face of the KPI exports: GET /kpis/{key}/series.csv|.xlsx and
// /kpis/{key}/records.csv|.xlsx, with the queries of /series and /records (no paging: every
// record). The body streams; a client that goes away destroys the stream, which ends the reading.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { actorOf } from '../../../server/http/authentication.js';
import { sendExport as send } from '../../../server/http/list-export.js';
import { KeyParams, SeriesQuery } from '../kpis.schemas.js';
import { EXPORT_FORMATS, type KpiExportService } from './export.service.js';

const Day = Type.String({ maxLength: 10, description: 'YYYY-MM-DD' });
const filters = {
  service: Type.Optional(Type.String({ maxLength: 64, description: 'A service id.' })),
  priority: Type.Optional(Type.String({ maxLength: 8, description: 'P1…P4.' })),
  group: Type.Optional(Type.String({ maxLength: 64, description: 'A group id.' })),
  organisation: Type.Optional(Type.String({ maxLength: 64, description: 'An organisation id.' })),
};
export const RecordsExportQuery = Type.Object(
  { from: Type.Optional(Day), to: Type.Optional(Day), ...filters },
  { additionalProperties: false },
);

export const kpiExportRoutes: FastifyPluginAsyncTypebox<{ kpiExports: KpiExportService }> = async (
  app,
  { kpiExports },
) => {
  const tags = ['KPIs'];
  for (const format of EXPORT_FORMATS) {
    const name = format.toUpperCase();
    app.get(
      `/kpis/:key/series.${format}`,
      {
        schema: {
          tags,
          summary: `A KPI series as ${name}: one row per period (and breakdown value), as GET /kpis/{key}/series`,
          params: KeyParams,
          querystring: SeriesQuery,
        },
      },
      async (req, reply) =>
        send(reply, await kpiExports.series(actorOf(req), req.params.key, req.query, format)),
    );
    app.get(
      `/kpis/:key/records.${format}`,
      {
        schema: {
          tags,
          summary: `Every record behind a KPI value over the period as ${name}, streamed, no row cap`,
          params: KeyParams,
          querystring: RecordsExportQuery,
        },
      },
      async (req, reply) =>
        send(reply, await kpiExports.records(actorOf(req), req.params.key, req.query, format)),
    );
  }
};
