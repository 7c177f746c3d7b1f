// Shapes of the HTTP contract (docs: /api/docs). When `npm run gen:api` produces
// web/api/schema.d.ts these are the types to compare it against.

export type Role = 'admin' | 'manager' | 'agent' | 'auditor' | 'requester';
export const ROLES: readonly Role[] = ['admin', 'manager', 'agent', 'auditor', 'requester'];

export type Locale = 'en' | 'fr';

export interface User {
  id: string;
  email: string;
  name: string;
  role: Role;
  locale: Locale;
  timeZone: string;
  active: boolean;
  organisationId: string | null;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export interface Session {
  user: User;
  /** Permission names; new modules add new ones, so the shell treats them as open strings. */
  permissions: string[];
  /** Null when the request was authenticated with an API token rather than the cookie. */
  csrfToken: string | null;
}

export interface Group {
  id: string;
  name: string;
  description: string;
  managerId: string | null;
  memberIds: string[];
  createdAt: string;
  updatedAt: string;
  version: number;
}

export type OrganisationKind = 'company' | 'department' | 'store';
export const ORGANISATION_KINDS: readonly OrganisationKind[] = ['company', 'department', 'store'];

export interface Organisation {
  id: string;
  name: string;
  kind: OrganisationKind;
  parentId: string | null;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export interface ApiToken {
  id: string;
  name: string;
  userId: string;
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  expiresAt: string | null;
  revokedAt: string | null;
}

export interface CreatedApiToken {
  token: ApiToken;
  secret: string;
}

export interface AuditEvent {
  id: string;
  occurredAt: string;
  actorId: string | null;
  actorName: string | null;
  action: 'create' | 'update' | 'delete' | (string & {});
  entityType: string;
  entityId: string;
  changes: Record<string, { from: unknown; to: unknown }> | null;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface ProblemFieldError {
  field: string;
  message: string;
}

export interface Problem {
  type?: string;
  title?: string;
  status: number;
  detail?: string;
  code?: string;
  errors?: ProblemFieldError[];
  requestId?: string;
  /** From the Retry-After header (rate limits, locked accounts). */
  retryAfterSeconds?: number;
}
