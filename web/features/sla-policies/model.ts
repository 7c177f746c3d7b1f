import {
  PRIORITIES,
  type Priority,
  SLA_CLOCKS,
  type SlaClock,
  type SlaPolicy,
  type SlaPolicyConditions,
  type SlaTarget,
  type TicketType,
} from '../../api/types';
import type { PolicyBody } from './api';

// The policy editor's model: targets as "kind + amount + unit" cells, conditions and pause rules
// as lists, and the conversions to and from the API's shapes.

export type TargetKind = 'none' | SlaTarget['kind'];
export const TARGET_KINDS: readonly TargetKind[] = [
  'none',
  'minutes',
  'business-days',
  'end-of-next-business-day',
];
export type DurationUnit = 'minutes' | 'hours';

export interface TargetValue {
  kind: TargetKind;
  amount: number | string;
  unit: DurationUnit;
}

export type TargetsValue = Record<SlaClock, Record<Priority, TargetValue>>;

/** Statuses a ticket can wait in; others may be typed (later modules may add their own). */
export const KNOWN_PAUSE_STATUSES = ['on_hold_customer', 'on_hold_supplier', 'on_hold_change'];

export const MAX_MINUTES = 525_600;
export const MAX_DAYS = 366;

export interface PolicyValues extends Record<string, unknown> {
  name: string;
  order: number | string;
  active: boolean;
  calendarId: string | null;
  conditions: {
    ticketTypes: TicketType[];
    priorities: Priority[];
    organisations: string[];
    /** Not editable here (services do not exist yet) but kept as they are. */
    services: string[];
  };
  targets: TargetsValue;
  thresholds: number[];
  pauseOn: Record<SlaClock, string[]>;
}

export function targetValueOf(target: SlaTarget | undefined): TargetValue {
  if (!target) return { kind: 'none', amount: '', unit: 'hours' };
  if (target.kind === 'minutes') {
    return target.minutes % 60 === 0
      ? { kind: 'minutes', amount: target.minutes / 60, unit: 'hours' }
      : { kind: 'minutes', amount: target.minutes, unit: 'minutes' };
  }
  if (target.kind === 'business-days') {
    return { kind: 'business-days', amount: target.days, unit: 'hours' };
  }
  return { kind: 'end-of-next-business-day', amount: '', unit: 'hours' };
}

export function targetOf(value: TargetValue): SlaTarget | undefined {
  const amount = Number(value.amount);
  switch (value.kind) {
    case 'minutes':
      return {
        kind: 'minutes',
        minutes: Math.round(value.unit === 'hours' ? amount * 60 : amount),
      };
    case 'business-days':
      return { kind: 'business-days', days: amount };
    case 'end-of-next-business-day':
      return { kind: 'end-of-next-business-day' };
    default:
      return undefined;
  }
}

export function targetsOf(values: TargetsValue): SlaPolicy['targets'] {
  const result = { first_response: {}, resolution: {} } as SlaPolicy['targets'];
  for (const clock of SLA_CLOCKS) {
    for (const priority of PRIORITIES) {
      const target = targetOf(values[clock][priority]);
      if (target) result[clock][priority] = target;
    }
  }
  return result;
}

export function emptyTargets(): TargetsValue {
  const row = () =>
    Object.fromEntries(PRIORITIES.map((p) => [p, targetValueOf(undefined)])) as Record<
      Priority,
      TargetValue
    >;
  return { first_response: row(), resolution: row() };
}

export function conditionsOf(values: PolicyValues['conditions']): SlaPolicyConditions {
  const conditions: SlaPolicyConditions = {};
  if (values.ticketTypes.length) conditions.ticketTypes = values.ticketTypes;
  if (values.priorities.length) conditions.priorities = values.priorities;
  if (values.organisations.length) conditions.organisations = values.organisations;
  if (values.services.length) conditions.services = values.services;
  return conditions;
}

export function toPolicyValues(policy: SlaPolicy): PolicyValues {
  const targets = emptyTargets();
  for (const clock of SLA_CLOCKS) {
    for (const priority of PRIORITIES) {
      targets[clock][priority] = targetValueOf(policy.targets[clock]?.[priority]);
    }
  }
  return {
    name: policy.name,
    order: policy.order,
    active: policy.active,
    calendarId: policy.calendarId,
    conditions: {
      ticketTypes: [...(policy.conditions.ticketTypes ?? [])],
      priorities: [...(policy.conditions.priorities ?? [])],
      organisations: [...(policy.conditions.organisations ?? [])],
      services: [...(policy.conditions.services ?? [])],
    },
    targets,
    thresholds: [...policy.thresholds].sort((a, b) => a - b),
    pauseOn: {
      first_response: [...(policy.pauseOn.first_response ?? [])],
      resolution: [...(policy.pauseOn.resolution ?? [])],
    },
  };
}

export function newPolicyValues(order: number): PolicyValues {
  return {
    name: '',
    order,
    active: true,
    calendarId: null,
    conditions: { ticketTypes: [], priorities: [], organisations: [], services: [] },
    targets: emptyTargets(),
    thresholds: [75, 100],
    pauseOn: { first_response: [], resolution: ['on_hold_customer'] },
  };
}

export function bodyOf(values: PolicyValues): PolicyBody {
  return {
    name: values.name.trim(),
    order: Number(values.order),
    active: values.active,
    conditions: conditionsOf(values.conditions),
    calendarId: values.calendarId ?? '',
    targets: targetsOf(values.targets),
    thresholds: withBreach(values.thresholds),
    pauseOn: values.pauseOn,
  };
}

export function withBreach(thresholds: number[]): number[] {
  return [...new Set([...thresholds, 100])].sort((a, b) => a - b);
}

export type PolicyProblem =
  | 'required'
  | 'order'
  | 'noTarget'
  | 'amount'
  | 'tooLong'
  | 'tooManyDays'
  | 'threshold';

/** Problems keyed by form path (`targets.first_response.P1`, `order`…). */
export function policyProblems(values: PolicyValues): Record<string, PolicyProblem> {
  const problems: Record<string, PolicyProblem> = {};
  if (!values.name.trim()) problems.name = 'required';
  const order = Number(values.order);
  if (values.order === '' || !Number.isInteger(order) || order < 0 || order > 100_000) {
    problems.order = 'order';
  }
  if (!values.calendarId) problems.calendarId = 'required';
  let any = false;
  for (const clock of SLA_CLOCKS) {
    for (const priority of PRIORITIES) {
      const value = values.targets[clock][priority];
      if (value.kind === 'none') continue;
      any = true;
      if (value.kind === 'end-of-next-business-day') continue;
      const amount = Number(value.amount);
      const path = `targets.${clock}.${priority}`;
      if (value.amount === '' || !Number.isFinite(amount) || amount <= 0) problems[path] = 'amount';
      else if (value.kind === 'minutes') {
        const minutes = value.unit === 'hours' ? amount * 60 : amount;
        if (minutes > MAX_MINUTES) problems[path] = 'tooLong';
      } else if (amount > MAX_DAYS) problems[path] = 'tooManyDays';
    }
  }
  if (!any) problems.targets = 'noTarget';
  if (values.thresholds.some((value) => !(value > 0 && value <= 100))) {
    problems.thresholds = 'threshold';
  }
  return problems;
}

/** The target in business minutes, when it can be known without a start time. */
export function targetMinutes(value: TargetValue, businessDayMinutes?: number): number | null {
  const amount = Number(value.amount);
  if (!Number.isFinite(amount) || amount <= 0) return null;
  if (value.kind === 'minutes') return value.unit === 'hours' ? amount * 60 : amount;
  if (value.kind === 'business-days' && businessDayMinutes) return amount * businessDayMinutes;
  return null;
}
