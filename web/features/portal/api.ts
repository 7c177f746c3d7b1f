import { infiniteQueryOptions, queryOptions } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { paths } from '../../api/schema';
import type { Page } from '../../api/types';
import type { RequestType, Service } from '../catalogue/api';

// What the self-service portal reads and writes. The shapes come from the server's OpenAPI
// (web/api/schema.d.ts); the portal keeps its own query keys so that it never depends on how
// the agent workspace caches tickets.

type Ok<P extends keyof paths, M extends 'get' | 'post' = 'get'> = paths[P][M] extends {
  responses: infer R;
}
  ? R extends { 200: { content: { 'application/json': infer B } } }
    ? B
    : R extends { 201: { content: { 'application/json': infer B } } }
      ? B
      : never
  : never;

type Body<P extends keyof paths> = paths[P]['post'] extends {
  requestBody?: { content: { 'application/json': infer B } };
}
  ? B
  : never;

export type PortalTicketSummary = Ok<'/api/v1/tickets'>['items'][number];
export type PortalTicket = Ok<'/api/v1/tickets/{id}'>;
export type PortalApproval = PortalTicket['approvals'][number];
export type CreatedTicket = Ok<'/api/v1/tickets', 'post'>;
export type NewTicketBody = Body<'/api/v1/tickets'>;
export type PortalTimelineEntry = Ok<'/api/v1/tickets/{id}/timeline'>[number];
export type WaitingApproval = Ok<'/api/v1/approvals'>[number];
export type { RequestType, Service };

export const portalKeys = {
  all: ['portal'] as const,
  catalogue: ['portal', 'catalogue'] as const,
  requestType: (id: string) => ['portal', 'request-type', id] as const,
  myTickets: ['portal', 'my-tickets'] as const,
  tickets: ['portal', 'ticket'] as const,
  ticket: (id: string) => ['portal', 'ticket', id] as const,
  timeline: (id: string) => ['portal', 'ticket', id, 'timeline'] as const,
  approvals: ['portal', 'approvals'] as const,
  categories: ['portal', 'categories'] as const,
};

const ticketPath = (id: string) => `/api/v1/tickets/${encodeURIComponent(id)}`;

/** Every page of a keyset list (the catalogue is small: a few dozen services at most). */
async function everyPage<T>(
  path: string,
  query: Record<string, string>,
  signal: AbortSignal,
): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < 20; page++) {
    const result: Page<T> = await api.list<T>(path, { ...query, limit: 200, cursor }, signal);
    items.push(...result.items);
    if (!result.nextCursor) break;
    cursor = result.nextCursor;
  }
  return items;
}

export interface CatalogueEntry {
  service: Service;
  requestTypes: RequestType[];
}

/** Live services, each with the request types people can order from it. */
export const catalogueQuery = queryOptions({
  queryKey: portalKeys.catalogue,
  queryFn: async ({ signal }): Promise<CatalogueEntry[]> => {
    const [services, requestTypes] = await Promise.all([
      everyPage<Service>('/api/v1/services', { status: 'live' }, signal),
      everyPage<RequestType>('/api/v1/request-types', { active: 'true' }, signal),
    ]);
    return services
      .map((service) => ({
        service,
        requestTypes: requestTypes
          .filter((type) => type.serviceId === service.id && type.active)
          .sort((a, b) => a.name.localeCompare(b.name)),
      }))
      .sort((a, b) => a.service.name.localeCompare(b.service.name));
  },
  staleTime: 60_000,
});

export const requestTypeQuery = (id: string) =>
  queryOptions({
    queryKey: portalKeys.requestType(id),
    queryFn: ({ signal }) =>
      api.get<RequestType>(`/api/v1/request-types/${encodeURIComponent(id)}`, { signal }),
    staleTime: 60_000,
  });

/** Incident categories: the desk's own list (GET /desk/settings is open to everyone who raises tickets). */
export const categoriesQuery = () =>
  queryOptions({
    queryKey: portalKeys.categories,
    queryFn: async ({ signal }): Promise<string[]> => {
      const settings = await api.get<{ categories: string[] }>('/api/v1/desk/settings', { signal });
      return settings.categories;
    },
    staleTime: 5 * 60_000,
  });

export const myTicketsQuery = infiniteQueryOptions({
  queryKey: portalKeys.myTickets,
  queryFn: ({ pageParam, signal }) =>
    api.list<PortalTicketSummary>(
      '/api/v1/tickets',
      { queue: 'requested', sort: 'updated', limit: 25, cursor: pageParam },
      signal,
    ),
  initialPageParam: undefined as string | undefined,
  getNextPageParam: (last) => last.nextCursor ?? undefined,
});

export const ticketQuery = (id: string) =>
  queryOptions({
    queryKey: portalKeys.ticket(id),
    queryFn: ({ signal }) => api.get<PortalTicket>(ticketPath(id), { signal }),
  });

export const timelineQuery = (id: string) =>
  queryOptions({
    queryKey: portalKeys.timeline(id),
    queryFn: ({ signal }) =>
      api.get<PortalTimelineEntry[]>(`${ticketPath(id)}/timeline`, { signal }),
  });

/** Approval steps waiting for the signed-in user (polled: the navigation shows the count). */
export const approvalsQuery = queryOptions({
  queryKey: portalKeys.approvals,
  queryFn: ({ signal }) => api.get<WaitingApproval[]>('/api/v1/approvals', { signal }),
  refetchInterval: 60_000,
  refetchIntervalInBackground: false,
  staleTime: 15_000,
});

export function createTicket(body: NewTicketBody, idempotencyKey: string) {
  return api.post<CreatedTicket>('/api/v1/tickets', body, { idempotencyKey });
}

export function reply(id: string, body: string) {
  return api.post(`${ticketPath(id)}/comments`, { visibility: 'public', body });
}

/** Requesters may only reopen (`in_progress`) or close a resolved ticket. */
export function closeOrReopen(id: string, status: 'closed' | 'in_progress', version: number) {
  return api.post<CreatedTicket>(`${ticketPath(id)}/status`, { status }, { version });
}

export function decideApproval(
  ticketId: string,
  approvalId: string,
  decision: 'approve' | 'reject',
  comment: string,
) {
  return api.post<CreatedTicket>(
    `${ticketPath(ticketId)}/approvals/${encodeURIComponent(approvalId)}`,
    comment ? { decision, comment } : { decision },
  );
}
