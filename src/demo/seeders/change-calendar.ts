// Demo freeze and blackout windows: the winter sales freeze on the customer-facing services (the
// French sales start in the second week of January and run four weeks) and a blackout on the
// storefront for the launch of the spring collection preview.
import type { Services } from '../../server/services.js';
import type { Actor } from '../../shared/actor.js';
import type { DemoWorkspace } from '../demo.js';

const DAY = 86_400_000;

/** The coming winter sales: this January while it is January, otherwise next January. */
export function winterSales(now: Date): { start: string; end: string } {
  const year = now.getUTCMonth() === 0 ? now.getUTCFullYear() : now.getUTCFullYear() + 1;
  return {
    start: new Date(Date.UTC(year, 0, 6)).toISOString(),
    end: new Date(Date.UTC(year, 1, 4)).toISOString(),
  };
}

/** The storefront launch: ten days from now, for two days, starting at 06:00 UTC. */
export function storefrontLaunch(now: Date): { start: string; end: string } {
  const day = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()) + 10 * DAY;
  return {
    start: new Date(day + 6 * 3_600_000).toISOString(),
    end: new Date(day + 2 * DAY + 6 * 3_600_000).toISOString(),
  };
}

export async function seedChangeCalendar(
  services: Services,
  workspace: DemoWorkspace,
): Promise<void> {
  const manager = workspace.users.manager;
  if (!manager) throw new Error('demo user manager is missing');
  const actor: Actor = { id: manager.id, name: manager.name, role: 'manager' };
  const svc = workspace.services ?? {};
  const ids = (...handles: string[]) =>
    handles.map((h) => svc[h]?.id).filter((id): id is string => Boolean(id));
  const now = services.clock.now();
  const calendar = services.changeCalendar;

  const sales = await calendar.createWindow(actor, {
    name: 'Winter sales',
    kind: 'freeze',
    ...winterSales(now),
    serviceIds: ids('storefront', 'payments', 'pos'),
    reason:
      'The four weeks of the winter sales bring a third of the online revenue: no changes to the storefront, payments or tills unless the change manager accepts a justified exception.',
  });
  const launch = await calendar.createWindow(actor, {
    name: 'Spring collection preview launch',
    kind: 'blackout',
    ...storefrontLaunch(now),
    serviceIds: ids('storefront'),
    reason:
      'Private-client preview of the spring collection, announced by email to 40,000 clients.',
  });
  workspace.freezeWindows = {
    winterSales: { id: sales.id, name: sales.name },
    springLaunch: { id: launch.id, name: launch.name },
  };
}
