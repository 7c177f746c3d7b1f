// SLA policies: which targets apply to a ticket, and which statuses pause which clock. Pure.
import type { BusinessCalendar } from './calendar.js';

export const CLOCKS = ['first_response', 'resolution'] as const;
export type ClockKind = (typeof CLOCKS)[number];
export const PRIORITIES = ['P1', 'P2', 'P3', 'P4'] as const;
export type Priority = (typeof PRIORITIES)[number];
export const TICKET_TYPES = ['incident', 'request'] as const;
export type TicketType = (typeof TICKET_TYPES)[number];

/**
 * A target in business time: minutes, or business days converted by the calendar's stated length
 * of a business day (never 24 hours), or "by the end of the next business day".
 */
export type Target =
  | { kind: 'minutes'; minutes: number }
  | { kind: 'business-days'; days: number }
  | { kind: 'end-of-next-business-day' };

export interface PolicyConditions {
  services?: string[];
  organisations?: string[];
  priorities?: Priority[];
  ticketTypes?: TicketType[];
}

export interface SlaPolicy {
  id: string;
  name: string;
  /** Lower comes first; the first policy whose conditions all hold is chosen. */
  order: number;
  active: boolean;
  conditions: PolicyConditions;
  calendarId: string;
  targets: Record<ClockKind, Partial<Record<Priority, Target>>>;
  /** Percentages of the target at which a warning fires; 100 is the breach. */
  thresholds: number[];
  /** Ticket statuses that pause each clock while it runs. */
  pauseOn: Record<ClockKind, string[]>;
}

export interface TicketFacts {
  type: TicketType;
  priority: Priority;
  serviceId?: string | null;
  organisationId?: string | null;
}

export interface PolicyChoice {
  policy: SlaPolicy;
  /** Why this policy, in words, recorded on the ticket. */
  reason: string;
}

function describeMatch(policy: SlaPolicy, facts: TicketFacts): string[] | null {
  const c = policy.conditions;
  const reasons: string[] = [];
  if (c.ticketTypes?.length) {
    if (!c.ticketTypes.includes(facts.type)) return null;
    reasons.push(`type ${facts.type}`);
  }
  if (c.priorities?.length) {
    if (!c.priorities.includes(facts.priority)) return null;
    reasons.push(`priority ${facts.priority}`);
  }
  if (c.services?.length) {
    if (!facts.serviceId || !c.services.includes(facts.serviceId)) return null;
    reasons.push(`service ${facts.serviceId}`);
  }
  if (c.organisations?.length) {
    if (!facts.organisationId || !c.organisations.includes(facts.organisationId)) return null;
    reasons.push(`organisation ${facts.organisationId}`);
  }
  return reasons;
}

export function choosePolicy(policies: SlaPolicy[], facts: TicketFacts): PolicyChoice | null {
  const ordered = policies
    .filter((p) => p.active)
    .sort((a, b) => a.order - b.order || a.name.localeCompare(b.name));
  for (const policy of ordered) {
    const matched = describeMatch(policy, facts);
    if (!matched) continue;
    const reason = matched.length
      ? `"${policy.name}" (order ${policy.order}) is the first active policy matching ${matched.join(', ')}`
      : `"${policy.name}" (order ${policy.order}) is the first active policy, and it has no conditions`;
    return { policy, reason };
  }
  return null;
}

/** A target as business minutes for a clock starting at `startMs` on `calendar`. */
export function targetMinutes(
  target: Target,
  calendar: BusinessCalendar,
  startMs: number,
  businessDayMinutes: number,
): number {
  switch (target.kind) {
    case 'minutes':
      return target.minutes;
    case 'business-days':
      return target.days * businessDayMinutes;
    case 'end-of-next-business-day':
      return calendar.elapsed(startMs, calendar.endOfNextBusinessDay(startMs));
  }
}

export function describeTarget(target: Target): string {
  switch (target.kind) {
    case 'minutes':
      return target.minutes % 60 === 0
        ? `${target.minutes / 60} business hours`
        : `${target.minutes} business minutes`;
    case 'business-days':
      return `${target.days} business day${target.days === 1 ? '' : 's'}`;
    case 'end-of-next-business-day':
      return 'by the end of the next business day';
  }
}
