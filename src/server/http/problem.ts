// One place turns every error into an RFC 9457 problem+json answer with a stable code.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DomainError, ERROR_STATUS, type ErrorCode, type FieldError } from '../../shared/errors.js';

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  errors?: FieldError[];
  requestId: string;
  [extra: string]: unknown;
}

const TITLES: Partial<Record<ErrorCode, string>> = {
  VALIDATION_FAILED: 'The request is not valid',
  UNAUTHENTICATED: 'Sign-in required',
  INVALID_CREDENTIALS: 'Sign-in failed',
  FORBIDDEN: 'Not allowed',
  CSRF_FAILED: 'Cross-site request refused',
  NOT_FOUND: 'Not found',
  VERSION_CONFLICT: 'Changed by someone else',
  PRECONDITION_REQUIRED: 'Version required',
  ACCOUNT_LOCKED: 'Account locked',
  LOGIN_RATE_LIMITED: 'Too many attempts',
  INTERNAL: 'Internal error',
};

const typeOf = (code: string) => `urn:meridian:problem:${code.toLowerCase().replaceAll('_', '-')}`;

export function sendProblem(
  request: FastifyRequest,
  reply: FastifyReply,
  code: ErrorCode,
  detail: string,
  extra: Record<string, unknown> = {},
) {
  const status = ERROR_STATUS[code];
  const { retryAfterSeconds, ...rest } = extra;
  if (typeof retryAfterSeconds === 'number') reply.header('retry-after', String(retryAfterSeconds));
  const body: Problem = {
    type: typeOf(code),
    title: TITLES[code] ?? code.replaceAll('_', ' ').toLowerCase(),
    status,
    detail,
    code,
    ...rest,
    requestId: String(request.id),
  };
  return reply.status(status).type('application/problem+json').send(body);
}

interface AjvError {
  instancePath?: string;
  message?: string;
  keyword?: string;
  params?: { missingProperty?: string; additionalProperty?: string; allowedValues?: unknown[] };
}

/** Names each offending field the way a client addresses it: "/email", "query/limit". */
export function fieldErrors(validation: AjvError[], context?: string): FieldError[] {
  const prefix =
    context && context !== 'body' ? (context === 'querystring' ? 'query' : context) : '';
  return validation.map((e) => {
    let field = e.instancePath || '';
    if (e.params?.missingProperty) field = `${field}/${e.params.missingProperty}`;
    if (e.params?.additionalProperty) field = `${field}/${e.params.additionalProperty}`;
    let message = e.message ?? 'is invalid';
    if (e.keyword === 'required') message = 'is required';
    if (e.keyword === 'additionalProperties') message = 'is not a known field';
    if (e.params?.allowedValues) message = `must be one of ${e.params.allowedValues.join(', ')}`;
    return { field: `${prefix}${field || '/'}`, message };
  });
}

const FASTIFY_CODES: Record<number, ErrorCode> = {
  400: 'VALIDATION_FAILED',
  404: 'NOT_FOUND',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
};

export interface ProblemHandlerOptions {
  /** Answers GET requests for client-side routes of the web app (everything but the API). */
  appShell?: (request: FastifyRequest, reply: FastifyReply) => FastifyReply;
}

const NOT_THE_APP = /^\/(api|healthz|readyz|metrics)(\/|$)/;

/** Set before the routes are registered, so every plugin context inherits it. */
export function registerProblemHandlers(app: FastifyInstance) {
  app.setErrorHandler((error: FastifyError & { validationContext?: string }, request, reply) => {
    if (error instanceof DomainError) {
      return sendProblem(request, reply, error.code, error.message, error.details);
    }
    if (error.validation) {
      const errors = fieldErrors(error.validation as AjvError[], error.validationContext);
      const detail = errors.map((e) => `${e.field} ${e.message}`).join('; ');
      return sendProblem(request, reply, 'VALIDATION_FAILED', detail, { errors });
    }
    const status = error.statusCode ?? 500;
    const mapped = FASTIFY_CODES[status];
    if (mapped) {
      const detail =
        status === 415
          ? `Content type ${request.headers['content-type'] ?? '(none)'} is not accepted here; send application/json.`
          : error.message;
      return sendProblem(request, reply, mapped, detail);
    }
    if (status >= 400 && status < 500) {
      return sendProblem(request, reply, 'VALIDATION_FAILED', error.message);
    }
    request.log.error({ err: error }, 'request failed');
    return sendProblem(
      request,
      reply,
      'INTERNAL',
      `Something went wrong on our side. Quote request id ${String(request.id)} when you report it.`,
    );
  });
}

/** Set last, once the web app is known: API misses are problems, client routes get the app. */
export function registerNotFound(app: FastifyInstance, options: ProblemHandlerOptions = {}) {
  app.setNotFoundHandler((request, reply) => {
    const pathname = request.url.split('?')[0] ?? '/';
    const clientRoute =
      request.method === 'GET' && !NOT_THE_APP.test(pathname) && !/\.\w+$/.test(pathname);
    if (clientRoute && options.appShell) return options.appShell(request, reply);
    return sendProblem(request, reply, 'NOT_FOUND', `No route ${request.method} ${pathname}.`);
  });
}
