// Demo the monthly service reports: the SMS manager receives the reports of the storefront and
// point-of-sale services and subscribes the executive to the Paris boutique's; the agent Marco
// Rossi subscribes himself to payments. Goes through the report service, so each is audited.
import type { Services } from '../../server/services.js';
import type { Actor } from '../../shared/actor.js';
import type { DemoWorkspace } from '../demo.js';

const actorOf = (u: { id: string; name: string; role: string }): Actor => ({
  id: u.id,
  name: u.name,
  role: u.role as Actor['role'],
});

export async function seedServiceReports(
  services: Services,
  workspace: DemoWorkspace,
): Promise<void> {
  const manager = workspace.users.manager;
  if (!manager) throw new Error('demo user manager is missing');
  const actor = actorOf(manager);
  const service = (handle: string) => {
    const found = workspace.services?.[handle];
    if (!found) throw new Error(`demo service ${handle} is missing`);
    return found.id;
  };
  await services.serviceReports.subscribe(actor, { serviceId: service('storefront') });
  await services.serviceReports.subscribe(actor, { serviceId: service('pos') });
  const executive = workspace.users.executive;
  const paris = workspace.organisations.paris;
  if (executive && paris)
    await services.serviceReports.subscribe(actor, {
      userId: executive.id,
      organisationId: paris.id,
    });
  const agent = workspace.users.agent;
  if (agent)
    await services.serviceReports.subscribe(actorOf(agent), { serviceId: service('payments') });
}
