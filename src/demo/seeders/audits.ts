// Demo the certification cycle: a completed internal audit with a minor nonconformity and two opportunities for improvement, its corrective action verified; the stage 1 and stage 2 certification audits: being built in issue 7.
import type { Services } from '../../server/services.js';
import type { DemoWorkspace } from '../demo.js';

export async function seedAudits(services: Services, workspace: DemoWorkspace): Promise<void> {
  void services;
  void workspace;
}
