import { infiniteQueryOptions, queryOptions } from '@tanstack/react-query';
import { api, buildUrl, request } from '../../api/client';
import type { paths } from '../../api/schema';

// Shapes straight from the server's OpenAPI (web/api/schema.d.ts).
type Json<R> = R extends { content: { 'application/json': infer B } } ? B : never;
type Body<R> = R extends { content: { 'application/json': infer B } } ? B : never;

export type Library = Json<paths['/api/v1/compliance/library']['get']['responses'][200]>;
export type LibraryNode = Library['nodes'][number];
export type LicensedText = Json<
  paths['/api/v1/compliance/library/requirements/{id}/licensed-text']['get']['responses'][200]
>;
export type EvidenceFigure = Json<
  paths['/api/v1/compliance/evidence/{source}']['get']['responses'][200]
>;
export type AssessmentSummary = Json<
  paths['/api/v1/compliance/assessments']['get']['responses'][200]
>['items'][number];
export type Assessment = Json<
  paths['/api/v1/compliance/assessments/{id}']['get']['responses'][200]
>;
export type AssessmentItem = Assessment['items'][number];
export type Scores = Assessment['scores'];
export type ClauseScore = Scores['clauses'][number];
export type ItemEvidence = Json<
  paths['/api/v1/compliance/assessments/{id}/items/{itemId}/evidence']['get']['responses'][200]
>;
export type DocumentEvidence = ItemEvidence['documents'][number];
export type LiveLink = AssessmentItem['liveLinks'][number];
export type Comparison = Json<
  paths['/api/v1/compliance/assessments/compare']['get']['responses'][200]
>;
export type NewAssessment = Body<
  NonNullable<paths['/api/v1/compliance/assessments']['post']['requestBody']>
>;
export type ItemPatch = Body<
  NonNullable<paths['/api/v1/compliance/assessments/{id}/items/{itemId}']['patch']['requestBody']>
>;
export type Roadmap = Json<paths['/api/v1/compliance/roadmap']['get']['responses'][200]>;
export type Phase = Roadmap['phases'][number];
export type Workstream = Roadmap['workstreams'][number];
export type Task = Roadmap['tasks'][number];
export type TaskStatus = Task['status'];
export type Raci = Task['raci'];
export type NewTask = Body<
  NonNullable<paths['/api/v1/compliance/roadmap/tasks']['post']['requestBody']>
>;
export type TaskPatch = Body<
  NonNullable<paths['/api/v1/compliance/roadmap/tasks/{id}']['patch']['requestBody']>
>;
export type NewWorkstream = Body<
  NonNullable<paths['/api/v1/compliance/roadmap/workstreams']['post']['requestBody']>
>;
export type WorkstreamPatch = Body<
  NonNullable<paths['/api/v1/compliance/roadmap/workstreams/{id}']['patch']['requestBody']>
>;
export type PhasePatch = Body<
  NonNullable<paths['/api/v1/compliance/roadmap/phases/{id}']['patch']['requestBody']>
>;

export const TASK_STATUSES: readonly TaskStatus[] = [
  'not_started',
  'in_progress',
  'blocked',
  'done',
  'cancelled',
];
export const RACI_ROLES = ['responsible', 'accountable', 'consulted', 'informed'] as const;
export type RaciRole = (typeof RACI_ROLES)[number];

const BASE = '/api/v1/compliance';
const enc = encodeURIComponent;

export const complianceKeys = {
  all: ['compliance'] as const,
  library: ['compliance', 'library'] as const,
  libraryIn: (language: string) => ['compliance', 'library', language] as const,
  licensedText: (id: string) => ['compliance', 'licensed-text', id] as const,
  evidence: (source: string) => ['compliance', 'evidence', source] as const,
  assessments: ['compliance', 'assessments'] as const,
  assessmentList: (status?: string) => ['compliance', 'assessments', 'list', status ?? ''] as const,
  assessment: (id: string) => ['compliance', 'assessments', 'detail', id] as const,
  itemEvidence: (id: string, itemId: string) =>
    ['compliance', 'assessments', 'evidence', id, itemId] as const,
  assessmentEvidence: (id: string) => ['compliance', 'assessments', 'evidence', id] as const,
  comparison: (base: string, current: string) =>
    ['compliance', 'assessments', 'compare', base, current] as const,
  roadmap: ['compliance', 'roadmap'] as const,
};

/**
 * The library with its guidance in the interface language (the client sends it as
 * Accept-Language); one cache entry per language, so switching language fetches it again.
 */
export function libraryQuery(language: string) {
  return queryOptions({
    queryKey: complianceKeys.libraryIn(language),
    queryFn: ({ signal }) => api.get<Library>(`${BASE}/library`, { signal }),
    // The library changes only when a new data file is loaded.
    staleTime: 10 * 60_000,
  });
}

export function licensedTextQuery(requirementId: string) {
  return queryOptions({
    queryKey: complianceKeys.licensedText(requirementId),
    queryFn: ({ signal }) =>
      api.get<LicensedText>(`${BASE}/library/requirements/${enc(requirementId)}/licensed-text`, {
        signal,
      }),
  });
}

export const saveLicensedText = (requirementId: string, text: string | null, version: number) =>
  request<LicensedText>('PUT', `${BASE}/library/requirements/${enc(requirementId)}/licensed-text`, {
    body: { text },
    version,
  });

export function evidenceSourceQuery(source: string) {
  return queryOptions({
    queryKey: complianceKeys.evidence(source),
    queryFn: ({ signal }) => api.get<EvidenceFigure>(`${BASE}/evidence/${enc(source)}`, { signal }),
    staleTime: 60_000,
  });
}

export function assessmentsQuery(status?: 'open' | 'closed') {
  return infiniteQueryOptions({
    queryKey: complianceKeys.assessmentList(status),
    queryFn: ({ pageParam, signal }) =>
      api.list<AssessmentSummary>(
        `${BASE}/assessments`,
        { status, limit: 50, cursor: pageParam },
        signal,
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

/** Every assessment, for the pickers of "copy from" and the comparison. */
export const allAssessmentsQuery = queryOptions({
  queryKey: [...complianceKeys.assessments, 'all'] as const,
  queryFn: ({ signal }) =>
    api.list<AssessmentSummary>(`${BASE}/assessments`, { limit: 200 }, signal),
});

export function assessmentQuery(id: string) {
  return queryOptions({
    queryKey: complianceKeys.assessment(id),
    queryFn: ({ signal }) => api.get<Assessment>(`${BASE}/assessments/${enc(id)}`, { signal }),
  });
}

export function itemEvidenceQuery(id: string, itemId: string) {
  return queryOptions({
    queryKey: complianceKeys.itemEvidence(id, itemId),
    queryFn: ({ signal }) =>
      api.get<ItemEvidence>(`${BASE}/assessments/${enc(id)}/items/${enc(itemId)}/evidence`, {
        signal,
      }),
  });
}

export function assessmentEvidenceQuery(id: string) {
  return queryOptions({
    queryKey: complianceKeys.assessmentEvidence(id),
    queryFn: ({ signal }) =>
      api.get<{ items: ItemEvidence[] }>(`${BASE}/assessments/${enc(id)}/evidence`, { signal }),
    staleTime: 60_000,
  });
}

export function comparisonQuery(base: string, current: string) {
  return queryOptions({
    queryKey: complianceKeys.comparison(base, current),
    queryFn: ({ signal }) =>
      api.get<Comparison>(`${BASE}/assessments/compare`, { query: { base, current }, signal }),
  });
}

export const createAssessment = (body: NewAssessment, idempotencyKey: string) =>
  api.post<Assessment>(`${BASE}/assessments`, body, { idempotencyKey });

export const closeAssessment = (id: string, version: number) =>
  api.post<Assessment>(`${BASE}/assessments/${enc(id)}/close`, undefined, { version });

export const updateItem = (id: string, itemId: string, patch: ItemPatch, version: number) =>
  api.patch<AssessmentItem>(`${BASE}/assessments/${enc(id)}/items/${enc(itemId)}`, patch, {
    version,
  });

export const gapsToTasks = (id: string, body: { phaseId?: string; workstreamId?: string | null }) =>
  api.post<{ created: Task[]; alreadyPlanned: number }>(
    `${BASE}/assessments/${enc(id)}/gaps-to-tasks`,
    body,
  );

export const gapReportUrl = (id: string) => buildUrl(`${BASE}/assessments/${enc(id)}/report.pdf`);
export const roadmapWorkbookUrl = () => buildUrl(`${BASE}/roadmap.xlsx`);

export const roadmapQuery = queryOptions({
  queryKey: complianceKeys.roadmap,
  queryFn: ({ signal }) => api.get<Roadmap>(`${BASE}/roadmap`, { signal }),
});

export const createTask = (body: NewTask, idempotencyKey: string) =>
  api.post<Task>(`${BASE}/roadmap/tasks`, body, { idempotencyKey });

export const updateTask = (id: string, patch: TaskPatch, version: number) =>
  api.patch<Task>(`${BASE}/roadmap/tasks/${enc(id)}`, patch, { version });

export const createWorkstream = (body: NewWorkstream, idempotencyKey: string) =>
  api.post<Workstream>(`${BASE}/roadmap/workstreams`, body, { idempotencyKey });

export const updateWorkstream = (id: string, patch: WorkstreamPatch, version: number) =>
  api.patch<Workstream>(`${BASE}/roadmap/workstreams/${enc(id)}`, patch, { version });

export const updatePhase = (id: string, patch: PhasePatch, version: number) =>
  api.patch<Phase>(`${BASE}/roadmap/phases/${enc(id)}`, patch, { version });
