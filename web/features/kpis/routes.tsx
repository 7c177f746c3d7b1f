import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import type { AppRoute } from '../../app/router';
import { validateDashboardSearch } from './period';

export interface KpiRecordsSearch {
  from?: string;
  to?: string;
  serviceId?: string;
  priority?: string;
  groupId?: string;
  organisationId?: string;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const text = (value: unknown) => (typeof value === 'string' && value ? value : undefined);

// KPIs (issue 8): the executive and service manager dashboards, the records behind a number and
// the KPI administration. The router adds these under the signed-in shell.
export function kpiRoutes(parent: AppRoute) {
  const executiveRoute = createRoute({
    getParentRoute: () => parent,
    path: '/dashboard',
    validateSearch: validateDashboardSearch,
    component: lazyRouteComponent(
      () => import('./executive-dashboard-page'),
      'ExecutiveDashboardPage',
    ),
  });
  const serviceRoute = createRoute({
    getParentRoute: () => parent,
    path: '/dashboard/service',
    validateSearch: validateDashboardSearch,
    component: lazyRouteComponent(() => import('./service-dashboard-page'), 'ServiceDashboardPage'),
  });
  const recordsRoute = createRoute({
    getParentRoute: () => parent,
    path: '/dashboard/kpis/$key/records',
    validateSearch: (search: Record<string, unknown>): KpiRecordsSearch => ({
      from: typeof search.from === 'string' && DAY.test(search.from) ? search.from : undefined,
      to: typeof search.to === 'string' && DAY.test(search.to) ? search.to : undefined,
      serviceId: text(search.serviceId),
      priority: text(search.priority),
      groupId: text(search.groupId),
      organisationId: text(search.organisationId),
    }),
    component: lazyRouteComponent(() => import('./kpi-records-page'), 'KpiRecordsPage'),
  });
  const adminRoute = createRoute({
    getParentRoute: () => parent,
    path: '/admin/kpis',
    component: lazyRouteComponent(() => import('./kpi-admin-page'), 'KpiAdminPage'),
  });
  return [executiveRoute, serviceRoute, recordsRoute, adminRoute] as const;
}
