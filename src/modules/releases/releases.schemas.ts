// The HTTP contract of release management.
import { Type } from 'typebox';
import { Nullable, PageQuery, Timestamp } from '../../server/http/schemas.js';
import {
  CRITERION_RESULTS,
  DECISIONS,
  OUTCOME_RESULTS,
  RELEASE_STATUSES,
  RELEASE_TYPES,
} from './releases.js';

const Id = Type.String({ minLength: 1, maxLength: 64 });
export const ReleaseStatusSchema = Type.Enum(RELEASE_STATUSES);
export const ReleaseTypeSchema = Type.Enum(RELEASE_TYPES);
const CriterionResultSchema = Type.Enum(CRITERION_RESULTS);
const OutcomeResultSchema = Type.Enum(OUTCOME_RESULTS);

const BlockerSchema = Type.Object({
  code: Type.Enum(['NO_CRITERIA', 'CRITERIA_NOT_PASSED', 'CHANGES_NOT_APPROVED', 'NO_GO_DECISION']),
  message: Type.String(),
  items: Type.Array(Type.String(), {
    description: 'The criteria (descriptions) or changes (numbers) in the way.',
  }),
});

const ReadinessSchema = Type.Object({
  criteriaTotal: Type.Integer(),
  criteriaPassed: Type.Integer(),
  criteriaFailed: Type.Integer(),
  changesTotal: Type.Integer(),
  changesApproved: Type.Integer(),
  deployBlockers: Type.Array(BlockerSchema, {
    description: 'Why the release may not be marked deployed now; empty when it may.',
  }),
});

const releaseFields = {
  id: Type.String(),
  number: Type.String({ description: 'REL0000001' }),
  title: Type.String(),
  description: Type.String(),
  type: ReleaseTypeSchema,
  versionLabel: Type.String({ description: 'The version being released, e.g. 24.11.0.' }),
  serviceId: Type.String(),
  status: ReleaseStatusSchema,
  managerId: Nullable(Type.String()),
  plannedStart: Nullable(Timestamp),
  plannedEnd: Nullable(Timestamp),
  deploymentPlan: Type.String(),
  rollbackPlan: Type.String(),
  decision: Nullable(Type.Enum(DECISIONS)),
  decidedBy: Nullable(Type.String()),
  decidedAt: Nullable(Timestamp),
  decisionComment: Nullable(Type.String()),
  outcomeResult: Nullable(OutcomeResultSchema),
  outcome: Nullable(Type.String()),
  deployedAt: Nullable(Timestamp),
  closedAt: Nullable(Timestamp),
  createdAt: Timestamp,
  updatedAt: Timestamp,
  version: Type.Integer(),
  readiness: ReadinessSchema,
};

export const ReleaseSummarySchema = Type.Object(releaseFields);

const CriterionSchema = Type.Object({
  id: Type.String(),
  releaseId: Type.String(),
  position: Type.Integer(),
  description: Type.String(),
  result: CriterionResultSchema,
  evidence: Nullable(Type.String()),
  testedBy: Nullable(Type.String()),
  testedAt: Nullable(Timestamp),
  createdAt: Timestamp,
  updatedAt: Timestamp,
  version: Type.Integer({ description: 'Send it back in If-Match to change the criterion.' }),
});

const LinkedChangeSchema = Type.Object({
  id: Type.String(),
  number: Type.String(),
  title: Type.String(),
  type: Type.Enum(['standard', 'normal', 'emergency']),
  status: Type.String(),
  approved: Type.Boolean(),
  known: Type.Boolean(),
  linkedAt: Timestamp,
});

const LinkedIncidentSchema = Type.Object({
  id: Type.String(),
  number: Type.String(),
  title: Type.String(),
  status: Type.String(),
  linkedAt: Timestamp,
});

export const ReleaseDetailSchema = Type.Object({
  ...releaseFields,
  criteria: Type.Array(CriterionSchema),
  changes: Type.Array(LinkedChangeSchema),
  incidents: Type.Array(LinkedIncidentSchema),
});

export const BoardSchema = Type.Object({
  columns: Type.Array(
    Type.Object({
      status: ReleaseStatusSchema,
      total: Type.Integer({
        description: 'All releases in the column (items holds the 50 newest).',
      }),
      items: Type.Array(ReleaseSummarySchema),
    }),
  ),
});

const editable = {
  title: Type.String({ minLength: 1, maxLength: 200 }),
  description: Type.String({ maxLength: 20000 }),
  type: ReleaseTypeSchema,
  versionLabel: Type.String({ minLength: 1, maxLength: 60 }),
  serviceId: Id,
  managerId: Nullable(Id),
  plannedStart: Nullable(Timestamp),
  plannedEnd: Nullable(Timestamp),
  deploymentPlan: Type.String({ maxLength: 20000 }),
  rollbackPlan: Type.String({ maxLength: 20000 }),
};

export const CreateBody = Type.Object(
  {
    title: editable.title,
    type: editable.type,
    versionLabel: editable.versionLabel,
    serviceId: editable.serviceId,
    description: Type.Optional(editable.description),
    managerId: Type.Optional(editable.managerId),
    plannedStart: Type.Optional(editable.plannedStart),
    plannedEnd: Type.Optional(editable.plannedEnd),
    deploymentPlan: Type.Optional(editable.deploymentPlan),
    rollbackPlan: Type.Optional(editable.rollbackPlan),
  },
  { additionalProperties: false },
);

export const UpdateBody = Type.Partial(Type.Object(editable), {
  additionalProperties: false,
  minProperties: 1,
});

export const TransitionBody = Type.Object(
  {
    status: ReleaseStatusSchema,
    outcome: Type.Optional(
      Nullable(Type.String({ maxLength: 4000, description: 'What happened in the deployment.' })),
    ),
    outcomeResult: Type.Optional(OutcomeResultSchema),
  },
  { additionalProperties: false },
);

export const DecisionBody = Type.Object(
  {
    decision: Type.Enum(DECISIONS),
    comment: Type.Optional(Nullable(Type.String({ maxLength: 4000 }))),
  },
  { additionalProperties: false },
);

export const CriterionBody = Type.Object(
  { description: Type.String({ minLength: 1, maxLength: 1000 }) },
  { additionalProperties: false },
);

export const CriterionPatchBody = Type.Object(
  {
    description: Type.Optional(Type.String({ minLength: 1, maxLength: 1000 })),
    result: Type.Optional(CriterionResultSchema),
    evidence: Type.Optional(Nullable(Type.String({ maxLength: 4000 }))),
  },
  { additionalProperties: false, minProperties: 1 },
);

export const ChangeLinkBody = Type.Object({ changeId: Id }, { additionalProperties: false });

export const IncidentLinkBody = Type.Object(
  { ticket: Type.String({ minLength: 1, maxLength: 64, description: 'Ticket id or INC number.' }) },
  { additionalProperties: false },
);

export const ListQuery = Type.Object({
  ...PageQuery,
  status: Type.Optional(ReleaseStatusSchema),
  serviceId: Type.Optional(Id),
  type: Type.Optional(ReleaseTypeSchema),
});

export const BoardQuery = Type.Object({
  serviceId: Type.Optional(Id),
  type: Type.Optional(ReleaseTypeSchema),
});

export const ReleaseParams = Type.Object({ id: Id });
export const CriterionParams = Type.Object({ id: Id, criterionId: Id });
export const ChangeParams = Type.Object({ id: Id, changeId: Id });
export const IncidentParams = Type.Object({ id: Id, ticketId: Id });
