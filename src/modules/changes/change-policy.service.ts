// The change policy document and the standard-change templates: read by everyone who reads
// changes, written with changes.manage, every write audited.
import { isUniqueViolation } from '../../db/errors.js';
import type { Executor } from '../../db/executor.js';
import { fromJson } from '../../db/values.js';
import { type Actor, can, requirePermission } from '../../shared/actor.js';
import type { Clock } from '../../shared/clock.js';
import { DomainError, invalid, versionConflict } from '../../shared/errors.js';
import { uuidv7 } from '../../shared/ids.js';
import { diff } from '../audit/audit.js';
import type { AuditService } from '../audit/audit.service.js';
import { auditedWrites } from '../audit/audited-writes.js';
import type { CatalogueService } from '../catalogue/catalogue.service.js';
import type { GroupService } from '../groups/groups.service.js';
import {
  assessRisk,
  type ChangePolicy,
  checkPolicy,
  EMPTY_POLICY,
  isMajor,
  isUnderControl,
  matchRule,
} from './change-policy.js';
import { changePolicyRepository as repo, type Template } from './change-policy.repository.js';
import type { ChangeType, RiskLevel } from './changes.js';

export interface TemplateInput {
  name?: string;
  description?: string;
  serviceId?: string | null;
  implementationPlan?: string;
  testPlan?: string;
  backoutPlan?: string;
  riskLevel?: RiskLevel;
  active?: boolean;
}

function mapTemplateError(error: unknown): unknown {
  if (isUniqueViolation(error))
    return new DomainError('ALREADY_EXISTS', 'A template with this name already exists.', {
      errors: [{ field: '/name', message: 'is already taken' }],
    });
  return error;
}

export function createChangePolicyService(deps: {
  db: Executor;
  audit: AuditService;
  clock: Clock;
  catalogue: CatalogueService;
  groups: GroupService;
}) {
  const { db, audit, clock, catalogue, groups } = deps;

  audit.registerReader('change-policy', async (actor) => can(actor, 'changes.read'));
  audit.registerReader('change-template', async (actor) => can(actor, 'changes.read'));

  async function read(
    trx: Executor,
  ): Promise<{ value: ChangePolicy; version: number; updatedAt: string | null }> {
    const row = await repo.policy(trx);
    if (!row) return { value: EMPTY_POLICY, version: 0, updatedAt: null };
    return {
      value: { ...EMPTY_POLICY, ...fromJson<Partial<ChangePolicy>>(row.value) },
      version: row.version,
      updatedAt: row.updated_at,
    };
  }

  async function validated(trx: Executor, input: ChangePolicy): Promise<ChangePolicy> {
    const serviceIds = new Set([...input.controlledServiceIds, ...input.majorImpact.serviceIds]);
    const groupIds = new Set(
      input.approvalRules.flatMap((r) =>
        r.steps.flatMap((s) => (s.approvers.kind === 'group' ? [s.approvers.groupId] : [])),
      ),
    );
    const knownServices = new Set<string>();
    for (const id of serviceIds) if (await catalogue.serviceById(trx, id)) knownServices.add(id);
    const knownGroups = new Set<string>();
    for (const id of groupIds) if (await groups.find(trx, id)) knownGroups.add(id);
    return checkPolicy(input, {
      serviceExists: (id) => knownServices.has(id),
      groupExists: (id) => knownGroups.has(id),
    });
  }

  const templates = auditedWrites<Template>(
    { db, audit, clock, mapError: mapTemplateError },
    {
      what: 'The change template',
      entityType: 'change-template',
      load: (trx, id) => repo.templateById(trx, id),
      insert: (trx, t) => repo.insertTemplate(trx, t),
      update: (trx, t, expected) => repo.updateTemplate(trx, t, expected),
    },
  );

  async function checkTemplate(trx: Executor, t: Template): Promise<Template> {
    const name = t.name.trim();
    if (!name) throw invalid('/name', 'must not be empty');
    if (t.serviceId && !(await catalogue.serviceById(trx, t.serviceId)))
      throw invalid('/serviceId', 'is not a known service');
    if (!t.implementationPlan.trim()) throw invalid('/implementationPlan', 'must not be empty');
    if (!t.backoutPlan.trim()) throw invalid('/backoutPlan', 'must not be empty');
    return {
      ...t,
      name,
      description: t.description.trim(),
      implementationPlan: t.implementationPlan.trim(),
      testPlan: t.testPlan.trim(),
      backoutPlan: t.backoutPlan.trim(),
    };
  }

  return {
    /** The policy as it is in `trx` (empty until someone saves one). */
    current: async (trx: Executor = db) => (await read(trx)).value,

    async get(actor: Actor) {
      requirePermission(actor, 'changes.read', 'see the change policy');
      const { value, version, updatedAt } = await read(db);
      return { ...value, version, updatedAt };
    },

    async update(actor: Actor, expectedVersion: number, input: ChangePolicy) {
      requirePermission(actor, 'changes.manage', 'change the change policy');
      return db.transaction().execute(async (trx) => {
        const before = await read(trx);
        if (before.version !== expectedVersion)
          throw versionConflict('The change policy', before.version);
        const value = await validated(trx, input);
        const now = clock.now().toISOString();
        if (before.version === 0) await repo.insertPolicy(trx, value, now);
        else if (!(await repo.updatePolicy(trx, expectedVersion, value, now)))
          throw versionConflict('The change policy', before.version);
        await audit.record(trx, actor, {
          action: 'update',
          entityType: 'change-policy',
          entityId: 'policy',
          changes: diff(before.value, value),
        });
        return { ...value, version: before.version + 1, updatedAt: now };
      });
    },

    async preview(
      actor: Actor,
      input: {
        type: ChangeType;
        serviceIds: string[];
        riskAnswers: Record<string, string>;
        majorRequested?: boolean;
      },
    ) {
      requirePermission(actor, 'changes.read', 'preview the change policy');
      const policy = (await read(db)).value;
      const { score, level } = assessRisk(policy, input.riskAnswers);
      const major = isMajor(policy, {
        majorRequested: input.majorRequested ?? false,
        riskLevel: level,
        serviceIds: input.serviceIds,
      });
      const underControl = isUnderControl(policy, input.serviceIds);
      const rule =
        input.type === 'standard' || !underControl
          ? undefined
          : matchRule(policy, { type: input.type, riskLevel: level, major });
      return {
        riskScore: score,
        riskLevel: level,
        major,
        underControl,
        ruleName: rule?.name ?? null,
        steps: (rule?.steps ?? []).map((s) => ({
          name: s.name,
          approverKind: s.approvers.kind,
          groupId: s.approvers.kind === 'group' ? s.approvers.groupId : null,
          mode: s.mode,
          n: s.n,
        })),
      };
    },

    templateById: (trx: Executor, id: string) => repo.templateById(trx, id),

    async listTemplates(actor: Actor, filter: { active?: boolean; serviceId?: string }) {
      requirePermission(actor, 'changes.read', 'see change templates');
      return repo.templates(db, filter);
    },

    async getTemplate(actor: Actor, id: string) {
      requirePermission(actor, 'changes.read', 'see change templates');
      return templates.load(db, id);
    },

    async createTemplate(
      actor: Actor,
      input: TemplateInput & {
        name: string;
        implementationPlan: string;
        backoutPlan: string;
        riskLevel: RiskLevel;
      },
    ) {
      requirePermission(actor, 'changes.manage', 'manage change templates');
      const now = clock.now().toISOString();
      const template = await checkTemplate(db, {
        id: uuidv7(),
        name: input.name,
        description: input.description ?? '',
        serviceId: input.serviceId ?? null,
        implementationPlan: input.implementationPlan,
        testPlan: input.testPlan ?? '',
        backoutPlan: input.backoutPlan,
        riskLevel: input.riskLevel,
        active: input.active ?? true,
        createdAt: now,
        updatedAt: now,
        version: 1,
      });
      return templates.create(actor, template);
    },

    async updateTemplate(actor: Actor, id: string, expectedVersion: number, patch: TemplateInput) {
      requirePermission(actor, 'changes.manage', 'manage change templates');
      return templates.update(actor, id, expectedVersion, (before, trx) =>
        checkTemplate(trx, {
          ...before,
          ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)),
        }),
      );
    },
  };
}

export type ChangePolicyService = ReturnType<typeof createChangePolicyService>;
