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
  managerId: string | null;
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

// Business calendars and SLA policies (docs/sla.md).

export type Weekday = 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun';
export const WEEKDAYS: readonly Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

/** Working intervals of a day, each `["HH:MM", "HH:MM"]`, half-open; `"24:00"` closes the day. */
export type Intervals = string[][];

export interface CalendarException {
  date: string;
  /** Empty: closed all day. */
  hours: Intervals;
}

export interface CalendarSpec {
  timeZone: string;
  week: Partial<Record<Weekday, Intervals>>;
  holidays?: string[];
  exceptions?: CalendarException[];
}

export interface Calendar {
  id: string;
  name: string;
  description: string;
  businessDayMinutes: number;
  versionId: string;
  versionNumber: number;
  spec: CalendarSpec;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export interface CalendarVersion {
  id: string;
  number: number;
  spec: CalendarSpec;
  createdAt: string;
  /** The name of the person who made the version. */
  createdBy: string;
}

export interface HolidayImport {
  calendar: Calendar;
  imported: number;
  skipped: string[];
}

export type Priority = 'P1' | 'P2' | 'P3' | 'P4';
export const PRIORITIES: readonly Priority[] = ['P1', 'P2', 'P3', 'P4'];
export type TicketType = 'incident' | 'request';
export const TICKET_TYPES: readonly TicketType[] = ['incident', 'request'];
export type SlaClock = 'first_response' | 'resolution';
export const SLA_CLOCKS: readonly SlaClock[] = ['first_response', 'resolution'];

export type SlaTarget =
  | { kind: 'minutes'; minutes: number }
  | { kind: 'business-days'; days: number }
  | { kind: 'end-of-next-business-day' };

export interface SlaPolicyConditions {
  services?: string[];
  organisations?: string[];
  priorities?: Priority[];
  ticketTypes?: TicketType[];
}

export interface SlaPolicy {
  id: string;
  name: string;
  order: number;
  active: boolean;
  conditions: SlaPolicyConditions;
  calendarId: string;
  targets: Record<SlaClock, Partial<Record<Priority, SlaTarget>>>;
  thresholds: number[];
  pauseOn: Record<SlaClock, string[]>;
  createdAt: string;
  updatedAt: string;
  version: number;
}
