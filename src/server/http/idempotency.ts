// Idempotency-Key on POST: a retried request gets the first answer again instead of a second write.
// The key is claimed before the handler runs, so two copies racing each other cannot both write.
import { createHash } from 'node:crypto';
import type {
  FastifyInstance,
  FastifyReply,
  FastifyRequest,
  onSendHookHandler,
  preHandlerHookHandler,
} from 'fastify';
import { isUniqueViolation } from '../../db/errors.js';
import type { Executor } from '../../db/executor.js';
import type { Clock } from '../../shared/clock.js';
import { DomainError } from '../../shared/errors.js';

declare module 'fastify' {
  interface FastifyRequest {
    idempotency: { ownerId: string; key: string } | null;
  }
}

const KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;
export const IDEMPOTENCY_RETENTION_HOURS = 24;

export function registerIdempotency(app: FastifyInstance, deps: { db: Executor; clock: Clock }) {
  const { db, clock } = deps;
  app.decorateRequest('idempotency', null);

  /** Claims the key, or answers with the first answer; true when it answered. */
  async function claim(
    request: FastifyRequest,
    reply: FastifyReply,
    key: string,
  ): Promise<boolean> {
    if (!KEY_PATTERN.test(key)) {
      throw new DomainError(
        'VALIDATION_FAILED',
        'Idempotency-Key must be 1 to 255 visible ASCII characters.',
        {
          errors: [{ field: 'headers/idempotency-key', message: 'invalid key' }],
        },
      );
    }
    const ownerId = request.actor?.id ?? 'system';
    const path = request.url;
    const requestHash = createHash('sha256')
      .update(`${request.method}\n${path}\n${JSON.stringify(request.body ?? null)}`)
      .digest('hex');
    const existing = await db
      .selectFrom('idempotency_keys')
      .selectAll()
      .where('owner_id', '=', ownerId)
      .where('key', '=', key)
      .executeTakeFirst();
    if (existing) {
      if (existing.request_hash !== requestHash) {
        throw new DomainError(
          'IDEMPOTENCY_KEY_REUSED',
          'This Idempotency-Key was already used for a different request; use a new key for a new request.',
        );
      }
      if (existing.status_code === null) {
        throw new DomainError(
          'IDEMPOTENCY_IN_PROGRESS',
          'The first request with this Idempotency-Key is still running; retry shortly.',
          {
            retryAfterSeconds: 1,
          },
        );
      }
      reply.header('idempotent-replayed', 'true');
      reply.status(existing.status_code);
      const body = existing.response_body ?? '';
      if (body)
        reply.type(existing.status_code >= 400 ? 'application/problem+json' : 'application/json');
      reply.send(body);
      return true;
    }
    try {
      await db
        .insertInto('idempotency_keys')
        .values({
          owner_id: ownerId,
          key,
          method: request.method,
          path,
          request_hash: requestHash,
          status_code: null,
          response_body: null,
          created_at: clock.now().toISOString(),
        })
        .execute();
    } catch (error) {
      if (isUniqueViolation(error)) {
        throw new DomainError(
          'IDEMPOTENCY_IN_PROGRESS',
          'The first request with this Idempotency-Key is still running; retry shortly.',
          {
            retryAfterSeconds: 1,
          },
        );
      }
      throw error;
    }
    request.idempotency = { ownerId, key };
    return false;
  }

  async function complete(request: FastifyRequest, reply: FastifyReply, payload: unknown) {
    const claim = request.idempotency;
    if (!claim) return;
    request.idempotency = null;
    const query = db
      .updateTable('idempotency_keys')
      .where('owner_id', '=', claim.ownerId)
      .where('key', '=', claim.key);
    if (reply.statusCode >= 500) {
      // The write did not happen (or its outcome is unknown): let the client retry with the same key.
      await db
        .deleteFrom('idempotency_keys')
        .where('owner_id', '=', claim.ownerId)
        .where('key', '=', claim.key)
        .execute();
    } else {
      await query
        .set({
          status_code: reply.statusCode,
          response_body:
            typeof payload === 'string' ? payload : payload == null ? '' : String(payload),
        })
        .execute();
    }
  }

  // Callback hooks: requests without a key (nearly all) pass through without a promise.
  const preHandler: preHandlerHookHandler = (request, reply, done) => {
    const key = request.headers['idempotency-key'];
    if (request.method !== 'POST' || typeof key !== 'string' || !request.actor) {
      done();
      return;
    }
    claim(request, reply, key).then((answered) => {
      if (!answered) done();
    }, done);
  };

  const onSend: onSendHookHandler = (request, reply, payload, done) => {
    if (!request.idempotency) {
      done(null, payload);
      return;
    }
    complete(request, reply, payload).then(() => done(null, payload), done);
  };

  // Only POST routes take a key: their own route hooks, so reads run neither hook at all.
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    if (!methods.includes('POST')) return;
    route.preHandler = [...hookList(route.preHandler), preHandler];
    route.onSend = [...hookList(route.onSend), onSend];
  });
}

function hookList<T>(hooks: T | T[] | undefined): T[] {
  if (hooks === undefined) return [];
  return Array.isArray(hooks) ? hooks : [hooks];
}

export async function purgeIdempotencyKeys(db: Executor, clock: Clock) {
  const before = new Date(
    clock.now().getTime() - IDEMPOTENCY_RETENTION_HOURS * 3_600_000,
  ).toISOString();
  const result = await db
    .deleteFrom('idempotency_keys')
    .where('created_at', '<', before)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
