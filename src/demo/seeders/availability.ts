// Demo availability per service (clause 8.7.1): each service gets an availability target, and a
// few incidents of the generated history become major incidents with a review recording the
// outage they caused, so the service manager dashboard and the monthly reports show availability
// against target (some services on track, some at risk or off track). Targets go through the
// catalogue service (audited); the history is backdated, so, like the ticket generator, the
// outages are written straight into the tables with the instants of the incidents they belong to.
import type { Services } from '../../server/services.js';
import type { Actor } from '../../shared/actor.js';
import type { DemoWorkspace } from '../demo.js';

/** Agreed availability by service handle (src/demo/seeders/catalogue.ts). */
const TARGETS: Record<string, number> = {
  storefront: 99.9,
  payments: 99.95,
  pos: 99.5,
  crm: 99,
  email: 99.5,
  warehouse: 99,
};

/** [service, about how many days ago, outage minutes]: the incidents that become major. */
const OUTAGES: [string, number, number][] = [
  ['storefront', 12, 40],
  ['payments', 20, 95],
  ['payments', 5, 30],
  ['pos', 25, 250],
  ['warehouse', 40, 180],
  ['crm', 70, 300],
];

const MINUTE = 60_000;
const DAY = 86_400_000;

export async function seedAvailability(services: Services, workspace: DemoWorkspace) {
  const u = workspace.users.manager;
  if (!u) throw new Error('demo user manager is missing');
  const manager: Actor = { id: u.id, name: u.name, role: u.role as Actor['role'] };
  for (const [handle, target] of Object.entries(TARGETS)) {
    const id = workspace.services?.[handle]?.id;
    if (!id) continue;
    const service = await services.catalogue.getService(manager, id);
    await services.catalogue.updateService(manager, id, service.version, {
      availabilityTarget: target,
    });
  }

  const now = services.clock.now().getTime();
  const { db } = services;
  for (const [handle, daysAgo, minutes] of OUTAGES) {
    const serviceId = workspace.services?.[handle]?.id;
    if (!serviceId) continue;
    // The first resolved incident of the service logged on or after that day (none: skipped,
    // e.g. a demo seeded without history).
    const incident = await db
      .selectFrom('tickets')
      .select(['id', 'created_at'])
      .where('service_id', '=', serviceId)
      .where('type', '=', 'incident')
      .where('resolved_at', 'is not', null)
      .where('created_at', '>=', new Date(now - daysAgo * DAY).toISOString())
      .orderBy('created_at')
      .orderBy('id')
      .executeTakeFirst();
    if (!incident) continue;
    const start = Date.parse(incident.created_at) - 10 * MINUTE;
    const at = new Date(now).toISOString();
    await db
      .updateTable('tickets')
      .set({ major_incident: true })
      .where('id', '=', incident.id)
      .execute();
    await db
      .insertInto('major_incident_reviews')
      .values({
        ticket_id: incident.id,
        summary: 'Service unavailable to customers and boutiques until the fix was deployed.',
        impact: 'Sales and store operations interrupted during the outage.',
        root_cause: '',
        lessons: '',
        actions: '',
        outage_start: new Date(start).toISOString(),
        outage_end: new Date(start + minutes * MINUTE).toISOString(),
        reviewed_by: null,
        reviewed_at: null,
        created_at: at,
        updated_at: at,
        version: 1,
      })
      .onConflict((oc) => oc.column('ticket_id').doNothing())
      .execute();
  }
}
