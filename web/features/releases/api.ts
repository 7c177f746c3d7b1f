import { queryOptions } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { paths } from '../../api/schema';

export type Release =
  paths['/api/v1/releases/{id}']['get']['responses'][200]['content']['application/json'];
export type ReleaseCard =
  paths['/api/v1/releases/board']['get']['responses'][200]['content']['application/json']['columns'][number]['items'][number];
export type Board =
  paths['/api/v1/releases/board']['get']['responses'][200]['content']['application/json'];
export type ReleaseStatus = Release['status'];
export type ReleaseType = Release['type'];
export type Criterion = Release['criteria'][number];
export type CriterionResult = Criterion['result'];
export type OutcomeResult = NonNullable<Release['outcomeResult']>;
export type Blocker = Release['readiness']['deployBlockers'][number];
type CreateBody = NonNullable<
  paths['/api/v1/releases']['post']['requestBody']
>['content']['application/json'];
type UpdateBody = NonNullable<
  paths['/api/v1/releases/{id}']['patch']['requestBody']
>['content']['application/json'];

export const RELEASE_STATUSES: readonly ReleaseStatus[] = [
  'planning',
  'building',
  'testing',
  'ready',
  'deploying',
  'deployed',
  'closed',
  'rolled_back',
];
export const RELEASE_TYPES: readonly ReleaseType[] = ['major', 'minor', 'emergency'];
export const CRITERION_RESULTS: readonly CriterionResult[] = ['not_run', 'passed', 'failed'];

/** The moves the server allows from each status (src/modules/releases/releases.ts). */
export const NEXT_STATUSES: Record<ReleaseStatus, readonly ReleaseStatus[]> = {
  planning: ['building'],
  building: ['testing', 'planning'],
  testing: ['ready', 'building'],
  ready: ['deploying', 'testing'],
  deploying: ['deployed', 'rolled_back'],
  deployed: ['closed', 'rolled_back'],
  rolled_back: ['planning', 'closed'],
  closed: [],
};

/** Statuses in which go/no-go may be recorded, and after which incidents may be linked. */
export const DECIDABLE: readonly ReleaseStatus[] = ['testing', 'ready'];
export const AFTER_DEPLOYMENT: readonly ReleaseStatus[] = [
  'deploying',
  'deployed',
  'rolled_back',
  'closed',
];

export interface BoardFilters {
  serviceId?: string;
  type?: ReleaseType;
}

export const releasesKeys = {
  all: ['releases'] as const,
  boards: ['releases', 'board'] as const,
  board: (filters: BoardFilters) => ['releases', 'board', filters] as const,
  detail: (id: string) => ['releases', 'detail', id] as const,
};

export function boardQuery(filters: BoardFilters) {
  return queryOptions({
    queryKey: releasesKeys.board(filters),
    queryFn: ({ signal }) =>
      api.get<Board>('/api/v1/releases/board', { query: { ...filters }, signal }),
  });
}

export function releaseQuery(id: string) {
  return queryOptions({
    queryKey: releasesKeys.detail(id),
    queryFn: ({ signal }) =>
      api.get<Release>(`/api/v1/releases/${encodeURIComponent(id)}`, { signal }),
  });
}

const path = (id: string, ...rest: string[]) =>
  ['/api/v1/releases', id, ...rest].map((p, i) => (i === 0 ? p : encodeURIComponent(p))).join('/');

export const createRelease = (body: CreateBody, idempotencyKey: string) =>
  api.post<Release>('/api/v1/releases', body, { idempotencyKey });

export const updateRelease = (id: string, patch: UpdateBody, version: number) =>
  api.patch<Release>(path(id), patch, { version });

export const moveRelease = (
  id: string,
  body: { status: ReleaseStatus; outcome?: string | null; outcomeResult?: OutcomeResult },
  version: number,
) => api.post<Release>(path(id, 'transitions'), body, { version });

export const decideRelease = (
  id: string,
  body: { decision: 'go' | 'no_go'; comment?: string | null },
  version: number,
) => api.post<Release>(path(id, 'decision'), body, { version });

export const addCriterion = (id: string, description: string) =>
  api.post<Release>(path(id, 'criteria'), { description });

export const updateCriterion = (
  id: string,
  criterion: Pick<Criterion, 'id' | 'version'>,
  patch: { description?: string; result?: CriterionResult; evidence?: string | null },
) => api.patch<Release>(path(id, 'criteria', criterion.id), patch, { version: criterion.version });

export const removeCriterion = (id: string, criterionId: string) =>
  api.delete<Release>(path(id, 'criteria', criterionId));

export const linkChange = (id: string, changeId: string) =>
  api.post<Release>(path(id, 'changes'), { changeId });

export const unlinkChange = (id: string, changeId: string) =>
  api.delete<Release>(path(id, 'changes', changeId));

export const linkIncident = (id: string, ticket: string) =>
  api.post<Release>(path(id, 'incidents'), { ticket });

export const unlinkIncident = (id: string, ticketId: string) =>
  api.delete<Release>(path(id, 'incidents', ticketId));
