import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import type { AppRoute } from '../../app/router';

// Imports from other tools (issue 9): upload a CSV or XLSX file, map its columns, dry run, run.
// The router adds these under the signed-in shell.
export function importRoutes(parent: AppRoute) {
  const importsRoute = createRoute({
    getParentRoute: () => parent,
    path: '/admin/imports',
    component: lazyRouteComponent(() => import('./imports-page'), 'ImportsPage'),
  });
  return [importsRoute] as const;
}
