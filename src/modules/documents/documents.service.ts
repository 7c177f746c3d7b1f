// Controlled documents (7.5): the register, versions, the review and approval workflow, the
// mandatory checklist, acknowledgement campaigns and the Process Guidelines deliverable. Who may:
// documents.read to read (staff and auditors), documents.manage to write, review and approve (an
// approver never approves a version they wrote). Requesters read only what a campaign asks them to
// acknowledge, through /acknowledgements.
import { isForeignKeyViolation } from '../../db/errors.js';
import type { Executor } from '../../db/executor.js';
import { decodeCursor, type Page, type PageRequest, pageSize, toPage } from '../../db/keyset.js';
import { formatNumber, nextInSeries } from '../../db/number-series.js';
import { type Actor, can, requirePermission } from '../../shared/actor.js';
import type { Clock } from '../../shared/clock.js';
import { DomainError, invalid, notFound, versionConflict } from '../../shared/errors.js';
import { uuidv7 } from '../../shared/ids.js';
import { type Changes, diff } from '../audit/audit.js';
import type { AuditService } from '../audit/audit.service.js';
import type { GroupService } from '../groups/groups.service.js';
import type { NotificationService } from '../notifications/notifications.service.js';
import type { UserService } from '../users/users.service.js';
import { createCampaigns } from './campaigns.js';
import {
  approvedAndInDate,
  type ControlledDocument,
  checkChecklistKey,
  checkRequirements,
  checkReviewDate,
  checkTitle,
  type DocumentComment,
  type DocumentKind,
  type DocumentStatus,
  type DocumentSummary,
  type DocumentVersion,
  defaultReviewDate,
  MAX_BODY,
  refuseTransition,
  reviewOverdue,
  summaryOf,
} from './documents.js';
import { type DocumentFilter, documentsRepository as repo } from './documents.repository.js';
import { CHECKLIST } from './library.js';
import { processGuidelinesDocx } from './process-guidelines.js';

export const DOCUMENT_SERIES = 'DOC';

export interface DocumentView extends ControlledDocument {
  reviewOverdue: boolean;
}

export interface DocumentDetail extends DocumentView {
  versions: DocumentVersion[];
  comments: DocumentComment[];
}

export interface NewDocument {
  kind: DocumentKind;
  title: string;
  body?: string;
  ownerId?: string | null;
  checklistKey?: string | null;
  requirements?: string[];
  nextReviewAt?: string | null;
}

export interface DocumentPatch {
  kind?: DocumentKind;
  title?: string;
  body?: string;
  ownerId?: string | null;
  checklistKey?: string | null;
  requirements?: string[];
  nextReviewAt?: string | null;
  changeNote?: string | null;
}

export interface ChecklistItem {
  key: string;
  name: string;
  requirement: string;
  requirementTitle: string;
  documents: DocumentSummary[];
  exists: boolean;
  /** At least one document for the item is approved, not retired, and not overdue for review. */
  approved: boolean;
  status: 'missing' | 'not_approved' | 'review_overdue' | 'approved';
}

function mapError(error: unknown): unknown {
  if (isForeignKeyViolation(error))
    return new DomainError('VALIDATION_FAILED', 'The owner or reviewer does not exist.', {
      errors: [{ field: '/ownerId', message: 'refers to a user that does not exist' }],
    });
  return error;
}

export function createDocumentService(deps: {
  db: Executor;
  audit: AuditService;
  clock: Clock;
  users: UserService;
  groups: GroupService;
  notifications: NotificationService;
}) {
  const { db, audit, clock, users } = deps;
  const now = () => clock.now().toISOString();
  const view = (d: ControlledDocument): DocumentView => ({
    ...d,
    reviewOverdue: reviewOverdue(d, now()),
  });

  audit.registerReader('document', async (actor) => can(actor, 'documents.read'));

  async function inTransaction<R>(work: (trx: Executor) => Promise<R>): Promise<R> {
    try {
      return await db.transaction().execute(work);
    } catch (error) {
      throw mapError(error);
    }
  }

  async function load(trx: Executor, id: string): Promise<ControlledDocument> {
    const document = await repo.byId(trx, id);
    if (!document) throw notFound('The document');
    return document;
  }

  async function workingVersion(trx: Executor, d: ControlledDocument): Promise<DocumentVersion> {
    const version = await repo.version(trx, d.id, d.currentVersion);
    if (!version) throw new Error(`document ${d.id} lacks its version ${d.currentVersion}`);
    return version;
  }

  /** Readers are staff; requesters learn nothing of the register (404, not 403). */
  function requireRead(actor: Actor, action: string) {
    if (actor.role === 'requester') throw notFound('The document');
    requirePermission(actor, 'documents.read', action);
  }

  async function checkUser(trx: Executor, id: string | null, field: string, manager = false) {
    if (id === null) return null;
    const user = await users.find(trx, id);
    if (!user?.active) throw invalid(field, 'must be an active user');
    if (manager && !can({ id, name: user.name, role: user.role }, 'documents.manage'))
      throw invalid(field, 'must be someone who may approve documents (documents.manage)');
    return id;
  }

  function checkBody(body: string): string {
    if (body.length > MAX_BODY) throw invalid('/body', `must be at most ${MAX_BODY} characters`);
    return body;
  }

  /**
   * Every workflow step: load, check the caller's version, change the document (and its working
   * version), save with the version as a guard, audit under the step's own action name.
   */
  async function step(
    actor: Actor,
    id: string,
    expectedVersion: number,
    action: string,
    change: (
      before: ControlledDocument,
      working: DocumentVersion,
      trx: Executor,
    ) => Promise<{ document: ControlledDocument; extra?: Changes }>,
  ): Promise<DocumentView> {
    return inTransaction(async (trx) => {
      const before = await load(trx, id);
      if (before.version !== expectedVersion) throw versionConflict('The document', before.version);
      const working = await workingVersion(trx, before);
      const { document, extra } = await change(before, working, trx);
      const after: ControlledDocument = {
        ...document,
        version: before.version + 1,
        updatedAt: now(),
      };
      if (!(await repo.update(trx, after, expectedVersion)))
        throw versionConflict('The document', (await load(trx, id)).version);
      if (before.requirements.join() !== after.requirements.join())
        await repo.setRequirements(trx, id, after.requirements);
      await audit.record(trx, actor, {
        action,
        entityType: 'document',
        entityId: id,
        changes: { ...diff(before, after, { ignore: ['updatedAt'] }), ...extra },
      });
      return view(after);
    });
  }

  async function comment(
    trx: Executor,
    actor: Actor,
    d: ControlledDocument,
    decision: DocumentComment['decision'],
    body: string,
  ) {
    await repo.insertComment(trx, {
      id: uuidv7(clock.now().getTime()),
      document_id: d.id,
      version_number: d.currentVersion,
      author_id: actor.id,
      author_name: actor.name,
      decision,
      body,
      created_at: now(),
    });
  }

  const campaigns = createCampaigns({ ...deps, load, requireRead });

  async function mandatoryChecklist(trx: Executor): Promise<ChecklistItem[]> {
    const all = await repo.all(trx);
    const at = now();
    return CHECKLIST.map((item) => {
      // Process documents are every process and procedure, tagged or not.
      const matching = all.filter(
        (d) =>
          d.checklistKey === item.key ||
          (item.key === 'process-documents' && (d.kind === 'process' || d.kind === 'procedure')),
      );
      const live = matching.filter((d) => d.status !== 'retired');
      const approved = live.some((d) => approvedAndInDate(d, at));
      const status: ChecklistItem['status'] = approved
        ? 'approved'
        : live.some((d) => reviewOverdue(d, at))
          ? 'review_overdue'
          : live.length > 0
            ? 'not_approved'
            : 'missing';
      return {
        ...item,
        documents: matching.map(summaryOf),
        exists: live.length > 0,
        approved,
        status,
      };
    });
  }

  return {
    // Contract 1 for the compliance module: no permission check, inside the caller's transaction.

    async summaries(trx: Executor, ids: string[]): Promise<Map<string, DocumentSummary>> {
      const found = await repo.byIds(trx, [...new Set(ids)]);
      return new Map(found.map((d) => [d.id, summaryOf(d)]));
    },

    async forRequirements(
      trx: Executor,
      requirementNumbers: string[],
    ): Promise<Map<string, DocumentSummary[]>> {
      const links = await repo.servingRequirements(trx, [...new Set(requirementNumbers)]);
      const documents = new Map(
        (await repo.byIds(trx, [...new Set(links.map((l) => l.document_id))])).map((d) => [
          d.id,
          summaryOf(d),
        ]),
      );
      const result = new Map<string, DocumentSummary[]>(requirementNumbers.map((n) => [n, []]));
      for (const link of links) {
        const summary = documents.get(link.document_id);
        if (summary) result.get(link.requirement)?.push(summary);
      }
      return result;
    },

    mandatoryChecklist,

    // The register.

    async list(
      actor: Actor,
      filter: DocumentFilter & { reviewOverdue?: boolean },
      page: PageRequest,
    ) {
      requireRead(actor, 'read documents');
      const size = pageSize(page.limit);
      const { reviewOverdue: overdueOnly, ...rest } = filter;
      const rows = await repo.list(
        db,
        { ...rest, ...(overdueOnly ? { reviewDueBefore: now() } : {}) },
        decodeCursor(page.cursor),
        size + 1,
      );
      return toPage(rows, size, (d) => [d.title, d.id], view) as Page<DocumentView>;
    },

    async get(actor: Actor, id: string): Promise<DocumentDetail> {
      requireRead(actor, 'read documents');
      const document = await load(db, id);
      return {
        ...view(document),
        versions: await repo.versions(db, id),
        comments: await repo.comments(db, id),
      };
    },

    async checklist(actor: Actor): Promise<ChecklistItem[]> {
      requireRead(actor, 'read the documented-information checklist');
      return mandatoryChecklist(db);
    },

    async create(actor: Actor, input: NewDocument): Promise<DocumentView> {
      requirePermission(actor, 'documents.manage', 'write documents');
      const at = now();
      const title = checkTitle(input.title);
      const body = checkBody(input.body ?? '');
      const requirements = checkRequirements(input.requirements ?? []);
      const checklistKey = checkChecklistKey(input.checklistKey ?? null);
      const nextReviewAt = checkReviewDate(input.nextReviewAt ?? null, at, '/nextReviewAt');
      return inTransaction(async (trx) => {
        const ownerId = await checkUser(trx, input.ownerId ?? actor.id, '/ownerId');
        const id = uuidv7(clock.now().getTime());
        const document: ControlledDocument = {
          id,
          number: formatNumber(DOCUMENT_SERIES, await nextInSeries(trx, DOCUMENT_SERIES)),
          kind: input.kind,
          title,
          ownerId,
          checklistKey,
          requirements,
          status: 'draft',
          currentVersion: 1,
          approvedVersion: null,
          approvedAt: null,
          nextReviewAt,
          createdBy: actor.id,
          createdAt: at,
          updatedAt: at,
          version: 1,
        };
        await repo.insert(trx, document);
        await repo.insertVersion(trx, {
          id: uuidv7(clock.now().getTime()),
          documentId: id,
          number: 1,
          title,
          body,
          status: 'draft',
          authorId: actor.id,
          reviewerId: null,
          submittedBy: null,
          submittedAt: null,
          approvedBy: null,
          approvedByName: null,
          approvedAt: null,
          changeNote: null,
          createdAt: at,
          updatedAt: at,
        });
        await audit.record(trx, actor, {
          action: 'create',
          entityType: 'document',
          entityId: id,
          changes: diff(null, document, { ignore: ['id', 'createdAt', 'updatedAt'] }),
        });
        return view(document);
      });
    },

    /**
     * Edits the metadata, and the text of the working version: a draft is changed in place; an
     * approved document gets a new draft version (the approved one stays as it was).
     */
    async update(actor: Actor, id: string, expectedVersion: number, patch: DocumentPatch) {
      requirePermission(actor, 'documents.manage', 'edit documents');
      const at = now();
      const content = patch.title !== undefined || patch.body !== undefined;
      const title = patch.title !== undefined ? checkTitle(patch.title) : undefined;
      const body = patch.body !== undefined ? checkBody(patch.body) : undefined;
      const requirements =
        patch.requirements !== undefined ? checkRequirements(patch.requirements) : undefined;
      const checklistKey =
        patch.checklistKey !== undefined ? checkChecklistKey(patch.checklistKey) : undefined;
      const nextReviewAt =
        patch.nextReviewAt !== undefined
          ? checkReviewDate(patch.nextReviewAt, at, '/nextReviewAt')
          : undefined;
      return step(actor, id, expectedVersion, 'update', async (before, working, trx) => {
        if (before.status === 'retired') refuseTransition('retired', 'edited', 'it is retired');
        const ownerId =
          patch.ownerId !== undefined ? await checkUser(trx, patch.ownerId, '/ownerId') : undefined;
        let document: ControlledDocument = {
          ...before,
          kind: patch.kind ?? before.kind,
          ownerId: ownerId !== undefined ? ownerId : before.ownerId,
          requirements: requirements ?? before.requirements,
          checklistKey: checklistKey !== undefined ? checklistKey : before.checklistKey,
          nextReviewAt: nextReviewAt !== undefined ? nextReviewAt : before.nextReviewAt,
        };
        const extra: Changes = {};
        const changed =
          content &&
          ((title !== undefined && title !== working.title) ||
            (body !== undefined && body !== working.body));
        if (changed && before.status === 'in_review')
          refuseTransition('in_review', 'edited', 'reject it back to draft first');
        if (changed && before.status === 'draft') {
          await repo.updateVersion(trx, {
            ...working,
            title: title ?? working.title,
            body: body ?? working.body,
            changeNote: patch.changeNote !== undefined ? patch.changeNote : working.changeNote,
            updatedAt: at,
          });
          if (body !== undefined && body !== working.body)
            extra.body = { from: `v${working.number}`, to: `v${working.number} (edited)` };
          document = { ...document, title: title ?? before.title };
        }
        if (changed && before.status === 'approved') {
          const number = before.currentVersion + 1;
          await repo.insertVersion(trx, {
            ...working,
            id: uuidv7(clock.now().getTime()),
            number,
            title: title ?? working.title,
            body: body ?? working.body,
            status: 'draft',
            authorId: actor.id,
            reviewerId: null,
            submittedBy: null,
            submittedAt: null,
            approvedBy: null,
            approvedByName: null,
            approvedAt: null,
            changeNote: patch.changeNote ?? null,
            createdAt: at,
            updatedAt: at,
          });
          extra.body = { from: `v${working.number}`, to: `v${number}` };
          document = {
            ...document,
            title: title ?? before.title,
            status: 'draft',
            currentVersion: number,
          };
        }
        return { document, extra };
      });
    },

    async submit(
      actor: Actor,
      id: string,
      expectedVersion: number,
      input: { reviewerId?: string | null; comment?: string },
    ) {
      requirePermission(actor, 'documents.manage', 'submit documents for review');
      return step(actor, id, expectedVersion, 'submit', async (before, working, trx) => {
        if (before.status !== 'draft')
          refuseTransition(before.status, 'submitted for review', 'only a draft can be');
        if (!working.body.trim()) throw invalid('/body', 'must not be empty to submit for review');
        const reviewerId = await checkUser(trx, input.reviewerId ?? null, '/reviewerId', true);
        if (reviewerId !== null && reviewerId === working.authorId)
          throw invalid('/reviewerId', 'must not be the author of the version');
        await repo.updateVersion(trx, {
          ...working,
          status: 'in_review',
          reviewerId,
          submittedBy: actor.id,
          submittedAt: now(),
          updatedAt: now(),
        });
        if (input.comment?.trim())
          await comment(trx, actor, before, 'comment', input.comment.trim());
        return {
          document: { ...before, status: 'in_review' },
          extra: { reviewerId: { from: null, to: reviewerId } },
        };
      });
    },

    async approve(
      actor: Actor,
      id: string,
      expectedVersion: number,
      input: { comment?: string; nextReviewAt?: string | null },
    ) {
      requirePermission(actor, 'documents.manage', 'approve documents');
      const at = now();
      const nextReviewAt = checkReviewDate(input.nextReviewAt ?? null, at, '/nextReviewAt');
      return step(actor, id, expectedVersion, 'approve', async (before, working, trx) => {
        if (before.status !== 'in_review')
          refuseTransition(before.status, 'approved', 'only a document in review can be');
        if (actor.id !== null && actor.id === working.authorId)
          throw new DomainError(
            'FORBIDDEN',
            'You wrote this version: another document manager must approve it.',
            { permission: 'documents.manage', rule: 'approver-is-not-author' },
          );
        if (before.approvedVersion !== null) {
          const previous = await repo.version(trx, id, before.approvedVersion);
          if (previous) await repo.updateVersion(trx, { ...previous, status: 'superseded' });
        }
        await repo.updateVersion(trx, {
          ...working,
          status: 'approved',
          approvedBy: actor.id,
          approvedByName: actor.name,
          approvedAt: at,
          updatedAt: at,
        });
        if (input.comment?.trim())
          await comment(trx, actor, before, 'approve', input.comment.trim());
        return {
          document: {
            ...before,
            title: working.title,
            status: 'approved',
            approvedVersion: working.number,
            approvedAt: at,
            // The approver's date, else the one planned on the document, else a year from now.
            nextReviewAt:
              nextReviewAt ??
              (before.nextReviewAt && before.nextReviewAt > at
                ? before.nextReviewAt
                : defaultReviewDate(at)),
          },
          extra: {
            approvedBy: { from: null, to: actor.name },
            approvedVersionNumber: { from: before.approvedVersion, to: working.number },
          },
        };
      });
    },

    async reject(actor: Actor, id: string, expectedVersion: number, input: { comment: string }) {
      requirePermission(actor, 'documents.manage', 'review documents');
      const reason = input.comment.trim();
      if (!reason) throw invalid('/comment', 'say what must change');
      return step(actor, id, expectedVersion, 'reject', async (before, working, trx) => {
        if (before.status !== 'in_review')
          refuseTransition(before.status, 'rejected', 'only a document in review can be');
        await repo.updateVersion(trx, { ...working, status: 'draft', updatedAt: now() });
        await comment(trx, actor, before, 'reject', reason);
        return {
          document: { ...before, status: 'draft' },
          extra: { reason: { from: null, to: reason } },
        };
      });
    },

    async retire(actor: Actor, id: string, expectedVersion: number, input: { comment?: string }) {
      requirePermission(actor, 'documents.manage', 'retire documents');
      return step(actor, id, expectedVersion, 'retire', async (before, _working, trx) => {
        if (before.status === 'retired') refuseTransition('retired', 'retired', 'it already is');
        if (input.comment?.trim())
          await comment(trx, actor, before, 'comment', input.comment.trim());
        return { document: { ...before, status: 'retired' as DocumentStatus } };
      });
    },

    async addComment(actor: Actor, id: string, body: string): Promise<DocumentComment> {
      requirePermission(actor, 'documents.manage', 'comment on documents');
      const text = body.trim();
      if (!text) throw invalid('/body', 'must not be empty');
      return inTransaction(async (trx) => {
        const document = await load(trx, id);
        await comment(trx, actor, document, 'comment', text);
        const all = await repo.comments(trx, id);
        return all[all.length - 1] as DocumentComment;
      });
    },

    /** The approved process and procedure documents as one DOCX. */
    async processGuidelines(actor: Actor): Promise<Buffer> {
      requireRead(actor, 'download the process guidelines');
      const all = (await repo.all(db)).filter(
        (d) =>
          (d.kind === 'process' || d.kind === 'procedure') &&
          d.approvedVersion !== null &&
          d.status !== 'retired',
      );
      const versions = await repo.approvedVersions(
        db,
        all.map((d) => ({ documentId: d.id, number: d.approvedVersion as number })),
      );
      const byDocument = new Map(versions.map((v) => [`${v.documentId}:${v.number}`, v]));
      const sections = all.flatMap((d) => {
        const v = byDocument.get(`${d.id}:${d.approvedVersion}`);
        return v ? [{ document: d, version: v }] : [];
      });
      sections.sort(
        (a, b) =>
          (a.document.kind === b.document.kind ? 0 : a.document.kind === 'process' ? -1 : 1) ||
          a.version.title.localeCompare(b.version.title),
      );
      return processGuidelinesDocx(sections, clock.now());
    },

    ...campaigns,
  };
}

export type DocumentService = ReturnType<typeof createDocumentService>;
