import { DomainError } from './errors.js';
import { type Permission, ROLE_PERMISSIONS, type Role } from './permissions.js';

/** Who is acting: a signed-in user, an API token's owner, or the system itself (jobs, CLI). */
export interface Actor {
  id: string | null;
  name: string;
  role: Role | 'system';
  /** Set when the actor came in through a personal API token. */
  tokenId?: string;
  requestId?: string;
}

export const systemActor = (name = 'system'): Actor => ({ id: null, name, role: 'system' });

export function can(actor: Actor, permission: Permission): boolean {
  if (actor.role === 'system') return true;
  return ROLE_PERMISSIONS[actor.role].includes(permission);
}

export function permissionsOf(actor: Actor): readonly Permission[] {
  return actor.role === 'system' ? ROLE_PERMISSIONS.admin : ROLE_PERMISSIONS[actor.role];
}

/** Throws FORBIDDEN unless the actor holds the permission; `action` completes "not allowed to …". */
export function requirePermission(actor: Actor, permission: Permission, action: string): void {
  if (!can(actor, permission)) {
    throw new DomainError('FORBIDDEN', `Your role does not allow you to ${action}.`, {
      permission,
    });
  }
}
