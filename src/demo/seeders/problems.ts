// Demo problems raised from incident trends, with known errors and workarounds: being built in issue 5.
import type { Services } from '../../server/services.js';
import type { DemoWorkspace } from '../demo.js';

export async function seedProblems(services: Services, workspace: DemoWorkspace): Promise<void> {
  void services;
  void workspace;
}
