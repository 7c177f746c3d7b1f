import { Type } from 'typebox';
import { Nullable, PageQuery, Timestamp } from '../../server/http/schemas.js';
import {
  APPROVAL_KINDS,
  FIELD_KINDS,
  MAX_APPROVALS,
  MAX_FIELDS,
  MAX_OPTIONS,
  MAX_TASKS,
  SERVICE_STATUSES,
} from './catalogue.js';

// The HTTP contract of the service catalogue. The schemas check shapes; the rules between
// attributes (options of select fields, bounds, patterns that compile) are the domain's, so their
// errors name the JSON pointer of the bad attribute.

const Status = Type.Enum(SERVICE_STATUSES);

export const ServiceSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  description: Type.String(),
  status: Status,
  ownerId: Nullable(Type.String()),
  calendarId: Nullable(Type.String()),
  defaultGroupId: Nullable(Type.String()),
  availabilityTarget: Nullable(
    Type.Number({ description: 'Availability target in percent (0 < x ≤ 100), or null' }),
  ),
  createdAt: Timestamp,
  updatedAt: Timestamp,
  version: Type.Integer(),
});

const serviceFields = {
  name: Type.String({ minLength: 1, maxLength: 200 }),
  description: Type.Optional(Type.String({ maxLength: 4000 })),
  status: Type.Optional(Status),
  ownerId: Type.Optional(Nullable(Type.String({ maxLength: 64 }))),
  calendarId: Type.Optional(Nullable(Type.String({ maxLength: 64 }))),
  defaultGroupId: Type.Optional(Nullable(Type.String({ maxLength: 64 }))),
  // One schema with both types, not a union: the validator coerces types branch by branch, so in a
  // union null would swallow a 0 (to be refused, not read as "no target") or a number would turn
  // null into 0. Bounds are the domain's (checkAvailabilityTarget), to name the field in words.
  availabilityTarget: Type.Optional(
    Type.Unsafe<number | null>({ type: ['number', 'null'], description: 'Percent, or null' }),
  ),
};
export const CreateServiceBody = Type.Object(serviceFields, { additionalProperties: false });
export const UpdateServiceBody = Type.Partial(
  Type.Object(serviceFields, { additionalProperties: false }),
  { minProperties: 1 },
);
export const ListServicesQuery = Type.Object({
  ...PageQuery,
  q: Type.Optional(Type.String({ maxLength: 200 })),
  status: Type.Optional(Status),
});

export const FormFieldSchema = Type.Object(
  {
    key: Type.String({
      maxLength: 64,
      description: 'Identifier of the answer, unique in the form',
    }),
    label: Type.String({ maxLength: 200 }),
    kind: Type.Enum(FIELD_KINDS),
    required: Type.Boolean(),
    help: Type.Optional(Type.String({ maxLength: 1000 })),
    options: Type.Optional(
      Type.Array(Type.String({ maxLength: 200 }), {
        maxItems: MAX_OPTIONS,
        description: 'Choices of select and multi-select fields',
      }),
    ),
    min: Type.Optional(Type.Number({ description: 'Number: lowest value; text: shortest length' })),
    max: Type.Optional(Type.Number({ description: 'Number: highest value; text: longest length' })),
    pattern: Type.Optional(
      Type.String({
        maxLength: 500,
        description: 'Text: a regular expression the whole answer must match',
      }),
    ),
  },
  { additionalProperties: false },
);

export const ApprovalStepSchema = Type.Object(
  {
    kind: Type.Enum(APPROVAL_KINDS),
    groupId: Type.Optional(Type.String({ maxLength: 64, description: 'For kind group' })),
  },
  { additionalProperties: false },
);

export const TaskTemplateSchema = Type.Object(
  {
    title: Type.String({ maxLength: 200 }),
    groupId: Nullable(Type.String({ maxLength: 64 })),
  },
  { additionalProperties: false },
);

export const RequestTypeSchema = Type.Object({
  id: Type.String(),
  serviceId: Type.String(),
  name: Type.String(),
  description: Type.String(),
  active: Type.Boolean(),
  form: Type.Array(FormFieldSchema),
  approvals: Type.Array(ApprovalStepSchema),
  tasks: Type.Array(TaskTemplateSchema),
  instructions: Type.String(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
  version: Type.Integer(),
});

const requestTypeFields = {
  serviceId: Type.String({ minLength: 1, maxLength: 64 }),
  name: Type.String({ minLength: 1, maxLength: 200 }),
  description: Type.Optional(Type.String({ maxLength: 4000 })),
  active: Type.Optional(Type.Boolean()),
  form: Type.Optional(Type.Array(FormFieldSchema, { maxItems: MAX_FIELDS })),
  approvals: Type.Optional(Type.Array(ApprovalStepSchema, { maxItems: MAX_APPROVALS })),
  tasks: Type.Optional(Type.Array(TaskTemplateSchema, { maxItems: MAX_TASKS })),
  instructions: Type.Optional(
    Type.String({ maxLength: 20_000, description: 'For the agents who fulfil the request' }),
  ),
};
export const CreateRequestTypeBody = Type.Object(requestTypeFields, {
  additionalProperties: false,
});
export const UpdateRequestTypeBody = Type.Partial(
  Type.Object(requestTypeFields, { additionalProperties: false }),
  { minProperties: 1 },
);
export const ListRequestTypesQuery = Type.Object({
  ...PageQuery,
  q: Type.Optional(Type.String({ maxLength: 200 })),
  serviceId: Type.Optional(Type.String({ maxLength: 64 })),
  active: Type.Optional(Type.Boolean()),
});
export const ServiceRequestTypesQuery = Type.Object({
  ...PageQuery,
  q: Type.Optional(Type.String({ maxLength: 200 })),
  active: Type.Optional(Type.Boolean()),
});
