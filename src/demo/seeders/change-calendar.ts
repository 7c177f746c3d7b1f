// Demo freeze and blackout windows (the winter sales): being built in issue 5.
import type { Services } from '../../server/services.js';
import type { DemoWorkspace } from '../demo.js';

export async function seedChangeCalendar(
  services: Services,
  workspace: DemoWorkspace,
): Promise<void> {
  void services;
  void workspace;
}
