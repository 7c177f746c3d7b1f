// The HTTP contract of audit programmes, audits, findings and corrective actions.
import { Type } from 'typebox';
import { Nullable, Timestamp } from '../../server/http/schemas.js';
import {
  ACTION_STATES,
  AUDIT_STATUSES,
  AUDIT_TYPES,
  FINDING_STATUSES,
  GRADE_KINDS,
  SAMPLE_RESULTS,
} from './audits.js';

const Id = Type.String({ minLength: 1, maxLength: 64 });
const Day = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'YYYY-MM-DD' });
const LongText = Type.String({ maxLength: 8000 });
const Requirement = Type.String({ minLength: 1, maxLength: 20, description: 'e.g. 8.6.1' });
export const AuditTypeSchema = Type.Enum(AUDIT_TYPES);
export const AuditStatusSchema = Type.Enum(AUDIT_STATUSES);

const GradeSchema = Type.Object({
  key: Type.String({ minLength: 1, maxLength: 40 }),
  label: Type.String({ minLength: 1, maxLength: 100 }),
  kind: Type.Enum(GRADE_KINDS),
});

export const GradeSchemeSchema = Type.Object({
  id: Type.String(),
  name: Type.String({ description: 'The certification body (or "Default").' }),
  grades: Type.Array(GradeSchema),
  createdAt: Timestamp,
  updatedAt: Timestamp,
  version: Type.Integer(),
});

export const CreateGradeSchemeBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 200 }),
    grades: Type.Array(GradeSchema, { minItems: 1, maxItems: 12 }),
  },
  { additionalProperties: false },
);
export const UpdateGradeSchemeBody = Type.Object(
  {
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    grades: Type.Optional(Type.Array(GradeSchema, { minItems: 1, maxItems: 12 })),
  },
  { additionalProperties: false, minProperties: 1 },
);

const programmeFields = {
  id: Type.String(),
  name: Type.String(),
  certificationBody: Type.String(),
  gradeSchemeId: Type.String(),
  cycleStart: Day,
  cycleEnd: Day,
  createdBy: Nullable(Type.String()),
  createdAt: Timestamp,
  updatedAt: Timestamp,
  version: Type.Integer(),
};
export const ProgrammeSchema = Type.Object(programmeFields);

const auditFields = {
  id: Type.String(),
  number: Type.String({ description: 'AUD0000001' }),
  programmeId: Type.String(),
  type: AuditTypeSchema,
  title: Type.String(),
  plannedStart: Day,
  plannedEnd: Day,
  status: AuditStatusSchema,
  leadAuditorId: Nullable(Type.String()),
  teamIds: Type.Array(Type.String()),
  areaGroupIds: Type.Array(Type.String(), { description: 'The audited groups.' }),
  scope: Type.String(),
  completedAt: Nullable(Timestamp),
  createdBy: Nullable(Type.String()),
  createdAt: Timestamp,
  updatedAt: Timestamp,
  version: Type.Integer(),
};

export const AuditListItemSchema = Type.Object({
  ...auditFields,
  sample: Type.Array(Type.String(), { description: 'The sampled requirement numbers.' }),
  findingCount: Type.Integer(),
  recordedCount: Type.Integer({ description: 'Sampled requirements with a recorded result.' }),
});

export const ProgrammeViewSchema = Type.Object({
  ...programmeFields,
  gradeScheme: GradeSchemeSchema,
  audits: Type.Array(AuditListItemSchema),
  coverage: Type.Array(
    Type.Object({
      requirement: Type.String(),
      title: Type.String(),
      auditIds: Type.Array(Type.String(), { description: 'Audits of the cycle sampling it.' }),
    }),
  ),
  unaudited: Type.Array(Type.Object({ requirement: Type.String(), title: Type.String() }), {
    description: 'Leaf requirements no audit of the cycle (other than cancelled ones) samples.',
  }),
});

const RateFields = {
  audited: Type.Integer({ description: 'Sampled requirements with a recorded result.' }),
  conforming: Type.Integer({
    description: 'Of those, the ones no major or minor nonconformity of the audit references.',
  }),
  rate: Nullable(Type.Number({ description: 'conforming / audited × 100, one decimal.' })),
};

export const FindingSchema = Type.Object({
  id: Type.String(),
  auditId: Type.String(),
  auditNumber: Type.String(),
  auditTitle: Type.String(),
  reference: Type.String({ description: 'AUD0000001-F1' }),
  gradeKey: Type.String(),
  gradeLabel: Type.String(),
  gradeKind: Type.Enum(GRADE_KINDS),
  title: Type.String(),
  statement: Type.String(),
  evidence: Type.String(),
  requirements: Type.Array(Type.String()),
  status: Type.Enum(FINDING_STATUSES),
  correction: Nullable(Type.String()),
  rootCause: Nullable(Type.String()),
  action: Nullable(Type.String()),
  actionOwnerId: Nullable(Type.String()),
  actionOwnerName: Nullable(Type.String()),
  actionDue: Nullable(Day),
  actionDoneAt: Nullable(Timestamp),
  actionState: Type.Enum(ACTION_STATES),
  overdue: Type.Boolean({
    description: 'An open nonconformity whose action is past its due date and not verified.',
  }),
  verifiedBy: Nullable(Type.String()),
  verifiedAt: Nullable(Timestamp),
  effective: Nullable(Type.Boolean()),
  verificationNotes: Nullable(Type.String()),
  closedAt: Nullable(Timestamp),
  createdBy: Nullable(Type.String()),
  createdAt: Timestamp,
  updatedAt: Timestamp,
  version: Type.Integer(),
});

const RecordLinkSchema = Type.Object({
  label: Type.String({ minLength: 1, maxLength: 200 }),
  ref: Type.String({ minLength: 1, maxLength: 2000, description: 'A URL or a record number.' }),
});

export const AuditViewSchema = Type.Object({
  ...auditFields,
  programmeName: Type.String(),
  grades: Type.Array(GradeSchema),
  sample: Type.Array(
    Type.Object({
      requirement: Type.String(),
      title: Type.String(),
      position: Type.Integer(),
      result: Type.Enum(SAMPLE_RESULTS),
      evidence: Type.String(),
      records: Type.Array(RecordLinkSchema),
      recordedBy: Nullable(Type.String()),
      recordedAt: Nullable(Timestamp),
    }),
  ),
  findings: Type.Array(FindingSchema),
  independence: Type.Array(
    Type.Object({
      userId: Type.String(),
      userName: Type.String(),
      groupId: Type.String(),
      groupName: Type.String(),
      relation: Type.Union([Type.Literal('member'), Type.Literal('manager')]),
    }),
    { description: 'Team members who belong to or manage an audited group (a warning).' },
  ),
  successRate: Type.Object(RateFields),
  names: Type.Record(Type.String(), Type.String(), { description: 'User names by id.' }),
});

export const CreateProgrammeBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 200 }),
    certificationBody: Type.String({ minLength: 1, maxLength: 200 }),
    gradeSchemeId: Type.Optional(Nullable(Id)),
    cycleStart: Day,
    cycleEnd: Day,
  },
  { additionalProperties: false },
);
export const UpdateProgrammeBody = Type.Object(
  {
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    certificationBody: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    gradeSchemeId: Type.Optional(Id),
    cycleStart: Type.Optional(Day),
    cycleEnd: Type.Optional(Day),
  },
  { additionalProperties: false, minProperties: 1 },
);

const auditEditable = {
  type: AuditTypeSchema,
  title: Type.String({ minLength: 1, maxLength: 200 }),
  plannedStart: Day,
  plannedEnd: Day,
  leadAuditorId: Type.Optional(Nullable(Id)),
  teamIds: Type.Optional(Type.Array(Id, { maxItems: 20 })),
  areaGroupIds: Type.Optional(Type.Array(Id, { maxItems: 50 })),
  scope: Type.Optional(LongText),
  requirements: Type.Optional(
    Type.Array(Requirement, { maxItems: 100, description: 'The sampled requirement numbers.' }),
  ),
};
export const CreateAuditBody = Type.Object(
  { programmeId: Id, ...auditEditable },
  { additionalProperties: false },
);
export const UpdateAuditBody = Type.Object(
  {
    ...auditEditable,
    type: Type.Optional(AuditTypeSchema),
    title: Type.Optional(auditEditable.title),
    plannedStart: Type.Optional(Day),
    plannedEnd: Type.Optional(Day),
  },
  { additionalProperties: false, minProperties: 1 },
);
export const AuditTransitionBody = Type.Object(
  { status: AuditStatusSchema },
  { additionalProperties: false },
);
export const AuditListQuery = Type.Object({
  programmeId: Type.Optional(Id),
  status: Type.Optional(AuditStatusSchema),
});
export const ResultParams = Type.Object({ id: Id, requirement: Requirement });
export const ResultBody = Type.Object(
  {
    result: Type.Enum(SAMPLE_RESULTS),
    evidence: Type.Optional(LongText),
    records: Type.Optional(Type.Array(RecordLinkSchema, { maxItems: 20 })),
  },
  { additionalProperties: false },
);

export const CreateFindingBody = Type.Object(
  {
    gradeKey: Type.String({ minLength: 1, maxLength: 40 }),
    title: Type.String({ minLength: 1, maxLength: 200 }),
    statement: Type.String({ minLength: 1, maxLength: 8000 }),
    evidence: Type.Optional(LongText),
    requirements: Type.Array(Requirement, { minItems: 1, maxItems: 20 }),
  },
  { additionalProperties: false },
);
export const UpdateFindingBody = Type.Object(
  {
    gradeKey: Type.Optional(Type.String({ minLength: 1, maxLength: 40 })),
    title: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    statement: Type.Optional(Type.String({ minLength: 1, maxLength: 8000 })),
    evidence: Type.Optional(LongText),
    requirements: Type.Optional(Type.Array(Requirement, { minItems: 1, maxItems: 20 })),
  },
  { additionalProperties: false, minProperties: 1 },
);
export const ActionBody = Type.Object(
  {
    correction: Type.Optional(Nullable(LongText)),
    rootCause: Type.Optional(Nullable(LongText)),
    action: Type.Optional(Nullable(LongText)),
    actionOwnerId: Type.Optional(Nullable(Id)),
    actionDue: Type.Optional(Nullable(Day)),
    done: Type.Optional(
      Type.Boolean({ description: 'Mark the action done, or back in progress.' }),
    ),
  },
  { additionalProperties: false, minProperties: 1 },
);
export const VerificationBody = Type.Object(
  {
    effective: Type.Boolean(),
    notes: Type.Optional(LongText),
  },
  { additionalProperties: false },
);
export const TrackerQuery = Type.Object({
  status: Type.Optional(Type.Enum(FINDING_STATUSES)),
  ownerId: Type.Optional(Id),
  overdue: Type.Optional(Type.Boolean()),
  mine: Type.Optional(Type.Boolean({ description: 'Only the caller’s own actions.' })),
});
export const PeriodQuery = Type.Object({ from: Day, to: Day });

export const SuccessRateSchema = Type.Object({
  from: Day,
  to: Day,
  ...RateFields,
  audits: Type.Array(
    Type.Object({
      id: Type.String(),
      number: Type.String(),
      title: Type.String(),
      type: AuditTypeSchema,
      plannedEnd: Day,
      ...RateFields,
    }),
  ),
});
