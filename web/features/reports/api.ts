import { queryOptions } from '@tanstack/react-query';
import { api, buildUrl } from '../../api/client';
import type { paths } from '../../api/schema';

type Ok<P extends keyof paths> = paths[P] extends {
  get: { responses: { 200: { content: { 'application/json': infer R } } } };
}
  ? R
  : never;

export type Subscription = Ok<'/api/v1/reports/subscriptions'>['items'][number];

/** What a monthly report is about: a service or a customer organisation. */
export type ReportScope = { kind: 'service' | 'organisation'; id: string };

export const reportsKeys = {
  subscriptions: ['reports', 'subscriptions'] as const,
};

/** One's own subscriptions. */
export function subscriptionsQuery() {
  return queryOptions({
    queryKey: reportsKeys.subscriptions,
    queryFn: ({ signal }) =>
      api.get<{ items: Subscription[] }>(`/api/v1/reports/subscriptions`, { signal }),
  });
}

const scopeQuery = (scope: ReportScope) =>
  scope.kind === 'service' ? { serviceId: scope.id } : { organisationId: scope.id };

/** The PDF's address; the server names the file (`service-report-2026-04-<name>.pdf`). */
export const reportUrl = (month: string, scope: ReportScope) =>
  buildUrl('/api/v1/reports/service-report.pdf', { month, ...scopeQuery(scope) });

export const subscribe = (scope: ReportScope, idempotencyKey: string) =>
  api.post<Subscription>('/api/v1/reports/subscriptions', scopeQuery(scope), { idempotencyKey });

export const unsubscribe = (id: string) =>
  api.delete(`/api/v1/reports/subscriptions/${encodeURIComponent(id)}`);

/** The last `count` months before this one, newest first, as YYYY-MM (UTC, like the reports). */
export function recentMonths(now: Date, count: number): string[] {
  const months: string[] = [];
  for (let i = 1; i <= count; i++) {
    const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - i, 1));
    months.push(d.toISOString().slice(0, 7));
  }
  return months;
}
