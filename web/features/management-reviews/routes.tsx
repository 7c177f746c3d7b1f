import type { AppRoute } from '../../app/router';

// Management reviews (issue 7). The router adds these under the signed-in shell.
export function managementReviewRoutes(parent: AppRoute) {
  void parent;
  return [] as const;
}
