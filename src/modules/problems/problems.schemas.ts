// The HTTP contract of problems, known errors and incident trends.
import { Type } from 'typebox';
import { Nullable, PageQuery, Timestamp } from '../../server/http/schemas.js';
import { PROBLEM_STATUSES, RCA_METHODS } from './problems.js';

const Id = Type.String({ minLength: 1, maxLength: 64 });
export const ProblemStatusSchema = Type.Enum(PROBLEM_STATUSES);
const RcaMethod = Type.Enum(RCA_METHODS);
const LongText = Type.String({ maxLength: 8000 });

export const ProblemSchema = Type.Object({
  id: Type.String(),
  number: Type.String({ description: 'PRB0000001' }),
  title: Type.String(),
  description: Type.String(),
  status: ProblemStatusSchema,
  ownerGroupId: Nullable(Type.String()),
  assigneeId: Nullable(Type.String()),
  rcaMethod: Nullable(RcaMethod),
  rootCause: Nullable(Type.String()),
  contributingFactors: Nullable(Type.String()),
  workaround: Nullable(Type.String()),
  serviceIds: Type.Array(Type.String(), { description: 'The affected services.' }),
  incidentCount: Type.Integer(),
  knownErrorAt: Nullable(Timestamp),
  resolvedAt: Nullable(Timestamp),
  closedAt: Nullable(Timestamp),
  createdBy: Nullable(Type.String()),
  createdAt: Timestamp,
  updatedAt: Timestamp,
  version: Type.Integer(),
});

const editable = {
  description: Type.Optional(LongText),
  ownerGroupId: Type.Optional(Nullable(Id)),
  assigneeId: Type.Optional(Nullable(Id)),
  rcaMethod: Type.Optional(Nullable(RcaMethod)),
  rootCause: Type.Optional(Nullable(LongText)),
  contributingFactors: Type.Optional(Nullable(LongText)),
  workaround: Type.Optional(Nullable(LongText)),
  serviceIds: Type.Optional(Type.Array(Id, { maxItems: 50 })),
};

export const CreateProblemBody = Type.Object(
  {
    title: Type.String({ minLength: 1, maxLength: 200 }),
    ...editable,
    incidentIds: Type.Optional(
      Type.Array(Id, { maxItems: 200, description: 'Incident ids or numbers to link.' }),
    ),
  },
  { additionalProperties: false },
);

export const UpdateProblemBody = Type.Object(
  { title: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })), ...editable },
  { additionalProperties: false, minProperties: 1 },
);

export const TransitionBody = Type.Object(
  {
    status: ProblemStatusSchema,
    rootCause: Type.Optional(Nullable(LongText)),
    workaround: Type.Optional(Nullable(LongText)),
  },
  { additionalProperties: false },
);

export const ProblemListQuery = Type.Object({
  ...PageQuery,
  status: Type.Optional(ProblemStatusSchema),
  serviceId: Type.Optional(Id),
  knownErrorsOnly: Type.Optional(Type.Boolean()),
  q: Type.Optional(
    Type.String({
      maxLength: 200,
      description:
        'Words that must all appear in the title, description, root cause or workaround.',
    }),
  ),
});

export const KnownErrorQuery = Type.Object({
  ...PageQuery,
  serviceId: Type.Optional(Id),
  q: Type.Optional(Type.String({ maxLength: 200 })),
});

export const LinkedIncidentSchema = Type.Object({
  id: Type.String(),
  number: Type.String(),
  title: Type.String(),
  status: Type.String(),
  priority: Type.String(),
  serviceId: Nullable(Type.String()),
  createdAt: Timestamp,
  linkedAt: Timestamp,
  linkedBy: Nullable(Type.String()),
});

export const LinkIncidentBody = Type.Object(
  { ticketId: Type.String({ minLength: 1, maxLength: 64, description: 'Id or number (INC…).' }) },
  { additionalProperties: false },
);

export const IncidentParams = Type.Object({ id: Id, ticketId: Id });

export const SuggestionQuery = Type.Object({
  ticketId: Id,
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 20 })),
});

export const SuggestionSchema = Type.Object({
  problem: ProblemSchema,
  score: Type.Integer({ description: '3 per incident word in the title, 1 per word elsewhere.' }),
  matchedTerms: Type.Array(Type.String()),
});

export const TrendQuerySchema = Type.Object({
  from: Type.Optional(Type.String({ maxLength: 40, description: 'Default: 30 days before to.' })),
  to: Type.Optional(Type.String({ maxLength: 40, description: 'Default: now (exclusive).' })),
  minIncidents: Type.Optional(Type.Integer({ minimum: 2, maximum: 1000 })),
});

const ProblemRef = Type.Object({
  id: Type.String(),
  number: Type.String(),
  title: Type.String(),
  status: Type.String(),
});

export const TrendReportSchema = Type.Object({
  from: Timestamp,
  to: Timestamp,
  minIncidents: Type.Integer(),
  rows: Type.Array(
    Type.Object({
      serviceId: Nullable(Type.String()),
      serviceName: Nullable(Type.String()),
      category: Type.String(),
      count: Type.Integer(),
      samples: Type.Array(Type.Object({ id: Type.String(), number: Type.String() })),
      coveredBy: Type.Array(ProblemRef),
      uncoveredCount: Type.Integer(),
    }),
  ),
});

export const RaiseFromTrendBody = Type.Object(
  {
    serviceId: Nullable(Id),
    category: Type.String({ minLength: 1, maxLength: 100 }),
    from: Type.String({ minLength: 1, maxLength: 40 }),
    to: Type.String({ minLength: 1, maxLength: 40 }),
    title: Type.Optional(Type.String({ maxLength: 200 })),
    description: Type.Optional(LongText),
    ownerGroupId: Type.Optional(Nullable(Id)),
  },
  { additionalProperties: false },
);
