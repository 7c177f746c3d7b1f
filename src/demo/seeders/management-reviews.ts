// Demo a management review with its inputs, decisions and actions: being built in issue 7.
import type { Services } from '../../server/services.js';
import type { DemoWorkspace } from '../demo.js';

export async function seedManagementReviews(
  services: Services,
  workspace: DemoWorkspace,
): Promise<void> {
  void services;
  void workspace;
}
