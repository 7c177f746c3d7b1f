// Demo courses, competence requirements and assignments with 95% completion: being built in issue 7.
import type { Services } from '../../server/services.js';
import type { DemoWorkspace } from '../demo.js';

export async function seedTraining(services: Services, workspace: DemoWorkspace): Promise<void> {
  void services;
  void workspace;
}
