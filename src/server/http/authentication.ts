// Resolves who is calling (session cookie or personal API token) for every API request, and
// refuses cookie-authenticated writes without the session's CSRF token.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AuthService } from '../../modules/auth/auth.service.js';
import type { User } from '../../modules/users/users.js';
import type { Actor } from '../../shared/actor.js';
import { DomainError } from '../../shared/errors.js';
import { readSessionCookie } from './session-cookie.js';

/**
 * The credential's actor with this request's id, for the audit trail. Built field by field: an
 * object spread here cost more than the rest of the authentication of a cached credential.
 */
function actorFor(actor: Actor, requestId: string): Actor {
  return actor.tokenId === undefined
    ? { id: actor.id, name: actor.name, role: actor.role, requestId }
    : { id: actor.id, name: actor.name, role: actor.role, tokenId: actor.tokenId, requestId };
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const BEARER = /^Bearer\s+(\S+)$/i;

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
    /** The caller's account as it was when their credential was resolved (at most 1 s ago). */
    caller: User | null;
    sessionSecret: string | null;
    csrfToken: string | null;
  }
  interface FastifyContextConfig {
    /** The route answers without a signed-in user (login, health). */
    public?: boolean;
  }
}

export function registerAuthentication(app: FastifyInstance, auth: AuthService) {
  app.decorateRequest('actor', null);
  app.decorateRequest('caller', null);
  app.decorateRequest('sessionSecret', null);
  app.decorateRequest('csrfToken', null);

  async function resolve(request: FastifyRequest): Promise<void> {
    const header = request.headers.authorization;
    if (header) {
      const match = BEARER.exec(header);
      const resolved = match?.[1] ? await auth.authenticateToken(match[1]) : null;
      if (!resolved) {
        throw new DomainError('UNAUTHENTICATED', 'The API token is unknown, expired or revoked.');
      }
      request.actor = actorFor(resolved.actor, String(request.id));
      request.caller = resolved.user;
      return;
    }
    const secret = readSessionCookie(request.headers.cookie);
    if (secret) {
      const session = await auth.authenticateSession(secret);
      if (session) {
        request.actor = actorFor(session.actor, String(request.id));
        request.caller = session.user;
        request.sessionSecret = secret;
        request.csrfToken = session.csrfToken;
        // Bearer tokens are not sent by browsers on their own, so only cookies need CSRF checks.
        if (UNSAFE.has(request.method)) {
          auth.checkCsrf(session.csrfToken, request.headers['x-csrf-token'] as string | undefined);
        }
      }
    }
    if (!request.actor && !request.routeOptions.config.public) {
      throw new DomainError(
        'UNAUTHENTICATED',
        'Sign in, or send a personal API token as "Authorization: Bearer …".',
      );
    }
  }

  // A callback hook, so a token resolved within the last second costs no promise at all. Only
  // tokens that matched BEARER are ever cached, so the plain "Bearer <secret>" form can skip the
  // regular expression: anything else misses here and goes through resolve().
  app.addHook('onRequest', (request, _reply, done) => {
    const header = request.headers.authorization;
    const cached =
      header?.startsWith('Bearer ') === true ? auth.cachedToken(header.slice(7)) : null;
    if (cached) {
      request.actor = actorFor(cached.actor, String(request.id));
      request.caller = cached.user;
      done();
      return;
    }
    resolve(request).then(() => done(), done);
  });
}

/** The signed-in actor of a route that is not public. */
export function actorOf(request: FastifyRequest): Actor {
  if (!request.actor) throw new DomainError('UNAUTHENTICATED', 'Sign in first.');
  return request.actor;
}
