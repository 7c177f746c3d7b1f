import { infiniteQueryOptions, queryOptions } from '@tanstack/react-query';
import { api, isApiError, request } from '../../api/client';
import type { paths } from '../../api/schema';
import type { ScheduleConflict } from '../change-calendar/api';

// Changes, their approvals and the change policy, typed from the server's OpenAPI
// (web/api/schema.d.ts), so the screens cannot drift from what the server accepts.

type Ok<P extends keyof paths> = paths[P]['get'] extends {
  responses: { 200: { content: { 'application/json': infer B } } };
}
  ? B
  : never;
type Body<P extends keyof paths, M extends 'post' | 'patch' | 'put'> = paths[P][M] extends {
  requestBody?: { content: { 'application/json': infer B } };
}
  ? B
  : never;

export type Change = Ok<'/api/v1/changes/{id}'>;
export type ChangeSummary = Ok<'/api/v1/changes'>['items'][number];
export type ChangeType = Change['type'];
export type ChangeStatus = Change['status'];
export type RiskLevel = NonNullable<Change['riskLevel']>;
export type Impact = Change['impact'];
export type CloseCode = NonNullable<Change['closeCode']>;
export type ApprovalState = Change['approval'];
export type ApprovalStep = Change['steps'][number];
export type StepStatus = ApprovalStep['status'];
export type ApprovalMode = ApprovalStep['mode'];
export type TransitionAction = Change['allowedActions'][number];
export type LinkSummary = Change['problems'][number];
export type InboxItem = Ok<'/api/v1/change-approvals/inbox'>['items'][number];
export type ChangePolicy = Ok<'/api/v1/change-policy'>;
export type PolicyBody = Body<'/api/v1/change-policy', 'put'>;
export type ApprovalRule = ChangePolicy['approvalRules'][number];
export type RuleStep = ApprovalRule['steps'][number];
export type RiskQuestion = ChangePolicy['riskQuestionnaire']['questions'][number];
export type Template = Ok<'/api/v1/change-templates/{id}'>;
export type TemplateBody = Body<'/api/v1/change-templates', 'post'>;
export type CreateChangeBody = Body<'/api/v1/changes', 'post'>;
export type UpdateChangeBody = Body<'/api/v1/changes/{id}', 'patch'>;
export type TransitionBody = Body<'/api/v1/changes/{id}/transitions', 'post'>;
export type ReviewBody = Body<'/api/v1/changes/{id}/review', 'put'>;
export type PolicyPreview =
  paths['/api/v1/change-policy/preview']['post']['responses'][200]['content']['application/json'];
export type { ScheduleConflict };

export const CHANGE_TYPES: readonly ChangeType[] = ['standard', 'normal', 'emergency'];
export const CHANGE_STATUSES: readonly ChangeStatus[] = [
  'draft',
  'assessment',
  'awaiting_approval',
  'scheduled',
  'implementing',
  'review',
  'closed',
  'cancelled',
  'rejected',
];
export const RISK_LEVELS: readonly RiskLevel[] = ['low', 'medium', 'high'];
export const IMPACTS: readonly Impact[] = ['low', 'medium', 'high'];
export const CLOSE_CODES: readonly CloseCode[] = [
  'successful',
  'successful_with_issues',
  'failed',
  'backed_out',
];
export const APPROVAL_MODES: readonly ApprovalMode[] = ['all', 'any', 'n_of_m'];
export const TRANSITION_ACTIONS: readonly TransitionAction[] = [
  'assess',
  'submit',
  'start',
  'complete',
  'close',
  'cancel',
];

export interface ChangeFilters {
  status?: string;
  type?: string;
  serviceId?: string;
  risk?: string;
}

export const changesKeys = {
  all: ['changes'] as const,
  lists: ['changes', 'list'] as const,
  list: (filters: ChangeFilters) => ['changes', 'list', filters] as const,
  detail: (id: string) => ['changes', 'detail', id] as const,
  inbox: ['changes', 'inbox'] as const,
  policy: ['changes', 'policy'] as const,
  templates: ['changes', 'templates'] as const,
};

const changePath = (id: string) => `/api/v1/changes/${encodeURIComponent(id)}`;

/** The list's filters as the server names them (the risk filter is `riskLevel` there). */
function listQuery(filters: ChangeFilters) {
  const { risk, ...rest } = filters;
  return { ...rest, riskLevel: risk };
}

export function changesListQuery(filters: ChangeFilters) {
  return infiniteQueryOptions({
    queryKey: changesKeys.list(filters),
    queryFn: ({ pageParam, signal }) =>
      api.list<ChangeSummary>(
        '/api/v1/changes',
        { ...listQuery(filters), limit: 50, cursor: pageParam },
        signal,
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export function changeQuery(id: string) {
  return queryOptions({
    queryKey: changesKeys.detail(id),
    queryFn: ({ signal }) => api.get<Change>(changePath(id), { signal }),
  });
}

export const inboxQuery = queryOptions({
  queryKey: changesKeys.inbox,
  queryFn: ({ signal }) =>
    api.get<{ items: InboxItem[] }>('/api/v1/change-approvals/inbox', { signal }),
});

export const policyQuery = queryOptions({
  queryKey: changesKeys.policy,
  queryFn: ({ signal }) => api.get<ChangePolicy>('/api/v1/change-policy', { signal }),
  staleTime: 60_000,
});

export function templatesQuery(filter: { active?: boolean } = {}) {
  return queryOptions({
    queryKey: [...changesKeys.templates, filter],
    queryFn: ({ signal }) =>
      api.get<{ items: Template[] }>('/api/v1/change-templates', { query: filter, signal }),
    staleTime: 60_000,
  });
}

export function createChange(body: CreateChangeBody, idempotencyKey: string) {
  return api.post<Change>('/api/v1/changes', body, { idempotencyKey });
}

export function updateChange(id: string, patch: UpdateChangeBody, version: number) {
  return api.patch<Change>(changePath(id), patch, { version });
}

export function transitionChange(id: string, body: TransitionBody, version: number) {
  return api.post<Change>(`${changePath(id)}/transitions`, body, { version });
}

export function voteOnChange(id: string, decision: 'approve' | 'reject', comment: string) {
  return api.post<Change>(`${changePath(id)}/votes`, { decision, comment });
}

export function recordReview(id: string, body: ReviewBody, version: number) {
  return request<Change>('PUT', `${changePath(id)}/review`, { body, version });
}

export function updatePolicy(body: PolicyBody, version: number) {
  return request<ChangePolicy>('PUT', '/api/v1/change-policy', { body, version });
}

export function previewPolicy(body: Body<'/api/v1/change-policy/preview', 'post'>) {
  return api.post<PolicyPreview>('/api/v1/change-policy/preview', body);
}

export function createTemplate(body: TemplateBody, idempotencyKey: string) {
  return api.post<Template>('/api/v1/change-templates', body, { idempotencyKey });
}

export function updateTemplate(id: string, patch: Partial<TemplateBody>, version: number) {
  return api.patch<Template>(`/api/v1/change-templates/${encodeURIComponent(id)}`, patch, {
    version,
  });
}

/** The conflicts a 409 SCHEDULE_CONFLICT carries in its problem details. */
export function scheduleConflictsOf(error: unknown): ScheduleConflict[] | null {
  if (!isApiError(error) || error.code !== 'SCHEDULE_CONFLICT') return null;
  const conflicts = (error.problem as { conflicts?: ScheduleConflict[] }).conflicts;
  return Array.isArray(conflicts) ? conflicts : [];
}
