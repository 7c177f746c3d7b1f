import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import type { AppRoute } from '../../app/router';
import { type BoardFilters, RELEASE_TYPES, type ReleaseType } from './api';

export interface ReleaseBoardSearch extends BoardFilters {
  /** Show the closed column too (it only grows). */
  closed?: boolean;
}

// Releases: the release board and release pages (issue 5). The router adds these under the signed-in shell.
export function releaseRoutes(parent: AppRoute) {
  const boardRoute = createRoute({
    getParentRoute: () => parent,
    path: '/releases',
    validateSearch: (search: Record<string, unknown>): ReleaseBoardSearch => ({
      serviceId:
        typeof search.serviceId === 'string' && search.serviceId ? search.serviceId : undefined,
      type: (RELEASE_TYPES as readonly unknown[]).includes(search.type)
        ? (search.type as ReleaseType)
        : undefined,
      closed: search.closed === true || search.closed === 'true' ? true : undefined,
    }),
    component: lazyRouteComponent(() => import('./release-board-page'), 'ReleaseBoardPage'),
  });
  const recordRoute = createRoute({
    getParentRoute: () => parent,
    path: '/releases/$releaseId',
    component: lazyRouteComponent(() => import('./release-record-page'), 'ReleaseRecordPage'),
  });
  return [boardRoute, recordRoute] as const;
}
