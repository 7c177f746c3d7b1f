// The answer of GET /api/v1/me, the most frequent request there is, put together from parts that
// rarely change: the account (the same object for as long as the credential cache keeps it) and
// the role's permissions (fixed for the life of the process). Serialising both afresh on every
// call cost more than anything else the handler does. Each part is serialised once by the route's
// own schema serialiser, so the bytes are exactly those the response schema would have produced.
import type { FastifyReply } from 'fastify';
import type { TSchema } from 'typebox';
import { type Actor, permissionsOf } from '../../shared/actor.js';
import type { User } from '../users/users.js';

export interface SessionParts {
  user: User;
  actor: Actor;
  csrfToken: string | null;
}

/** The content type a pre-serialised JSON answer must declare itself (Fastify's own default). */
export const JSON_CONTENT_TYPE = 'application/json; charset=utf-8';

/**
 * A serialiser for `{ user, permissions, csrfToken }` answers of `schema` (an object schema with
 * those three properties, in that order).
 */
export function createSessionJson(schema: {
  properties: { user: TSchema; permissions: TSchema; csrfToken: TSchema };
}) {
  // Fastify takes any JSON schema object here; TypeBox's type has no index signature.
  const userSchema = schema.properties.user as unknown as Record<string, unknown>;
  const permissionsSchema = schema.properties.permissions as unknown as Record<string, unknown>;
  // Keyed by the account object itself: a changed account is a new object, so never stale.
  const users = new WeakMap<User, string>();
  const permissions = new Map<Actor['role'], string>();

  return (reply: FastifyReply, { user, actor, csrfToken }: SessionParts): string => {
    let userJson = users.get(user);
    if (userJson === undefined) {
      userJson = reply.serializeInput({ ...user }, userSchema);
      users.set(user, userJson);
    }
    let permissionsJson = permissions.get(actor.role);
    if (permissionsJson === undefined) {
      const list: unknown = [...permissionsOf(actor)];
      permissionsJson = reply.serializeInput(list as Record<string, unknown>, permissionsSchema);
      permissions.set(actor.role, permissionsJson);
    }
    const csrfJson = csrfToken === null ? 'null' : JSON.stringify(csrfToken);
    return `{"user":${userJson},"permissions":${permissionsJson},"csrfToken":${csrfJson}}`;
  };
}
