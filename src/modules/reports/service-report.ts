// What a monthly service report contains, gathered in one read transaction: every KPI figure from
// the KPI engine (so the report and GET /api/v1/kpis/{key}/series agree to the unit), the volumes,
// major incidents, problems and changes from the records, improvements from their summary.
import type { Executor } from '../../db/executor.js';
import type { ImprovementSummary } from '../improvements/improvements.service.js';
import { type Direction, type Period, type Status, statusOf, type Unit } from '../kpis/kpis.js';
import type { KpiValue } from '../kpis/kpis.service.js';
import type { Filter } from '../kpis/source.js';
import type { Scope } from './reports.js';
import { reportRepository as repo } from './reports.repository.js';

/** The KPIs of the report, in order, and the figure of each shown beside the value. */
export const REPORT_KPIS = [
  'sla-first-response-attainment',
  'sla-resolution-attainment',
  'service-delivery-time',
  'mean-time-to-resolve',
  'customer-satisfaction-index',
  'survey-response-rate',
] as const;

export interface ReportKpi {
  key: string;
  name: string;
  unit: Unit;
  value: number | null;
  count: number;
  targetValue: number | null;
  status: Status;
}

/** A service's availability in the month, against the service's own target. */
export interface ReportAvailability {
  serviceId: string;
  serviceName: string;
  /** Percent, one decimal as the KPI API gives it. */
  value: number | null;
  /** The service's own target; null when it has none. */
  target: number | null;
  outageMinutes: number | null;
  /** Major incidents whose outage took some of the month. */
  outages: number;
  status: Status;
}

export interface ServiceReportData {
  month: string;
  period: Period;
  scope: Scope & { name: string };
  generatedAt: Date;
  volumes: {
    incidentsLogged: number;
    incidentsResolved: number;
    requestsLogged: number;
    requestsResolved: number;
  };
  /** The service's availability; for an organisation, that of each service its tickets used. */
  availability: ReportAvailability[];
  kpis: ReportKpi[];
  majorIncidents: {
    number: string;
    title: string;
    priority: string;
    status: string;
    createdAt: string;
    resolvedAt: string | null;
  }[];
  problems: { opened: number; resolved: number };
  /** Null for an organisation: changes are recorded against services, not customers. */
  changes: {
    raised: number;
    emergency: number;
    closed: number;
    successful: number;
    successRate: number | null;
    emergencyRatio: number | null;
  } | null;
  improvements: ImprovementSummary;
}

/** What the report reads of the other modules (services.ts hands them over). */
export interface ReportModules {
  kpis: {
    value(trx: Executor, key: string, period: Period, filter?: Filter): Promise<KpiValue>;
  };
  improvements: { summary(trx: Executor, period: Period): Promise<ImprovementSummary> };
}

const percentOf = (part: number, whole: number) =>
  whole === 0 ? null : Math.round((part / whole) * 1000) / 10;

export async function gatherReport(
  trx: Executor,
  modules: ReportModules,
  input: { month: string; period: Period; scope: Scope & { name: string }; generatedAt: Date },
): Promise<ServiceReportData> {
  const { period, scope } = input;
  const start = `${period.from}T00:00:00.000Z`;
  const endDay = new Date(`${period.to}T00:00:00.000Z`);
  endDay.setUTCDate(endDay.getUTCDate() + 1);
  const end = endDay.toISOString();
  const filter: Filter =
    scope.kind === 'service' ? { service: scope.id } : { organisation: scope.id };
  const names = await repo.kpiNames(trx, [...REPORT_KPIS]);
  const kpis: ReportKpi[] = [];
  for (const key of REPORT_KPIS) {
    const value = await modules.kpis.value(trx, key, period, filter);
    const definition = names.get(key);
    kpis.push({
      key,
      name: definition?.name ?? key,
      unit: (definition?.unit ?? 'count') as Unit,
      value: value.value,
      count: value.count,
      targetValue: value.targetValue,
      status: value.status,
    });
  }
  const changes = scope.kind === 'service' ? await repo.changes(trx, scope.id, start, end) : null;
  const services =
    scope.kind === 'service'
      ? [{ id: scope.id, name: scope.name }]
      : await repo.servicesUsedBy(trx, scope.id, start, end);
  const availability: ReportAvailability[] = [];
  const rule = (await repo.kpiNames(trx, ['availability'])).get('availability');
  // Read from the service itself: the API rounds details to one decimal, and 99.95 is a target.
  const targets = await repo.availabilityTargets(
    trx,
    services.map((s) => s.id),
  );
  for (const s of services) {
    // The same figure as GET /api/v1/kpis/availability?service=…, judged against the service's
    // own target rather than the KPI's organisation-wide one.
    const v = await modules.kpis.value(trx, 'availability', period, { service: s.id });
    const target = targets.get(s.id) ?? null;
    availability.push({
      serviceId: s.id,
      serviceName: s.name,
      value: v.value,
      target,
      outageMinutes: v.details.outageMinutes ?? null,
      outages: v.count,
      status: statusOf(
        v.value,
        target,
        (rule?.direction ?? 'higher-is-better') as Direction,
        rule?.atRiskMargin ?? 0,
      ),
    });
  }
  return {
    ...input,
    availability,
    volumes: await repo.ticketVolumes(trx, scope, start, end),
    kpis,
    majorIncidents: (await repo.majorIncidents(trx, scope, start, end)).map((r) => ({
      number: r.number,
      title: r.title,
      priority: r.priority,
      status: r.status,
      createdAt: r.created_at,
      resolvedAt: r.resolved_at,
    })),
    problems: await repo.problems(trx, scope, start, end),
    changes: changes && {
      ...changes,
      successRate: percentOf(changes.successful, changes.closed),
      emergencyRatio: percentOf(changes.emergency, changes.raised),
    },
    improvements: await modules.improvements.summary(trx, period),
  };
}
