// Demo a quarter of changes: standard, normal and emergency, a few failed and backed out: being built in issue 5.
import type { Services } from '../../server/services.js';
import type { DemoWorkspace } from '../demo.js';

export async function seedChanges(services: Services, workspace: DemoWorkspace): Promise<void> {
  void services;
  void workspace;
}
