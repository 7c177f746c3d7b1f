import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import type { AppRoute } from '../../app/router';
import { PROBLEM_STATUSES, type ProblemStatus } from './api';

export interface ProblemsSearch {
  status?: ProblemStatus;
  serviceId?: string;
  q?: string;
}

export interface KnownErrorsSearch {
  q?: string;
  serviceId?: string;
}

export interface TrendsSearch {
  from?: string;
  to?: string;
  min?: number;
}

const text = (value: unknown) =>
  typeof value === 'string' && value.trim() ? value.trim().slice(0, 200) : undefined;
const day = (value: unknown) =>
  typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : undefined;

// Problem management: problem list and pages, the trend report and the known-error database
// (issue 5). The router adds these under the signed-in shell.
export function problemRoutes(parent: AppRoute) {
  const listRoute = createRoute({
    getParentRoute: () => parent,
    path: '/problems',
    validateSearch: (search: Record<string, unknown>): ProblemsSearch => ({
      status: PROBLEM_STATUSES.includes(search.status as ProblemStatus)
        ? (search.status as ProblemStatus)
        : undefined,
      serviceId: text(search.serviceId),
      q: text(search.q),
    }),
    component: lazyRouteComponent(() => import('./problems-list-page'), 'ProblemsListPage'),
  });
  const trendsRoute = createRoute({
    getParentRoute: () => parent,
    path: '/problems/trends',
    validateSearch: (search: Record<string, unknown>): TrendsSearch => {
      const min = Number(search.min);
      return {
        from: day(search.from),
        to: day(search.to),
        min: Number.isInteger(min) && min >= 2 && min <= 1000 ? min : undefined,
      };
    },
    component: lazyRouteComponent(() => import('./trends-page'), 'TrendsPage'),
  });
  const recordRoute = createRoute({
    getParentRoute: () => parent,
    path: '/problems/$problemId',
    component: lazyRouteComponent(() => import('./problem-record-page'), 'ProblemRecordPage'),
  });
  const knownErrorsRoute = createRoute({
    getParentRoute: () => parent,
    path: '/known-errors',
    validateSearch: (search: Record<string, unknown>): KnownErrorsSearch => ({
      q: text(search.q),
      serviceId: text(search.serviceId),
    }),
    component: lazyRouteComponent(() => import('./known-errors-page'), 'KnownErrorsPage'),
  });
  return [listRoute, trendsRoute, recordRoute, knownErrorsRoute] as const;
}
