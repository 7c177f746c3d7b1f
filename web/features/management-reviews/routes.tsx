import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import type { AppRoute } from '../../app/router';

// Management reviews (issue 7). The router adds these under the signed-in shell.
export function managementReviewRoutes(parent: AppRoute) {
  const listRoute = createRoute({
    getParentRoute: () => parent,
    path: '/management-reviews',
    component: lazyRouteComponent(() => import('./reviews-list-page'), 'ReviewsListPage'),
  });
  const recordRoute = createRoute({
    getParentRoute: () => parent,
    path: '/management-reviews/$reviewId',
    component: lazyRouteComponent(() => import('./review-page'), 'ReviewPage'),
  });
  return [listRoute, recordRoute] as const;
}
