// Change trend analysis (8.5.1.3): success rate, emergency ratio and changes causing incidents, by
// service or by month. The formulas are documented in docs/changes.md; the KPI dashboard reuses them.
import type { Change } from './changes.js';

export interface TrendStats {
  total: number;
  standard: number;
  normal: number;
  emergency: number;
  closed: number;
  successful: number;
  failed: number;
  successRate: number | null;
  emergencyRatio: number | null;
  causingIncidents: number;
  incidentRate: number | null;
}

const ratio = (part: number, whole: number) =>
  whole === 0 ? null : Math.round((part / whole) * 10_000) / 10_000;

export function statsOf(changes: Change[]): TrendStats {
  const count = (test: (c: Change) => boolean) => changes.filter(test).length;
  const total = changes.length;
  const closed = count((c) => c.status === 'closed');
  const successful = count(
    (c) =>
      c.status === 'closed' &&
      (c.closeCode === 'successful' || c.closeCode === 'successful_with_issues'),
  );
  const failed = count(
    (c) => c.status === 'closed' && (c.closeCode === 'failed' || c.closeCode === 'backed_out'),
  );
  const emergency = count((c) => c.type === 'emergency');
  const causingIncidents = count((c) => c.causedIncidentIds.length > 0);
  return {
    total,
    standard: count((c) => c.type === 'standard'),
    normal: count((c) => c.type === 'normal'),
    emergency,
    closed,
    successful,
    failed,
    successRate: ratio(successful, closed),
    emergencyRatio: ratio(emergency, total),
    causingIncidents,
    incidentRate: ratio(causingIncidents, closed),
  };
}

/** The date a change counts at: its planned start, or its creation when it has none. */
export const referenceDate = (c: Change) => c.plannedStart ?? c.createdAt;

export function trends(
  changes: Change[],
  groupBy: 'service' | 'month',
  serviceName: (id: string) => string,
) {
  const groups = new Map<string, Change[]>();
  for (const c of changes) {
    const keys = groupBy === 'service' ? c.serviceIds : [referenceDate(c).slice(0, 7)];
    for (const key of keys) groups.set(key, [...(groups.get(key) ?? []), c]);
  }
  const rows = [...groups.entries()].map(([key, members]) => ({
    key,
    label: groupBy === 'service' ? serviceName(key) : key,
    ...statsOf(members),
  }));
  rows.sort((a, b) =>
    groupBy === 'month' ? a.key.localeCompare(b.key) : a.label.localeCompare(b.label),
  );
  return { totals: statsOf(changes), groups: rows };
}
