import { queryOptions } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { paths } from '../../api/schema';

// Shapes straight from the server's OpenAPI (web/api/schema.d.ts).
type Json<R> = R extends { content: { 'application/json': infer B } } ? B : never;

export type ImportFields = Json<paths['/api/v1/imports/fields']['get']['responses'][200]>;
export type ImportType = ImportFields[number]['type'];
export type FieldSpec = ImportFields[number]['fields'][number];
export type Upload = Json<paths['/api/v1/imports/uploads/{id}']['get']['responses'][200]>;
export type ImportRun = Json<paths['/api/v1/imports/runs/{id}']['get']['responses'][200]>;
export type RunTicket = Json<
  paths['/api/v1/imports/runs/{id}/tickets']['get']['responses'][200]
>[number];
export type RunRequest = NonNullable<
  paths['/api/v1/imports/runs']['post']['requestBody']
>['content']['application/json'];
export type Mapping = RunRequest['mapping'];

export const IMPORT_TYPES: readonly ImportType[] = ['incidents', 'requests', 'users', 'services'];

export const importFieldsQuery = () =>
  queryOptions({
    queryKey: ['imports', 'fields'],
    queryFn: ({ signal }) => api.get<ImportFields>('/api/v1/imports/fields', { signal }),
    staleTime: Number.POSITIVE_INFINITY,
  });

/** Polls while the run is going. */
export const importRunQuery = (id: string) =>
  queryOptions({
    queryKey: ['imports', 'runs', id],
    queryFn: ({ signal }) =>
      api.get<ImportRun>(`/api/v1/imports/runs/${encodeURIComponent(id)}`, { signal }),
    refetchInterval: (query) => (query.state.data?.status === 'running' ? 500 : false),
  });

export const importRunsQuery = () =>
  queryOptions({
    queryKey: ['imports', 'runs'],
    queryFn: ({ signal }) =>
      api.get<{ items: ImportRun[] }>('/api/v1/imports/runs', { signal, query: { limit: 20 } }),
    refetchInterval: (query) =>
      query.state.data?.items.some((r) => r.status === 'running') ? 1000 : false,
  });

export const runTicketsQuery = (id: string) =>
  queryOptions({
    queryKey: ['imports', 'runs', id, 'tickets'],
    queryFn: ({ signal }) =>
      api.get<RunTicket[]>(`/api/v1/imports/runs/${encodeURIComponent(id)}/tickets`, { signal }),
  });

export const uploadFile = (file: File) => api.upload<Upload>('/api/v1/imports/uploads', file);

export const startRun = (body: RunRequest) =>
  api.post<{ id: string }>('/api/v1/imports/runs', body);
