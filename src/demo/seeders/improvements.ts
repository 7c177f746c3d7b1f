// Demo the continual improvement register: being built in issue 7.
import type { Services } from '../../server/services.js';
import type { DemoWorkspace } from '../demo.js';

export async function seedImprovements(
  services: Services,
  workspace: DemoWorkspace,
): Promise<void> {
  void services;
  void workspace;
}
