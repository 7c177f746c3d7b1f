// SLA policies as records: conditions with an order, targets per clock and priority, warning
// thresholds and pause rules.
import { isForeignKeyViolation, isUniqueViolation } from '../../db/errors.js';
import type { Executor } from '../../db/executor.js';
import type { SlaPoliciesTable } from '../../db/schema.js';
import { fromJson, toBool, toJson } from '../../db/values.js';
import { type Actor, can, requirePermission } from '../../shared/actor.js';
import type { Clock } from '../../shared/clock.js';
import { DomainError, invalid } from '../../shared/errors.js';
import { uuidv7 } from '../../shared/ids.js';
import type { AuditService } from '../audit/audit.service.js';
import { auditedWrites } from '../audit/audited-writes.js';
import { checkName } from '../users/users.js';
import {
  CLOCKS,
  type PolicyConditions,
  PRIORITIES,
  type SlaPolicy,
  type Target,
} from './policy.js';
import { slaRepository as repo } from './sla.repository.js';

export type PolicyInput = Omit<
  SlaPolicy,
  'id' | 'active' | 'thresholds' | 'pauseOn' | 'conditions'
> & {
  active?: boolean;
  thresholds?: number[];
  pauseOn?: Partial<SlaPolicy['pauseOn']>;
  conditions?: PolicyConditions;
};

export interface PolicyRecord extends SlaPolicy {
  createdAt: string;
  updatedAt: string;
  version: number;
}

const toPolicy = (row: SlaPoliciesTable): PolicyRecord => ({
  id: row.id,
  name: row.name,
  order: row.sort_order,
  active: toBool(row.active),
  conditions: fromJson(row.conditions),
  calendarId: row.calendar_id,
  targets: fromJson(row.targets),
  thresholds: fromJson(row.thresholds),
  pauseOn: fromJson(row.pause_on),
  createdAt: row.created_at,
  updatedAt: row.updated_at,
  version: row.version,
});

function checkTarget(target: Target, field: string): Target {
  if (target.kind === 'minutes' && !(target.minutes > 0 && target.minutes <= 525_600))
    throw invalid(field, 'minutes must be more than 0 and at most a year');
  if (target.kind === 'business-days' && !(target.days > 0 && target.days <= 366))
    throw invalid(field, 'days must be more than 0 and at most 366');
  return target;
}

function checkTargets(targets: SlaPolicy['targets']): SlaPolicy['targets'] {
  for (const clock of CLOCKS) {
    const perPriority = targets[clock] ?? {};
    for (const priority of Object.keys(perPriority)) {
      if (!(PRIORITIES as readonly string[]).includes(priority))
        throw invalid(`/targets/${clock}/${priority}`, 'is not a priority (P1 … P4)');
      checkTarget(
        perPriority[priority as keyof typeof perPriority] as Target,
        `/targets/${clock}/${priority}`,
      );
    }
  }
  if (!CLOCKS.some((c) => Object.keys(targets[c] ?? {}).length))
    throw invalid('/targets', 'give at least one target');
  return { first_response: targets.first_response ?? {}, resolution: targets.resolution ?? {} };
}

function checkThresholds(thresholds: number[] | undefined): number[] {
  const list = [...new Set(thresholds ?? [75, 100])].sort((a, b) => a - b);
  if (list.some((t) => !(t > 0 && t <= 100)))
    throw invalid(
      '/thresholds',
      'each threshold is a percentage of the target, above 0 and at most 100',
    );
  if (!list.includes(100)) list.push(100);
  return list;
}

function mapError(error: unknown): unknown {
  if (isUniqueViolation(error))
    return new DomainError('ALREADY_EXISTS', 'An SLA policy with this name already exists.', {
      errors: [{ field: '/name', message: 'is already taken' }],
    });
  if (isForeignKeyViolation(error)) return invalid('/calendarId', 'no such calendar');
  return error;
}

export function createPolicyService(deps: { db: Executor; audit: AuditService; clock: Clock }) {
  const { db, audit, clock } = deps;
  audit.registerReader('sla_policy', async (actor) => can(actor, 'sla.read'));

  const writes = auditedWrites<PolicyRecord>(
    { db, audit, clock, mapError },
    {
      what: 'The SLA policy',
      entityType: 'sla_policy',
      load: async (trx, id) => {
        const row = await repo.policyById(trx, id);
        return row ? toPolicy(row) : undefined;
      },
      insert: (trx, p) =>
        repo
          .insertPolicy(trx, {
            id: p.id,
            name: p.name,
            sort_order: p.order,
            active: p.active,
            conditions: toJson(p.conditions),
            calendar_id: p.calendarId,
            targets: toJson(p.targets),
            thresholds: toJson(p.thresholds),
            pause_on: toJson(p.pauseOn),
            created_at: p.createdAt,
            updated_at: p.updatedAt,
            version: p.version,
          })
          .then(() => undefined),
      update: (trx, p, expected) =>
        repo.updatePolicy(trx, p.id, expected, {
          name: p.name,
          sort_order: p.order,
          active: p.active,
          conditions: toJson(p.conditions),
          calendar_id: p.calendarId,
          targets: toJson(p.targets),
          thresholds: toJson(p.thresholds),
          pause_on: toJson(p.pauseOn),
          updated_at: p.updatedAt,
        }),
      delete: (trx, id, expected) => repo.deletePolicy(trx, id, expected),
    },
  );

  return {
    async list(actor: Actor): Promise<PolicyRecord[]> {
      requirePermission(actor, 'sla.read', 'see SLA policies');
      return (await repo.listPolicies(db)).map(toPolicy);
    },

    /** Every policy, for choosing one for a ticket (no permission: the caller's service decides). */
    async all(trx: Executor = db): Promise<PolicyRecord[]> {
      return (await repo.listPolicies(trx)).map(toPolicy);
    },

    async get(actor: Actor, id: string) {
      requirePermission(actor, 'sla.read', 'see SLA policies');
      return writes.load(db, id);
    },

    async create(actor: Actor, input: PolicyInput) {
      requirePermission(actor, 'sla.manage', 'create SLA policies');
      const now = clock.now().toISOString();
      return writes.create(actor, {
        id: uuidv7(clock.now().getTime()),
        name: checkName(input.name),
        order: input.order,
        active: input.active ?? true,
        conditions: input.conditions ?? {},
        calendarId: input.calendarId,
        targets: checkTargets(input.targets),
        thresholds: checkThresholds(input.thresholds),
        pauseOn: {
          first_response: input.pauseOn?.first_response ?? [],
          resolution: input.pauseOn?.resolution ?? [],
        },
        createdAt: now,
        updatedAt: now,
        version: 1,
      });
    },

    async update(actor: Actor, id: string, expectedVersion: number, patch: Partial<PolicyInput>) {
      requirePermission(actor, 'sla.manage', 'change SLA policies');
      return writes.update(actor, id, expectedVersion, (before) => ({
        ...before,
        name: patch.name !== undefined ? checkName(patch.name) : before.name,
        order: patch.order ?? before.order,
        active: patch.active ?? before.active,
        conditions: patch.conditions ?? before.conditions,
        calendarId: patch.calendarId ?? before.calendarId,
        targets: patch.targets ? checkTargets(patch.targets) : before.targets,
        thresholds: patch.thresholds ? checkThresholds(patch.thresholds) : before.thresholds,
        pauseOn: patch.pauseOn
          ? {
              first_response: patch.pauseOn.first_response ?? [],
              resolution: patch.pauseOn.resolution ?? [],
            }
          : before.pauseOn,
      }));
    },

    async remove(actor: Actor, id: string, expectedVersion: number) {
      requirePermission(actor, 'sla.manage', 'delete SLA policies');
      if (await repo.policyHasClocks(db, id)) {
        throw new DomainError(
          'IN_USE',
          'Tickets have clocks under this SLA policy; deactivate it instead of deleting it.',
        );
      }
      await writes.remove(actor, id, expectedVersion);
    },
  };
}

export type PolicyService = ReturnType<typeof createPolicyService>;
