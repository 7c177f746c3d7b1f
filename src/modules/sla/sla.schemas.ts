import { Type } from 'typebox';
import { Nullable, Timestamp } from '../../server/http/schemas.js';
import { CLOCKS, PRIORITIES, TICKET_TYPES } from './policy.js';

const Time = Type.String({
  pattern: '^([01]\\d|2[0-3]):[0-5]\\d$|^24:00$',
  description: 'HH:MM; 24:00 closes a day',
});
const IntervalList = Type.Array(Type.Array(Time, { minItems: 2, maxItems: 2 }), { maxItems: 48 });
const DateString = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' });

export const CalendarSpecSchema = Type.Object(
  {
    timeZone: Type.String({
      minLength: 1,
      maxLength: 64,
      description: 'IANA time zone, e.g. Europe/Paris',
    }),
    week: Type.Object(
      Object.fromEntries(
        ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [
          d,
          Type.Optional(IntervalList),
        ]),
      ),
      { additionalProperties: false },
    ),
    holidays: Type.Optional(Type.Array(DateString, { maxItems: 5000 })),
    exceptions: Type.Optional(
      Type.Array(
        Type.Object({ date: DateString, hours: IntervalList }, { additionalProperties: false }),
        { maxItems: 5000 },
      ),
    ),
  },
  { additionalProperties: false },
);

export const CalendarSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  description: Type.String(),
  businessDayMinutes: Type.Integer(),
  versionId: Type.String(),
  versionNumber: Type.Integer(),
  spec: CalendarSpecSchema,
  createdAt: Timestamp,
  updatedAt: Timestamp,
  version: Type.Integer(),
});

export const CalendarVersionSchema = Type.Object({
  id: Type.String(),
  number: Type.Integer(),
  spec: CalendarSpecSchema,
  createdAt: Timestamp,
  createdBy: Type.String(),
});

export const CreateCalendarBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 200 }),
    description: Type.Optional(Type.String({ maxLength: 4000 })),
    businessDayMinutes: Type.Optional(Type.Integer({ minimum: 1, maximum: 1440 })),
    spec: CalendarSpecSchema,
  },
  { additionalProperties: false },
);

export const UpdateCalendarBody = Type.Object(
  {
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    description: Type.Optional(Type.String({ maxLength: 4000 })),
    businessDayMinutes: Type.Optional(Type.Integer({ minimum: 1, maximum: 1440 })),
    spec: Type.Optional(CalendarSpecSchema),
  },
  { additionalProperties: false, minProperties: 1 },
);

export const DueBody = Type.Object(
  { start: Type.String({ maxLength: 40 }), minutes: Type.Number({ minimum: 0 }) },
  { additionalProperties: false },
);
export const ElapsedBody = Type.Object(
  { from: Type.String({ maxLength: 40 }), to: Type.String({ maxLength: 40 }) },
  { additionalProperties: false },
);
export const ImportBody = Type.Object(
  {
    ics: Type.String({ minLength: 1, maxLength: 2_000_000 }),
    replace: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);

const TargetSchema = Type.Union([
  Type.Object(
    { kind: Type.Literal('minutes'), minutes: Type.Number({ exclusiveMinimum: 0 }) },
    { additionalProperties: false },
  ),
  Type.Object(
    { kind: Type.Literal('business-days'), days: Type.Number({ exclusiveMinimum: 0 }) },
    { additionalProperties: false },
  ),
  Type.Object({ kind: Type.Literal('end-of-next-business-day') }, { additionalProperties: false }),
]);
const TargetsPerPriority = Type.Object(
  {
    P1: Type.Optional(TargetSchema),
    P2: Type.Optional(TargetSchema),
    P3: Type.Optional(TargetSchema),
    P4: Type.Optional(TargetSchema),
  },
  { additionalProperties: false },
);
const TargetsSchema = Type.Object(
  { first_response: TargetsPerPriority, resolution: TargetsPerPriority },
  { additionalProperties: false },
);
const Statuses = Type.Array(Type.String({ maxLength: 64 }), { maxItems: 20 });
const PauseOnSchema = Type.Object(
  { first_response: Statuses, resolution: Statuses },
  { additionalProperties: false },
);
const ConditionsSchema = Type.Object(
  {
    services: Type.Optional(Type.Array(Type.String(), { maxItems: 500 })),
    organisations: Type.Optional(Type.Array(Type.String(), { maxItems: 500 })),
    priorities: Type.Optional(Type.Array(Type.Enum(PRIORITIES))),
    ticketTypes: Type.Optional(Type.Array(Type.Enum(TICKET_TYPES))),
  },
  { additionalProperties: false },
);

export const PolicySchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  order: Type.Integer(),
  active: Type.Boolean(),
  conditions: ConditionsSchema,
  calendarId: Type.String(),
  targets: TargetsSchema,
  thresholds: Type.Array(Type.Number()),
  pauseOn: PauseOnSchema,
  createdAt: Timestamp,
  updatedAt: Timestamp,
  version: Type.Integer(),
});

const policyFields = {
  name: Type.String({ minLength: 1, maxLength: 200 }),
  order: Type.Integer({ minimum: 0, maximum: 100_000 }),
  active: Type.Optional(Type.Boolean()),
  conditions: Type.Optional(ConditionsSchema),
  calendarId: Type.String({ minLength: 1 }),
  targets: TargetsSchema,
  thresholds: Type.Optional(
    Type.Array(Type.Number({ exclusiveMinimum: 0, maximum: 100 }), { maxItems: 10 }),
  ),
  pauseOn: Type.Optional(Type.Partial(PauseOnSchema)),
};
export const CreatePolicyBody = Type.Object(policyFields, { additionalProperties: false });
export const UpdatePolicyBody = Type.Partial(
  Type.Object(policyFields, { additionalProperties: false }),
  { minProperties: 1 },
);

export const ClockSchema = Type.Object({
  id: Type.String(),
  clock: Type.Enum(CLOCKS),
  policyId: Type.String(),
  selectionReason: Type.String(),
  targetMinutes: Type.Number(),
  state: Type.Enum(['running', 'paused', 'stopped']),
  elapsedMinutes: Type.Number(),
  remainingMinutes: Type.Number(),
  percentUsed: Type.Number(),
  dueAt: Nullable(Type.String()),
  breached: Type.Boolean(),
  breachedAt: Nullable(Type.String()),
  pausedReason: Nullable(Type.String()),
});
