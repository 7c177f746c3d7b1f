// The documents module's only SQL: documents, their versions, requirements, review comments,
// acknowledgement campaigns and their targets.
import type { Executor } from '../../db/executor.js';
import type { CursorKey } from '../../db/keyset.js';
import type {
  AcknowledgementCampaignsTable,
  AcknowledgementTargetsTable,
  DocumentCommentsTable,
  DocumentsTable,
  DocumentVersionsTable,
} from '../../db/tables/documents.js';
import { fromJson, toJson } from '../../db/values.js';
import { updateVersionedRow } from '../../db/versioned-rows.js';
import type {
  ControlledDocument,
  DocumentComment,
  DocumentKind,
  DocumentStatus,
  DocumentVersion,
  VersionStatus,
} from './documents.js';

export const toDocument = (row: DocumentsTable, requirements: string[]): ControlledDocument => ({
  id: row.id,
  number: row.number,
  kind: row.kind as DocumentKind,
  title: row.title,
  ownerId: row.owner_id,
  checklistKey: row.checklist_key,
  requirements,
  status: row.status as DocumentStatus,
  currentVersion: Number(row.current_version),
  approvedVersion: row.approved_version === null ? null : Number(row.approved_version),
  approvedAt: row.approved_at,
  nextReviewAt: row.next_review_at,
  createdBy: row.created_by,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
  version: Number(row.version),
});

export const documentRow = (d: ControlledDocument): DocumentsTable => ({
  id: d.id,
  number: d.number,
  kind: d.kind,
  title: d.title,
  owner_id: d.ownerId,
  checklist_key: d.checklistKey,
  status: d.status,
  current_version: d.currentVersion,
  approved_version: d.approvedVersion,
  approved_at: d.approvedAt,
  next_review_at: d.nextReviewAt,
  created_by: d.createdBy,
  created_at: d.createdAt,
  updated_at: d.updatedAt,
  version: d.version,
});

export const toVersion = (row: DocumentVersionsTable): DocumentVersion => ({
  id: row.id,
  documentId: row.document_id,
  number: Number(row.number),
  title: row.title,
  body: row.body,
  status: row.status as VersionStatus,
  authorId: row.author_id,
  reviewerId: row.reviewer_id,
  submittedBy: row.submitted_by,
  submittedAt: row.submitted_at,
  approvedBy: row.approved_by,
  approvedByName: row.approved_by_name,
  approvedAt: row.approved_at,
  changeNote: row.change_note,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

export const versionRow = (v: DocumentVersion): DocumentVersionsTable => ({
  id: v.id,
  document_id: v.documentId,
  number: v.number,
  title: v.title,
  body: v.body,
  status: v.status,
  author_id: v.authorId,
  reviewer_id: v.reviewerId,
  submitted_by: v.submittedBy,
  submitted_at: v.submittedAt,
  approved_by: v.approvedBy,
  approved_by_name: v.approvedByName,
  approved_at: v.approvedAt,
  change_note: v.changeNote,
  created_at: v.createdAt,
  updated_at: v.updatedAt,
});

export const toComment = (row: DocumentCommentsTable): DocumentComment => ({
  id: row.id,
  documentId: row.document_id,
  versionNumber: Number(row.version_number),
  authorId: row.author_id,
  authorName: row.author_name,
  decision: row.decision as DocumentComment['decision'],
  body: row.body,
  createdAt: row.created_at,
});

export interface CampaignRecord {
  id: string;
  documentId: string;
  versionNumber: number;
  roles: string[];
  groupIds: string[];
  dueAt: string;
  message: string | null;
  createdBy: string | null;
  createdAt: string;
}

export const toCampaign = (row: AcknowledgementCampaignsTable): CampaignRecord => ({
  id: row.id,
  documentId: row.document_id,
  versionNumber: Number(row.version_number),
  roles: fromJson<string[]>(row.roles),
  groupIds: fromJson<string[]>(row.group_ids),
  dueAt: row.due_at,
  message: row.message,
  createdBy: row.created_by,
  createdAt: row.created_at,
});

export interface DocumentFilter {
  kind?: DocumentKind;
  status?: DocumentStatus;
  requirement?: string;
  checklistKey?: string;
  /** Approved documents whose next review date is before this instant. */
  reviewDueBefore?: string;
  q?: string;
}

async function requirementsOf(db: Executor, ids: string[]): Promise<Map<string, string[]>> {
  const byDocument = new Map<string, string[]>(ids.map((id) => [id, []]));
  if (ids.length === 0) return byDocument;
  const rows = await db
    .selectFrom('document_requirements')
    .select(['document_id', 'requirement'])
    .where('document_id', 'in', ids)
    .execute();
  for (const row of rows) byDocument.get(row.document_id)?.push(row.requirement);
  for (const list of byDocument.values())
    list.sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
  return byDocument;
}

async function withRequirements(db: Executor, rows: DocumentsTable[]) {
  const requirements = await requirementsOf(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => toDocument(r, requirements.get(r.id) ?? []));
}

export const documentsRepository = {
  async byId(db: Executor, id: string): Promise<ControlledDocument | undefined> {
    const row = await db
      .selectFrom('documents')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    return row ? (await withRequirements(db, [row]))[0] : undefined;
  },

  async byIds(db: Executor, ids: string[]): Promise<ControlledDocument[]> {
    if (ids.length === 0) return [];
    const rows = await db.selectFrom('documents').selectAll().where('id', 'in', ids).execute();
    return withRequirements(db, rows);
  },

  /** Every document (a register of tens to a few hundred): for the checklist and the guidelines. */
  async all(db: Executor): Promise<ControlledDocument[]> {
    const rows = await db
      .selectFrom('documents')
      .selectAll()
      .orderBy('title')
      .orderBy('id')
      .execute();
    return withRequirements(db, rows);
  },

  async servingRequirements(db: Executor, numbers: string[]) {
    if (numbers.length === 0) return [];
    return db
      .selectFrom('document_requirements')
      .select(['document_id', 'requirement'])
      .where('requirement', 'in', numbers)
      .execute();
  },

  async insert(db: Executor, document: ControlledDocument) {
    await db.insertInto('documents').values(documentRow(document)).execute();
    await documentsRepository.setRequirements(db, document.id, document.requirements);
  },

  async update(db: Executor, document: ControlledDocument, expectedVersion: number) {
    const { id: _id, version: _v, created_at: _c, ...values } = documentRow(document);
    return updateVersionedRow(db, 'documents', document.id, expectedVersion, values);
  },

  async setRequirements(db: Executor, documentId: string, requirements: string[]) {
    await db.deleteFrom('document_requirements').where('document_id', '=', documentId).execute();
    if (requirements.length > 0)
      await db
        .insertInto('document_requirements')
        .values(requirements.map((requirement) => ({ document_id: documentId, requirement })))
        .execute();
  },

  /** By title then id, paged by that key. */
  async list(db: Executor, filter: DocumentFilter, after: CursorKey | null, limit: number) {
    let query = db.selectFrom('documents').selectAll();
    if (filter.kind) query = query.where('kind', '=', filter.kind);
    if (filter.status) query = query.where('status', '=', filter.status);
    if (filter.checklistKey) query = query.where('checklist_key', '=', filter.checklistKey);
    const requirement = filter.requirement;
    if (requirement)
      query = query.where('id', 'in', (eb) =>
        eb
          .selectFrom('document_requirements')
          .select('document_id')
          .where('requirement', '=', requirement),
      );
    const dueBefore = filter.reviewDueBefore;
    if (dueBefore)
      query = query
        .where('approved_version', 'is not', null)
        .where('status', '!=', 'retired')
        .where('next_review_at', '<', dueBefore);
    if (filter.q) {
      const like = `%${filter.q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      query = query.where((eb) =>
        eb.or([
          eb(eb.fn('lower', ['title']), 'like', like),
          eb(eb.fn('lower', ['number']), 'like', like),
        ]),
      );
    }
    if (after) {
      const [title, id] = after;
      query = query.where((eb) =>
        eb.or([
          eb('title', '>', String(title)),
          eb.and([eb('title', '=', String(title)), eb('id', '>', id)]),
        ]),
      );
    }
    const rows = await query.orderBy('title').orderBy('id').limit(limit).execute();
    return withRequirements(db, rows);
  },

  async version(db: Executor, documentId: string, number: number) {
    const row = await db
      .selectFrom('document_versions')
      .selectAll()
      .where('document_id', '=', documentId)
      .where('number', '=', number)
      .executeTakeFirst();
    return row ? toVersion(row) : undefined;
  },

  async versions(db: Executor, documentId: string) {
    const rows = await db
      .selectFrom('document_versions')
      .selectAll()
      .where('document_id', '=', documentId)
      .orderBy('number', 'desc')
      .execute();
    return rows.map(toVersion);
  },

  /** The approved version of each document given (for the guidelines). */
  async approvedVersions(db: Executor, keys: { documentId: string; number: number }[]) {
    if (keys.length === 0) return [];
    const rows = await db
      .selectFrom('document_versions')
      .selectAll()
      .where(
        'document_id',
        'in',
        keys.map((k) => k.documentId),
      )
      .where('status', '=', 'approved')
      .execute();
    return rows.map(toVersion);
  },

  insertVersion: (db: Executor, v: DocumentVersion) =>
    db.insertInto('document_versions').values(versionRow(v)).execute(),

  /** Approved versions are never passed here: the service only changes drafts and statuses. */
  updateVersion: (db: Executor, v: DocumentVersion) => {
    const { id, document_id: _d, number: _n, created_at: _c, ...values } = versionRow(v);
    return db.updateTable('document_versions').set(values).where('id', '=', id).execute();
  },

  insertComment: (db: Executor, row: DocumentCommentsTable) =>
    db.insertInto('document_comments').values(row).execute(),

  async comments(db: Executor, documentId: string) {
    const rows = await db
      .selectFrom('document_comments')
      .selectAll()
      .where('document_id', '=', documentId)
      .orderBy('id')
      .execute();
    return rows.map(toComment);
  },

  // Campaigns.

  insertCampaign: (db: Executor, c: CampaignRecord) =>
    db
      .insertInto('acknowledgement_campaigns')
      .values({
        id: c.id,
        document_id: c.documentId,
        version_number: c.versionNumber,
        roles: toJson(c.roles),
        group_ids: toJson(c.groupIds),
        due_at: c.dueAt,
        message: c.message,
        created_by: c.createdBy,
        created_at: c.createdAt,
      })
      .execute(),

  insertTargets: async (db: Executor, campaignId: string, userIds: string[]) => {
    if (userIds.length === 0) return;
    await db
      .insertInto('acknowledgement_targets')
      .values(
        userIds.map((user_id) => ({
          campaign_id: campaignId,
          user_id,
          acknowledged_at: null,
          acknowledged_version: null,
        })),
      )
      .execute();
  },

  async campaign(db: Executor, id: string) {
    const row = await db
      .selectFrom('acknowledgement_campaigns')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    return row ? toCampaign(row) : undefined;
  },

  async campaignsOf(db: Executor, documentId: string) {
    const rows = await db
      .selectFrom('acknowledgement_campaigns')
      .selectAll()
      .where('document_id', '=', documentId)
      .orderBy('id', 'desc')
      .execute();
    return rows.map(toCampaign);
  },

  /** Every campaign's targets with the people's names (for completion and "who is missing"). */
  async targets(db: Executor, campaignIds: string[]) {
    if (campaignIds.length === 0) return [];
    return db
      .selectFrom('acknowledgement_targets as t')
      .innerJoin('users as u', 'u.id', 't.user_id')
      .select([
        't.campaign_id',
        't.user_id',
        't.acknowledged_at',
        't.acknowledged_version',
        'u.name as user_name',
      ])
      .where('t.campaign_id', 'in', campaignIds)
      .orderBy('u.name')
      .execute();
  },

  target: (db: Executor, campaignId: string, userId: string) =>
    db
      .selectFrom('acknowledgement_targets')
      .selectAll()
      .where('campaign_id', '=', campaignId)
      .where('user_id', '=', userId)
      .executeTakeFirst() as Promise<AcknowledgementTargetsTable | undefined>,

  /** Records an acknowledgement once: false when it was already recorded. */
  async acknowledge(db: Executor, campaignId: string, userId: string, at: string, version: number) {
    const result = await db
      .updateTable('acknowledgement_targets')
      .set({ acknowledged_at: at, acknowledged_version: version })
      .where('campaign_id', '=', campaignId)
      .where('user_id', '=', userId)
      .where('acknowledged_at', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  },

  /** Campaigns the user is targeted by, newest first. */
  async campaignsFor(db: Executor, userId: string) {
    return db
      .selectFrom('acknowledgement_targets as t')
      .innerJoin('acknowledgement_campaigns as c', 'c.id', 't.campaign_id')
      .innerJoin('documents as d', 'd.id', 'c.document_id')
      .select([
        'c.id as campaign_id',
        'c.document_id',
        'c.version_number',
        'c.due_at',
        'c.message',
        'c.created_at',
        'd.number as document_number',
        'd.title as document_title',
        'd.kind as document_kind',
        't.acknowledged_at',
        't.acknowledged_version',
      ])
      .where('t.user_id', '=', userId)
      .orderBy('c.id', 'desc')
      .execute();
  },

  /**
   * Active people of the given roles or groups: who a campaign targets. A read of the directory
   * tables, kept here because it is a set query the user and group services do not offer.
   */
  async activePeople(db: Executor, roles: string[], groupIds: string[]): Promise<string[]> {
    const ids = new Set<string>();
    if (roles.length > 0) {
      const rows = await db
        .selectFrom('users')
        .select(['id', 'active'])
        .where('role', 'in', roles)
        .execute();
      for (const r of rows) if (r.active) ids.add(r.id);
    }
    if (groupIds.length > 0) {
      const rows = await db
        .selectFrom('group_members as m')
        .innerJoin('users as u', 'u.id', 'm.user_id')
        .select(['u.id', 'u.active'])
        .where('m.group_id', 'in', groupIds)
        .execute();
      for (const r of rows) if (r.active) ids.add(r.id);
    }
    return [...ids].sort();
  },

  async existingGroups(db: Executor, ids: string[]) {
    if (ids.length === 0) return new Set<string>();
    const rows = await db.selectFrom('groups').select('id').where('id', 'in', ids).execute();
    return new Set(rows.map((r) => r.id));
  },
};
