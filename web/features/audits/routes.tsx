import type { AppRoute } from '../../app/router';

// Audits (issue 7). The router adds these under the signed-in shell.
export function auditRoutes(parent: AppRoute) {
  void parent;
  return [] as const;
}
