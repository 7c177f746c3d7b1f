import { infiniteQueryOptions, queryOptions } from '@tanstack/react-query';
import { api, request } from '../../api/client';
import type { paths } from '../../api/schema';
import type { Page } from '../../api/types';

// The service desk's shapes come straight from the server's OpenAPI (web/api/schema.d.ts), so the
// agent workspace cannot drift from what the tickets API answers and accepts.

type Ok<P extends keyof paths, M extends 'get' | 'post' | 'patch' = 'get'> = paths[P][M] extends {
  responses: infer R;
}
  ? R extends { 200: { content: { 'application/json': infer B } } }
    ? B
    : R extends { 201: { content: { 'application/json': infer B } } }
      ? B
      : never
  : never;

type Body<P extends keyof paths, M extends 'post' | 'patch'> = paths[P][M] extends {
  requestBody?: { content: { 'application/json': infer B } };
}
  ? B
  : never;

export type TicketSummary = Ok<'/api/v1/tickets'>['items'][number];
export type TicketDetail = Ok<'/api/v1/tickets/{id}'>;
export type Ticket = Ok<'/api/v1/tickets/{id}', 'patch'>;
export type ClockView = TicketDetail['clocks'][number];
export type TimelineEntry = Ok<'/api/v1/tickets/{id}/timeline'>[number];
export type SearchHit = Ok<'/api/v1/tickets/search'>[number];
export type BulkResult = Ok<'/api/v1/tickets/bulk', 'post'>;
export type DeskSettings = Ok<'/api/v1/desk/settings'>;
export type NewTicket = Body<'/api/v1/tickets', 'post'>;
export type TicketPatch = Body<'/api/v1/tickets/{id}', 'patch'>;
export type StatusChange = Body<'/api/v1/tickets/{id}/status', 'post'>;
export type BulkChange = Omit<Body<'/api/v1/tickets/bulk', 'post'>, 'ids'>;
export type DeskSettingsPatch = Body<'/api/v1/desk/settings', 'patch'>;
export type TicketTask = TicketDetail['tasks'][number];
export type TicketLink = TicketDetail['links'][number];
export type TicketApproval = TicketDetail['approvals'][number];

export type Status = Ticket['status'];
export type Priority = Ticket['priority'];
export type TicketType = Ticket['type'];
export type HoldReason = NonNullable<StatusChange['holdReason']>;
export type ResolutionCode = NonNullable<StatusChange['resolutionCode']>;
export type LinkKind = Body<'/api/v1/tickets/{id}/links', 'post'>['kind'];
export type Queue = Exclude<
  NonNullable<NonNullable<paths['/api/v1/tickets']['get']['parameters']['query']>['queue']>,
  'requested'
>;
export type QueueSort = 'updated' | 'created' | 'due';

export const QUEUES: readonly Queue[] = [
  'mine',
  'my-groups',
  'unassigned',
  'breaching',
  'open',
  'all',
];
export const STATUSES: readonly Status[] = [
  'new',
  'assigned',
  'in_progress',
  'on_hold',
  'resolved',
  'closed',
];
export const PRIORITIES: readonly Priority[] = ['P1', 'P2', 'P3', 'P4'];
export const TICKET_TYPES: readonly TicketType[] = ['incident', 'request'];
export const HOLD_REASONS: readonly HoldReason[] = [
  'awaiting_requester',
  'awaiting_supplier',
  'awaiting_change',
  'awaiting_approval',
];
export const RESOLUTION_CODES: readonly ResolutionCode[] = [
  'solved',
  'workaround',
  'fulfilled',
  'not_reproducible',
  'duplicate',
  'cancelled',
];
export const LINK_KINDS: readonly LinkKind[] = ['related', 'duplicate_of', 'child_of', 'parent_of'];
export const SORTS: readonly QueueSort[] = ['updated', 'created', 'due'];
export const LEVELS = [1, 2, 3] as const;

export interface QueueFilters {
  queue: Queue;
  status?: Status[];
  priority?: Priority[];
  type?: TicketType;
  serviceId?: string;
  groupId?: string;
  sort?: QueueSort;
}

export const ticketsKeys = {
  all: ['tickets'] as const,
  lists: ['tickets', 'list'] as const,
  list: (filters: QueueFilters) => ['tickets', 'list', filters] as const,
  search: (q: string) => ['tickets', 'search', q] as const,
  detail: (id: string) => ['tickets', 'detail', id] as const,
  timeline: (id: string) => ['tickets', 'timeline', id] as const,
  explanation: (id: string, clock: string) => ['tickets', 'explanation', id, clock] as const,
  settings: ['desk', 'settings'] as const,
};

const PAGE_SIZE = 50;
const path = (id: string) => `/api/v1/tickets/${encodeURIComponent(id)}`;

/** Lists are sent as repeated parameters (`status=new&status=assigned`), as the server reads them. */
function queueUrl(filters: QueueFilters, cursor: string | undefined): string {
  const params = new URLSearchParams();
  params.set('queue', filters.queue);
  for (const status of filters.status ?? []) params.append('status', status);
  for (const priority of filters.priority ?? []) params.append('priority', priority);
  if (filters.type) params.set('type', filters.type);
  if (filters.serviceId) params.set('serviceId', filters.serviceId);
  if (filters.groupId) params.set('groupId', filters.groupId);
  if (filters.sort) params.set('sort', filters.sort);
  params.set('limit', String(PAGE_SIZE));
  if (cursor) params.set('cursor', cursor);
  return `/api/v1/tickets?${params.toString()}`;
}

export function queueQuery(filters: QueueFilters) {
  return infiniteQueryOptions({
    queryKey: ticketsKeys.list(filters),
    queryFn: ({ pageParam, signal }) =>
      request<Page<TicketSummary>>('GET', queueUrl(filters, pageParam), { signal }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export function ticketQuery(id: string) {
  return queryOptions({
    queryKey: ticketsKeys.detail(id),
    queryFn: ({ signal }) => api.get<TicketDetail>(path(id), { signal }),
  });
}

export function timelineQuery(id: string) {
  return queryOptions({
    queryKey: ticketsKeys.timeline(id),
    queryFn: ({ signal }) => api.get<TimelineEntry[]>(`${path(id)}/timeline`, { signal }),
  });
}

export interface ClockExplanation extends ClockView {
  calendar: { id: string; name: string; timeZone: string; currentVersion: number } | null;
  targetText: string;
  summary: string;
  segments: {
    state: string;
    from: string;
    to: string | null;
    reason: string | null;
    timeZone: string;
    businessMinutes: number;
  }[];
}

export function explanationQuery(ticketId: string, clock: string, enabled: boolean) {
  return queryOptions({
    queryKey: ticketsKeys.explanation(ticketId, clock),
    queryFn: ({ signal }) =>
      api.get<ClockExplanation>('/api/v1/sla-clocks/explanation', {
        query: { subject: `ticket:${ticketId}`, clock },
        signal,
      }),
    enabled,
    staleTime: 30_000,
    retry: false,
  });
}

export function createTicket(body: NewTicket, idempotencyKey: string): Promise<Ticket> {
  return api.post<Ticket>('/api/v1/tickets', body, { idempotencyKey });
}

export function updateTicket(id: string, patch: TicketPatch, version: number): Promise<Ticket> {
  return api.patch<Ticket>(path(id), patch, { version });
}

export function changeStatus(id: string, change: StatusChange, version: number): Promise<Ticket> {
  return api.post<Ticket>(`${path(id)}/status`, change, { version });
}

export function addComment(id: string, visibility: 'public' | 'internal', body: string) {
  return api.post(`${path(id)}/comments`, { visibility, body });
}

export function addWatcher(id: string, userId: string) {
  return api.post(`${path(id)}/watchers`, { userId });
}

export function removeWatcher(id: string, userId: string) {
  return api.delete(`${path(id)}/watchers/${encodeURIComponent(userId)}`);
}

export function addLink(id: string, kind: LinkKind, target: string) {
  return api.post(`${path(id)}/links`, { kind, target });
}

export function removeLink(id: string, kind: string, target: string) {
  return api.delete(`${path(id)}/links/${encodeURIComponent(kind)}/${encodeURIComponent(target)}`);
}

export function updateTask(id: string, taskId: string, status: 'open' | 'done' | 'cancelled') {
  return api.patch(`${path(id)}/tasks/${encodeURIComponent(taskId)}`, { status });
}

export function bulkChange(ids: string[], change: BulkChange): Promise<BulkResult> {
  return api.post<BulkResult>('/api/v1/tickets/bulk', { ids, ...change });
}

export function deskSettingsQuery() {
  return queryOptions({
    queryKey: ticketsKeys.settings,
    queryFn: ({ signal }) => api.get<DeskSettings>('/api/v1/desk/settings', { signal }),
    staleTime: 60_000,
  });
}

export function updateDeskSettings(patch: DeskSettingsPatch, version: number) {
  return api.patch<DeskSettings>('/api/v1/desk/settings', patch, { version });
}
