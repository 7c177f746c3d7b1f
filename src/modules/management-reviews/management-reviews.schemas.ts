// The HTTP contract of management reviews: meetings, their inputs, decisions and actions.
import { Type } from 'typebox';
import { Nullable, PageQuery, Timestamp } from '../../server/http/schemas.js';
import { ACTION_STATUSES, INPUT_KEYS, REVIEW_STATUSES } from './management-reviews.js';

const Id = Type.String({ minLength: 1, maxLength: 64 });
const Day = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'YYYY-MM-DD' });
const StatusSchema = Type.Enum(REVIEW_STATUSES);
const ActionStatusSchema = Type.Enum(ACTION_STATUSES);
const InputKeySchema = Type.Enum(INPUT_KEYS);
const Figures = Type.Record(Type.String(), Nullable(Type.Number()));
const Person = Type.Object({ id: Type.String(), name: Type.String() });

const InputSchema = Type.Object({
  key: InputKeySchema,
  summary: Type.String({ description: 'A short generated sentence (English).' }),
  figures: Figures,
  rows: Type.Array(
    Type.Object({
      label: Type.String(),
      detail: Nullable(Type.String()),
      flag: Nullable(Type.String()),
      link: Nullable(Type.String()),
      figures: Figures,
    }),
  ),
});

const InputsSchema = Type.Object({
  from: Type.String({ description: 'First day the inputs cover.' }),
  to: Type.String({ description: 'Last day the inputs cover.' }),
  previousFrom: Type.String({ description: 'The period of the same length before, for trends.' }),
  previousTo: Type.String(),
  refreshedAt: Timestamp,
  items: Type.Array(InputSchema),
});

const reviewFields = {
  id: Type.String(),
  number: Type.String({ description: 'MRV0000001' }),
  title: Type.String(),
  plannedOn: Type.String(),
  heldOn: Nullable(Type.String()),
  chairId: Nullable(Type.String()),
  chairName: Nullable(Type.String()),
  status: StatusSchema,
  minutes: Type.String(),
  risks: Type.String({ description: 'No risk register yet: what the chair records about risks.' }),
  attendeeIds: Type.Array(Type.String()),
  inputs: Nullable(InputsSchema),
  inputComments: Type.Record(Type.String(), Type.String()),
  closedAt: Nullable(Timestamp),
  createdBy: Nullable(Type.String()),
  createdAt: Timestamp,
  updatedAt: Timestamp,
  version: Type.Integer(),
};

export const ActionSchema = Type.Object({
  id: Type.String(),
  reviewId: Type.String(),
  decisionId: Nullable(Type.String()),
  title: Type.String(),
  ownerId: Nullable(Type.String()),
  ownerName: Nullable(Type.String()),
  dueDate: Type.String(),
  status: ActionStatusSchema,
  overdue: Type.Boolean(),
  notes: Type.String(),
  doneAt: Nullable(Timestamp),
  improvements: Type.Array(
    Type.Object({
      id: Type.String(),
      number: Type.String(),
      title: Type.String(),
      status: Type.String(),
    }),
  ),
  createdBy: Nullable(Type.String()),
  createdAt: Timestamp,
  updatedAt: Timestamp,
  version: Type.Integer(),
});

export const ReviewSchema = Type.Object({
  ...reviewFields,
  attendees: Type.Array(Person),
  decisions: Type.Array(
    Type.Object({
      id: Type.String(),
      text: Type.String(),
      createdBy: Nullable(Type.String()),
      createdAt: Timestamp,
    }),
  ),
  actions: Type.Array(ActionSchema),
});

export const ReviewListItemSchema = Type.Object({
  ...reviewFields,
  openActions: Type.Integer(),
  overdueActions: Type.Integer(),
});

export const ReviewListQuery = Type.Object({ ...PageQuery });

export const CreateReviewBody = Type.Object(
  {
    title: Type.String({ minLength: 1, maxLength: 200 }),
    plannedOn: Day,
    chairId: Type.Optional(Nullable(Id)),
    attendeeIds: Type.Optional(Type.Array(Id, { maxItems: 100 })),
  },
  { additionalProperties: false },
);

export const UpdateReviewBody = Type.Object(
  {
    title: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    plannedOn: Type.Optional(Day),
    heldOn: Type.Optional(Nullable(Day)),
    chairId: Type.Optional(Nullable(Id)),
    attendeeIds: Type.Optional(Type.Array(Id, { maxItems: 100 })),
    minutes: Type.Optional(Type.String({ maxLength: 20000 })),
    risks: Type.Optional(Type.String({ maxLength: 20000 })),
    inputComments: Type.Optional(
      Type.Record(Type.String({ maxLength: 40 }), Type.String({ maxLength: 20000 }), {
        description: 'A comment per input key; an empty text removes it.',
      }),
    ),
  },
  { additionalProperties: false, minProperties: 1 },
);

export const ReviewTransitionBody = Type.Object(
  { status: StatusSchema },
  { additionalProperties: false },
);

export const RefreshInputsBody = Type.Object(
  {
    from: Type.Optional(Day),
    to: Type.Optional(Day),
  },
  { additionalProperties: false },
);

export const DecisionBody = Type.Object(
  { text: Type.String({ minLength: 1, maxLength: 4000 }) },
  { additionalProperties: false },
);

export const DecisionParams = Type.Object({ id: Id, decisionId: Id });

export const CreateActionBody = Type.Object(
  {
    title: Type.String({ minLength: 1, maxLength: 200 }),
    ownerId: Id,
    dueDate: Day,
    decisionId: Type.Optional(Nullable(Id)),
  },
  { additionalProperties: false },
);

export const UpdateActionBody = Type.Object(
  {
    title: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    ownerId: Type.Optional(Id),
    dueDate: Type.Optional(Day),
    status: Type.Optional(ActionStatusSchema),
    notes: Type.Optional(Type.String({ maxLength: 20000 })),
  },
  { additionalProperties: false, minProperties: 1 },
);
