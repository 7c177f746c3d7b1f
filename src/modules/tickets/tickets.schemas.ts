// The tickets HTTP contract.
import { Type } from 'typebox';
import { Nullable, PageQuery, Timestamp } from '../../server/http/schemas.js';
import { PRIORITIES, TICKET_TYPES } from '../sla/policy.js';
import { ClockSchema } from '../sla/sla.schemas.js';
import { CHANNELS, HOLD_REASONS, RESOLUTION_CODES, STATUSES } from './tickets.js';
import { QUEUES } from './tickets.service.js';

const Status = Type.Enum(STATUSES);
const Level = Type.Integer({ minimum: 1, maximum: 3 });
const Id = Type.String({ minLength: 1, maxLength: 64 });

export const TicketParams = Type.Object({
  id: Type.String({
    minLength: 1,
    maxLength: 64,
    description: 'Ticket id or number (INC0001042).',
  }),
});

export const TicketSchema = Type.Object({
  id: Type.String(),
  number: Type.String(),
  type: Type.Enum(TICKET_TYPES),
  title: Type.String(),
  description: Type.String(),
  requesterId: Type.String(),
  organisationId: Nullable(Type.String()),
  serviceId: Nullable(Type.String()),
  requestTypeId: Nullable(Type.String()),
  category: Type.String(),
  channel: Type.Enum(CHANNELS),
  impact: Type.Integer(),
  urgency: Type.Integer(),
  priority: Type.Enum(PRIORITIES),
  status: Status,
  holdReason: Nullable(Type.Enum(HOLD_REASONS)),
  groupId: Nullable(Type.String()),
  assigneeId: Nullable(Type.String()),
  resolutionCode: Nullable(Type.String()),
  resolutionNotes: Nullable(Type.String()),
  majorIncident: Type.Boolean(),
  formAnswers: Type.Record(Type.String(), Type.Unknown()),
  firstRespondedAt: Nullable(Timestamp),
  resolvedAt: Nullable(Timestamp),
  closedAt: Nullable(Timestamp),
  createdAt: Timestamp,
  updatedAt: Timestamp,
  version: Type.Integer(),
});

const Person = Type.Object({ id: Type.String(), name: Type.String() });

export const TicketDetailSchema = Type.Object({
  ...TicketSchema.properties,
  requesterName: Type.String(),
  assigneeName: Nullable(Type.String()),
  groupName: Nullable(Type.String()),
  serviceName: Nullable(Type.String()),
  requestTypeName: Nullable(Type.String()),
  formFields: Type.Array(Type.Unknown()),
  instructions: Nullable(Type.String()),
  clocks: Type.Array(ClockSchema),
  watchers: Type.Array(Person),
  links: Type.Array(
    Type.Object({
      kind: Type.String(),
      direction: Type.Enum(['outgoing', 'incoming']),
      id: Type.String(),
      number: Type.String(),
      title: Type.String(),
      status: Type.String(),
    }),
  ),
  approvals: Type.Array(
    Type.Object({
      id: Type.String(),
      step: Type.Integer(),
      kind: Type.String(),
      approverId: Nullable(Type.String()),
      approverName: Nullable(Type.String()),
      groupId: Nullable(Type.String()),
      groupName: Nullable(Type.String()),
      state: Type.String(),
      decidedBy: Nullable(Type.String()),
      decidedByName: Nullable(Type.String()),
      decidedAt: Nullable(Type.String()),
      comment: Nullable(Type.String()),
    }),
  ),
  tasks: Type.Array(TaskSchema()),
  canWork: Type.Boolean(),
});

function TaskSchema() {
  return Type.Object({
    id: Type.String(),
    position: Type.Integer(),
    title: Type.String(),
    groupId: Nullable(Type.String()),
    groupName: Nullable(Type.String()),
    assigneeId: Nullable(Type.String()),
    assigneeName: Nullable(Type.String()),
    status: Type.String(),
    completedAt: Nullable(Type.String()),
  });
}
export const TaskListSchema = Type.Array(TaskSchema());

export const TicketSummarySchema = Type.Object({
  id: Type.String(),
  number: Type.String(),
  type: Type.Enum(TICKET_TYPES),
  title: Type.String(),
  status: Type.String(),
  holdReason: Nullable(Type.String()),
  priority: Type.String(),
  requesterId: Type.String(),
  requesterName: Type.String(),
  serviceId: Nullable(Type.String()),
  serviceName: Nullable(Type.String()),
  groupId: Nullable(Type.String()),
  groupName: Nullable(Type.String()),
  assigneeId: Nullable(Type.String()),
  assigneeName: Nullable(Type.String()),
  majorIncident: Type.Boolean(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
  sla: Nullable(
    Type.Object({
      state: Type.String(),
      dueAt: Nullable(Type.String()),
      breached: Type.Boolean(),
      /** Business minutes left on the resolution clock (negative when overdue). */
      remainingMinutes: Nullable(Type.Number()),
      percentUsed: Nullable(Type.Number()),
    }),
  ),
});

const CsvList = <T extends readonly string[]>(values: T) =>
  Type.Optional(Type.Array(Type.Enum(values), { maxItems: values.length }));

export const QueueQuerySchema = Type.Object({
  ...PageQuery,
  queue: Type.Optional(Type.Enum(QUEUES)),
  status: CsvList(STATUSES),
  priority: CsvList(PRIORITIES),
  type: Type.Optional(Type.Enum(TICKET_TYPES)),
  serviceId: Type.Optional(Id),
  groupId: Type.Optional(Id),
  assigneeId: Type.Optional(Id),
  sort: Type.Optional(Type.Enum(['updated', 'created', 'due'])),
});

export const CreateTicketBody = Type.Object(
  {
    type: Type.Enum(TICKET_TYPES),
    title: Type.String({ minLength: 1, maxLength: 200 }),
    description: Type.String({ maxLength: 20_000 }),
    requesterId: Type.Optional(Id),
    serviceId: Type.Optional(Nullable(Id)),
    requestTypeId: Type.Optional(Nullable(Id)),
    category: Type.Optional(Type.String({ maxLength: 60 })),
    channel: Type.Optional(Type.Enum(CHANNELS)),
    impact: Type.Optional(Level),
    urgency: Type.Optional(Level),
    groupId: Type.Optional(Nullable(Id)),
    assigneeId: Type.Optional(Nullable(Id)),
    majorIncident: Type.Optional(Type.Boolean()),
    formAnswers: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
    watcherIds: Type.Optional(Type.Array(Id, { maxItems: 50 })),
  },
  { additionalProperties: false },
);

export const UpdateTicketBody = Type.Object(
  {
    title: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    description: Type.Optional(Type.String({ maxLength: 20_000 })),
    category: Type.Optional(Type.String({ minLength: 1, maxLength: 60 })),
    impact: Type.Optional(Level),
    urgency: Type.Optional(Level),
    serviceId: Type.Optional(Nullable(Id)),
    groupId: Type.Optional(Nullable(Id)),
    assigneeId: Type.Optional(Nullable(Id)),
    majorIncident: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false, minProperties: 1 },
);

export const StatusBody = Type.Object(
  {
    status: Status,
    holdReason: Type.Optional(Nullable(Type.Enum(HOLD_REASONS))),
    resolutionCode: Type.Optional(Nullable(Type.Enum(RESOLUTION_CODES))),
    resolutionNotes: Type.Optional(Nullable(Type.String({ maxLength: 20_000 }))),
  },
  { additionalProperties: false },
);

export const CommentBody = Type.Object(
  {
    visibility: Type.Enum(['public', 'internal']),
    body: Type.String({ minLength: 1, maxLength: 20_000 }),
  },
  { additionalProperties: false },
);

export const CommentSchema = Type.Object({
  id: Type.String(),
  authorId: Nullable(Type.String()),
  authorName: Type.String(),
  visibility: Type.String(),
  body: Type.String(),
  createdAt: Timestamp,
});

export const TimelineSchema = Type.Array(
  Type.Object({
    kind: Type.Enum(['comment', 'change']),
    id: Type.String(),
    at: Timestamp,
    actorName: Type.String(),
    visibility: Nullable(Type.String()),
    body: Nullable(Type.String()),
    action: Nullable(Type.String()),
    changes: Nullable(Type.Record(Type.String(), Type.Unknown())),
  }),
);

export const SearchQuery = Type.Object({
  q: Type.String({ minLength: 1, maxLength: 200 }),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
});

export const SearchResultSchema = Type.Array(
  Type.Object({
    id: Type.String(),
    number: Type.String(),
    type: Type.Enum(TICKET_TYPES),
    title: Type.String(),
    status: Type.String(),
    priority: Type.String(),
    updatedAt: Timestamp,
  }),
);

export const WatcherBody = Type.Object({ userId: Id }, { additionalProperties: false });
export const WatcherParams = Type.Object({ id: Id, userId: Id });

export const LinkKind = Type.Enum(['related', 'duplicate_of', 'child_of', 'parent_of']);
export const LinkBody = Type.Object(
  { kind: LinkKind, target: Type.String({ minLength: 1, maxLength: 64 }) },
  { additionalProperties: false },
);
export const LinkParams = Type.Object({ id: Id, kind: LinkKind, target: Id });
export const LinksSchema = Type.Object({
  outgoing: Type.Array(
    Type.Object({
      kind: Type.String(),
      id: Type.String(),
      number: Type.String(),
      title: Type.String(),
      status: Type.String(),
    }),
  ),
  incoming: Type.Array(
    Type.Object({
      kind: Type.String(),
      id: Type.String(),
      number: Type.String(),
      title: Type.String(),
      status: Type.String(),
    }),
  ),
});

export const ApprovalParams = Type.Object({ id: Id, approvalId: Id });
export const DecisionBody = Type.Object(
  {
    decision: Type.Enum(['approve', 'reject']),
    comment: Type.Optional(Type.String({ maxLength: 5_000 })),
  },
  { additionalProperties: false },
);
export const InboxSchema = Type.Array(
  Type.Object({
    id: Type.String(),
    step: Type.Integer(),
    kind: Type.String(),
    ticketId: Type.String(),
    number: Type.String(),
    title: Type.String(),
    requesterName: Type.String(),
    createdAt: Timestamp,
  }),
);

export const TaskParams = Type.Object({ id: Id, taskId: Id });
export const TaskBody = Type.Object(
  {
    status: Type.Optional(Type.Enum(['open', 'done', 'cancelled'])),
    assigneeId: Type.Optional(Nullable(Id)),
  },
  { additionalProperties: false, minProperties: 1 },
);

export const BulkBody = Type.Object(
  {
    ids: Type.Array(Id, { minItems: 1, maxItems: 200 }),
    assigneeId: Type.Optional(Nullable(Id)),
    groupId: Type.Optional(Nullable(Id)),
    status: Type.Optional(StatusBody),
  },
  { additionalProperties: false },
);
export const BulkResultSchema = Type.Array(
  Type.Object({ id: Type.String(), ok: Type.Boolean(), error: Nullable(Type.String()) }),
);

const Matrix = Type.Record(Type.String({ pattern: '^[1-3]-[1-3]$' }), Type.Enum(PRIORITIES));
export const DeskSettingsSchema = Type.Object({
  priorityMatrix: Matrix,
  reopenWindowDays: Type.Integer(),
  firstResponseBy: Type.Enum(['public-reply', 'public-reply-or-acknowledgement']),
  requestersSeeOrganisationTickets: Type.Boolean(),
  categories: Type.Array(Type.String()),
  version: Type.Integer(),
});
export const DeskSettingsBody = Type.Object(
  {
    priorityMatrix: Type.Optional(Matrix),
    reopenWindowDays: Type.Optional(Type.Integer({ minimum: 0, maximum: 365 })),
    firstResponseBy: Type.Optional(Type.Enum(['public-reply', 'public-reply-or-acknowledgement'])),
    requestersSeeOrganisationTickets: Type.Optional(Type.Boolean()),
    categories: Type.Optional(
      Type.Array(Type.String({ minLength: 1, maxLength: 60 }), { maxItems: 100 }),
    ),
  },
  { additionalProperties: false, minProperties: 1 },
);

export const ReviewSchema = Type.Object({
  ticketId: Type.String(),
  summary: Type.String(),
  impact: Type.String(),
  rootCause: Type.String(),
  lessons: Type.String(),
  actions: Type.String(),
  outageStart: Nullable(Type.String()),
  outageEnd: Nullable(Type.String()),
  reviewedBy: Nullable(Type.String()),
  reviewedAt: Nullable(Type.String()),
  createdAt: Timestamp,
  updatedAt: Timestamp,
  version: Type.Integer(),
});
const ReviewText = Type.Optional(Type.String({ maxLength: 20_000 }));
export const ReviewBody = Type.Object(
  {
    summary: ReviewText,
    impact: ReviewText,
    rootCause: ReviewText,
    lessons: ReviewText,
    actions: ReviewText,
    outageStart: Type.Optional(Nullable(Timestamp)),
    outageEnd: Type.Optional(Nullable(Timestamp)),
    signOff: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
