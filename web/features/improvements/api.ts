import { infiniteQueryOptions, queryOptions } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { paths } from '../../api/schema';

// Shapes straight from the server's OpenAPI (web/api/schema.d.ts).
type Json<R> = R extends { content: { 'application/json': infer B } } ? B : never;

export type Improvement = Json<paths['/api/v1/improvements/{id}']['get']['responses'][200]>;
export type ImprovementStatus = Improvement['status'];
export type ImprovementSource = Improvement['source'];
export type PriorityBand = NonNullable<Improvement['priority']>['band'];
export type NewImprovement = NonNullable<
  paths['/api/v1/improvements']['post']['requestBody']
>['content']['application/json'];
export type ImprovementPatch = NonNullable<
  paths['/api/v1/improvements/{id}']['patch']['requestBody']
>['content']['application/json'];
export type ImprovementMove = NonNullable<
  paths['/api/v1/improvements/{id}/transitions']['post']['requestBody']
>['content']['application/json'];

export const IMPROVEMENT_STATUSES: readonly ImprovementStatus[] = [
  'proposed',
  'approved',
  'in_progress',
  'implemented',
  'closed',
  'rejected',
];
export const IMPROVEMENT_SOURCES: readonly ImprovementSource[] = [
  'audit-finding',
  'complaint',
  'survey',
  'problem',
  'kpi',
  'management-review',
  'suggestion',
];

/** The moves the server allows (src/modules/improvements/improvements.ts). */
export const NEXT_STATUSES: Record<ImprovementStatus, readonly ImprovementStatus[]> = {
  proposed: ['approved', 'rejected'],
  approved: ['in_progress', 'rejected'],
  in_progress: ['implemented', 'rejected'],
  implemented: ['closed', 'in_progress'],
  closed: [],
  rejected: [],
};
/** What the owner may do on their own item without improvements.manage. */
export const OWNER_MOVES: Partial<Record<ImprovementStatus, readonly ImprovementStatus[]>> = {
  approved: ['in_progress'],
  in_progress: ['implemented'],
  implemented: ['in_progress'],
};

/** The documented criteria (docs/improvements.md), the same as the server's. */
export const priorityOf = (
  benefit: number | null,
  impact: number | null,
  effort: number | null,
) => {
  if (benefit === null || impact === null || effort === null) return null;
  const score = (benefit + impact) * (6 - effort);
  const band: PriorityBand = score >= 30 ? 'P1' : score >= 20 ? 'P2' : score >= 10 ? 'P3' : 'P4';
  return { score, band };
};

export interface ImprovementFilters {
  status?: ImprovementStatus;
  source?: ImprovementSource;
  ownerId?: string;
  overdue?: boolean;
}

export const improvementsKeys = {
  all: ['improvements'] as const,
  lists: ['improvements', 'list'] as const,
  list: (filters: ImprovementFilters) => ['improvements', 'list', filters] as const,
  board: (filters: ImprovementFilters) => ['improvements', 'board', filters] as const,
  detail: (id: string) => ['improvements', 'detail', id] as const,
};

export function improvementsListQuery(filters: ImprovementFilters) {
  return infiniteQueryOptions({
    queryKey: improvementsKeys.list(filters),
    queryFn: ({ pageParam, signal }) =>
      api.list<Improvement>(
        '/api/v1/improvements',
        { ...filters, limit: 50, cursor: pageParam },
        signal,
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

/** The board shows the first 200 by priority; a register rarely holds more open items. */
export function improvementsBoardQuery(filters: ImprovementFilters) {
  return queryOptions({
    queryKey: improvementsKeys.board(filters),
    queryFn: ({ signal }) =>
      api.list<Improvement>('/api/v1/improvements', { ...filters, limit: 200 }, signal),
  });
}

export function improvementQuery(id: string) {
  return queryOptions({
    queryKey: improvementsKeys.detail(id),
    queryFn: ({ signal }) =>
      api.get<Improvement>(`/api/v1/improvements/${encodeURIComponent(id)}`, { signal }),
  });
}

export const PLAYBOOK_URL = '/api/v1/improvements/playbook.pdf';

export const createImprovement = (body: NewImprovement, idempotencyKey: string) =>
  api.post<Improvement>('/api/v1/improvements', body, { idempotencyKey });

export const updateImprovement = (id: string, patch: ImprovementPatch, version: number) =>
  api.patch<Improvement>(`/api/v1/improvements/${encodeURIComponent(id)}`, patch, { version });

export const moveImprovement = (id: string, body: ImprovementMove, version: number) =>
  api.post<Improvement>(`/api/v1/improvements/${encodeURIComponent(id)}/transitions`, body, {
    version,
  });
