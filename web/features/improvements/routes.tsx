import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import type { AppRoute } from '../../app/router';
import {
  IMPROVEMENT_SOURCES,
  IMPROVEMENT_STATUSES,
  type ImprovementSource,
  type ImprovementStatus,
} from './api';

export interface RegisterSearch {
  view?: 'board' | 'table';
  status?: ImprovementStatus;
  source?: ImprovementSource;
  mine?: boolean;
  overdue?: boolean;
}

const flag = (value: unknown) => (value === true || value === 'true' ? true : undefined);

// The continual improvement register (board and table) and improvement pages (issue 7). The router adds these under the signed-in shell.
export function improvementRoutes(parent: AppRoute) {
  const registerRoute = createRoute({
    getParentRoute: () => parent,
    path: '/improvements',
    validateSearch: (search: Record<string, unknown>): RegisterSearch => ({
      view: search.view === 'table' ? 'table' : undefined,
      status: (IMPROVEMENT_STATUSES as readonly unknown[]).includes(search.status)
        ? (search.status as ImprovementStatus)
        : undefined,
      source: (IMPROVEMENT_SOURCES as readonly unknown[]).includes(search.source)
        ? (search.source as ImprovementSource)
        : undefined,
      mine: flag(search.mine),
      overdue: flag(search.overdue),
    }),
    component: lazyRouteComponent(() => import('./register-page'), 'RegisterPage'),
  });
  const recordRoute = createRoute({
    getParentRoute: () => parent,
    path: '/improvements/$improvementId',
    component: lazyRouteComponent(() => import('./improvement-page'), 'ImprovementPage'),
  });
  return [registerRoute, recordRoute] as const;
}
