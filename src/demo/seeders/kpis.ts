// Demo the KPI engine: the programme's KPIs owned by the SMS manager and judged against the first
// quarter of the desk's history. The ticket seeder generates 180 days of history ending today, so
// the baseline period is its first 90 days (180 to 91 days ago); relative targets (−20 % delivery
// time, +15 % satisfaction…) are then measured against it. Goes through the KPI service as the
// SMS manager, so every change is in the audit trail.
import type { Services } from '../../server/services.js';
import type { Actor } from '../../shared/actor.js';
import type { DemoWorkspace } from '../demo.js';

const DAY = 86_400_000;

/** The KPIs whose target is relative to the baseline period. */
const BASELINED = [
  'service-delivery-time',
  'customer-satisfaction-index',
  'mean-time-to-resolve',
  'backlog',
  'backlog-age',
  'incidents-per-service',
];

export function demoBaseline(services: Services): { from: string; to: string } {
  const today = Date.parse(`${services.clock.now().toISOString().slice(0, 10)}T00:00:00.000Z`);
  const day = (offset: number) => new Date(today + offset * DAY).toISOString().slice(0, 10);
  return { from: day(-180), to: day(-91) };
}

export async function seedKpis(services: Services, workspace: DemoWorkspace): Promise<void> {
  const u = workspace.users.manager;
  if (!u) throw new Error('demo user manager is missing');
  const manager: Actor = { id: u.id, name: u.name, role: u.role as Actor['role'] };
  const baseline = demoBaseline(services);
  const period = { from: baseline.from, to: baseline.to };
  const kpis = await services.kpis.list(manager, period);
  for (const kpi of kpis) {
    await services.kpis.update(manager, kpi.key, kpi.version, {
      ownerId: u.id,
      ...(BASELINED.includes(kpi.key) ? { baseline } : {}),
    });
  }
}
