// The service reports' only SQL: subscriptions, deliveries, and the record counts of a report that
// are volumes rather than KPIs (tickets logged and resolved, major incidents, problems, changes).
import type { Executor } from '../../db/executor.js';
import type { Bool } from '../../db/schema.js';
import type { ServiceReportSubscriptionsTable } from '../../db/tables/reports.js';
import { toBool } from '../../db/values.js';
import type { Scope } from './reports.js';

const TICKET_TYPES = ['incident', 'request'];
const SUCCESSFUL = ['successful', 'successful_with_issues'];

export interface SubscriptionRow extends ServiceReportSubscriptionsTable {
  user_name: string;
  user_email: string | null;
  user_active: Bool;
  service_name: string | null;
  organisation_name: string | null;
}

function subscriptions(db: Executor) {
  return db
    .selectFrom('service_report_subscriptions as s')
    .innerJoin('users as u', 'u.id', 's.user_id')
    .leftJoin('services as sv', 'sv.id', 's.service_id')
    .leftJoin('organisations as o', 'o.id', 's.organisation_id')
    .selectAll('s')
    .select([
      'u.name as user_name',
      'u.email as user_email',
      'u.active as user_active',
      'sv.name as service_name',
      'o.name as organisation_name',
    ]);
}

export const reportRepository = {
  async scopeName(db: Executor, scope: Scope): Promise<string | undefined> {
    const row =
      scope.kind === 'service'
        ? await db
            .selectFrom('services')
            .select('name')
            .where('id', '=', scope.id)
            .executeTakeFirst()
        : await db
            .selectFrom('organisations')
            .select('name')
            .where('id', '=', scope.id)
            .executeTakeFirst();
    return row?.name;
  },

  /** The names and units of KPI definitions, by key (read only). */
  async kpiNames(db: Executor, keys: string[]) {
    const rows = await db
      .selectFrom('kpi_definitions')
      .select(['id', 'name', 'unit', 'direction', 'at_risk_margin'])
      .where('id', 'in', keys)
      .execute();
    return new Map(
      rows.map((r) => [
        r.id,
        {
          name: r.name,
          unit: r.unit,
          direction: r.direction,
          atRiskMargin: Number(r.at_risk_margin),
        },
      ]),
    );
  },

  /** The availability targets of services, by id (null: no target). */
  async availabilityTargets(db: Executor, ids: string[]): Promise<Map<string, number | null>> {
    if (ids.length === 0) return new Map();
    const rows = await db
      .selectFrom('services')
      .select(['id', 'availability_target'])
      .where('id', 'in', ids)
      .execute();
    return new Map(
      rows.map((r) => [
        r.id,
        r.availability_target === null ? null : Number(r.availability_target),
      ]),
    );
  },

  /** The services of an organisation's incidents and requests logged in [start, end), by name. */
  servicesUsedBy(db: Executor, organisationId: string, start: string, end: string) {
    return db
      .selectFrom('tickets as t')
      .innerJoin('services as s', 's.id', 't.service_id')
      .select(['s.id', 's.name'])
      .distinct()
      .where('t.type', 'in', TICKET_TYPES)
      .where('t.organisation_id', '=', organisationId)
      .where('t.created_at', '>=', start)
      .where('t.created_at', '<', end)
      .orderBy('s.name')
      .orderBy('s.id')
      .execute();
  },

  async userExists(db: Executor, id: string): Promise<boolean> {
    return !!(await db.selectFrom('users').select('id').where('id', '=', id).executeTakeFirst());
  },

  insertSubscription(db: Executor, row: ServiceReportSubscriptionsTable) {
    return db.insertInto('service_report_subscriptions').values(row).execute();
  },

  subscription(db: Executor, id: string): Promise<SubscriptionRow | undefined> {
    return subscriptions(db).where('s.id', '=', id).executeTakeFirst() as Promise<
      SubscriptionRow | undefined
    >;
  },

  /** The same user on the same scope, if already subscribed. */
  duplicate(db: Executor, userId: string, scope: Scope) {
    return db
      .selectFrom('service_report_subscriptions')
      .select('id')
      .where('user_id', '=', userId)
      .where(scope.kind === 'service' ? 'service_id' : 'organisation_id', '=', scope.id)
      .executeTakeFirst();
  },

  /** Every subscription (or one user's), by creation. */
  list(db: Executor, userId?: string): Promise<SubscriptionRow[]> {
    let q = subscriptions(db);
    if (userId) q = q.where('s.user_id', '=', userId);
    return q.orderBy('s.created_at').orderBy('s.id').execute() as Promise<SubscriptionRow[]>;
  },

  /** Subscriptions made before `before` whose report of `month` was not sent yet. */
  due(db: Executor, month: string, before: string): Promise<SubscriptionRow[]> {
    return subscriptions(db)
      .where('s.created_at', '<', before)
      .where((eb) =>
        eb.not(
          eb.exists(
            eb
              .selectFrom('service_report_deliveries as d')
              .select('d.subscription_id')
              .whereRef('d.subscription_id', '=', 's.id')
              .where('d.month', '=', month),
          ),
        ),
      )
      .orderBy('s.created_at')
      .orderBy('s.id')
      .execute() as Promise<SubscriptionRow[]>;
  },

  async deleteSubscription(db: Executor, id: string) {
    await db.deleteFrom('service_report_deliveries').where('subscription_id', '=', id).execute();
    await db.deleteFrom('service_report_subscriptions').where('id', '=', id).execute();
  },

  /** Records the delivery; false when it was already recorded (another worker sent it). */
  async recordDelivery(db: Executor, subscriptionId: string, month: string, sentAt: string) {
    const result = await db
      .insertInto('service_report_deliveries')
      .values({ subscription_id: subscriptionId, month, sent_at: sentAt })
      .onConflict((oc) => oc.columns(['subscription_id', 'month']).doNothing())
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
  },

  /** Incidents and service requests logged and resolved in [start, end), by type. */
  async ticketVolumes(db: Executor, scope: Scope, start: string, end: string) {
    const column = scope.kind === 'service' ? 't.service_id' : 't.organisation_id';
    const rows = await db
      .selectFrom('tickets as t')
      .select(['t.type', 't.created_at', 't.resolved_at'])
      .where('t.type', 'in', TICKET_TYPES)
      .where(column, '=', scope.id)
      .where((eb) =>
        eb.or([
          eb.and([eb('t.created_at', '>=', start), eb('t.created_at', '<', end)]),
          eb.and([eb('t.resolved_at', '>=', start), eb('t.resolved_at', '<', end)]),
        ]),
      )
      .execute();
    const inside = (at: string | null) => at !== null && at >= start && at < end;
    const count = (type: string, at: 'created_at' | 'resolved_at') =>
      rows.filter((r) => r.type === type && inside(r[at])).length;
    return {
      incidentsLogged: count('incident', 'created_at'),
      incidentsResolved: count('incident', 'resolved_at'),
      requestsLogged: count('request', 'created_at'),
      requestsResolved: count('request', 'resolved_at'),
    };
  },

  /** Major incidents logged in [start, end), in order. */
  async majorIncidents(db: Executor, scope: Scope, start: string, end: string) {
    const column = scope.kind === 'service' ? 't.service_id' : 't.organisation_id';
    const rows = await db
      .selectFrom('tickets as t')
      .select([
        't.id',
        't.number',
        't.title',
        't.priority',
        't.status',
        't.created_at',
        't.resolved_at',
        't.major_incident',
      ])
      .where('t.type', '=', 'incident')
      .where(column, '=', scope.id)
      .where('t.created_at', '>=', start)
      .where('t.created_at', '<', end)
      .orderBy('t.created_at')
      .orderBy('t.id')
      .execute();
    return rows.filter((r) => toBool(r.major_incident));
  },

  /**
   * Problems opened and resolved in [start, end): of a service, those linked to it; of an
   * organisation, those linked to one of its incidents.
   */
  async problems(db: Executor, scope: Scope, start: string, end: string) {
    let q = db.selectFrom('problems as p').select(['p.id', 'p.created_at', 'p.resolved_at']);
    if (scope.kind === 'service')
      q = q.where((eb) =>
        eb.exists(
          eb
            .selectFrom('problem_services as ps')
            .select('ps.problem_id')
            .whereRef('ps.problem_id', '=', 'p.id')
            .where('ps.service_id', '=', scope.id),
        ),
      );
    else
      q = q.where((eb) =>
        eb.exists(
          eb
            .selectFrom('problem_incidents as pi')
            .innerJoin('tickets as t', 't.id', 'pi.ticket_id')
            .select('pi.problem_id')
            .whereRef('pi.problem_id', '=', 'p.id')
            .where('t.organisation_id', '=', scope.id),
        ),
      );
    const rows = await q.execute();
    const inside = (at: string | null) => at !== null && at >= start && at < end;
    return {
      opened: rows.filter((r) => inside(r.created_at)).length,
      resolved: rows.filter((r) => inside(r.resolved_at)).length,
    };
  },

  /**
   * Changes to a service: raised in [start, end) (and how many of them emergency changes), and
   * closed in it (and how many successfully), by the KPI engine's rules for the whole desk.
   */
  async changes(db: Executor, serviceId: string, start: string, end: string) {
    const rows = await db
      .selectFrom('changes as c')
      .innerJoin('change_services as cs', 'cs.change_id', 'c.id')
      .select(['c.id', 'c.type', 'c.close_code', 'c.closed_at', 'c.created_at'])
      .where('cs.service_id', '=', serviceId)
      .execute();
    const inside = (at: string | null) => at !== null && at >= start && at < end;
    const raised = rows.filter((r) => inside(r.created_at));
    const closed = rows.filter((r) => r.close_code !== null && inside(r.closed_at));
    return {
      raised: raised.length,
      emergency: raised.filter((r) => r.type === 'emergency').length,
      closed: closed.length,
      successful: closed.filter((r) => SUCCESSFUL.includes(r.close_code as string)).length,
    };
  },
};
