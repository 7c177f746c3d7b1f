import { isForeignKeyViolation, isUniqueViolation } from '../../db/errors.js';
import type { Executor } from '../../db/executor.js';
import { decodeCursor, type Page, type PageRequest, pageSize, toPage } from '../../db/keyset.js';
import { type Actor, can, requirePermission } from '../../shared/actor.js';
import type { Clock } from '../../shared/clock.js';
import { DomainError, invalid, notFound } from '../../shared/errors.js';
import { uuidv7 } from '../../shared/ids.js';
import type { AuditService } from '../audit/audit.service.js';
import { auditedWrites } from '../audit/audited-writes.js';
import type { CredentialCache } from '../auth/credential-cache.js';
import type { PasswordHasher } from '../auth/passwords.js';
import type { DirectoryEvents } from '../groups/directory-events.js';
import {
  checkLocale,
  checkName,
  checkPassword,
  checkRole,
  checkTimeZone,
  normaliseEmail,
  type User,
} from './users.js';
import { usersRepository as repo, toUser, type UserFilter } from './users.repository.js';

export interface NewUser {
  email: string;
  name: string;
  role: string;
  locale?: string;
  timeZone?: string;
  organisationId?: string | null;
  managerId?: string | null;
  password?: string;
}

export interface UserPatch {
  name?: string;
  role?: string;
  locale?: string;
  timeZone?: string;
  active?: boolean;
  organisationId?: string | null;
  managerId?: string | null;
}

function checkManager(userId: string, managerId: string | null): string | null {
  if (managerId === userId) throw invalid('/managerId', 'a user cannot be their own manager');
  return managerId;
}

function writeError(error: unknown): unknown {
  if (isUniqueViolation(error)) {
    return new DomainError('ALREADY_EXISTS', 'A user with this email address already exists.', {
      errors: [{ field: '/email', message: 'is already taken' }],
    });
  }
  if (isForeignKeyViolation(error))
    return new DomainError('VALIDATION_FAILED', 'The organisation or the manager does not exist.', {
      errors: [{ field: '/organisationId', message: 'no such organisation, or no such manager' }],
    });
  return error;
}

export function createUserService(deps: {
  db: Executor;
  audit: AuditService;
  passwords: PasswordHasher;
  clock: Clock;
  /** Cleared when a user changes, so a new role or a deactivation applies at once on this node. */
  credentials: CredentialCache;
  /** Told of new and changed users inside the write transaction (training assigns by role). */
  events?: DirectoryEvents;
}) {
  const { db, audit, passwords, clock, credentials, events } = deps;

  audit.registerReader('user', async (actor, id) => actor.id === id || can(actor, 'users.read'));

  const writes = auditedWrites<User>(
    { db, audit, clock, mapError: writeError },
    {
      what: 'The user',
      entityType: 'user',
      load: async (trx, id) => {
        const row = await repo.byId(trx, id);
        return row ? toUser(row) : undefined;
      },
      insert: (trx, u) =>
        repo.insert(trx, {
          id: u.id,
          email: u.email,
          name: u.name,
          role: u.role,
          locale: u.locale,
          time_zone: u.timeZone,
          active: u.active,
          organisation_id: u.organisationId,
          manager_id: u.managerId,
          password_hash: null,
          created_at: u.createdAt,
          updated_at: u.updatedAt,
          version: u.version,
        }),
      update: async (trx, u, expected) => {
        const saved = await repo.update(trx, u.id, expected, {
          name: u.name,
          role: u.role,
          locale: u.locale,
          time_zone: u.timeZone,
          active: u.active,
          organisation_id: u.organisationId,
          manager_id: u.managerId,
          updated_at: u.updatedAt,
        });
        if (saved) await events?.publish(trx, { type: 'user-saved', userId: u.id });
        return saved;
      },
    },
  );

  async function create(actor: Actor, input: NewUser): Promise<User> {
    requirePermission(actor, 'users.manage', 'create users');
    const now = clock.now();
    const user: User = {
      id: uuidv7(now.getTime()),
      email: normaliseEmail(input.email),
      name: checkName(input.name),
      role: checkRole(input.role),
      locale: checkLocale(input.locale ?? 'en'),
      timeZone: checkTimeZone(input.timeZone ?? 'Europe/Paris'),
      active: true,
      organisationId: input.organisationId ?? null,
      managerId: input.managerId ?? null,
      createdAt: now.toISOString(),
      updatedAt: now.toISOString(),
      version: 1,
    };
    const passwordHash =
      input.password !== undefined ? await passwords.hash(checkPassword(input.password)) : null;
    return writes.create(actor, user, async (trx) => {
      if (passwordHash) await repo.setPasswordHash(trx, user.id, passwordHash);
      await events?.publish(trx, { type: 'user-saved', userId: user.id });
    });
  }

  return {
    create,

    async get(actor: Actor, id: string): Promise<User> {
      // Everyone may read their own account; the directory needs users.read.
      if (actor.id !== id && !can(actor, 'users.read')) throw notFound('The user');
      return writes.load(db, id);
    },

    async list(actor: Actor, filter: UserFilter, page: PageRequest): Promise<Page<User>> {
      requirePermission(actor, 'users.read', 'list users');
      const size = pageSize(page.limit);
      const rows = await repo.list(db, filter, decodeCursor(page.cursor), size + 1);
      return toPage(rows, size, (r) => [r.name, r.id], toUser);
    },

    async update(
      actor: Actor,
      id: string,
      expectedVersion: number,
      patch: UserPatch,
    ): Promise<User> {
      const self = actor.id === id;
      const adminFields = (['role', 'active', 'organisationId', 'managerId'] as const).filter(
        (f) => patch[f] !== undefined,
      );
      // A user may change their own name, language and time zone; everything else is administration.
      if (!self || adminFields.length > 0)
        requirePermission(actor, 'users.manage', 'change other users or roles');
      if (self && patch.active === false)
        throw invalid('/active', 'you cannot deactivate your own account');
      if (self && patch.role !== undefined && patch.role !== 'admin' && actor.role === 'admin') {
        throw invalid('/role', 'you cannot remove your own administrator role');
      }
      const updated = await writes.update(actor, id, expectedVersion, (before) => ({
        ...before,
        name: patch.name !== undefined ? checkName(patch.name) : before.name,
        role: patch.role !== undefined ? checkRole(patch.role) : before.role,
        locale: patch.locale !== undefined ? checkLocale(patch.locale) : before.locale,
        timeZone: patch.timeZone !== undefined ? checkTimeZone(patch.timeZone) : before.timeZone,
        active: patch.active ?? before.active,
        organisationId:
          patch.organisationId !== undefined ? patch.organisationId : before.organisationId,
        managerId:
          patch.managerId !== undefined ? checkManager(id, patch.managerId) : before.managerId,
      }));
      // After the commit: a request between a clear and the commit could cache the old user.
      credentials.clear();
      return updated;
    },

    async setPassword(actor: Actor, id: string, password: string): Promise<void> {
      requirePermission(actor, 'users.manage', "set users' passwords");
      const passwordHash = await passwords.hash(checkPassword(password));
      await db.transaction().execute(async (trx) => {
        await writes.load(trx, id);
        await repo.setPasswordHash(trx, id, passwordHash);
        await audit.record(trx, actor, {
          action: 'set-password',
          entityType: 'user',
          entityId: id,
          changes: { password: { from: '(hidden)', to: '(hidden)' } },
        });
      });
    },

    /** Creates the first administrator when the directory is empty; returns null otherwise. */
    async bootstrapAdmin(actor: Actor, email: string, password: string): Promise<User | null> {
      if ((await repo.count(db)) > 0) return null;
      try {
        return await create(actor, { email, name: 'Administrator', role: 'admin', password });
      } catch (error) {
        // Another node starting at the same moment created it first.
        if (error instanceof DomainError && error.code === 'ALREADY_EXISTS') return null;
        throw error;
      }
    },

    /** For sign-in only: the account behind an email with its password hash. Never sent out. */
    async credentials(email: string) {
      const row = await repo.byEmail(db, email.trim().toLowerCase());
      return row ? { user: toUser(row), passwordHash: row.password_hash } : null;
    },

    /**
     * Names of active people, for pickers everyone uses (a request form's "who is it for"): only
     * ids and names, never emails or roles, and only to those who may raise tickets.
     */
    async people(actor: Actor, query: { q?: string; ids?: string[] }) {
      requirePermission(actor, 'tickets.submit', 'look people up');
      return repo.people(db, query.q?.trim() || undefined, query.ids, query.ids ? 100 : 20);
    },

    /** For other modules inside their own transactions (no caller check: they check their own). */
    async find(trx: Executor, id: string): Promise<User | undefined> {
      const row = await repo.byId(trx, id);
      return row ? toUser(row) : undefined;
    },

    async existingIds(ids: string[]) {
      return repo.existingIds(db, ids);
    },
  };
}

export type UserService = ReturnType<typeof createUserService>;
