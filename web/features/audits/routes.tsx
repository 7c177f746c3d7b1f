import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import type { AppRoute } from '../../app/router';

// Audits (issue 7): the programme calendar, the corrective action tracker and the audit page.
// The router adds these under the signed-in shell.
export function auditRoutes(parent: AppRoute) {
  const programmeRoute = createRoute({
    getParentRoute: () => parent,
    path: '/audits',
    component: lazyRouteComponent(() => import('./programme-page'), 'ProgrammePage'),
  });
  const actionsRoute = createRoute({
    getParentRoute: () => parent,
    path: '/audits/actions',
    component: lazyRouteComponent(() => import('./actions-page'), 'ActionsPage'),
  });
  const auditRoute = createRoute({
    getParentRoute: () => parent,
    path: '/audits/$auditId',
    component: lazyRouteComponent(() => import('./audit-page'), 'AuditPage'),
  });
  return [programmeRoute, actionsRoute, auditRoute] as const;
}
