import { infiniteQueryOptions, queryOptions } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { paths } from '../../api/schema';

export type DocumentRecord =
  paths['/api/v1/documents']['post']['responses'][201]['content']['application/json'];
export type DocumentDetail =
  paths['/api/v1/documents/{id}']['get']['responses'][200]['content']['application/json'];
export type DocumentVersion = DocumentDetail['versions'][number];
export type DocumentComment = DocumentDetail['comments'][number];
export type DocumentKind = DocumentRecord['kind'];
export type DocumentStatus = DocumentRecord['status'];
export type ChecklistItem =
  paths['/api/v1/documents/checklist']['get']['responses'][200]['content']['application/json'][number];
export type Campaign =
  paths['/api/v1/acknowledgement-campaigns/{id}']['get']['responses'][200]['content']['application/json'];
export type MyAcknowledgement =
  paths['/api/v1/acknowledgements']['get']['responses'][200]['content']['application/json'][number];
export type MyAcknowledgementDetail =
  paths['/api/v1/acknowledgements/{id}']['get']['responses'][200]['content']['application/json'];

export const DOCUMENT_KINDS: readonly DocumentKind[] = [
  'policy',
  'plan',
  'process',
  'procedure',
  'work_instruction',
  'record_template',
];
export const DOCUMENT_STATUSES: readonly DocumentStatus[] = [
  'draft',
  'in_review',
  'approved',
  'retired',
];
/** The mandatory-checklist keys of the requirement library (src/modules/compliance/library). */
export const CHECKLIST_KEYS = [
  'scope',
  'sms-policy',
  'sms-objectives',
  'sms-plan',
  'change-management-policy',
  'information-security-policy',
  'continuity-plans',
  'service-catalogue',
  'slas',
  'supplier-contracts',
  'process-documents',
] as const;

export interface DocumentFilters {
  kind?: DocumentKind;
  status?: DocumentStatus;
  requirement?: string;
  reviewOverdue?: boolean;
  q?: string;
}

export const documentsKeys = {
  all: ['documents'] as const,
  lists: ['documents', 'list'] as const,
  list: (filters: DocumentFilters) => ['documents', 'list', filters] as const,
  detail: (id: string) => ['documents', 'detail', id] as const,
  checklist: ['documents', 'checklist'] as const,
  campaigns: (id: string) => ['documents', 'campaigns', id] as const,
  mine: ['acknowledgements'] as const,
  myOne: (campaignId: string) => ['acknowledgements', campaignId] as const,
};

const path = (id: string) => `/api/v1/documents/${encodeURIComponent(id)}`;

export function documentsListQuery(filters: DocumentFilters) {
  return infiniteQueryOptions({
    queryKey: documentsKeys.list(filters),
    queryFn: ({ pageParam, signal }) =>
      api.list<DocumentRecord>(
        '/api/v1/documents',
        { ...filters, limit: 50, cursor: pageParam },
        signal,
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export const documentQuery = (id: string) =>
  queryOptions({
    queryKey: documentsKeys.detail(id),
    queryFn: ({ signal }) => api.get<DocumentDetail>(path(id), { signal }),
  });

export const checklistQuery = () =>
  queryOptions({
    queryKey: documentsKeys.checklist,
    queryFn: ({ signal }) => api.get<ChecklistItem[]>('/api/v1/documents/checklist', { signal }),
  });

export const campaignsQuery = (id: string) =>
  queryOptions({
    queryKey: documentsKeys.campaigns(id),
    queryFn: ({ signal }) => api.get<Campaign[]>(`${path(id)}/campaigns`, { signal }),
  });

export const myAcknowledgementsQuery = () =>
  queryOptions({
    queryKey: documentsKeys.mine,
    queryFn: ({ signal }) => api.get<MyAcknowledgement[]>('/api/v1/acknowledgements', { signal }),
  });

export const myAcknowledgementQuery = (campaignId: string) =>
  queryOptions({
    queryKey: documentsKeys.myOne(campaignId),
    queryFn: ({ signal }) =>
      api.get<MyAcknowledgementDetail>(
        `/api/v1/acknowledgements/${encodeURIComponent(campaignId)}`,
        { signal },
      ),
  });

export interface DocumentInput {
  kind: DocumentKind;
  title: string;
  body?: string;
  ownerId?: string | null;
  checklistKey?: string | null;
  requirements?: string[];
  nextReviewAt?: string | null;
}

export const createDocument = (body: DocumentInput, idempotencyKey: string) =>
  api.post<DocumentRecord>('/api/v1/documents', body, { idempotencyKey });

export const updateDocument = (
  id: string,
  patch: Partial<DocumentInput> & { changeNote?: string | null },
  version: number,
) => api.patch<DocumentRecord>(path(id), patch, { version });

export type WorkflowStep = 'submit' | 'approve' | 'reject' | 'retire';

export const workflowStep = (
  id: string,
  step: WorkflowStep,
  body: { comment?: string; reviewerId?: string | null; nextReviewAt?: string | null },
  version: number,
) => api.post<DocumentRecord>(`${path(id)}/${step}`, body, { version });

export const addComment = (id: string, body: string) =>
  api.post<DocumentComment>(`${path(id)}/comments`, { body });

export const launchCampaign = (
  id: string,
  body: { roles: string[]; groupIds: string[]; dueAt: string; message?: string | null },
  idempotencyKey: string,
) => api.post<Campaign>(`${path(id)}/campaigns`, body, { idempotencyKey });

export const acknowledge = (campaignId: string) =>
  api.post<MyAcknowledgement>(`/api/v1/acknowledgements/${encodeURIComponent(campaignId)}`);

export const GUIDELINES_URL = '/api/v1/documents/process-guidelines.docx';
