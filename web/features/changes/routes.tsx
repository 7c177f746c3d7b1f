import type { AppRoute } from '../../app/router';

// Change management: change list, change form and record, CAB inbox, change policy (issue 5). The router adds these under the signed-in shell.
export function changeRoutes(parent: AppRoute) {
  void parent;
  return [] as const;
}
