import { queryOptions, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../../api/client';
import type { paths } from '../../api/schema';

type Json<R> = R extends { content: { 'application/json': infer B } } ? B : never;
type Body<R> = R extends { content: { 'application/json': infer B } } ? B : never;

export type Programme = Json<paths['/api/v1/audits/programmes']['get']['responses'][200]>[number];
export type ProgrammeView = Json<paths['/api/v1/audits/programmes/{id}']['get']['responses'][200]>;
export type AuditListItem = ProgrammeView['audits'][number];
export type Audit = Json<paths['/api/v1/audits/{id}']['get']['responses'][200]>;
export type Finding = Audit['findings'][number];
export type SampleEntry = Audit['sample'][number];
export type GradeScheme = Json<
  paths['/api/v1/audits/grade-schemes']['get']['responses'][200]
>[number];
export type Grade = GradeScheme['grades'][number];
export type SuccessRate = Json<paths['/api/v1/audits/success-rate']['get']['responses'][200]>;
export type AuditType = Audit['type'];
export type AuditStatus = Audit['status'];
export type SampleResult = SampleEntry['result'];
export type ActionState = Finding['actionState'];
export type NewAudit = Body<NonNullable<paths['/api/v1/audits']['post']['requestBody']>>;
export type NewProgramme = Body<
  NonNullable<paths['/api/v1/audits/programmes']['post']['requestBody']>
>;
export type NewFinding = Body<
  NonNullable<paths['/api/v1/audits/{id}/findings']['post']['requestBody']>
>;
export type ActionPatch = Body<
  NonNullable<paths['/api/v1/audit-findings/{id}/action']['patch']['requestBody']>
>;

export const AUDIT_TYPES: readonly AuditType[] = [
  'internal',
  'stage-1',
  'stage-2',
  'surveillance',
  'recertification',
  'special',
  'follow-up',
];
export const SAMPLE_RESULTS: readonly SampleResult[] = [
  'not-audited',
  'conforming',
  'nonconforming',
];
export const GRADE_KINDS: readonly Grade['kind'][] = [
  'major-nonconformity',
  'minor-nonconformity',
  'observation',
  'opportunity-for-improvement',
];

/** The moves the server allows (src/modules/audits/audits.ts). */
export const NEXT_STATUSES: Record<AuditStatus, readonly AuditStatus[]> = {
  planned: ['in-progress', 'cancelled'],
  'in-progress': ['completed', 'cancelled'],
  completed: [],
  cancelled: [],
};

export const isNonconformity = (kind: Grade['kind']) =>
  kind === 'major-nonconformity' || kind === 'minor-nonconformity';

export const auditsKeys = {
  all: ['audits'] as const,
  programmes: ['audits', 'programmes'] as const,
  programme: (id: string) => ['audits', 'programme', id] as const,
  detail: (id: string) => ['audits', 'detail', id] as const,
  schemes: ['audits', 'grade-schemes'] as const,
  rate: (from: string, to: string) => ['audits', 'success-rate', from, to] as const,
  actions: (filters: ActionFilters) => ['audits', 'actions', filters] as const,
};

export interface ActionFilters {
  status?: 'open' | 'closed';
  overdue?: boolean;
  mine?: boolean;
}

export const programmesQuery = () =>
  queryOptions({
    queryKey: auditsKeys.programmes,
    queryFn: ({ signal }) => api.get<Programme[]>('/api/v1/audits/programmes', { signal }),
  });

export const programmeQuery = (id: string) =>
  queryOptions({
    queryKey: auditsKeys.programme(id),
    queryFn: ({ signal }) =>
      api.get<ProgrammeView>(`/api/v1/audits/programmes/${encodeURIComponent(id)}`, { signal }),
  });

export const auditQuery = (id: string) =>
  queryOptions({
    queryKey: auditsKeys.detail(id),
    queryFn: ({ signal }) => api.get<Audit>(`/api/v1/audits/${encodeURIComponent(id)}`, { signal }),
  });

export const gradeSchemesQuery = () =>
  queryOptions({
    queryKey: auditsKeys.schemes,
    queryFn: ({ signal }) => api.get<GradeScheme[]>('/api/v1/audits/grade-schemes', { signal }),
  });

export const successRateQuery = (from: string, to: string) =>
  queryOptions({
    queryKey: auditsKeys.rate(from, to),
    queryFn: ({ signal }) =>
      api.get<SuccessRate>('/api/v1/audits/success-rate', { query: { from, to }, signal }),
  });

export const actionsQuery = (filters: ActionFilters) =>
  queryOptions({
    queryKey: auditsKeys.actions(filters),
    queryFn: ({ signal }) =>
      api.get<Finding[]>('/api/v1/audits/actions', { query: { ...filters }, signal }),
  });

export const reportUrl = (id: string) => `/api/v1/audits/${encodeURIComponent(id)}/report.pdf`;

/**
 * Runs one write on an audit or one of its findings and refreshes what shows it; the failure is
 * kept for the section that made it, and what the user typed stays where it was.
 */
export function useAuditWrite() {
  const queryClient = useQueryClient();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const run = async <T>(write: () => Promise<T>): Promise<T | null> => {
    setBusy(true);
    setError(null);
    try {
      const saved = await write();
      await queryClient.invalidateQueries({ queryKey: auditsKeys.all });
      void queryClient.invalidateQueries({ queryKey: ['audit-events'] });
      return saved;
    } catch (caught) {
      setError(caught);
      return null;
    } finally {
      setBusy(false);
    }
  };
  return { run, error, setError, busy };
}

/** Today as YYYY-MM-DD in UTC, the way due dates are compared on the server. */
export const today = () => new Date().toISOString().slice(0, 10);
