// The HTTP contract of the continual improvement register.
import { Type } from 'typebox';
import { Nullable, PageQuery, Timestamp } from '../../server/http/schemas.js';
import { IMPROVEMENT_SOURCES, IMPROVEMENT_STATUSES } from './improvements.js';

const Id = Type.String({ minLength: 1, maxLength: 64 });
export const SourceSchema = Type.Enum(IMPROVEMENT_SOURCES);
export const StatusSchema = Type.Enum(IMPROVEMENT_STATUSES);
const Score = Type.Integer({ minimum: 1, maximum: 5 });
const Day = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'YYYY-MM-DD' });
const LongText = Type.String({ maxLength: 8000 });
const ShortText = Type.String({ maxLength: 500 });

const OutcomeSchema = Type.Object({
  measure: Nullable(
    Type.String({ description: 'What was measured, e.g. "password reset tickets a month".' }),
  ),
  before: Nullable(Type.String()),
  after: Nullable(Type.String()),
  measuredOn: Nullable(Type.String({ description: 'YYYY-MM-DD' })),
  notes: Nullable(Type.String()),
});

export const ImprovementSchema = Type.Object({
  id: Type.String(),
  number: Type.String({ description: 'IMP0000001' }),
  title: Type.String(),
  description: Type.String(),
  source: SourceSchema,
  sourceId: Nullable(Type.String({ description: 'The record it comes from, when it is one.' })),
  sourceLabel: Nullable(
    Type.String({ description: 'How that record is named, e.g. "CMP0000012".' }),
  ),
  expectedBenefit: Type.String(),
  scores: Type.Object({
    benefit: Nullable(Type.Integer()),
    effort: Nullable(Type.Integer()),
    impact: Nullable(Type.Integer()),
  }),
  priority: Nullable(
    Type.Object(
      { score: Type.Integer(), band: Type.Enum(['P1', 'P2', 'P3', 'P4']) },
      { description: 'score = (benefit + impact) × (6 − effort); P1 ≥ 30, P2 ≥ 20, P3 ≥ 10.' },
    ),
  ),
  ownerId: Nullable(Type.String()),
  ownerName: Nullable(Type.String()),
  status: StatusSchema,
  targetDate: Nullable(Type.String({ description: 'YYYY-MM-DD' })),
  overdue: Type.Boolean({ description: 'Open and past its target date.' }),
  progressNote: Nullable(Type.String()),
  rejectionReason: Nullable(Type.String()),
  outcome: OutcomeSchema,
  approvedAt: Nullable(Timestamp),
  startedAt: Nullable(Timestamp),
  implementedAt: Nullable(Timestamp),
  closedAt: Nullable(Timestamp),
  rejectedAt: Nullable(Timestamp),
  createdBy: Nullable(Type.String()),
  createdAt: Timestamp,
  updatedAt: Timestamp,
  version: Type.Integer(),
});

const scoreFields = {
  benefit: Type.Optional(Nullable(Score)),
  effort: Type.Optional(Nullable(Score)),
  impact: Type.Optional(Nullable(Score)),
};

export const CreateImprovementBody = Type.Object(
  {
    title: Type.String({ minLength: 1, maxLength: 200 }),
    description: Type.Optional(LongText),
    source: SourceSchema,
    sourceId: Type.Optional(Nullable(Id)),
    sourceLabel: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
    expectedBenefit: Type.Optional(LongText),
    ...scoreFields,
    ownerId: Type.Optional(Nullable(Id)),
    targetDate: Type.Optional(Nullable(Day)),
  },
  { additionalProperties: false },
);

const OutcomePatch = Type.Object(
  {
    measure: Type.Optional(Nullable(ShortText)),
    before: Type.Optional(Nullable(ShortText)),
    after: Type.Optional(Nullable(ShortText)),
    measuredOn: Type.Optional(Nullable(Day)),
    notes: Type.Optional(Nullable(LongText)),
  },
  { additionalProperties: false },
);

export const UpdateImprovementBody = Type.Object(
  {
    title: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    description: Type.Optional(LongText),
    sourceLabel: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
    expectedBenefit: Type.Optional(LongText),
    ...scoreFields,
    ownerId: Type.Optional(Nullable(Id)),
    targetDate: Type.Optional(Nullable(Day)),
    progressNote: Type.Optional(Nullable(LongText)),
    outcome: Type.Optional(OutcomePatch),
  },
  { additionalProperties: false, minProperties: 1 },
);

export const TransitionBody = Type.Object(
  {
    status: StatusSchema,
    rejectionReason: Type.Optional(LongText),
    outcome: Type.Optional(OutcomePatch),
  },
  { additionalProperties: false },
);

export const ImprovementListQuery = Type.Object({
  ...PageQuery,
  status: Type.Optional(StatusSchema),
  source: Type.Optional(SourceSchema),
  ownerId: Type.Optional(Id),
  sourceId: Type.Optional(Id),
  overdue: Type.Optional(Type.Boolean({ description: 'Only open ones past their target date.' })),
});
