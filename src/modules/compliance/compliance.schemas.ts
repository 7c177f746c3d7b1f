// The HTTP contract of the compliance workspace (TypeBox). Published in docs/compliance.md.
import { Type } from 'typebox';
import { Nullable, PageQuery, Timestamp } from '../../server/http/schemas.js';
import { CONFORMITY, TASK_STATUSES } from './compliance.js';
import { EVIDENCE_SOURCES } from './library/evidence-sources.js';

export const DateOnly = Type.String({
  pattern: '^\\d{4}-\\d{2}-\\d{2}$',
  description: 'A calendar date, YYYY-MM-DD.',
});
const Id = Type.String({ minLength: 1, maxLength: 64 });
const Maturity = Type.Integer({
  minimum: 0,
  maximum: 5,
  description:
    '0 incomplete, 1 initial, 2 managed, 3 defined, 4 quantitatively managed, 5 optimising',
});
const Conformity = Type.Enum(CONFORMITY);
const SourceId = Type.Enum(EVIDENCE_SOURCES);

// --- Library ---------------------------------------------------------------------------------

export const FrameworkSchema = Type.Object({
  id: Type.String(),
  framework: Type.String({ description: 'e.g. iso20000-1' }),
  edition: Type.String({ description: 'e.g. 2018' }),
  dataVersion: Type.Integer(),
  title: Type.String(),
  language: Type.String(),
  leafCount: Type.Integer(),
  loadedAt: Timestamp,
});

export const LibraryNodeSchema = Type.Object({
  id: Type.String(),
  frameworkId: Type.String(),
  number: Type.String({ description: 'Clause number, e.g. 8.5.1.3' }),
  title: Type.String(),
  parentNumber: Nullable(Type.String()),
  /** Top clause (4–10) the node belongs to. */
  clause: Type.String(),
  depth: Type.Integer({ description: '0 for clauses 4–10' }),
  position: Type.Integer({ description: 'Document order' }),
  leaf: Type.Boolean(),
  edition: Type.String(),
  intent: Nullable(Type.String()),
  documentedInformation: Type.Array(
    Type.Object({
      key: Nullable(Type.String()),
      name: Type.String(),
      mandatory: Type.Boolean(),
    }),
  ),
  auditEvidence: Type.Array(Type.String()),
  meridianEvidence: Type.Array(Type.Object({ source: Type.String(), description: Type.String() })),
  meridianGap: Nullable(Type.String()),
  hasLicensedText: Type.Boolean({
    description: 'Whether a licensed user pasted the standard’s text (read it from /licensed-text)',
  }),
});

export const LibrarySchema = Type.Object({
  framework: FrameworkSchema,
  language: Type.String({
    description:
      'Language of the guidance in this response (e.g. fr-FR), chosen from Accept-Language; clause titles stay as published',
  }),
  nodes: Type.Array(LibraryNodeSchema, { description: 'Document order, each parent first' }),
});

export const LibraryQuery = Type.Object({
  frameworkId: Type.Optional(Id),
});

export const LicensedTextSchema = Type.Object({
  requirementId: Type.String(),
  number: Type.String(),
  text: Nullable(Type.String()),
  updatedAt: Nullable(Timestamp),
  updatedById: Nullable(Type.String()),
  version: Type.Integer(),
});

export const LicensedTextBody = Type.Object(
  { text: Nullable(Type.String({ maxLength: 50_000 })) },
  { additionalProperties: false },
);

// --- Evidence --------------------------------------------------------------------------------

export const PeriodSchema = Type.Object({ from: DateOnly, to: DateOnly });

export const EvidenceFigureSchema = Type.Object({
  source: Type.String(),
  available: Type.Boolean(),
  figure: Type.String({
    description: 'In English, e.g. "412 incidents, 94.1% resolution SLA met"',
  }),
  key: Nullable(
    Type.String({
      description:
        'Message key of the figure (e.g. incidents) to word it in the reader’s language with `params`; null: show `figure`',
    }),
  ),
  params: Type.Record(Type.String(), Type.Union([Type.Number(), Type.String()]), {
    description:
      'The numbers of the figure (count, share in %, average…); `count` is the one the wording agrees with',
  }),
  value: Nullable(Type.Number({ description: 'The headline number (often a percentage)' })),
  count: Type.Integer(),
  latestRecordAt: Nullable(Timestamp),
  ageDays: Nullable(Type.Integer({ description: 'Days since the newest record (freshness)' })),
  period: PeriodSchema,
  reason: Nullable(Type.String({ description: 'Why not available (English)' })),
  reasonKey: Nullable(
    Type.Union([Type.Literal('planned'), Type.Literal('noRecords'), Type.Literal('notInstalled')], {
      description:
        'Why not available, as a message key: planned (module not built yet), noRecords, notInstalled',
    }),
  ),
});

export const EvidenceQuery = Type.Object({
  from: Type.Optional(DateOnly),
  to: Type.Optional(DateOnly),
});

export const EvidenceSourceParams = Type.Object({ source: SourceId });

// --- Assessments -----------------------------------------------------------------------------

export const LiveLinkSchema = Type.Object({
  source: SourceId,
  from: DateOnly,
  to: DateOnly,
});

export const DocumentEvidenceSchema = Type.Object({
  id: Type.String(),
  title: Nullable(Type.String({ description: 'null when the document no longer exists' })),
  kind: Nullable(Type.String()),
  status: Nullable(Type.String()),
  version: Nullable(Type.Integer()),
  approvedAt: Nullable(Timestamp),
  nextReviewAt: Nullable(Timestamp),
});

export const ItemSchema = Type.Object({
  id: Type.String(),
  assessmentId: Type.String(),
  requirementId: Type.String(),
  number: Type.String(),
  title: Type.String(),
  clause: Type.String(),
  conformity: Conformity,
  maturity: Maturity,
  targetMaturity: Maturity,
  notes: Type.String(),
  ownerId: Nullable(Type.String()),
  dueDate: Nullable(DateOnly),
  documentIds: Type.Array(Type.String()),
  attachmentIds: Type.Array(Type.String()),
  liveLinks: Type.Array(LiveLinkSchema),
  /** Below target maturity or not conforming. */
  gap: Type.Boolean(),
  taskIds: Type.Array(Type.String(), { description: 'Roadmap tasks made from this gap' }),
  updatedAt: Timestamp,
  version: Type.Integer(),
});

export const ItemEvidenceSchema = Type.Object({
  itemId: Type.String(),
  number: Type.String(),
  documents: Type.Array(DocumentEvidenceSchema),
  /** Files uploaded to the item (owner type assessment-item) or linked to it by attachmentIds. */
  files: Type.Array(
    Type.Object({
      id: Type.String(),
      fileName: Type.String(),
      mediaType: Type.String(),
      size: Type.Integer(),
      createdAt: Timestamp,
    }),
  ),
  /** The figures of the item's own live links, over their periods. */
  linked: Type.Array(EvidenceFigureSchema),
  /** The figures of the library's suggested sources, over the default period. */
  suggested: Type.Array(EvidenceFigureSchema),
  live: Type.Object({
    exists: Type.Boolean({ description: 'Some linked or suggested source has records' }),
    latestRecordAt: Nullable(Timestamp),
    ageDays: Nullable(Type.Integer()),
  }),
});

export const ScoreSchema = Type.Object({
  conformity: Type.Number({ description: 'Conformity share 0–1' }),
  maturity: Type.Number({ description: 'Average maturity 0–5' }),
  targetMaturity: Type.Number({ description: 'Average target maturity 0–5' }),
  leafCount: Type.Integer(),
  counts: Type.Object({
    not_assessed: Type.Integer(),
    conforming: Type.Integer(),
    partially_conforming: Type.Integer(),
    nonconforming: Type.Integer(),
  }),
  gaps: Type.Integer(),
});

export const ClauseScoreSchema = Type.Object({
  clause: Type.String(),
  title: Type.String(),
  ...ScoreSchema.properties,
});

export const HeatCellSchema = Type.Object({
  number: Type.String(),
  title: Type.String(),
  conformity: Conformity,
  score: Type.Number({ description: '1, 0.5 or 0' }),
  maturity: Maturity,
  targetMaturity: Maturity,
  gap: Type.Boolean(),
});

export const ScoresSchema = Type.Object({
  overall: ScoreSchema,
  clauses: Type.Array(ClauseScoreSchema),
  heatMap: Type.Array(
    Type.Object({
      clause: Type.String(),
      title: Type.String(),
      conformity: Type.Number(),
      maturity: Type.Number(),
      band: Type.Enum(['red', 'amber', 'green'] as const, {
        description: 'red < 0.5 ≤ amber < 0.8 ≤ green, on the conformity share',
      }),
      cells: Type.Array(HeatCellSchema),
    }),
  ),
});

export const AssessmentSummarySchema = Type.Object({
  id: Type.String(),
  number: Type.String({ description: 'ASM0000001' }),
  frameworkId: Type.String(),
  title: Type.String(),
  notes: Type.String(),
  assessedOn: DateOnly,
  status: Type.Enum(['open', 'closed'] as const),
  closedAt: Nullable(Timestamp),
  createdById: Nullable(Type.String()),
  createdAt: Timestamp,
  updatedAt: Timestamp,
  version: Type.Integer(),
  overall: Type.Object({
    conformity: Type.Number(),
    maturity: Type.Number(),
    gaps: Type.Integer(),
  }),
});

export const AssessmentSchema = Type.Object({
  ...AssessmentSummarySchema.properties,
  items: Type.Array(ItemSchema),
  scores: ScoresSchema,
});

export const AssessmentListQuery = Type.Object({
  ...PageQuery,
  status: Type.Optional(Type.Enum(['open', 'closed'] as const)),
});

export const CreateAssessmentBody = Type.Object(
  {
    title: Type.String({ minLength: 1, maxLength: 200 }),
    notes: Type.Optional(Type.String({ maxLength: 10_000 })),
    assessedOn: Type.Optional(DateOnly),
    frameworkId: Type.Optional(Id),
    copyFrom: Type.Optional(
      Type.String({
        maxLength: 64,
        description: 'Start from the answers of this earlier assessment of the same framework',
      }),
    ),
    excludedRequirements: Type.Optional(
      Type.Array(Type.String({ maxLength: 64 }), {
        description:
          'Always refused when non-empty: clause 1.2 allows no exclusions, every leaf is assessed',
      }),
    ),
  },
  { additionalProperties: false },
);

export const UpdateAssessmentBody = Type.Object(
  {
    title: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    notes: Type.Optional(Type.String({ maxLength: 10_000 })),
    assessedOn: Type.Optional(DateOnly),
  },
  { additionalProperties: false, minProperties: 1 },
);

export const UpdateItemBody = Type.Object(
  {
    conformity: Type.Optional(Conformity),
    maturity: Type.Optional(Maturity),
    targetMaturity: Type.Optional(Maturity),
    notes: Type.Optional(Type.String({ maxLength: 10_000 })),
    ownerId: Type.Optional(Nullable(Id)),
    dueDate: Type.Optional(Nullable(DateOnly)),
    documentIds: Type.Optional(Type.Array(Id, { maxItems: 50 })),
    attachmentIds: Type.Optional(Type.Array(Id, { maxItems: 50 })),
    liveLinks: Type.Optional(Type.Array(LiveLinkSchema, { maxItems: 20 })),
  },
  { additionalProperties: false, minProperties: 1 },
);

export const ItemParams = Type.Object({ id: Id, itemId: Id });

export const CompareQuery = Type.Object({ base: Id, current: Id });

const Pair = Type.Object({ conformity: Type.Number(), maturity: Type.Number() });
export const ComparisonSchema = Type.Object({
  base: AssessmentSummarySchema,
  current: AssessmentSummarySchema,
  overall: Type.Object({ base: Pair, current: Pair, delta: Pair }),
  clauses: Type.Array(
    Type.Object({
      clause: Type.String(),
      title: Type.String(),
      base: Pair,
      current: Pair,
      delta: Pair,
    }),
  ),
});

export const GapsToTasksBody = Type.Object(
  {
    phaseId: Type.Optional(Id),
    workstreamId: Type.Optional(Nullable(Id)),
  },
  { additionalProperties: false },
);

// --- Roadmap ---------------------------------------------------------------------------------

export const PhaseSchema = Type.Object({
  id: Type.String(),
  key: Type.String({ description: 'assessment, framework, planning, implementation' }),
  position: Type.Integer(),
  title: Type.String(),
  startDate: Nullable(DateOnly),
  endDate: Nullable(DateOnly),
  updatedAt: Timestamp,
  version: Type.Integer(),
});

export const UpdatePhaseBody = Type.Object(
  {
    title: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    startDate: Type.Optional(Nullable(DateOnly)),
    endDate: Type.Optional(Nullable(DateOnly)),
  },
  { additionalProperties: false, minProperties: 1 },
);

export const WorkstreamSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  description: Type.String(),
  leadId: Nullable(Type.String()),
  createdAt: Timestamp,
  updatedAt: Timestamp,
  version: Type.Integer(),
});

export const CreateWorkstreamBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 200 }),
    description: Type.Optional(Type.String({ maxLength: 4000 })),
    leadId: Type.Optional(Nullable(Id)),
  },
  { additionalProperties: false },
);

export const UpdateWorkstreamBody = Type.Object(
  {
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    description: Type.Optional(Type.String({ maxLength: 4000 })),
    leadId: Type.Optional(Nullable(Id)),
  },
  { additionalProperties: false, minProperties: 1 },
);

export const RaciSchema = Type.Object({
  responsible: Type.Array(Type.String()),
  accountable: Type.Array(Type.String()),
  consulted: Type.Array(Type.String()),
  informed: Type.Array(Type.String()),
});

const RaciBody = Type.Object(
  {
    responsible: Type.Optional(Type.Array(Id, { maxItems: 50 })),
    accountable: Type.Optional(Type.Array(Id, { maxItems: 50 })),
    consulted: Type.Optional(Type.Array(Id, { maxItems: 50 })),
    informed: Type.Optional(Type.Array(Id, { maxItems: 50 })),
  },
  { additionalProperties: false, description: 'User ids per role' },
);

const RaciGroupsBody = Type.Object(
  {
    responsible: Type.Optional(Type.Array(Id, { maxItems: 50 })),
    accountable: Type.Optional(Type.Array(Id, { maxItems: 50 })),
    consulted: Type.Optional(Type.Array(Id, { maxItems: 50 })),
    informed: Type.Optional(Type.Array(Id, { maxItems: 50 })),
  },
  { additionalProperties: false, description: 'Group ids per role' },
);

const TaskStatus = Type.Enum(TASK_STATUSES);

export const TaskSchema = Type.Object({
  id: Type.String(),
  number: Type.String({ description: 'RMT0000001' }),
  title: Type.String(),
  description: Type.String(),
  phaseId: Type.String(),
  workstreamId: Nullable(Type.String()),
  ownerId: Nullable(Type.String()),
  raci: RaciSchema,
  raciGroups: RaciSchema,
  startDate: Nullable(DateOnly),
  dueDate: Nullable(DateOnly),
  status: TaskStatus,
  percentComplete: Type.Integer({ minimum: 0, maximum: 100 }),
  effortDays: Nullable(Type.Number()),
  milestone: Type.Boolean(),
  dependsOn: Type.Array(Type.String(), { description: 'Ids of tasks that must finish first' }),
  requirementNumbers: Type.Array(Type.String()),
  gapItemIds: Type.Array(Type.String(), { description: 'Assessment items this task closes' }),
  overdue: Type.Boolean({ description: 'Due date passed and not done or cancelled' }),
  completedAt: Nullable(Timestamp),
  createdAt: Timestamp,
  updatedAt: Timestamp,
  version: Type.Integer(),
});

const taskFields = {
  title: Type.String({ minLength: 1, maxLength: 300 }),
  description: Type.Optional(Type.String({ maxLength: 10_000 })),
  phaseId: Id,
  workstreamId: Type.Optional(Nullable(Id)),
  ownerId: Type.Optional(Nullable(Id)),
  raci: Type.Optional(RaciBody),
  raciGroups: Type.Optional(RaciGroupsBody),
  startDate: Type.Optional(Nullable(DateOnly)),
  dueDate: Type.Optional(Nullable(DateOnly)),
  status: Type.Optional(TaskStatus),
  percentComplete: Type.Optional(Type.Integer({ minimum: 0, maximum: 100 })),
  effortDays: Type.Optional(Nullable(Type.Number({ minimum: 0, maximum: 10_000 }))),
  milestone: Type.Optional(Type.Boolean()),
  dependsOn: Type.Optional(Type.Array(Id, { maxItems: 100 })),
  requirementNumbers: Type.Optional(Type.Array(Type.String({ maxLength: 20 }), { maxItems: 100 })),
  gapItemIds: Type.Optional(Type.Array(Id, { maxItems: 100 })),
};

export const CreateTaskBody = Type.Object(taskFields, { additionalProperties: false });

export const UpdateTaskBody = Type.Object(
  {
    ...taskFields,
    title: Type.Optional(taskFields.title),
    phaseId: Type.Optional(taskFields.phaseId),
  },
  { additionalProperties: false, minProperties: 1 },
);

export const TaskListQuery = Type.Object({
  ...PageQuery,
  status: Type.Optional(TaskStatus),
  phaseId: Type.Optional(Id),
  workstreamId: Type.Optional(Id),
  ownerId: Type.Optional(Id),
  mine: Type.Optional(
    Type.Boolean({ description: 'Tasks I own or am responsible or accountable for' }),
  ),
  overdue: Type.Optional(Type.Boolean()),
});

export const RoadmapSchema = Type.Object({
  phases: Type.Array(PhaseSchema),
  workstreams: Type.Array(WorkstreamSchema),
  tasks: Type.Array(TaskSchema, { description: 'All tasks, by phase then start date' }),
});

export const GapsToTasksResultSchema = Type.Object({
  created: Type.Array(TaskSchema),
  alreadyPlanned: Type.Integer({ description: 'Gaps that already had a task' }),
});
