import { isForeignKeyViolation, isUniqueViolation } from '../../db/errors.js';
import type { Executor } from '../../db/executor.js';
import { decodeCursor, type Page, type PageRequest, pageSize, toPage } from '../../db/keyset.js';
import { type Actor, can, requirePermission } from '../../shared/actor.js';
import type { Clock } from '../../shared/clock.js';
import { DomainError, invalid } from '../../shared/errors.js';
import { uuidv7 } from '../../shared/ids.js';
import type { AuditService } from '../audit/audit.service.js';
import { auditedWrites } from '../audit/audited-writes.js';
import { checkName } from '../users/users.js';
import { checkKind, type Organisation } from './organisations.js';
import { organisationsRepository as repo, toOrganisation } from './organisations.repository.js';

function mapError(error: unknown): unknown {
  if (isUniqueViolation(error)) {
    return new DomainError('ALREADY_EXISTS', 'An organisation with this name already exists.', {
      errors: [{ field: '/name', message: 'is already taken' }],
    });
  }
  if (isForeignKeyViolation(error)) {
    return new DomainError(
      'IN_USE',
      'The organisation is still referred to (by users or other organisations), or its parent does not exist.',
    );
  }
  return error;
}

export function createOrganisationService(deps: {
  db: Executor;
  audit: AuditService;
  clock: Clock;
}) {
  const { db, audit, clock } = deps;
  audit.registerReader('organisation', async (actor) => can(actor, 'organisations.read'));

  const writes = auditedWrites<Organisation>(
    { db, audit, clock, mapError },
    {
      what: 'The organisation',
      entityType: 'organisation',
      load: async (trx, id) => {
        const row = await repo.byId(trx, id);
        return row ? toOrganisation(row) : undefined;
      },
      insert: (trx, o) =>
        repo
          .insert(trx, {
            id: o.id,
            name: o.name,
            kind: o.kind,
            parent_id: o.parentId,
            created_at: o.createdAt,
            updated_at: o.updatedAt,
            version: o.version,
          })
          .then(() => undefined),
      update: (trx, o, expected) =>
        repo.update(trx, o.id, expected, {
          name: o.name,
          kind: o.kind,
          parent_id: o.parentId,
          updated_at: o.updatedAt,
        }),
      delete: (trx, id, expected) => repo.delete(trx, id, expected),
    },
  );

  function checkParent(id: string, parentId: string | null | undefined) {
    if (parentId && parentId === id)
      throw invalid('/parentId', 'an organisation cannot be its own parent');
  }

  return {
    async list(
      actor: Actor,
      q: string | undefined,
      page: PageRequest,
    ): Promise<Page<Organisation>> {
      requirePermission(actor, 'organisations.read', 'list organisations');
      const size = pageSize(page.limit);
      const rows = await repo.list(db, q, decodeCursor(page.cursor), size + 1);
      return toPage(rows, size, (r) => [r.name, r.id], toOrganisation);
    },

    async get(actor: Actor, id: string): Promise<Organisation> {
      requirePermission(actor, 'organisations.read', 'see organisations');
      return writes.load(db, id);
    },

    async create(actor: Actor, input: { name: string; kind: string; parentId?: string | null }) {
      requirePermission(actor, 'organisations.manage', 'create organisations');
      const now = clock.now();
      const organisation: Organisation = {
        id: uuidv7(now.getTime()),
        name: checkName(input.name),
        kind: checkKind(input.kind),
        parentId: input.parentId ?? null,
        createdAt: now.toISOString(),
        updatedAt: now.toISOString(),
        version: 1,
      };
      return writes.create(actor, organisation);
    },

    async update(
      actor: Actor,
      id: string,
      expectedVersion: number,
      patch: { name?: string; kind?: string; parentId?: string | null },
    ) {
      requirePermission(actor, 'organisations.manage', 'change organisations');
      checkParent(id, patch.parentId);
      return writes.update(actor, id, expectedVersion, (before) => ({
        ...before,
        name: patch.name !== undefined ? checkName(patch.name) : before.name,
        kind: patch.kind !== undefined ? checkKind(patch.kind) : before.kind,
        parentId: patch.parentId !== undefined ? patch.parentId : before.parentId,
      }));
    },

    async remove(actor: Actor, id: string, expectedVersion: number) {
      requirePermission(actor, 'organisations.manage', 'delete organisations');
      await writes.remove(actor, id, expectedVersion);
    },
  };
}

export type OrganisationService = ReturnType<typeof createOrganisationService>;
