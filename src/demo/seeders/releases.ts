// Demo storefront releases: being built in issue 5.
import type { Services } from '../../server/services.js';
import type { DemoWorkspace } from '../demo.js';

export async function seedReleases(services: Services, workspace: DemoWorkspace): Promise<void> {
  void services;
  void workspace;
}
