import { infiniteQueryOptions, queryOptions } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { paths } from '../../api/schema';

// Shapes straight from the server's OpenAPI (web/api/schema.d.ts).
type Json<R> = R extends { content: { 'application/json': infer B } } ? B : never;
type Body<R> = R extends { content: { 'application/json': infer B } } ? B : never;

export type Review = Json<paths['/api/v1/management-reviews/{id}']['get']['responses'][200]>;
export type ReviewListItem = Json<
  paths['/api/v1/management-reviews']['get']['responses'][200]
>['items'][number];
export type ReviewStatus = Review['status'];
export type ReviewAction = Review['actions'][number];
export type ReviewInput = NonNullable<Review['inputs']>['items'][number];
export type InputKey = ReviewInput['key'];
export type NewReview = Body<
  NonNullable<paths['/api/v1/management-reviews']['post']['requestBody']>
>;
export type ReviewPatch = Body<
  NonNullable<paths['/api/v1/management-reviews/{id}']['patch']['requestBody']>
>;
export type NewAction = Body<
  NonNullable<paths['/api/v1/management-reviews/{id}/actions']['post']['requestBody']>
>;
export type ActionPatch = Body<
  NonNullable<paths['/api/v1/management-review-actions/{id}']['patch']['requestBody']>
>;

export const INPUT_KEYS: readonly InputKey[] = [
  'previousActions',
  'serviceDelivery',
  'sla',
  'satisfaction',
  'audits',
  'improvements',
  'training',
];

export const reviewsKeys = {
  all: ['management-reviews'] as const,
  lists: ['management-reviews', 'list'] as const,
  detail: (id: string) => ['management-reviews', 'detail', id] as const,
};

export function reviewsListQuery() {
  return infiniteQueryOptions({
    queryKey: reviewsKeys.lists,
    queryFn: ({ pageParam, signal }) =>
      api.list<ReviewListItem>(
        '/api/v1/management-reviews',
        { limit: 50, cursor: pageParam },
        signal,
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export function reviewQuery(id: string) {
  return queryOptions({
    queryKey: reviewsKeys.detail(id),
    queryFn: ({ signal }) =>
      api.get<Review>(`/api/v1/management-reviews/${encodeURIComponent(id)}`, { signal }),
  });
}

const path = (id: string, ...rest: string[]) =>
  ['/api/v1/management-reviews', id, ...rest]
    .map((p, i) => (i === 0 ? p : encodeURIComponent(p)))
    .join('/');

export const createReview = (body: NewReview, idempotencyKey: string) =>
  api.post<Review>('/api/v1/management-reviews', body, { idempotencyKey });

export const updateReview = (id: string, patch: ReviewPatch, version: number) =>
  api.patch<Review>(path(id), patch, { version });

export const moveReview = (id: string, status: ReviewStatus, version: number) =>
  api.post<Review>(path(id, 'transitions'), { status }, { version });

export const refreshInputs = (id: string, version: number) =>
  api.post<Review>(path(id, 'inputs'), {}, { version });

export const addDecision = (id: string, text: string) =>
  api.post<Review>(path(id, 'decisions'), { text });

export const removeDecision = (id: string, decisionId: string) =>
  api.delete<Review>(path(id, 'decisions', decisionId));

export const addAction = (id: string, body: NewAction) =>
  api.post<ReviewAction>(path(id, 'actions'), body);

export const updateAction = (actionId: string, patch: ActionPatch, version: number) =>
  api.patch<ReviewAction>(
    `/api/v1/management-review-actions/${encodeURIComponent(actionId)}`,
    patch,
    { version },
  );
