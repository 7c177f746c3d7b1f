// The SQL of the requirement library and the gap assessments.
import type { Executor } from '../../db/executor.js';
import type { CursorKey } from '../../db/keyset.js';
import type {
  ComplianceAssessmentItemsTable,
  ComplianceAssessmentsTable,
  ComplianceFrameworksTable,
  ComplianceRequirementsTable,
} from '../../db/tables/compliance.js';
import { fromJson, toBool, toJson } from '../../db/values.js';
import { updateVersionedRow } from '../../db/versioned-rows.js';
import {
  type Assessment,
  type AssessmentItem,
  type Conformity,
  type Framework,
  isGap,
  type LiveLink,
  type RequirementNode,
} from './compliance.js';

type RequirementRow = ComplianceRequirementsTable;

export const toRequirement = (r: RequirementRow): RequirementNode => ({
  id: r.id,
  frameworkId: r.framework_id,
  number: r.number,
  title: r.title,
  parentNumber: r.parent_number,
  clause: r.clause,
  depth: r.depth,
  position: r.position,
  leaf: toBool(r.leaf),
  edition: r.edition,
  intent: r.intent,
  documentedInformation: fromJson(r.documented_information) ?? [],
  auditEvidence: fromJson(r.audit_evidence) ?? [],
  meridianEvidence: fromJson(r.meridian_evidence) ?? [],
  meridianGap: r.meridian_gap,
  hasLicensedText: r.licensed_text !== null && r.licensed_text !== '',
});

export const toAssessment = (r: ComplianceAssessmentsTable): Assessment => ({
  id: r.id,
  number: r.number,
  frameworkId: r.framework_id,
  title: r.title,
  notes: r.notes,
  assessedOn: r.assessed_on,
  status: r.status as Assessment['status'],
  closedAt: r.closed_at,
  createdById: r.created_by,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  version: r.version,
});

export const assessmentRow = (a: Assessment): ComplianceAssessmentsTable => ({
  id: a.id,
  number: a.number,
  framework_id: a.frameworkId,
  title: a.title,
  notes: a.notes,
  assessed_on: a.assessedOn,
  status: a.status,
  closed_at: a.closedAt,
  created_by: a.createdById,
  created_at: a.createdAt,
  updated_at: a.updatedAt,
  version: a.version,
});

type ItemJoinRow = ComplianceAssessmentItemsTable & {
  number: string;
  title: string;
  clause: string;
  position: number;
};

export const toItem = (r: ItemJoinRow, taskIds: string[]): AssessmentItem => {
  const base = {
    conformity: r.conformity as Conformity,
    maturity: r.maturity,
    targetMaturity: r.target_maturity,
  };
  return {
    id: r.id,
    assessmentId: r.assessment_id,
    requirementId: r.requirement_id,
    number: r.number,
    title: r.title,
    clause: r.clause,
    position: r.position,
    ...base,
    notes: r.notes,
    ownerId: r.owner_id,
    dueDate: r.due_date,
    documentIds: fromJson<string[]>(r.document_ids) ?? [],
    attachmentIds: fromJson<string[]>(r.attachment_ids) ?? [],
    liveLinks: fromJson<LiveLink[]>(r.live_links) ?? [],
    gap: isGap(base),
    taskIds,
    updatedAt: r.updated_at,
    version: r.version,
  };
};

export const itemRow = (i: AssessmentItem): ComplianceAssessmentItemsTable => ({
  id: i.id,
  assessment_id: i.assessmentId,
  requirement_id: i.requirementId,
  conformity: i.conformity,
  maturity: i.maturity,
  target_maturity: i.targetMaturity,
  notes: i.notes,
  owner_id: i.ownerId,
  due_date: i.dueDate,
  document_ids: toJson(i.documentIds),
  attachment_ids: toJson(i.attachmentIds),
  live_links: toJson(i.liveLinks),
  updated_at: i.updatedAt,
  version: i.version,
});

const itemColumns = [
  'compliance_assessment_items.id',
  'compliance_assessment_items.assessment_id',
  'compliance_assessment_items.requirement_id',
  'compliance_assessment_items.conformity',
  'compliance_assessment_items.maturity',
  'compliance_assessment_items.target_maturity',
  'compliance_assessment_items.notes',
  'compliance_assessment_items.owner_id',
  'compliance_assessment_items.due_date',
  'compliance_assessment_items.document_ids',
  'compliance_assessment_items.attachment_ids',
  'compliance_assessment_items.live_links',
  'compliance_assessment_items.updated_at',
  'compliance_assessment_items.version',
  'compliance_requirements.number',
  'compliance_requirements.title',
  'compliance_requirements.clause',
  'compliance_requirements.position',
] as const;

export const libraryRepository = {
  framework: (db: Executor, framework: string, edition: string) =>
    db
      .selectFrom('compliance_frameworks')
      .selectAll()
      .where('framework', '=', framework)
      .where('edition', '=', edition)
      .executeTakeFirst(),

  frameworkById: (db: Executor, id: string) =>
    db.selectFrom('compliance_frameworks').selectAll().where('id', '=', id).executeTakeFirst(),

  async frameworks(db: Executor): Promise<Framework[]> {
    const rows = await db
      .selectFrom('compliance_frameworks')
      .leftJoin('compliance_requirements', (j) =>
        j
          .onRef('compliance_requirements.framework_id', '=', 'compliance_frameworks.id')
          .on('compliance_requirements.leaf', '=', true),
      )
      .select((eb) => [
        'compliance_frameworks.id',
        'compliance_frameworks.framework',
        'compliance_frameworks.edition',
        'compliance_frameworks.data_version',
        'compliance_frameworks.title',
        'compliance_frameworks.language',
        'compliance_frameworks.loaded_at',
        eb.fn.count<number>('compliance_requirements.id').as('leaf_count'),
      ])
      .groupBy([
        'compliance_frameworks.id',
        'compliance_frameworks.framework',
        'compliance_frameworks.edition',
        'compliance_frameworks.data_version',
        'compliance_frameworks.title',
        'compliance_frameworks.language',
        'compliance_frameworks.loaded_at',
      ])
      .orderBy('compliance_frameworks.framework')
      .orderBy('compliance_frameworks.edition', 'desc')
      .execute();
    return rows.map((r) => ({
      id: r.id,
      framework: r.framework,
      edition: r.edition,
      dataVersion: r.data_version,
      title: r.title,
      language: r.language,
      leafCount: Number(r.leaf_count),
      loadedAt: r.loaded_at,
    }));
  },

  insertFramework: (db: Executor, row: ComplianceFrameworksTable) =>
    db.insertInto('compliance_frameworks').values(row).execute(),

  updateFramework: (db: Executor, id: string, values: Partial<ComplianceFrameworksTable>) =>
    db.updateTable('compliance_frameworks').set(values).where('id', '=', id).execute(),

  requirements: (db: Executor, frameworkId: string) =>
    db
      .selectFrom('compliance_requirements')
      .selectAll()
      .where('framework_id', '=', frameworkId)
      .orderBy('position')
      .execute(),

  requirementById: (db: Executor, id: string) =>
    db.selectFrom('compliance_requirements').selectAll().where('id', '=', id).executeTakeFirst(),

  insertRequirement: (db: Executor, row: RequirementRow) =>
    db.insertInto('compliance_requirements').values(row).execute(),

  /** Refreshes the guidance of a loaded node; the licensed text is the user's and stays. */
  updateGuidance: (
    db: Executor,
    id: string,
    values: Omit<
      RequirementRow,
      | 'id'
      | 'framework_id'
      | 'number'
      | 'licensed_text'
      | 'licensed_text_updated_at'
      | 'licensed_text_updated_by'
      | 'licensed_text_version'
    >,
  ) => db.updateTable('compliance_requirements').set(values).where('id', '=', id).execute(),

  async setLicensedText(
    db: Executor,
    id: string,
    expectedVersion: number,
    values: { text: string | null; at: string; by: string | null },
  ): Promise<boolean> {
    const result = await db
      .updateTable('compliance_requirements')
      .set({
        licensed_text: values.text,
        licensed_text_updated_at: values.at,
        licensed_text_updated_by: values.by,
        licensed_text_version: expectedVersion + 1,
      })
      .where('id', '=', id)
      .where('licensed_text_version', '=', expectedVersion)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  },
};

export const assessmentsRepository = {
  /** Attachments that exist, for the evidence links of an item. */
  existingAttachmentIds: async (db: Executor, ids: string[]) =>
    ids.length === 0
      ? []
      : (await db.selectFrom('attachments').select('id').where('id', 'in', ids).execute()).map(
          (r) => r.id,
        ),

  /** Files uploaded to the items, or linked to them by id, as evidence. */
  evidenceFiles: async (db: Executor, itemIds: string[], linkedIds: string[]) =>
    itemIds.length === 0 && linkedIds.length === 0
      ? []
      : db
          .selectFrom('attachments')
          .select(['id', 'owner_type', 'owner_id', 'file_name', 'media_type', 'size', 'created_at'])
          .where((eb) =>
            eb.or([
              ...(itemIds.length
                ? [
                    eb.and([
                      eb('owner_type', '=', 'assessment-item'),
                      eb('owner_id', 'in', itemIds),
                    ]),
                  ]
                : []),
              ...(linkedIds.length ? [eb('id', 'in', linkedIds)] : []),
            ]),
          )
          .orderBy('created_at')
          .orderBy('id')
          .execute(),

  byId: (db: Executor, id: string) =>
    db.selectFrom('compliance_assessments').selectAll().where('id', '=', id).executeTakeFirst(),

  insert: (db: Executor, row: ComplianceAssessmentsTable) =>
    db.insertInto('compliance_assessments').values(row).execute(),

  update: (
    db: Executor,
    id: string,
    expected: number,
    values: Partial<ComplianceAssessmentsTable>,
  ) => updateVersionedRow(db, 'compliance_assessments', id, expected, values),

  /** Newest first, paged by (created_at, id) descending. */
  async list(db: Executor, status: string | undefined, after: CursorKey | null, limit: number) {
    let query = db.selectFrom('compliance_assessments').selectAll();
    if (status) query = query.where('status', '=', status);
    if (after) {
      const [createdAt, id] = after;
      query = query.where((eb) =>
        eb.or([
          eb('created_at', '<', String(createdAt)),
          eb.and([eb('created_at', '=', String(createdAt)), eb('id', '<', id)]),
        ]),
      );
    }
    return query.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
  },

  async items(db: Executor, assessmentIds: string[]): Promise<AssessmentItem[]> {
    if (assessmentIds.length === 0) return [];
    const rows = await db
      .selectFrom('compliance_assessment_items')
      .innerJoin(
        'compliance_requirements',
        'compliance_requirements.id',
        'compliance_assessment_items.requirement_id',
      )
      .select(itemColumns)
      .where('compliance_assessment_items.assessment_id', 'in', assessmentIds)
      .orderBy('compliance_requirements.position')
      .execute();
    const links = await db
      .selectFrom('compliance_task_gaps')
      .innerJoin('compliance_tasks', 'compliance_tasks.id', 'compliance_task_gaps.task_id')
      .select(['compliance_task_gaps.item_id', 'compliance_task_gaps.task_id'])
      .where(
        'compliance_task_gaps.item_id',
        'in',
        db
          .selectFrom('compliance_assessment_items')
          .select('id')
          .where('assessment_id', 'in', assessmentIds),
      )
      .orderBy('compliance_tasks.number')
      .execute();
    const tasksOf = new Map<string, string[]>();
    for (const l of links) tasksOf.set(l.item_id, [...(tasksOf.get(l.item_id) ?? []), l.task_id]);
    return rows.map((r) => toItem(r, tasksOf.get(r.id) ?? []));
  },

  async item(db: Executor, id: string): Promise<AssessmentItem | undefined> {
    const row = await db
      .selectFrom('compliance_assessment_items')
      .innerJoin(
        'compliance_requirements',
        'compliance_requirements.id',
        'compliance_assessment_items.requirement_id',
      )
      .select(itemColumns)
      .where('compliance_assessment_items.id', '=', id)
      .executeTakeFirst();
    if (!row) return undefined;
    const links = await db
      .selectFrom('compliance_task_gaps')
      .select('task_id')
      .where('item_id', '=', id)
      .execute();
    return toItem(
      row,
      links.map((l) => l.task_id),
    );
  },

  insertItems: async (db: Executor, rows: ComplianceAssessmentItemsTable[]) => {
    // In chunks: SQLite caps the number of bound parameters of one statement.
    for (let i = 0; i < rows.length; i += 50) {
      await db
        .insertInto('compliance_assessment_items')
        .values(rows.slice(i, i + 50))
        .execute();
    }
  },

  updateItem: (
    db: Executor,
    id: string,
    expected: number,
    values: Partial<ComplianceAssessmentItemsTable>,
  ) => updateVersionedRow(db, 'compliance_assessment_items', id, expected, values),
};
