import type { AppRoute } from '../../app/router';

// Releases: the release board and release pages (issue 5). The router adds these under the signed-in shell.
export function releaseRoutes(parent: AppRoute) {
  void parent;
  return [] as const;
}
