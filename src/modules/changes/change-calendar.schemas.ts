// The HTTP contract of the change calendar: freeze and blackout windows, the calendar view and the
// conflict check the change form calls before saving.
import { Type } from 'typebox';
import { IdParams, Nullable, Timestamp } from '../../server/http/schemas.js';
import {
  ChangeStatusSchema,
  ChangeTypeSchema,
  RiskLevelSchema,
  ScheduleConflictSchema,
} from './changes.schemas.js';

export { IdParams };

const Id = Type.String({ minLength: 1, maxLength: 64 });
export const WindowKindSchema = Type.Enum(['freeze', 'blackout']);

export const FreezeWindowSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  kind: WindowKindSchema,
  start: Timestamp,
  end: Timestamp,
  serviceIds: Nullable(Type.Array(Type.String(), { description: 'null: every service.' })),
  reason: Type.String(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
  version: Type.Integer(),
});

export const CreateWindowBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 200 }),
    kind: WindowKindSchema,
    start: Timestamp,
    end: Timestamp,
    serviceIds: Type.Optional(Nullable(Type.Array(Id, { maxItems: 100 }))),
    reason: Type.Optional(Type.String({ maxLength: 4000 })),
  },
  { additionalProperties: false },
);
export const UpdateWindowBody = Type.Object(
  {
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    kind: Type.Optional(WindowKindSchema),
    start: Type.Optional(Timestamp),
    end: Type.Optional(Timestamp),
    serviceIds: Type.Optional(Nullable(Type.Array(Id, { maxItems: 100 }))),
    reason: Type.Optional(Type.String({ maxLength: 4000 })),
  },
  { additionalProperties: false, minProperties: 1 },
);
export const WindowListQuery = Type.Object({
  from: Type.Optional(Timestamp),
  to: Type.Optional(Timestamp),
});
export const WindowListSchema = Type.Object({ items: Type.Array(FreezeWindowSchema) });

export const CalendarQuery = Type.Object({
  from: Timestamp,
  to: Timestamp,
  serviceId: Type.Optional(Id),
});

export const CalendarChangeSchema = Type.Object({
  id: Type.String(),
  number: Type.String(),
  title: Type.String(),
  type: ChangeTypeSchema,
  status: ChangeStatusSchema,
  riskLevel: Nullable(RiskLevelSchema),
  major: Type.Boolean(),
  serviceIds: Type.Array(Type.String()),
  start: Timestamp,
  end: Timestamp,
  conflicts: Type.Array(ScheduleConflictSchema, {
    description: 'Conflicts now, with the other changes and windows.',
  }),
  overlapConflict: Type.Boolean(),
  freezeConflict: Type.Boolean({ description: 'Inside a freeze or blackout window.' }),
  overridden: Type.Boolean({ description: 'Scheduled despite conflicts, with a justification.' }),
});

export const CalendarSchema = Type.Object({
  from: Timestamp,
  to: Timestamp,
  changes: Type.Array(CalendarChangeSchema),
  windows: Type.Array(FreezeWindowSchema),
});

export const ConflictCheckBody = Type.Object(
  {
    changeId: Type.Optional(Nullable(Id)),
    serviceIds: Type.Array(Id, { maxItems: 50 }),
    start: Timestamp,
    end: Timestamp,
  },
  { additionalProperties: false },
);
export const ConflictsSchema = Type.Object({ conflicts: Type.Array(ScheduleConflictSchema) });
