import type { AppRoute } from '../../app/router';

// Problem management: problem list and pages, the known-error database (issue 5). The router adds these under the signed-in shell.
export function problemRoutes(parent: AppRoute) {
  void parent;
  return [] as const;
}
