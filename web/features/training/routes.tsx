import type { AppRoute } from '../../app/router';

// Training and competence (issue 7). The router adds these under the signed-in shell.
export function trainingRoutes(parent: AppRoute) {
  void parent;
  return [] as const;
}
