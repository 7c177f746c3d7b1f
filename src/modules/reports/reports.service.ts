// The monthly service reports' use cases. Who may: kpis.read downloads a report and manages one's
// own subscriptions; kpis.manage manages anyone's. The monthly job (REPORT_JOB) emails each
// subscriber a link to the previous month's report, once per (subscription, month).
import type { Executor } from '../../db/executor.js';
import { toBool } from '../../db/values.js';
import { type Actor, can, requirePermission } from '../../shared/actor.js';
import type { Clock } from '../../shared/clock.js';
import { DomainError, invalid, notFound } from '../../shared/errors.js';
import { uuidv7 } from '../../shared/ids.js';
import type { AuditService } from '../audit/audit.service.js';
import type { Mailer } from '../notifications/mailer.js';
import {
  monthLabel,
  monthPeriod,
  previousMonth,
  reportFileName,
  type Scope,
  type Subscription,
  scopeOf,
} from './reports.js';
import { reportRepository as repo, type SubscriptionRow } from './reports.repository.js';
import { gatherReport, type ReportModules, type ServiceReportData } from './service-report.js';
import { availabilityText, formatFigure, serviceReportPdf } from './service-report-pdf.js';

/** The job that emails last month's reports; it runs hourly and sends from the 1st on. */
export const REPORT_JOB = 'reports.monthly-service-reports';

export interface ReportQuery {
  month: string;
  serviceId?: string;
  organisationId?: string;
}

const ENTITY = 'service_report_subscription';

const toSubscription = (r: SubscriptionRow): Subscription => ({
  id: r.id,
  userId: r.user_id,
  userName: r.user_name,
  serviceId: r.service_id,
  organisationId: r.organisation_id,
  scopeName: r.service_name ?? r.organisation_name ?? '',
  createdAt: r.created_at,
});

/** The download address of a report, relative to the site. */
export function reportPath(month: string, scope: Scope): string {
  const key = scope.kind === 'service' ? 'serviceId' : 'organisationId';
  return `/api/v1/reports/service-report.pdf?month=${month}&${key}=${scope.id}`;
}

export function createServiceReportService(deps: {
  db: Executor;
  audit: AuditService;
  clock: Clock;
  mailer: Mailer;
  publicUrl: string;
  modules: () => ReportModules;
}) {
  const { db, audit, clock, mailer, publicUrl } = deps;
  audit.registerReader(ENTITY, async (actor) => can(actor, 'kpis.read'));

  async function named(trx: Executor, scope: Scope): Promise<Scope & { name: string }> {
    const name = await repo.scopeName(trx, scope);
    if (name === undefined)
      throw notFound(scope.kind === 'service' ? 'The service' : 'The organisation');
    return { ...scope, name };
  }

  async function data(trx: Executor, month: string, scope: Scope): Promise<ServiceReportData> {
    const period = monthPeriod(month);
    return gatherReport(trx, deps.modules(), {
      month,
      period,
      scope: await named(trx, scope),
      generatedAt: clock.now(),
    });
  }

  function mailText(report: ServiceReportData, userName: string): string {
    const lines = [
      `Hello ${userName},`,
      '',
      `The service report of ${monthLabel(report.month)} for ${report.scope.name} is ready.`,
      '',
      `Incidents logged: ${report.volumes.incidentsLogged}, resolved: ${report.volumes.incidentsResolved}`,
      `Service requests logged: ${report.volumes.requestsLogged}, resolved: ${report.volumes.requestsResolved}`,
      // As in the PDF: the service's own, or each service the organisation's tickets used.
      ...report.availability.map((a) =>
        report.scope.kind === 'service'
          ? `Availability: ${availabilityText(a)}`
          : `Availability of ${a.serviceName}: ${availabilityText(a)}`,
      ),
      ...report.kpis.map((k) => `${k.name}: ${formatFigure(k.value, k.unit)}`),
      `Major incidents: ${report.majorIncidents.length}`,
      '',
      `Download the full report (PDF, sign-in required): ${publicUrl}${reportPath(report.month, report.scope)}`,
      '',
      'You receive this email because you subscribed to this monthly report in Meridian.',
    ];
    return `${lines.join('\n')}\n`;
  }

  return {
    /** The PDF of one month for a service or an organisation. */
    async report(actor: Actor, query: ReportQuery): Promise<{ filename: string; pdf: Buffer }> {
      requirePermission(actor, 'kpis.read', 'download service reports');
      monthPeriod(query.month);
      const scope = scopeOf(query);
      const report = await db.transaction().execute((trx) => data(trx, query.month, scope));
      return {
        filename: reportFileName(query.month, report.scope.name),
        pdf: await serviceReportPdf(report),
      };
    },

    /** One's own subscriptions; everyone's with kpis.manage and `all`; by user, then scope name. */
    async subscriptions(actor: Actor, query: { all?: boolean }): Promise<Subscription[]> {
      requirePermission(actor, 'kpis.read', 'read service report subscriptions');
      if (query.all) requirePermission(actor, 'kpis.manage', "read others' subscriptions");
      const rows = await repo.list(db, query.all ? undefined : (actor.id ?? ''));
      return rows
        .map(toSubscription)
        .sort(
          (a, b) =>
            a.userName.localeCompare(b.userName) ||
            a.scopeName.localeCompare(b.scopeName) ||
            a.id.localeCompare(b.id),
        );
    },

    async subscribe(
      actor: Actor,
      input: { userId?: string; serviceId?: string; organisationId?: string },
    ): Promise<Subscription> {
      requirePermission(actor, 'kpis.read', 'subscribe to service reports');
      const userId = input.userId ?? actor.id;
      if (!userId) throw invalid('/userId', 'is required for the system');
      if (userId !== actor.id)
        requirePermission(actor, 'kpis.manage', 'subscribe someone else to service reports');
      const scope = scopeOf(input);
      return db.transaction().execute(async (trx) => {
        if (!(await repo.userExists(trx, userId))) throw invalid('/userId', 'is not a user');
        await named(trx, scope);
        if (await repo.duplicate(trx, userId, scope))
          throw new DomainError('CONFLICT', 'That user already receives this monthly report.');
        const id = uuidv7(clock.now().getTime());
        await repo.insertSubscription(trx, {
          id,
          user_id: userId,
          service_id: scope.kind === 'service' ? scope.id : null,
          organisation_id: scope.kind === 'organisation' ? scope.id : null,
          created_by: actor.id,
          created_at: clock.now().toISOString(),
        });
        await audit.record(trx, actor, {
          action: 'create',
          entityType: ENTITY,
          entityId: id,
          changes: {
            userId: { from: null, to: userId },
            [scope.kind === 'service' ? 'serviceId' : 'organisationId']: {
              from: null,
              to: scope.id,
            },
          },
        });
        return toSubscription((await repo.subscription(trx, id)) as SubscriptionRow);
      });
    },

    async unsubscribe(actor: Actor, id: string): Promise<void> {
      requirePermission(actor, 'kpis.read', 'unsubscribe from service reports');
      await db.transaction().execute(async (trx) => {
        const row = await repo.subscription(trx, id);
        if (!row) throw notFound('The subscription');
        if (row.user_id !== actor.id)
          requirePermission(actor, 'kpis.manage', "remove someone else's subscription");
        await repo.deleteSubscription(trx, id);
        await audit.record(trx, actor, {
          action: 'delete',
          entityType: ENTITY,
          entityId: id,
          changes: { userId: { from: row.user_id, to: null } },
        });
      });
    },

    /**
     * Emails the previous month's report to each subscription made before this month that has not
     * received it. Safe to run any number of times: each (subscription, month) is recorded in the
     * transaction that sends it, and a failed send rolls the record back for the next run.
     */
    async sendDue(): Promise<number> {
      const now = clock.now();
      const month = previousMonth(now);
      const before = `${now.toISOString().slice(0, 7)}-01T00:00:00.000Z`;
      const due = await repo.due(db, month, before);
      const reports = new Map<string, Promise<ServiceReportData>>();
      let sent = 0;
      for (const row of due) {
        if (!row.user_email || !toBool(row.user_active)) continue;
        const scope: Scope = row.service_id
          ? { kind: 'service', id: row.service_id }
          : { kind: 'organisation', id: row.organisation_id as string };
        const key = `${scope.kind}:${scope.id}`;
        let report = reports.get(key);
        if (!report) {
          report = db.transaction().execute((trx) => data(trx, month, scope));
          reports.set(key, report);
        }
        const ready = await report;
        const email = row.user_email;
        const done = await db.transaction().execute(async (trx) => {
          if (!(await repo.recordDelivery(trx, row.id, month, now.toISOString()))) return false;
          await mailer.send({
            to: email,
            subject: `Service report ${monthLabel(month)}: ${ready.scope.name}`,
            text: mailText(ready, row.user_name),
          });
          return true;
        });
        if (done) sent++;
      }
      return sent;
    },
  };
}

export type ServiceReportService = ReturnType<typeof createServiceReportService>;
