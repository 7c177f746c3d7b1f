import { infiniteQueryOptions, queryOptions } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { paths } from '../../api/schema';

// Shapes straight from the server's OpenAPI (web/api/schema.d.ts).
type Json<R> = R extends { content: { 'application/json': infer B } } ? B : never;

export type Problem = Json<paths['/api/v1/problems/{id}']['get']['responses'][200]>;
export type ProblemStatus = Problem['status'];
export type RcaMethod = NonNullable<Problem['rcaMethod']>;
export type LinkedIncident = Json<
  paths['/api/v1/problems/{id}/incidents']['get']['responses'][200]
>[number];
export type Suggestion = Json<
  paths['/api/v1/known-errors/suggestions']['get']['responses'][200]
>[number];
export type TrendReport = Json<paths['/api/v1/problems/trends']['get']['responses'][200]>;
export type TrendRow = TrendReport['rows'][number];
export type NewProblem = NonNullable<
  paths['/api/v1/problems']['post']['requestBody']
>['content']['application/json'];
export type ProblemPatch = NonNullable<
  paths['/api/v1/problems/{id}']['patch']['requestBody']
>['content']['application/json'];

export const PROBLEM_STATUSES: readonly ProblemStatus[] = [
  'new',
  'under_investigation',
  'known_error',
  'resolved',
  'closed',
];
export const RCA_METHODS: readonly RcaMethod[] = [
  'five_whys',
  'fishbone',
  'fault_tree',
  'kepner_tregoe',
  'other',
];

/** The moves the server allows from each status (src/modules/problems/problems.ts). */
export const NEXT_STATUSES: Record<ProblemStatus, readonly ProblemStatus[]> = {
  new: ['under_investigation', 'known_error', 'resolved'],
  under_investigation: ['known_error', 'resolved'],
  known_error: ['under_investigation', 'resolved'],
  resolved: ['closed', 'under_investigation'],
  closed: [],
};

export interface ProblemFilters {
  status?: ProblemStatus;
  serviceId?: string;
  q?: string;
}

export const problemsKeys = {
  all: ['problems'] as const,
  lists: ['problems', 'list'] as const,
  list: (filters: ProblemFilters) => ['problems', 'list', filters] as const,
  knownErrors: (filters: { q?: string; serviceId?: string }) =>
    ['problems', 'known-errors', filters] as const,
  detail: (id: string) => ['problems', 'detail', id] as const,
  incidents: (id: string) => ['problems', 'incidents', id] as const,
  ofTicket: (ticketId: string) => ['problems', 'of-ticket', ticketId] as const,
  suggestions: (ticketId: string) => ['problems', 'suggestions', ticketId] as const,
  trends: (query: { from: string; to: string; minIncidents: number }) =>
    ['problems', 'trends', query] as const,
};

export function problemsListQuery(filters: ProblemFilters) {
  return infiniteQueryOptions({
    queryKey: problemsKeys.list(filters),
    queryFn: ({ pageParam, signal }) =>
      api.list<Problem>('/api/v1/problems', { ...filters, limit: 50, cursor: pageParam }, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export function knownErrorsQuery(filters: { q?: string; serviceId?: string }) {
  return infiniteQueryOptions({
    queryKey: problemsKeys.knownErrors(filters),
    queryFn: ({ pageParam, signal }) =>
      api.list<Problem>(
        '/api/v1/known-errors',
        { ...filters, limit: 50, cursor: pageParam },
        signal,
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export function problemQuery(id: string) {
  return queryOptions({
    queryKey: problemsKeys.detail(id),
    queryFn: ({ signal }) =>
      api.get<Problem>(`/api/v1/problems/${encodeURIComponent(id)}`, { signal }),
  });
}

export function problemIncidentsQuery(id: string) {
  return queryOptions({
    queryKey: problemsKeys.incidents(id),
    queryFn: ({ signal }) =>
      api.get<LinkedIncident[]>(`/api/v1/problems/${encodeURIComponent(id)}/incidents`, {
        signal,
      }),
  });
}

export function ticketProblemsQuery(ticketId: string) {
  return queryOptions({
    queryKey: problemsKeys.ofTicket(ticketId),
    queryFn: ({ signal }) =>
      api.get<Problem[]>(`/api/v1/tickets/${encodeURIComponent(ticketId)}/problems`, { signal }),
  });
}

export function suggestionsQuery(ticketId: string) {
  return queryOptions({
    queryKey: problemsKeys.suggestions(ticketId),
    queryFn: ({ signal }) =>
      api.get<Suggestion[]>('/api/v1/known-errors/suggestions', {
        query: { ticketId, limit: 5 },
        signal,
      }),
  });
}

export function trendsQuery(query: { from: string; to: string; minIncidents: number }) {
  return queryOptions({
    queryKey: problemsKeys.trends(query),
    queryFn: ({ signal }) =>
      api.get<TrendReport>('/api/v1/problems/trends', { query: { ...query }, signal }),
  });
}

export const createProblem = (body: NewProblem, idempotencyKey: string) =>
  api.post<Problem>('/api/v1/problems', body, { idempotencyKey });

export const updateProblem = (id: string, patch: ProblemPatch, version: number) =>
  api.patch<Problem>(`/api/v1/problems/${encodeURIComponent(id)}`, patch, { version });

export const transitionProblem = (
  id: string,
  body: { status: ProblemStatus; rootCause?: string | null; workaround?: string | null },
  version: number,
) => api.post<Problem>(`/api/v1/problems/${encodeURIComponent(id)}/transitions`, body, { version });

export const linkIncident = (id: string, ticketId: string) =>
  api.post<LinkedIncident[]>(`/api/v1/problems/${encodeURIComponent(id)}/incidents`, {
    ticketId,
  });

export const unlinkIncident = (id: string, ticketId: string) =>
  api.delete<LinkedIncident[]>(
    `/api/v1/problems/${encodeURIComponent(id)}/incidents/${encodeURIComponent(ticketId)}`,
  );

export const raiseFromTrend = (
  body: {
    serviceId: string | null;
    category: string;
    from: string;
    to: string;
    title?: string;
    description?: string;
  },
  idempotencyKey: string,
) => api.post<Problem>('/api/v1/problems/trends/raise', body, { idempotencyKey });
