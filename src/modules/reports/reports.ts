// Domain rules of the monthly service report (issue 8): months, scopes, subscriptions. No
// framework, no SQL.
import { invalid } from '../../shared/errors.js';
import type { Period } from '../kpis/kpis.js';

/** What a report covers: one service or one customer organisation. */
export type Scope = { kind: 'service'; id: string } | { kind: 'organisation'; id: string };

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** "2026-04" → the period 2026-04-01 … 2026-04-30; 400 naming the field otherwise. */
export function monthPeriod(month: string, field = '/month'): Period {
  const m = MONTH.exec(month);
  if (!m) throw invalid(field, 'must be a month written YYYY-MM, e.g. 2026-04');
  const year = Number(m[1]);
  const index = Number(m[2]);
  const last = new Date(Date.UTC(year, index, 0)).getUTCDate();
  return { from: `${month}-01`, to: `${month}-${String(last).padStart(2, '0')}` };
}

/** The month before the one containing `now`, as "YYYY-MM". */
export function previousMonth(now: Date): string {
  const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1));
  return d.toISOString().slice(0, 7);
}

/** "April 2026". */
export function monthLabel(month: string): string {
  const d = new Date(`${month}-01T00:00:00.000Z`);
  return d.toLocaleString('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' });
}

/** Exactly one of serviceId and organisationId. */
export function scopeOf(query: { serviceId?: string; organisationId?: string }): Scope {
  const { serviceId, organisationId } = query;
  if (serviceId && organisationId)
    throw invalid('/organisationId', 'give either serviceId or organisationId, not both');
  if (serviceId) return { kind: 'service', id: serviceId };
  if (organisationId) return { kind: 'organisation', id: organisationId };
  throw invalid('/serviceId', 'give a serviceId or an organisationId');
}

export interface Subscription {
  id: string;
  userId: string;
  userName: string;
  serviceId: string | null;
  organisationId: string | null;
  /** The service's or organisation's name. */
  scopeName: string;
  createdAt: string;
}

/** The file name of a report, e.g. "service-report-2026-04-tills.pdf". */
export function reportFileName(month: string, scopeName: string): string {
  const slug = scopeName
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40);
  return `service-report-${month}${slug ? `-${slug}` : ''}.pdf`;
}
