// The availability measure's SQL: the services' availability targets and the outage windows of
// their major incidents (from the major-incident reviews). Read-only; ranges are half-open
// [start, end) ISO instants, as in kpis.repository.ts.
import type { Executor } from '../../db/executor.js';
import { toBool } from '../../db/values.js';

export interface ServiceTarget {
  id: string;
  name: string;
  status: string;
  target: number | null;
}

export interface OutageFact {
  ticketId: string;
  number: string;
  title: string;
  serviceId: string;
  outageStart: string;
  outageEnd: string | null;
  /** When the incident was resolved (or closed, if it skipped resolution); null while open. */
  resolvedAt: string | null;
}

const toTarget = (r: {
  id: string;
  name: string;
  status: string;
  availability_target: number | null;
}): ServiceTarget => ({
  id: r.id,
  name: r.name,
  status: r.status,
  // PostgreSQL's `real` comes back as a number; the explicit conversion guards a driver string.
  target: r.availability_target === null ? null : Number(r.availability_target),
});

export const availabilityRepository = {
  async service(db: Executor, id: string): Promise<ServiceTarget | undefined> {
    const row = await db
      .selectFrom('services')
      .select(['id', 'name', 'status', 'availability_target'])
      .where('id', '=', id)
      .executeTakeFirst();
    return row && toTarget(row);
  },

  /** Live services that have an availability target, by name. */
  async liveServicesWithTarget(db: Executor): Promise<ServiceTarget[]> {
    const rows = await db
      .selectFrom('services')
      .select(['id', 'name', 'status', 'availability_target'])
      .where('status', '=', 'live')
      .where('availability_target', 'is not', null)
      .orderBy('name')
      .orderBy('id')
      .execute();
    return rows.map(toTarget);
  },

  /**
   * Outage windows of the major incidents of `serviceIds` near [start, end). The caller clips
   * exactly (a window without an end reaches as far as the ticket's resolution). The review keeps
   * the instants as typed, possibly with a UTC offset, so this text filter is widened by a day on
   * each side to never drop a window that an offset moves into the period.
   */
  async outages(
    db: Executor,
    serviceIds: string[],
    start: string,
    end: string,
  ): Promise<OutageFact[]> {
    if (serviceIds.length === 0) return [];
    const DAY = 86_400_000;
    const before = new Date(Date.parse(start) - DAY).toISOString();
    const after = new Date(Date.parse(end) + DAY).toISOString();
    // Reviews first, then their tickets: reviews are few, tickets many. One join let SQLite walk
    // every ticket of the services to find the reviews (90 ms of the dashboard at a million).
    const reviews = await db
      .selectFrom('major_incident_reviews')
      .select(['ticket_id', 'outage_start', 'outage_end'])
      .where('outage_start', 'is not', null)
      .where('outage_start', '<', after)
      .where((eb) => eb.or([eb('outage_end', 'is', null), eb('outage_end', '>', before)]))
      .execute();
    if (reviews.length === 0) return [];
    const tickets = new Map(
      (
        await db
          .selectFrom('tickets')
          .select([
            'id',
            'number',
            'title',
            'service_id',
            'major_incident',
            'resolved_at',
            'closed_at',
          ])
          .where(
            'id',
            'in',
            reviews.map((r) => r.ticket_id),
          )
          .where('service_id', 'in', serviceIds)
          .execute()
      ).map((t) => [t.id, t]),
    );
    const rows = reviews
      .flatMap((r) => {
        const t = tickets.get(r.ticket_id);
        return t ? [{ ...t, outage_start: r.outage_start, outage_end: r.outage_end }] : [];
      })
      .sort(
        (a, b) =>
          String(a.outage_start).localeCompare(String(b.outage_start)) || a.id.localeCompare(b.id),
      );
    return rows
      .filter((r) => toBool(r.major_incident))
      .map((r) => ({
        ticketId: r.id,
        number: r.number,
        title: r.title,
        serviceId: r.service_id as string,
        outageStart: r.outage_start as string,
        outageEnd: r.outage_end,
        resolvedAt: r.resolved_at ?? r.closed_at,
      }));
  },
};
