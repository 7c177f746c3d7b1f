import { infiniteQueryOptions, queryOptions } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { paths } from '../../api/schema';

export type Complaint =
  paths['/api/v1/complaints/{id}']['get']['responses'][200]['content']['application/json'];
export type ComplaintStatus = Complaint['status'];
export const COMPLAINT_STATUSES: readonly ComplaintStatus[] = [
  'open',
  'investigating',
  'resolved',
  'closed',
];

/** The moves the server allows from each status (src/modules/complaints/complaints.ts). */
export const NEXT_STATUSES: Record<ComplaintStatus, readonly ComplaintStatus[]> = {
  open: ['investigating', 'resolved'],
  investigating: ['resolved'],
  resolved: ['closed', 'investigating'],
  closed: [],
};

export interface ComplaintFilters {
  status?: ComplaintStatus;
}

export const complaintsKeys = {
  all: ['complaints'] as const,
  lists: ['complaints', 'list'] as const,
  list: (filters: ComplaintFilters) => ['complaints', 'list', filters] as const,
  detail: (id: string) => ['complaints', 'detail', id] as const,
};

export function complaintsListQuery(filters: ComplaintFilters) {
  return infiniteQueryOptions({
    queryKey: complaintsKeys.list(filters),
    queryFn: ({ pageParam, signal }) =>
      api.list<Complaint>(
        '/api/v1/complaints',
        { ...filters, limit: 50, cursor: pageParam },
        signal,
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export function complaintQuery(id: string) {
  return queryOptions({
    queryKey: complaintsKeys.detail(id),
    queryFn: ({ signal }) =>
      api.get<Complaint>(`/api/v1/complaints/${encodeURIComponent(id)}`, { signal }),
  });
}

export function createComplaint(body: { summary: string }, idempotencyKey: string) {
  return api.post<Complaint>('/api/v1/complaints', body, { idempotencyKey });
}

export function updateComplaint(
  id: string,
  patch: { status?: ComplaintStatus; resolution?: string | null; summary?: string },
  version: number,
) {
  return api.patch<Complaint>(`/api/v1/complaints/${encodeURIComponent(id)}`, patch, { version });
}
