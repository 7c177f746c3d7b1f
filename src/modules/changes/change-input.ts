// What a caller may send when raising or editing a change, checked against the catalogue, the
// directory, problems and tickets; and the fields each status still lets them change.
import type { Executor } from '../../db/executor.js';
import { type Actor, systemActor } from '../../shared/actor.js';
import { DomainError, invalid } from '../../shared/errors.js';
import {
  type Change,
  type ChangeStatus,
  type ChangeType,
  checkText,
  checkWindow,
  IMPACTS,
  type Impact,
} from './changes.js';

export interface ChangeInput {
  type?: ChangeType;
  title?: string;
  templateId?: string;
  description?: string;
  reason?: string;
  assigneeId?: string | null;
  groupId?: string | null;
  serviceIds?: string[];
  plannedStart?: string | null;
  plannedEnd?: string | null;
  implementationPlan?: string;
  testPlan?: string;
  backoutPlan?: string;
  riskAnswers?: Record<string, string>;
  impact?: Impact;
  majorRequested?: boolean;
  problemIds?: string[];
  incidentIds?: string[];
  scheduleOverride?: { justification: string };
}

export interface LinkSummary {
  id: string;
  number: string;
  title: string;
  status: string;
}

export interface Lookups {
  serviceExists(trx: Executor, id: string): Promise<boolean>;
  userExists(trx: Executor, id: string): Promise<boolean>;
  groupExists(trx: Executor, id: string): Promise<boolean>;
  problems(trx: Executor, ids: string[]): Promise<Map<string, LinkSummary>>;
  /** The ticket as `actor` may see it; throws when they may not. */
  ticket(trx: Executor, actor: Actor, id: string): Promise<LinkSummary & { type: string }>;
}

/** Fields fixed once approval is requested: they decided which approvals the change needed. */
const DECIDING = ['type', 'serviceIds', 'riskAnswers', 'impact', 'majorRequested'] as const;
const WINDOW = ['plannedStart', 'plannedEnd', 'scheduleOverride'] as const;

export function checkEditable(status: ChangeStatus, input: ChangeInput): void {
  const refuse = (field: string, why: string) => {
    throw new DomainError('INVALID_TRANSITION', `${field.slice(1)} ${why}.`, {
      errors: [{ field, message: why }],
    });
  };
  if (status === 'closed' || status === 'cancelled' || status === 'rejected')
    refuse('/status', `cannot be edited once ${status}`);
  if (status === 'draft' || status === 'assessment') return;
  for (const key of DECIDING)
    if (input[key] !== undefined) refuse(`/${key}`, `cannot change once approval is requested`);
  if (status === 'implementing' || status === 'review')
    for (const key of WINDOW)
      if (input[key] !== undefined) refuse(`/${key}`, 'cannot change once implementation started');
}

const distinct = (ids: string[]) => [...new Set(ids)].sort();

/** Applies `input` to `base`, checking every reference; derived fields are left to the caller. */
export async function applyInput(
  trx: Executor,
  actor: Actor,
  lookups: Lookups,
  base: Change,
  input: ChangeInput,
): Promise<Change> {
  const next: Change = { ...base };
  if (input.type !== undefined) {
    if ((input.type === 'standard') !== (base.type === 'standard'))
      throw invalid('/type', 'a standard change stays standard (raise it from its template)');
    next.type = input.type;
  }
  if (input.title !== undefined) next.title = checkText('/title', input.title, true);
  for (const key of [
    'description',
    'reason',
    'implementationPlan',
    'testPlan',
    'backoutPlan',
  ] as const)
    if (input[key] !== undefined) next[key] = checkText(`/${key}`, input[key] as string, false);
  if (input.impact !== undefined) {
    if (!IMPACTS.includes(input.impact))
      throw invalid('/impact', `must be one of ${IMPACTS.join(', ')}`);
    next.impact = input.impact;
  }
  if (input.majorRequested !== undefined) next.majorRequested = input.majorRequested;
  if (input.riskAnswers !== undefined) next.riskAnswers = { ...input.riskAnswers };
  if (input.assigneeId !== undefined) {
    if (input.assigneeId !== null && !(await lookups.userExists(trx, input.assigneeId)))
      throw invalid('/assigneeId', 'is not a known user');
    next.assigneeId = input.assigneeId;
  }
  if (input.groupId !== undefined) {
    if (input.groupId !== null && !(await lookups.groupExists(trx, input.groupId)))
      throw invalid('/groupId', 'is not a known group');
    next.groupId = input.groupId;
  }
  if (input.serviceIds !== undefined) {
    for (const [i, id] of input.serviceIds.entries())
      if (!(await lookups.serviceExists(trx, id)))
        throw invalid(`/serviceIds/${i}`, 'is not a known service');
    next.serviceIds = distinct(input.serviceIds);
  }
  if (input.plannedStart !== undefined)
    next.plannedStart =
      input.plannedStart === null ? null : new Date(input.plannedStart).toISOString();
  if (input.plannedEnd !== undefined)
    next.plannedEnd = input.plannedEnd === null ? null : new Date(input.plannedEnd).toISOString();
  checkWindow(next.plannedStart, next.plannedEnd);
  if (input.problemIds !== undefined) {
    const found = await lookups.problems(trx, input.problemIds);
    for (const [i, id] of input.problemIds.entries())
      if (!found.has(id)) throw invalid(`/problemIds/${i}`, 'is not a known problem');
    next.problemIds = distinct(input.problemIds);
  }
  if (input.incidentIds !== undefined) {
    next.incidentIds = await checkIncidents(trx, actor, lookups, '/incidentIds', input.incidentIds);
  }
  return next;
}

export async function checkIncidents(
  trx: Executor,
  actor: Actor,
  lookups: Lookups,
  field: string,
  ids: string[],
): Promise<string[]> {
  for (const [i, id] of ids.entries()) {
    let type: string;
    try {
      type = (await lookups.ticket(trx, actor, id)).type;
    } catch (error) {
      if (error instanceof DomainError)
        throw invalid(`${field}/${i}`, 'is not a ticket you can see');
      throw error;
    }
    if (type !== 'incident') throw invalid(`${field}/${i}`, 'is not an incident');
  }
  return distinct(ids);
}

/** Link summaries for display; tickets are read as the system (the change reader already may). */
export async function summariesOf(
  trx: Executor,
  lookups: Lookups,
  change: Change,
): Promise<{ problems: LinkSummary[]; incidents: LinkSummary[]; causedIncidents: LinkSummary[] }> {
  const problems = change.problemIds.length
    ? await lookups.problems(trx, change.problemIds)
    : new Map();
  const reader = systemActor('changes');
  const tickets = async (ids: string[]) => {
    const out: LinkSummary[] = [];
    for (const id of ids) {
      try {
        const t = await lookups.ticket(trx, reader, id);
        out.push({ id: t.id, number: t.number, title: t.title, status: t.status });
      } catch {
        out.push({ id, number: '', title: '', status: 'unknown' });
      }
    }
    return out;
  };
  return {
    problems: change.problemIds.map(
      (id) => problems.get(id) ?? { id, number: '', title: '', status: 'unknown' },
    ),
    incidents: await tickets(change.incidentIds),
    causedIncidents: await tickets(change.causedIncidentIds),
  };
}
