import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import type { AppRoute } from '../../app/router';

export interface ReportsSearch {
  /** Preselects a service (the executive dashboard's link passes its service filter). */
  serviceId?: string;
  organisationId?: string;
  month?: string;
}

const text = (value: unknown) => (typeof value === 'string' && value ? value : undefined);

// Service reports (issue 8): the monthly service reports and their subscriptions, and the
// Service Management Strategy Framework deck. The router adds these under the signed-in shell.
export function reportRoutes(parent: AppRoute) {
  const reportsRoute = createRoute({
    getParentRoute: () => parent,
    path: '/reports',
    validateSearch: (search: Record<string, unknown>): ReportsSearch => ({
      serviceId: text(search.serviceId),
      organisationId: text(search.organisationId),
      month:
        typeof search.month === 'string' && /^\d{4}-(0[1-9]|1[0-2])$/.test(search.month)
          ? search.month
          : undefined,
    }),
    component: lazyRouteComponent(() => import('./reports-page'), 'ReportsPage'),
  });
  return [reportsRoute] as const;
}
