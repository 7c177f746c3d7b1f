// The documents module's HTTP contract: TypeBox shapes of documents, versions, the checklist and
// acknowledgement campaigns.
import { Type } from 'typebox';
import { Nullable, Timestamp } from '../../server/http/schemas.js';
import { ROLES } from '../../shared/permissions.js';
import { DOCUMENT_KINDS, DOCUMENT_STATUSES, VERSION_STATUSES } from './documents.js';

export const Kind = Type.Enum(DOCUMENT_KINDS);
export const Status = Type.Enum(DOCUMENT_STATUSES);
const RequirementNumber = Type.String({ maxLength: 16, description: 'e.g. 8.5.1.1' });

const documentFields = {
  id: Type.String(),
  number: Type.String({ description: 'DOC0000001' }),
  kind: Kind,
  title: Type.String(),
  ownerId: Nullable(Type.String()),
  checklistKey: Nullable(
    Type.String({ description: 'The mandatory-checklist item it fulfils (scope, sms-policy, …).' }),
  ),
  requirements: Type.Array(RequirementNumber),
  status: Status,
  currentVersion: Type.Integer({
    description: 'The version being worked on, or the approved one.',
  }),
  approvedVersion: Nullable(Type.Integer({ description: 'The version in force.' })),
  approvedAt: Nullable(Timestamp),
  nextReviewAt: Nullable(Timestamp),
  reviewOverdue: Type.Boolean(),
  createdBy: Nullable(Type.String()),
  createdAt: Timestamp,
  updatedAt: Timestamp,
  version: Type.Integer(),
};
export const DocumentSchema = Type.Object(documentFields);

export const VersionSchema = Type.Object({
  id: Type.String(),
  documentId: Type.String(),
  number: Type.Integer(),
  title: Type.String(),
  body: Type.String({ description: 'Markdown.' }),
  status: Type.Enum(VERSION_STATUSES),
  authorId: Nullable(Type.String()),
  reviewerId: Nullable(Type.String()),
  submittedBy: Nullable(Type.String()),
  submittedAt: Nullable(Timestamp),
  approvedBy: Nullable(Type.String()),
  approvedByName: Nullable(Type.String()),
  approvedAt: Nullable(Timestamp),
  changeNote: Nullable(Type.String()),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});

export const CommentSchema = Type.Object({
  id: Type.String(),
  documentId: Type.String(),
  versionNumber: Type.Integer(),
  authorId: Nullable(Type.String()),
  authorName: Type.String(),
  decision: Type.Union([Type.Literal('comment'), Type.Literal('approve'), Type.Literal('reject')]),
  body: Type.String(),
  createdAt: Timestamp,
});

export const DocumentDetailSchema = Type.Object({
  ...documentFields,
  versions: Type.Array(VersionSchema, { description: 'Newest first.' }),
  comments: Type.Array(CommentSchema),
});

const SummarySchema = Type.Object({
  id: Type.String(),
  title: Type.String(),
  kind: Kind,
  status: Status,
  version: Type.Integer(),
  approvedAt: Nullable(Timestamp),
  nextReviewAt: Nullable(Timestamp),
});

export const ChecklistSchema = Type.Array(
  Type.Object({
    key: Type.String(),
    name: Type.String(),
    requirement: Type.String(),
    requirementTitle: Type.String(),
    documents: Type.Array(SummarySchema),
    exists: Type.Boolean(),
    approved: Type.Boolean({
      description: 'One is approved, not retired and not overdue for review.',
    }),
    status: Type.Union([
      Type.Literal('missing'),
      Type.Literal('not_approved'),
      Type.Literal('review_overdue'),
      Type.Literal('approved'),
    ]),
  }),
);

const Person = Type.Object({ userId: Type.String(), name: Type.String() });
export const CampaignSchema = Type.Object({
  id: Type.String(),
  documentId: Type.String(),
  documentNumber: Type.String(),
  documentTitle: Type.String(),
  versionNumber: Type.Integer(),
  roles: Type.Array(Type.String()),
  groupIds: Type.Array(Type.String()),
  dueAt: Timestamp,
  message: Nullable(Type.String()),
  createdBy: Nullable(Type.String()),
  createdAt: Timestamp,
  targeted: Type.Integer(),
  acknowledged: Type.Integer(),
  percent: Type.Integer(),
  overdue: Type.Boolean(),
  missing: Type.Array(Person),
  acknowledgements: Type.Array(
    Type.Object({
      userId: Type.String(),
      name: Type.String(),
      acknowledgedAt: Timestamp,
      version: Type.Integer(),
    }),
  ),
});

const myFields = {
  campaignId: Type.String(),
  documentId: Type.String(),
  documentNumber: Type.String(),
  documentTitle: Type.String(),
  documentKind: Kind,
  versionNumber: Type.Integer(),
  dueAt: Timestamp,
  message: Nullable(Type.String()),
  createdAt: Timestamp,
  acknowledgedAt: Nullable(Timestamp),
  acknowledgedVersion: Nullable(Type.Integer()),
  overdue: Type.Boolean(),
};
export const MyAcknowledgementSchema = Type.Object(myFields);
export const MyAcknowledgementDetailSchema = Type.Object({
  ...myFields,
  title: Type.String(),
  body: Type.String(),
  approvedAt: Nullable(Timestamp),
  approvedByName: Nullable(Type.String()),
});

const Body = Type.String({
  maxLength: 200_000,
  description: 'Markdown; raw HTML is shown as text.',
});
const Requirements = Type.Array(RequirementNumber, { maxItems: 60 });
const ChecklistKey = Nullable(Type.String({ maxLength: 64 }));
const ReviewDate = Nullable(Timestamp);

export const CreateBody = Type.Object(
  {
    kind: Kind,
    title: Type.String({ minLength: 1, maxLength: 300 }),
    body: Type.Optional(Body),
    ownerId: Type.Optional(Nullable(Type.String({ maxLength: 64 }))),
    checklistKey: Type.Optional(ChecklistKey),
    requirements: Type.Optional(Requirements),
    nextReviewAt: Type.Optional(ReviewDate),
  },
  { additionalProperties: false },
);

export const UpdateBody = Type.Object(
  {
    kind: Type.Optional(Kind),
    title: Type.Optional(Type.String({ minLength: 1, maxLength: 300 })),
    body: Type.Optional(Body),
    ownerId: Type.Optional(Nullable(Type.String({ maxLength: 64 }))),
    checklistKey: Type.Optional(ChecklistKey),
    requirements: Type.Optional(Requirements),
    nextReviewAt: Type.Optional(ReviewDate),
    changeNote: Type.Optional(Nullable(Type.String({ maxLength: 1000 }))),
  },
  { additionalProperties: false, minProperties: 1 },
);

const Comment = Type.String({ maxLength: 4000 });
export const SubmitBody = Type.Object(
  {
    reviewerId: Type.Optional(Nullable(Type.String({ maxLength: 64 }))),
    comment: Type.Optional(Comment),
  },
  { additionalProperties: false },
);
export const ApproveBody = Type.Object(
  { comment: Type.Optional(Comment), nextReviewAt: Type.Optional(ReviewDate) },
  { additionalProperties: false },
);
export const RejectBody = Type.Object(
  { comment: Type.String({ minLength: 1, maxLength: 4000 }) },
  { additionalProperties: false },
);
export const RetireBody = Type.Object(
  { comment: Type.Optional(Comment) },
  { additionalProperties: false },
);
export const CommentBody = Type.Object(
  { body: Type.String({ minLength: 1, maxLength: 4000 }) },
  { additionalProperties: false },
);
export const CampaignBody = Type.Object(
  {
    roles: Type.Optional(Type.Array(Type.Enum(ROLES), { maxItems: 5 })),
    groupIds: Type.Optional(Type.Array(Type.String({ maxLength: 64 }), { maxItems: 100 })),
    dueAt: Timestamp,
    message: Type.Optional(Nullable(Type.String({ maxLength: 2000 }))),
  },
  { additionalProperties: false },
);
