// The HTTP contract of change management (changes, approvals, policy, templates, trends) and of the
// change calendar. Kept stable for the screens: see docs/changes.md.
import { Type } from 'typebox';
import { Nullable, PageOf, PageQuery, Timestamp } from '../../server/http/schemas.js';
import {
  APPROVAL_MODES,
  APPROVAL_STATES,
  CHANGE_STATUSES,
  CHANGE_TYPES,
  CLOSE_CODES,
  IMPACTS,
  RISK_LEVELS,
  STEP_STATUSES,
  TRANSITION_ACTIONS,
  VOTE_DECISIONS,
} from './changes.js';

const Id = Type.String({ minLength: 1, maxLength: 64 });
const Text = (maxLength: number) => Type.String({ maxLength });
export const ChangeTypeSchema = Type.Enum(CHANGE_TYPES);
export const ChangeStatusSchema = Type.Enum(CHANGE_STATUSES);
export const RiskLevelSchema = Type.Enum(RISK_LEVELS);
const ImpactSchema = Type.Enum(IMPACTS);
const CloseCodeSchema = Type.Enum(CLOSE_CODES);
const ApprovalStateSchema = Type.Enum(APPROVAL_STATES);

export const ScheduleConflictSchema = Type.Union([
  Type.Object({
    kind: Type.Literal('overlap'),
    changeId: Type.String(),
    number: Type.String(),
    title: Type.String(),
    serviceIds: Type.Array(Type.String()),
    start: Timestamp,
    end: Timestamp,
  }),
  Type.Object({
    kind: Type.Enum(['freeze', 'blackout']),
    windowId: Type.String(),
    name: Type.String(),
    start: Timestamp,
    end: Timestamp,
    serviceIds: Nullable(Type.Array(Type.String())),
  }),
]);

export const ScheduleOverrideBody = Type.Object(
  {
    justification: Type.String({
      minLength: 1,
      maxLength: 2000,
      description: 'Why the change may go ahead despite the conflicts.',
    }),
  },
  { additionalProperties: false },
);

const LinkSummary = Type.Object({
  id: Type.String(),
  number: Type.String(),
  title: Type.String(),
  status: Type.String(),
});

const VoteSchema = Type.Object({
  id: Type.String(),
  voterId: Type.String(),
  voterName: Type.String(),
  decision: Type.Enum(VOTE_DECISIONS),
  comment: Type.String(),
  votedAt: Timestamp,
});

export const ApprovalStepSchema = Type.Object({
  id: Type.String(),
  position: Type.Integer({ description: '1-based; steps run in order.' }),
  name: Type.String(),
  approverKind: Type.Enum(['group', 'service_owners']),
  groupId: Nullable(Type.String()),
  mode: Type.Enum(APPROVAL_MODES),
  required: Type.Integer({ description: 'Approvals that complete the step.' }),
  eligibleIds: Type.Array(Type.String(), {
    description: 'Who could vote when the step was created.',
  }),
  status: Type.Enum(STEP_STATUSES),
  decidedAt: Nullable(Timestamp),
  votes: Type.Array(VoteSchema),
});

const ReviewSchema = Type.Object({
  outcome: Type.String(),
  objectivesMet: Type.Boolean(),
  lessons: Type.String(),
  byId: Nullable(Type.String()),
  byName: Type.String(),
  at: Timestamp,
});

const OverrideSchema = Type.Object({
  justification: Type.String(),
  conflicts: Type.Array(ScheduleConflictSchema),
  byId: Nullable(Type.String()),
  byName: Type.String(),
  at: Timestamp,
});

const changeFields = {
  id: Type.String(),
  number: Type.String({ description: 'CHG0000001' }),
  type: ChangeTypeSchema,
  status: ChangeStatusSchema,
  title: Type.String(),
  requesterId: Nullable(Type.String()),
  assigneeId: Nullable(Type.String()),
  groupId: Nullable(Type.String()),
  serviceIds: Type.Array(Type.String()),
  plannedStart: Nullable(Timestamp),
  plannedEnd: Nullable(Timestamp),
  riskScore: Nullable(Type.Integer()),
  riskLevel: Nullable(RiskLevelSchema),
  impact: ImpactSchema,
  major: Type.Boolean(),
  approval: ApprovalStateSchema,
  retrospectiveApprovalRequired: Type.Boolean(),
  closeCode: Nullable(CloseCodeSchema),
  createdAt: Timestamp,
  updatedAt: Timestamp,
  version: Type.Integer(),
};

const hasConflicts = Type.Boolean({
  description: 'Conflicts were found at the last schedule check.',
});
export const ChangeSummarySchema = Type.Object({ ...changeFields, hasConflicts });

export const ChangeSchema = Type.Object({
  ...changeFields,
  hasConflicts,
  description: Type.String(),
  reason: Type.String(),
  templateId: Nullable(Type.String()),
  actualStart: Nullable(Timestamp),
  actualEnd: Nullable(Timestamp),
  implementationPlan: Type.String(),
  testPlan: Type.String(),
  backoutPlan: Type.String(),
  riskAnswers: Type.Record(Type.String(), Type.String()),
  majorRequested: Type.Boolean(),
  underControl: Type.Boolean(),
  scheduleConflicts: Type.Array(ScheduleConflictSchema),
  scheduleOverride: Nullable(OverrideSchema),
  review: Nullable(ReviewSchema),
  reviewRequired: Type.Boolean(),
  closeNotes: Nullable(Type.String()),
  closedAt: Nullable(Timestamp),
  problems: Type.Array(LinkSummary),
  incidents: Type.Array(LinkSummary),
  causedIncidents: Type.Array(LinkSummary),
  steps: Type.Array(ApprovalStepSchema),
  /** What the caller may do now, so screens show only the buttons that work. */
  allowedActions: Type.Array(Type.Enum(TRANSITION_ACTIONS)),
  canVote: Type.Boolean({ description: 'The caller may vote on the current step now.' }),
  canEdit: Type.Boolean(),
});

const editable = {
  title: Type.String({ minLength: 1, maxLength: 300 }),
  description: Text(20000),
  reason: Text(10000),
  assigneeId: Nullable(Id),
  groupId: Nullable(Id),
  serviceIds: Type.Array(Id, { maxItems: 50 }),
  plannedStart: Nullable(Timestamp),
  plannedEnd: Nullable(Timestamp),
  implementationPlan: Text(20000),
  testPlan: Text(20000),
  backoutPlan: Text(20000),
  riskAnswers: Type.Record(Type.String({ maxLength: 40 }), Type.String({ maxLength: 40 })),
  impact: ImpactSchema,
  majorRequested: Type.Boolean(),
  problemIds: Type.Array(Id, { maxItems: 50 }),
  incidentIds: Type.Array(Id, { maxItems: 50 }),
  scheduleOverride: ScheduleOverrideBody,
};
type EditableKey = keyof typeof editable;
const optional = <K extends EditableKey>(keys: K[]) =>
  Object.fromEntries(keys.map((k) => [k, Type.Optional(editable[k])])) as {
    [P in K]: ReturnType<typeof Type.Optional<(typeof editable)[P]>>;
  };

export const CreateChangeBody = Type.Object(
  {
    type: ChangeTypeSchema,
    title: editable.title,
    templateId: Type.Optional(Id),
    ...optional([
      'description',
      'reason',
      'assigneeId',
      'groupId',
      'serviceIds',
      'plannedStart',
      'plannedEnd',
      'implementationPlan',
      'testPlan',
      'backoutPlan',
      'riskAnswers',
      'impact',
      'majorRequested',
      'problemIds',
      'incidentIds',
      'scheduleOverride',
    ]),
  },
  { additionalProperties: false },
);

export const UpdateChangeBody = Type.Object(
  {
    type: Type.Optional(ChangeTypeSchema),
    ...optional([
      'title',
      'description',
      'reason',
      'assigneeId',
      'groupId',
      'serviceIds',
      'plannedStart',
      'plannedEnd',
      'implementationPlan',
      'testPlan',
      'backoutPlan',
      'riskAnswers',
      'impact',
      'majorRequested',
      'problemIds',
      'incidentIds',
      'scheduleOverride',
    ]),
  },
  { additionalProperties: false, minProperties: 1 },
);

export const TransitionBody = Type.Object(
  {
    action: Type.Enum(TRANSITION_ACTIONS),
    closeCode: Type.Optional(CloseCodeSchema),
    closeNotes: Type.Optional(Text(10000)),
    reason: Type.Optional(Text(4000)),
    scheduleOverride: Type.Optional(ScheduleOverrideBody),
  },
  { additionalProperties: false },
);

export const VoteBody = Type.Object(
  {
    decision: Type.Enum(VOTE_DECISIONS),
    comment: Type.String({ minLength: 1, maxLength: 4000 }),
  },
  { additionalProperties: false },
);

export const ReviewBody = Type.Object(
  {
    outcome: Type.String({ minLength: 1, maxLength: 10000 }),
    objectivesMet: Type.Boolean(),
    lessons: Text(10000),
    causedIncidentIds: Type.Array(Id, { maxItems: 50 }),
  },
  { additionalProperties: false },
);

export const ChangeListQuery = Type.Object({
  ...PageQuery,
  status: Type.Optional(ChangeStatusSchema),
  type: Type.Optional(ChangeTypeSchema),
  serviceId: Type.Optional(Id),
  riskLevel: Type.Optional(RiskLevelSchema),
  q: Type.Optional(Type.String({ maxLength: 200, description: 'Words of the number or title.' })),
  mine: Type.Optional(Type.Boolean({ description: 'Only changes I requested or am assigned.' })),
});

export const ChangePage = PageOf(ChangeSummarySchema);

export const InboxItemSchema = Type.Object({
  change: ChangeSummarySchema,
  step: ApprovalStepSchema,
});
export const InboxSchema = Type.Object({ items: Type.Array(InboxItemSchema) });

// The policy document.
const KeyString = Type.String({ minLength: 1, maxLength: 40, pattern: '^[a-z0-9_-]+$' });
export const ChangePolicyBody = Type.Object(
  {
    allServicesControlled: Type.Boolean(),
    controlledServiceIds: Type.Array(Id, { maxItems: 500 }),
    majorImpact: Type.Object(
      {
        riskLevels: Type.Array(RiskLevelSchema, { maxItems: 3 }),
        serviceIds: Type.Array(Id, { maxItems: 500 }),
      },
      { additionalProperties: false },
    ),
    riskQuestionnaire: Type.Object(
      {
        questions: Type.Array(
          Type.Object(
            {
              key: KeyString,
              text: Type.String({ minLength: 1, maxLength: 500 }),
              answers: Type.Array(
                Type.Object(
                  {
                    key: KeyString,
                    label: Type.String({ minLength: 1, maxLength: 200 }),
                    weight: Type.Integer({ minimum: 0, maximum: 100 }),
                  },
                  { additionalProperties: false },
                ),
                { minItems: 2, maxItems: 10 },
              ),
            },
            { additionalProperties: false },
          ),
          { maxItems: 30 },
        ),
        thresholds: Type.Object(
          { medium: Type.Integer({ minimum: 0 }), high: Type.Integer({ minimum: 1 }) },
          { additionalProperties: false },
        ),
      },
      { additionalProperties: false },
    ),
    approvalRules: Type.Array(
      Type.Object(
        {
          name: Type.String({ minLength: 1, maxLength: 200 }),
          types: Type.Array(ChangeTypeSchema, { minItems: 1, maxItems: 3 }),
          riskLevels: Type.Array(RiskLevelSchema, { maxItems: 3 }),
          major: Nullable(Type.Boolean()),
          steps: Type.Array(
            Type.Object(
              {
                name: Type.String({ minLength: 1, maxLength: 200 }),
                approvers: Type.Union([
                  Type.Object(
                    { kind: Type.Literal('group'), groupId: Id },
                    { additionalProperties: false },
                  ),
                  Type.Object(
                    { kind: Type.Literal('service_owners') },
                    { additionalProperties: false },
                  ),
                ]),
                mode: Type.Enum(APPROVAL_MODES),
                n: Nullable(Type.Integer({ minimum: 1 })),
              },
              { additionalProperties: false },
            ),
            { maxItems: 10 },
          ),
        },
        { additionalProperties: false },
      ),
      { maxItems: 50 },
    ),
  },
  { additionalProperties: false },
);
export const ChangePolicySchema = Type.Object({
  ...ChangePolicyBody.properties,
  version: Type.Integer({ description: '0 until the policy is first saved.' }),
  updatedAt: Nullable(Timestamp),
});

export const TemplateSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  description: Type.String(),
  serviceId: Nullable(Type.String()),
  implementationPlan: Type.String(),
  testPlan: Type.String(),
  backoutPlan: Type.String(),
  riskLevel: RiskLevelSchema,
  active: Type.Boolean(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
  version: Type.Integer(),
});
const templateEditable = {
  description: Text(4000),
  serviceId: Nullable(Id),
  implementationPlan: Text(20000),
  testPlan: Text(20000),
  backoutPlan: Text(20000),
  riskLevel: RiskLevelSchema,
  active: Type.Boolean(),
};
export const CreateTemplateBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 200 }),
    description: Type.Optional(templateEditable.description),
    serviceId: Type.Optional(templateEditable.serviceId),
    implementationPlan: templateEditable.implementationPlan,
    testPlan: Type.Optional(templateEditable.testPlan),
    backoutPlan: templateEditable.backoutPlan,
    riskLevel: templateEditable.riskLevel,
    active: Type.Optional(templateEditable.active),
  },
  { additionalProperties: false },
);
export const UpdateTemplateBody = Type.Object(
  {
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    description: Type.Optional(templateEditable.description),
    serviceId: Type.Optional(templateEditable.serviceId),
    implementationPlan: Type.Optional(templateEditable.implementationPlan),
    testPlan: Type.Optional(templateEditable.testPlan),
    backoutPlan: Type.Optional(templateEditable.backoutPlan),
    riskLevel: Type.Optional(templateEditable.riskLevel),
    active: Type.Optional(templateEditable.active),
  },
  { additionalProperties: false, minProperties: 1 },
);
export const TemplateListQuery = Type.Object({
  active: Type.Optional(Type.Boolean()),
  serviceId: Type.Optional(Id),
});

// Trends.
const TrendStats = {
  total: Type.Integer(),
  standard: Type.Integer(),
  normal: Type.Integer(),
  emergency: Type.Integer(),
  closed: Type.Integer(),
  successful: Type.Integer({ description: 'Closed successful or successful_with_issues.' }),
  failed: Type.Integer({ description: 'Closed failed or backed_out.' }),
  successRate: Nullable(
    Type.Number({ description: 'successful / closed; null when none closed.' }),
  ),
  emergencyRatio: Nullable(
    Type.Number({ description: 'emergency / total; null when total is 0.' }),
  ),
  causingIncidents: Type.Integer({ description: 'Changes whose PIR links at least one incident.' }),
  incidentRate: Nullable(Type.Number({ description: 'causingIncidents / closed.' })),
};
export const TrendsQuery = Type.Object({
  from: Timestamp,
  to: Timestamp,
  groupBy: Type.Optional(Type.Enum(['service', 'month'])),
});
export const TrendsSchema = Type.Object({
  from: Timestamp,
  to: Timestamp,
  groupBy: Type.Enum(['service', 'month']),
  totals: Type.Object(TrendStats),
  groups: Type.Array(
    Type.Object({
      key: Type.String({ description: 'A service id, or a month as YYYY-MM (UTC).' }),
      label: Type.String(),
      ...TrendStats,
    }),
  ),
});
