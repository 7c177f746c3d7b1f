import { infiniteQueryOptions, queryOptions } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { paths } from '../../api/schema';

// The catalogue's shapes come straight from the server's OpenAPI (web/api/schema.d.ts), so the
// form builder and the request form cannot drift from what the server accepts.

type Ok<P extends keyof paths> = paths[P]['get'] extends {
  responses: { 200: { content: { 'application/json': infer B } } };
}
  ? B
  : never;

export type Service = Ok<'/api/v1/services/{id}'>;
export type RequestType = Ok<'/api/v1/request-types/{id}'>;
export type ServiceStatus = Service['status'];
export type FormField = RequestType['form'][number];
export type FieldKind = FormField['kind'];
export type ApprovalStep = RequestType['approvals'][number];
export type ApprovalKind = ApprovalStep['kind'];
export type TaskTemplate = RequestType['tasks'][number];

export const SERVICE_STATUSES: readonly ServiceStatus[] = ['pipeline', 'live', 'retired'];
export const FIELD_KINDS: readonly FieldKind[] = [
  'text',
  'long-text',
  'number',
  'date',
  'select',
  'multi-select',
  'user',
  'checkbox',
];
export const APPROVAL_KINDS: readonly ApprovalKind[] = ['manager', 'service-owner', 'group'];
export const SELECT_KINDS: readonly FieldKind[] = ['select', 'multi-select'];
export const TEXT_KINDS: readonly FieldKind[] = ['text', 'long-text'];
export const BOUNDED_KINDS: readonly FieldKind[] = ['number', 'text', 'long-text'];

export interface ServiceFilters {
  q?: string;
  status?: ServiceStatus;
}

export interface RequestTypeFilters {
  q?: string;
  serviceId?: string;
  active?: 'true' | 'false';
}

export const catalogueKeys = {
  all: ['catalogue'] as const,
  services: ['catalogue', 'services'] as const,
  serviceLists: ['catalogue', 'services', 'list'] as const,
  serviceList: (filters: ServiceFilters) => ['catalogue', 'services', 'list', filters] as const,
  service: (id: string) => ['catalogue', 'services', 'detail', id] as const,
  requestTypeLists: ['catalogue', 'request-types', 'list'] as const,
  requestTypeList: (filters: RequestTypeFilters) =>
    ['catalogue', 'request-types', 'list', filters] as const,
  requestType: (id: string) => ['catalogue', 'request-types', 'detail', id] as const,
};

const servicePath = (id: string) => `/api/v1/services/${encodeURIComponent(id)}`;
const requestTypePath = (id: string) => `/api/v1/request-types/${encodeURIComponent(id)}`;

export function servicesListQuery(filters: ServiceFilters) {
  return infiniteQueryOptions({
    queryKey: catalogueKeys.serviceList(filters),
    queryFn: ({ pageParam, signal }) =>
      api.list<Service>('/api/v1/services', { ...filters, limit: 50, cursor: pageParam }, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export function serviceQuery(id: string) {
  return queryOptions({
    queryKey: catalogueKeys.service(id),
    queryFn: ({ signal }) => api.get<Service>(servicePath(id), { signal }),
    staleTime: 60_000,
  });
}

export function requestTypesListQuery(filters: RequestTypeFilters) {
  return infiniteQueryOptions({
    queryKey: catalogueKeys.requestTypeList(filters),
    queryFn: ({ pageParam, signal }) =>
      api.list<RequestType>(
        '/api/v1/request-types',
        { ...filters, limit: 50, cursor: pageParam },
        signal,
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export function requestTypeQuery(id: string) {
  return queryOptions({
    queryKey: catalogueKeys.requestType(id),
    queryFn: ({ signal }) => api.get<RequestType>(requestTypePath(id), { signal }),
    staleTime: 60_000,
  });
}

export type ServiceBody = Pick<
  Service,
  'name' | 'description' | 'status' | 'ownerId' | 'calendarId' | 'defaultGroupId'
>;

export function createService(body: Partial<ServiceBody> & { name: string }, key: string) {
  return api.post<Service>('/api/v1/services', body, { idempotencyKey: key });
}

export function updateService(id: string, patch: Partial<ServiceBody>, version: number) {
  return api.patch<Service>(servicePath(id), patch, { version });
}

export function deleteService(id: string, version: number): Promise<void> {
  return api.delete(servicePath(id), { version });
}

export type RequestTypeBody = Pick<
  RequestType,
  'serviceId' | 'name' | 'description' | 'active' | 'form' | 'approvals' | 'tasks' | 'instructions'
>;

export function createRequestType(
  body: Partial<RequestTypeBody> & { serviceId: string; name: string },
  key: string,
) {
  return api.post<RequestType>('/api/v1/request-types', body, { idempotencyKey: key });
}

export function updateRequestType(id: string, patch: Partial<RequestTypeBody>, version: number) {
  return api.patch<RequestType>(requestTypePath(id), patch, { version });
}

export function deleteRequestType(id: string, version: number): Promise<void> {
  return api.delete(requestTypePath(id), { version });
}
