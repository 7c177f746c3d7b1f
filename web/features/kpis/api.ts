import { infiniteQueryOptions, queryOptions } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { paths } from '../../api/schema';

type Ok<P extends keyof paths> = paths[P] extends {
  get: { responses: { 200: { content: { 'application/json': infer R } } } };
}
  ? R
  : never;

export type KpiList = Ok<'/api/v1/kpis'>;
export type Kpi = Ok<'/api/v1/kpis/{key}'>;
export type KpiValue = Kpi['current'];
export type KpiStatus = KpiValue['status'];
export type KpiUnit = Kpi['unit'];
export type Dimension = Kpi['dimensions'][number];
export type Series = Ok<'/api/v1/kpis/{key}/series'>;
export type Grain = Series['grain'];
export type KpiRecord = Ok<'/api/v1/kpis/{key}/records'>['items'][number];
export type KpiPatch = NonNullable<
  paths['/api/v1/kpis/{key}']['patch']['requestBody']
>['content']['application/json'];

/** The programme's four KPIs, in the order PRODUCT.md gives them. */
export const PROGRAMME_KPIS = [
  'service-delivery-time',
  'customer-satisfaction-index',
  'compliance-audit-success-rate',
  'training-completion',
] as const;

/** KPIs whose records are the audit programme's or the training's own lists (/records is 400). */
export const RECORDS_ELSEWHERE: Record<string, string> = {
  'compliance-audit-success-rate': '/audits',
  'open-nonconformities': '/audits',
  'overdue-corrective-actions': '/audits/actions',
  'training-completion': '/training/matrix',
};

export interface Period {
  from: string;
  to: string;
}

export interface KpiFilter {
  serviceId?: string;
}

/** The filters of the records behind a number (a breakdown cell narrows by one of them). */
export interface RecordsFilter extends KpiFilter {
  priority?: string;
  groupId?: string;
  organisationId?: string;
}

const BASE = '/api/v1/kpis';
const enc = encodeURIComponent;

export const kpisKeys = {
  all: ['kpis'] as const,
  list: (period: Period, serviceId?: string) =>
    ['kpis', 'list', period, serviceId ?? null] as const,
  detail: (key: string) => ['kpis', 'detail', key] as const,
  series: (key: string, query: SeriesQuery) => ['kpis', 'series', key, query] as const,
  records: (key: string, query: Period & RecordsFilter) => ['kpis', 'records', key, query] as const,
};

/** Every KPI over the period; with a service, those with a service breakdown are for it alone. */
export function kpisQuery(period: Period, serviceId?: string) {
  return queryOptions({
    queryKey: kpisKeys.list(period, serviceId),
    queryFn: ({ signal }) =>
      api.get<KpiList>(BASE, { query: { ...period, service: serviceId }, signal }),
    staleTime: 30_000,
  });
}

export interface SeriesQuery extends Period, KpiFilter {
  grain: Grain;
  by?: Dimension;
}

export function seriesQuery(key: string, query: SeriesQuery) {
  return queryOptions({
    queryKey: kpisKeys.series(key, query),
    queryFn: ({ signal }) =>
      api.get<Series>(`${BASE}/${enc(key)}/series`, {
        query: {
          from: query.from,
          to: query.to,
          grain: query.grain,
          by: query.by,
          service: query.serviceId,
        },
        signal,
      }),
    staleTime: 30_000,
  });
}

export function recordsQuery(key: string, query: Period & RecordsFilter) {
  return infiniteQueryOptions({
    queryKey: kpisKeys.records(key, query),
    queryFn: ({ pageParam, signal }) =>
      api.list<KpiRecord>(
        `${BASE}/${enc(key)}/records`,
        {
          from: query.from,
          to: query.to,
          service: query.serviceId,
          priority: query.priority,
          group: query.groupId,
          organisation: query.organisationId,
          limit: 50,
          cursor: pageParam,
        },
        signal,
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export function kpiQuery(key: string) {
  return queryOptions({
    queryKey: kpisKeys.detail(key),
    queryFn: ({ signal }) => api.get<Kpi>(`${BASE}/${enc(key)}`, { signal }),
  });
}

export const updateKpi = (key: string, patch: KpiPatch, version: number) =>
  api.patch<Kpi>(`${BASE}/${enc(key)}`, patch, { version });

/** How many tickets the desk's "breaching soon" queue holds (up to `limit`, then "more"). */
export function breachingQuery(limit: number) {
  return queryOptions({
    queryKey: ['tickets', 'breaching-count', limit] as const,
    queryFn: ({ signal }) =>
      api.list<{ id: string }>('/api/v1/tickets', { queue: 'breaching', limit }, signal),
    staleTime: 30_000,
  });
}
