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
import type { UserService } from '../users/users.service.js';
import type { DirectoryEvents } from './directory-events.js';
import type { Group } from './groups.js';
import { groupsRepository as repo, toGroup } from './groups.repository.js';

function mapError(error: unknown): unknown {
  if (isUniqueViolation(error)) {
    return new DomainError('ALREADY_EXISTS', 'A group with this name already exists.', {
      errors: [{ field: '/name', message: 'is already taken' }],
    });
  }
  if (isForeignKeyViolation(error))
    return new DomainError('IN_USE', 'The group refers to a user that does not exist.');
  return error;
}

export interface GroupInput {
  name?: string;
  description?: string;
  managerId?: string | null;
  memberIds?: string[];
}

export function createGroupService(deps: {
  db: Executor;
  audit: AuditService;
  users: UserService;
  clock: Clock;
  /** Told of new members inside the write transaction (training assigns what the group requires). */
  events?: DirectoryEvents;
}) {
  const { db, audit, users, clock, events } = deps;
  audit.registerReader('group', async (actor) => can(actor, 'groups.read'));

  async function load(trx: Executor, id: string) {
    const row = await repo.byId(trx, id);
    if (!row) return undefined;
    return toGroup(row, (await repo.members(trx, [id])).get(id) ?? []);
  }

  const writes = auditedWrites<Group>(
    { db, audit, clock, mapError },
    {
      what: 'The group',
      entityType: 'group',
      load,
      async insert(trx, g) {
        await repo.insert(trx, {
          id: g.id,
          name: g.name,
          description: g.description,
          manager_id: g.managerId,
          created_at: g.createdAt,
          updated_at: g.updatedAt,
          version: g.version,
        });
        await repo.setMembers(trx, g.id, g.memberIds);
        if (g.memberIds.length > 0)
          await events?.publish(trx, {
            type: 'members-added',
            groupId: g.id,
            userIds: g.memberIds,
          });
      },
      async update(trx, g, expected) {
        const before = new Set((await repo.members(trx, [g.id])).get(g.id) ?? []);
        const saved = await repo.update(trx, g.id, expected, {
          name: g.name,
          description: g.description,
          manager_id: g.managerId,
          updated_at: g.updatedAt,
        });
        if (saved) await repo.setMembers(trx, g.id, g.memberIds);
        const added = g.memberIds.filter((id) => !before.has(id));
        if (saved && added.length > 0)
          await events?.publish(trx, { type: 'members-added', groupId: g.id, userIds: added });
        return saved;
      },
      delete: (trx, id, expected) => repo.delete(trx, id, expected),
    },
  );

  /** Unknown user ids are named in the error instead of failing on a foreign key. */
  async function checkUsers(managerId: string | null | undefined, memberIds: string[] | undefined) {
    const wanted = [...new Set([...(memberIds ?? []), ...(managerId ? [managerId] : [])])];
    const known = new Set(await users.existingIds(wanted));
    if (managerId && !known.has(managerId)) throw invalid('/managerId', 'no such user');
    const missing = (memberIds ?? []).filter((id) => !known.has(id));
    if (missing.length) throw invalid('/memberIds', `no such users: ${missing.join(', ')}`);
    return memberIds ? [...new Set(memberIds)].sort() : undefined;
  }

  return {
    async list(
      actor: Actor,
      filter: { q?: string; memberId?: string },
      page: PageRequest,
    ): Promise<Page<Group>> {
      requirePermission(actor, 'groups.read', 'list groups');
      const size = pageSize(page.limit);
      const rows = await repo.list(db, filter, decodeCursor(page.cursor), size + 1);
      const members = await repo.members(
        db,
        rows.slice(0, size).map((r) => r.id),
      );
      return toPage(
        rows,
        size,
        (r) => [r.name, r.id],
        (r) => toGroup(r, members.get(r.id) ?? []),
      );
    },

    async get(actor: Actor, id: string): Promise<Group> {
      requirePermission(actor, 'groups.read', 'see groups');
      return writes.load(db, id);
    },

    /** For other modules inside their own transactions (no caller check: they check their own). */
    async find(trx: Executor, id: string): Promise<Group | undefined> {
      const row = await repo.byId(trx, id);
      if (!row) return undefined;
      return toGroup(row, (await repo.members(trx, [id])).get(id) ?? []);
    },

    /** The ids of the groups a user belongs to. */
    async groupIdsOf(trx: Executor, userId: string): Promise<string[]> {
      return repo.groupIdsOf(trx, userId);
    },

    async create(actor: Actor, input: GroupInput & { name: string }) {
      requirePermission(actor, 'groups.manage', 'create groups');
      const memberIds = (await checkUsers(input.managerId, input.memberIds)) ?? [];
      const now = clock.now();
      return writes.create(actor, {
        id: uuidv7(now.getTime()),
        name: checkName(input.name),
        description: input.description?.trim() ?? '',
        managerId: input.managerId ?? null,
        memberIds,
        createdAt: now.toISOString(),
        updatedAt: now.toISOString(),
        version: 1,
      });
    },

    async update(actor: Actor, id: string, expectedVersion: number, patch: GroupInput) {
      requirePermission(actor, 'groups.manage', 'change groups');
      const memberIds = await checkUsers(patch.managerId, patch.memberIds);
      return writes.update(actor, id, expectedVersion, (before) => ({
        ...before,
        name: patch.name !== undefined ? checkName(patch.name) : before.name,
        description:
          patch.description !== undefined ? patch.description.trim() : before.description,
        managerId: patch.managerId !== undefined ? patch.managerId : before.managerId,
        memberIds: memberIds ?? before.memberIds,
      }));
    },

    async remove(actor: Actor, id: string, expectedVersion: number) {
      requirePermission(actor, 'groups.manage', 'delete groups');
      await writes.remove(actor, id, expectedVersion);
    },
  };
}

export type GroupService = ReturnType<typeof createGroupService>;
