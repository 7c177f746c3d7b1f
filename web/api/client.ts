import type { Page, Problem, ProblemFieldError } from './types';

// The one place that speaks HTTP to the server. It adds the CSRF header to every write, turns
// versions into If-Match headers, and turns every failure (even a dropped connection) into an
// ApiError carrying an RFC 9457 problem, so screens never have to deal with a blank failure.

let csrfToken: string | null = null;
const unauthorizedListeners = new Set<() => void>();

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Called when an authenticated request answers 401 (session expired or signed out elsewhere). */
export function onUnauthorized(listener: () => void): () => void {
  unauthorizedListeners.add(listener);
  return () => unauthorizedListeners.delete(listener);
}

export class ApiError extends Error {
  readonly problem: Problem;

  constructor(problem: Problem) {
    super(problem.detail ?? problem.title ?? `HTTP ${problem.status}`);
    this.name = 'ApiError';
    this.problem = problem;
  }

  get status(): number {
    return this.problem.status;
  }

  get code(): string | undefined {
    return this.problem.code;
  }

  /** Field errors keyed by the form field name (`/email` and `body.email` both become `email`). */
  fieldErrors(): Record<string, string> {
    const result: Record<string, string> = {};
    for (const error of this.problem.errors ?? []) {
      const field = normaliseField(error);
      if (field && !(field in result)) result[field] = error.message;
    }
    return result;
  }
}

function normaliseField(error: ProblemFieldError): string {
  return error.field
    .replace(/^\/+/, '')
    .replace(/^body[./]/, '')
    .replace(/\//g, '.');
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}

export function isVersionConflict(error: unknown): boolean {
  return isApiError(error) && (error.code === 'VERSION_CONFLICT' || error.status === 412);
}

/** A random UUID that also works on plain-http origins where crypto.randomUUID is missing. */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export type QueryValue = string | number | boolean | null | undefined;

export interface RequestOptions {
  query?: Record<string, QueryValue>;
  body?: unknown;
  /** A file sent as the raw request body (uploads), instead of a JSON body. */
  file?: Blob;
  /** The record version the change is based on; sent as `If-Match: "<version>"`. */
  version?: number;
  /** Sent as Idempotency-Key; give one per form submission. */
  idempotencyKey?: string;
  signal?: AbortSignal;
  /** Do not broadcast a 401 (used by the session probe and the login form). */
  expectUnauthorized?: boolean;
}

export function buildUrl(path: string, query?: Record<string, QueryValue>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value === undefined || value === null || value === '') continue;
    params.set(key, String(value));
  }
  const search = params.toString();
  return search ? `${path}?${search}` : path;
}

export async function request<T>(
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE',
  path: string,
  options: RequestOptions = {},
): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json, application/problem+json' };
  // Lets the server word its problem details in the interface language rather than the browser's.
  if (document.documentElement.lang) headers['accept-language'] = document.documentElement.lang;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (options.file) headers['content-type'] = options.file.type || 'application/octet-stream';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  if (options.version !== undefined) headers['if-match'] = `"${options.version}"`;
  if (options.idempotencyKey) headers['idempotency-key'] = options.idempotencyKey;

  let response: Response;
  try {
    response = await fetch(buildUrl(path, options.query), {
      method,
      headers,
      credentials: 'same-origin',
      body: options.file ?? (options.body === undefined ? undefined : JSON.stringify(options.body)),
      signal: options.signal,
    });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw new ApiError({ status: 0, code: 'NETWORK_ERROR', title: 'Network error' });
  }

  if (response.status === 204) return undefined as T;
  const payload = await readJson(response);

  if (!response.ok) {
    const problem: Problem =
      payload && typeof payload === 'object'
        ? { ...(payload as Partial<Problem>), status: response.status }
        : { status: response.status, title: response.statusText };
    const retryAfter = Number(response.headers.get('retry-after'));
    if (Number.isFinite(retryAfter) && retryAfter > 0) problem.retryAfterSeconds = retryAfter;
    if (!problem.requestId) {
      const requestId = response.headers.get('x-request-id');
      if (requestId) problem.requestId = requestId;
    }
    if (response.status === 401 && !options.expectUnauthorized) {
      for (const listener of unauthorizedListeners) listener();
    }
    throw new ApiError(problem);
  }
  return payload as T;
}

async function readJson(response: Response): Promise<unknown> {
  const text = await response.text();
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

export const api = {
  get: <T>(path: string, options?: RequestOptions) => request<T>('GET', path, options),
  post: <T>(path: string, body?: unknown, options?: RequestOptions) =>
    request<T>('POST', path, { ...options, body }),
  patch: <T>(path: string, body: unknown, options?: RequestOptions) =>
    request<T>('PATCH', path, { ...options, body }),
  delete: <T = void>(path: string, options?: RequestOptions) => request<T>('DELETE', path, options),
  /** Uploads a file as the raw body, named by `?fileName=` as the attachment routes expect. */
  upload: <T>(path: string, file: File) =>
    request<T>('POST', path, { file, query: { fileName: file.name } }),
  list: <T>(path: string, query: Record<string, QueryValue>, signal?: AbortSignal) =>
    request<Page<T>>('GET', path, { query, signal }),
};
