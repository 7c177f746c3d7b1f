import type { AppRoute } from '../../app/router';

// Service reports (issue 8): the monthly service reports and their subscriptions, and the
// Service Management Strategy Framework deck. The router adds these under the signed-in shell.
export function reportRoutes(_parent: AppRoute) {
  return [];
}
