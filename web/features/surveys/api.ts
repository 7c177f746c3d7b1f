import { queryOptions } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { paths } from '../../api/schema';

export type PublicSurvey =
  paths['/api/v1/surveys/by-token/{token}']['get']['responses'][200]['content']['application/json'];

export const surveyQuery = (token: string) =>
  queryOptions({
    queryKey: ['survey', token],
    queryFn: ({ signal }) =>
      api.get<PublicSurvey>(`/api/v1/surveys/by-token/${encodeURIComponent(token)}`, {
        signal,
        expectUnauthorized: true,
      }),
    retry: false,
    staleTime: Number.POSITIVE_INFINITY,
  });

export const answerSurvey = (
  token: string,
  body: { rating: number; comment?: string },
  idempotencyKey: string,
) =>
  api.post<{ state: 'answered' }>(`/api/v1/surveys/by-token/${encodeURIComponent(token)}`, body, {
    idempotencyKey,
    expectUnauthorized: true,
  });
