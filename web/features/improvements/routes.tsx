import type { AppRoute } from '../../app/router';

// The continual improvement register (board and table) and improvement pages (issue 7). The router adds these under the signed-in shell.
export function improvementRoutes(parent: AppRoute) {
  void parent;
  return [] as const;
}
