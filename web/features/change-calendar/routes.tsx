import type { AppRoute } from '../../app/router';

// The change calendar and the freeze windows (issue 5). The router adds these under the signed-in shell.
export function changeCalendarRoutes(parent: AppRoute) {
  void parent;
  return [] as const;
}
