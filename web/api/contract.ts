import type { paths } from './schema';
import type {
  ApiToken,
  AuditEvent,
  Calendar,
  CalendarVersion,
  CreatedApiToken,
  Group,
  HolidayImport,
  Organisation,
  Session,
  SlaPolicy,
  User,
} from './types';

// Compile-time guard: the hand-written shapes in types.ts must stay identical to what the
// server documents in its OpenAPI (web/api/schema.d.ts, from `npm run gen:api`). When the
// server changes a response, `tsc -p web/tsconfig.json` fails here first.

type Json<P extends keyof paths, M extends 'get' | 'post'> = paths[P][M] extends {
  responses: infer R;
}
  ? R extends { 200: { content: { 'application/json': infer B } } }
    ? B
    : R extends { 201: { content: { 'application/json': infer B } } }
      ? B
      : never
  : never;

type Item<T> = T extends { items: (infer I)[] } ? I : never;
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;

export const contract: {
  user: Same<User, Json<'/api/v1/users/{id}', 'get'>>;
  session: [Json<'/api/v1/me', 'get'>] extends [Session] ? true : false;
  group: Same<Group, Json<'/api/v1/groups/{id}', 'get'>>;
  organisation: Same<Organisation, Json<'/api/v1/organisations/{id}', 'get'>>;
  token: Same<ApiToken, Item<Json<'/api/v1/me/tokens', 'get'>>>;
  createdToken: Same<CreatedApiToken, Json<'/api/v1/me/tokens', 'post'>>;
  auditEvent: [Item<Json<'/api/v1/audit-events', 'get'>>] extends [AuditEvent] ? true : false;
  calendar: Same<Calendar, Json<'/api/v1/calendars/{id}', 'get'>>;
  calendarPage: Same<Calendar, Item<Json<'/api/v1/calendars', 'get'>>>;
  calendarVersions: Same<CalendarVersion[], Json<'/api/v1/calendars/{id}/versions', 'get'>>;
  holidayImport: Same<HolidayImport, Json<'/api/v1/calendars/{id}/holidays/import', 'post'>>;
  due: Same<{ due: string }, Json<'/api/v1/calendars/{id}/due', 'post'>>;
  elapsed: Same<{ minutes: number }, Json<'/api/v1/calendars/{id}/elapsed', 'post'>>;
  slaPolicy: Same<SlaPolicy, Json<'/api/v1/sla-policies/{id}', 'get'>>;
  slaPolicies: Same<SlaPolicy, Item<Json<'/api/v1/sla-policies', 'get'>>>;
} = {
  user: true,
  session: true,
  group: true,
  organisation: true,
  token: true,
  createdToken: true,
  auditEvent: true,
  calendar: true,
  calendarPage: true,
  calendarVersions: true,
  holidayImport: true,
  due: true,
  elapsed: true,
  slaPolicy: true,
  slaPolicies: true,
};
