// Gap assessments: a snapshot of every leaf requirement of a library (no exclusions: clause 1.2 of
// ISO/IEC 20000-1 allows none), each with conformity, maturity against a target, owner, due date
// and evidence. An open assessment is worked on; a closed one is frozen for comparison.
import { isForeignKeyViolation } from '../../db/errors.js';
import type { Executor } from '../../db/executor.js';
import { decodeCursor, type Page, type PageRequest, pageSize, toPage } from '../../db/keyset.js';
import { formatNumber, nextInSeries } from '../../db/number-series.js';
import { type Actor, requirePermission } from '../../shared/actor.js';
import type { Clock } from '../../shared/clock.js';
import { DomainError, invalid, notFound } from '../../shared/errors.js';
import { uuidv7 } from '../../shared/ids.js';
import type { AttachmentOwner } from '../attachments/attachments.service.js';
import { diff } from '../audit/audit.js';
import type { AuditService } from '../audit/audit.service.js';
import { auditedWrites } from '../audit/audited-writes.js';
import { itemEvidence } from './assessment-evidence.js';
import {
  type Assessment,
  type AssessmentItem,
  type Conformity,
  DEFAULT_TARGET_MATURITY,
  isGap,
  isoDate,
  type LiveLink,
} from './compliance.js';
import {
  assessmentRow,
  itemRow,
  assessmentsRepository as repo,
  toAssessment,
} from './compliance.repository.js';
import type { LibraryService } from './library/library.service.js';
import type { DocumentsPort } from './ports.js';
import { compareScores, type Scores, scoresOf } from './scores.js';

export const ASSESSMENT_SERIES = 'ASM';

export interface NewAssessment {
  title: string;
  notes?: string;
  assessedOn?: string;
  frameworkId?: string;
  copyFrom?: string;
  excludedRequirements?: string[];
}

export interface ItemPatch {
  conformity?: Conformity;
  maturity?: number;
  targetMaturity?: number;
  notes?: string;
  ownerId?: string | null;
  dueDate?: string | null;
  documentIds?: string[];
  attachmentIds?: string[];
  liveLinks?: LiveLink[];
}

function mapError(error: unknown): unknown {
  if (isForeignKeyViolation(error))
    return new DomainError('VALIDATION_FAILED', 'The owner does not exist.', {
      errors: [{ field: '/ownerId', message: 'is not a user' }],
    });
  return error;
}

const validDate = (value: string) =>
  !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) &&
  isoDate(new Date(`${value}T00:00:00Z`)) === value;

function checkDate(field: string, value: string | null | undefined) {
  if (value && !validDate(value)) throw invalid(field, 'is not a calendar date');
}

const unique = (values: string[]) => [...new Set(values)];

export function createAssessmentService(deps: {
  db: Executor;
  audit: AuditService;
  clock: Clock;
  library: LibraryService;
  documents: () => DocumentsPort | undefined;
}) {
  const { db, audit, clock, library, documents } = deps;
  const evidenceFor = itemEvidence({ db, clock, library, documents });

  const assessments = auditedWrites<Assessment>(
    { db, audit, clock, mapError },
    {
      what: 'The assessment',
      entityType: 'compliance-assessment',
      load: async (trx, id) => {
        const row = await repo.byId(trx, id);
        return row ? toAssessment(row) : undefined;
      },
      insert: (trx, a) => repo.insert(trx, assessmentRow(a)).then(() => undefined),
      update: (trx, a, expected) => {
        const { id: _i, version: _v, created_at: _c, ...values } = assessmentRow(a);
        return repo.update(trx, a.id, expected, values);
      },
    },
  );

  const items = auditedWrites<AssessmentItem>(
    { db, audit, clock, mapError },
    {
      what: 'The assessed requirement',
      entityType: 'compliance-assessment-item',
      load: (trx, id) => repo.item(trx, id),
      insert: async () => {
        throw new Error('items are created with their assessment');
      },
      update: (trx, item, expected) => {
        const {
          id: _i,
          version: _v,
          assessment_id: _a,
          requirement_id: _r,
          ...values
        } = itemRow(item);
        return repo.updateItem(trx, item.id, expected, values);
      },
    },
  );

  for (const type of [
    'compliance-assessment',
    'compliance-assessment-item',
    'compliance-requirement',
  ])
    audit.registerReader(type, async (actor) => actor.role === 'system' || (await canRead(actor)));

  async function canRead(actor: Actor) {
    try {
      requirePermission(actor, 'compliance.read', 'read assessments');
      return true;
    } catch {
      return false;
    }
  }

  const read = (actor: Actor) => requirePermission(actor, 'compliance.read', 'read assessments');
  const manage = (actor: Actor) =>
    requirePermission(actor, 'compliance.manage', 'assess requirements');

  async function clauseTitles(frameworkId: string) {
    const nodes = await library.nodes(frameworkId);
    return new Map(nodes.filter((n) => n.depth === 0).map((n) => [n.number, n.title]));
  }

  async function scoresFor(a: Assessment, list: AssessmentItem[]): Promise<Scores> {
    return scoresOf(list, await clauseTitles(a.frameworkId));
  }

  const summary = (a: Assessment, list: AssessmentItem[]) => {
    const gaps = list.filter(isGap).length;
    const s = scoresOf(list, new Map());
    return {
      ...a,
      overall: { conformity: s.overall.conformity, maturity: s.overall.maturity, gaps },
    };
  };

  async function full(a: Assessment) {
    const list = await repo.items(db, [a.id]);
    return { ...summary(a, list), items: list, scores: await scoresFor(a, list) };
  }

  async function loadOpen(trx: Executor, id: string): Promise<Assessment> {
    const a = await assessments.load(trx, id);
    if (a.status === 'closed')
      throw new DomainError(
        'CONFLICT',
        'The assessment is closed: it is a frozen snapshot. Start a new assessment (copying this one) to record progress.',
        { errors: [{ field: '/status', message: 'the assessment is closed' }] },
      );
    return a;
  }

  async function checkPatch(patch: ItemPatch) {
    checkDate('/dueDate', patch.dueDate);
    for (const [i, link] of (patch.liveLinks ?? []).entries()) {
      checkDate(`/liveLinks/${i}/from`, link.from);
      checkDate(`/liveLinks/${i}/to`, link.to);
      if (link.from > link.to) throw invalid(`/liveLinks/${i}/to`, 'must not be before from');
    }
    const attachments = unique(patch.attachmentIds ?? []);
    const found = new Set(await repo.existingAttachmentIds(db, attachments));
    const unknown = attachments.find((id) => !found.has(id));
    if (unknown) throw invalid('/attachmentIds', `attachment ${unknown} does not exist`);
    const ids = unique(patch.documentIds ?? []);
    const port = documents();
    if (ids.length && port?.summaries) {
      const found = await port.summaries(db, ids);
      const missing = ids.find((id) => !found.has(id));
      if (missing) throw invalid('/documentIds', `document ${missing} does not exist`);
    }
  }

  /** Evidence files go to an assessed requirement (attachments owner type `assessment-item`). */
  const attachmentOwner: AttachmentOwner = {
    entityType: 'compliance-assessment-item',
    async canRead(trx, actor, itemId) {
      read(actor);
      if (!(await repo.item(trx, itemId))) throw notFound('The assessed requirement');
      return itemId;
    },
    async canAttach(trx, actor, itemId) {
      manage(actor);
      const item = await repo.item(trx, itemId);
      if (!item) throw notFound('The assessed requirement');
      await loadOpen(trx, item.assessmentId);
      return itemId;
    },
  };

  return {
    attachmentOwner,
    /** Items and scores of an assessment without permission checks (deliverables, gaps). */
    async snapshot(id: string) {
      const a = await assessments.load(db, id);
      return { assessment: a, ...(await full(a)) };
    },
    evidenceFor,
    loadItems: (ids: string[]) => repo.items(db, ids),

    async list(actor: Actor, filter: { status?: 'open' | 'closed' }, page: PageRequest) {
      read(actor);
      const size = pageSize(page.limit);
      const rows = await repo.list(db, filter.status, decodeCursor(page.cursor), size + 1);
      const paged: Page<Assessment> = toPage(rows, size, (r) => [r.created_at, r.id], toAssessment);
      const all = await repo.items(
        db,
        paged.items.map((a) => a.id),
      );
      return {
        items: paged.items.map((a) =>
          summary(
            a,
            all.filter((i) => i.assessmentId === a.id),
          ),
        ),
        nextCursor: paged.nextCursor,
      };
    },

    async create(actor: Actor, input: NewAssessment) {
      manage(actor);
      if (input.excludedRequirements?.length)
        throw invalid(
          '/excludedRequirements',
          'no requirement may be excluded or marked not applicable: ISO/IEC 20000-1 clause 1.2 allows no exclusions, so every requirement is assessed',
        );
      const title = input.title.trim();
      if (!title) throw invalid('/title', 'must not be empty');
      checkDate('/assessedOn', input.assessedOn);
      const framework = await library.framework(input.frameworkId);
      const leaves = (await library.nodes(framework.id)).filter((n) => n.leaf);
      let previous = new Map<string, AssessmentItem>();
      if (input.copyFrom) {
        const source = await repo.byId(db, input.copyFrom);
        if (!source || source.framework_id !== framework.id)
          throw invalid('/copyFrom', 'is not an assessment of the same library');
        previous = new Map((await repo.items(db, [source.id])).map((i) => [i.requirementId, i]));
      }
      const now = clock.now();
      const at = now.toISOString();
      const id = uuidv7(now.getTime());
      const created = await db
        .transaction()
        .execute(async (trx) => {
          const a: Assessment = {
            id,
            number: formatNumber(ASSESSMENT_SERIES, await nextInSeries(trx, ASSESSMENT_SERIES)),
            frameworkId: framework.id,
            title,
            notes: input.notes?.trim() ?? '',
            assessedOn: input.assessedOn ?? isoDate(now),
            status: 'open',
            closedAt: null,
            createdById: actor.id,
            createdAt: at,
            updatedAt: at,
            version: 1,
          };
          await repo.insert(trx, assessmentRow(a));
          await repo.insertItems(
            trx,
            leaves.map((leaf) => {
              const p = previous.get(leaf.id);
              return {
                id: uuidv7(now.getTime()),
                assessment_id: id,
                requirement_id: leaf.id,
                conformity: p?.conformity ?? 'not_assessed',
                maturity: p?.maturity ?? 0,
                target_maturity: p?.targetMaturity ?? DEFAULT_TARGET_MATURITY,
                notes: p?.notes ?? '',
                owner_id: p?.ownerId ?? null,
                due_date: p?.dueDate ?? null,
                document_ids: JSON.stringify(p?.documentIds ?? []),
                attachment_ids: JSON.stringify(p?.attachmentIds ?? []),
                live_links: JSON.stringify(p?.liveLinks ?? []),
                updated_at: at,
                version: 1,
              };
            }),
          );
          await audit.record(trx, actor, {
            action: 'create',
            entityType: 'compliance-assessment',
            entityId: id,
            changes: {
              ...diff(null, a, { ignore: ['id', 'createdAt'] }),
              requirements: { from: null, to: leaves.length },
              ...(input.copyFrom ? { copyFrom: { from: null, to: input.copyFrom } } : {}),
            },
          });
          return a;
        })
        .catch((error) => {
          throw mapError(error);
        });
      return full(created);
    },

    async get(actor: Actor, id: string) {
      read(actor);
      return full(await assessments.load(db, id));
    },

    async update(
      actor: Actor,
      id: string,
      expectedVersion: number,
      patch: { title?: string; notes?: string; assessedOn?: string },
    ) {
      manage(actor);
      checkDate('/assessedOn', patch.assessedOn);
      if (patch.title !== undefined && !patch.title.trim())
        throw invalid('/title', 'must not be empty');
      await loadOpen(db, id);
      const after = await assessments.update(actor, id, expectedVersion, (before) => ({
        ...before,
        title: patch.title?.trim() ?? before.title,
        notes: patch.notes ?? before.notes,
        assessedOn: patch.assessedOn ?? before.assessedOn,
      }));
      return full(after);
    },

    async close(actor: Actor, id: string, expectedVersion: number) {
      manage(actor);
      await loadOpen(db, id);
      const after = await assessments.update(actor, id, expectedVersion, (before) => ({
        ...before,
        status: 'closed',
        closedAt: clock.now().toISOString(),
      }));
      return full(after);
    },

    async scores(actor: Actor, id: string) {
      read(actor);
      const a = await assessments.load(db, id);
      return scoresFor(a, await repo.items(db, [a.id]));
    },

    async compare(actor: Actor, baseId: string, currentId: string) {
      read(actor);
      const load = async (id: string, field: string) => {
        const row = await repo.byId(db, id);
        if (!row) throw invalid(field, 'is not an assessment');
        return toAssessment(row);
      };
      const base = await load(baseId, '/base');
      const current = await load(currentId, '/current');
      if (base.frameworkId !== current.frameworkId)
        throw invalid('/current', 'assesses another library than the base');
      const baseItems = await repo.items(db, [base.id]);
      const currentItems = await repo.items(db, [current.id]);
      return {
        base: summary(base, baseItems),
        current: summary(current, currentItems),
        ...compareScores(await scoresFor(base, baseItems), await scoresFor(current, currentItems)),
      };
    },

    async evidence(actor: Actor, id: string) {
      read(actor);
      const a = await assessments.load(db, id);
      return evidenceFor(a, await repo.items(db, [a.id]));
    },

    async itemEvidence(actor: Actor, id: string, itemId: string) {
      read(actor);
      const a = await assessments.load(db, id);
      const item = await repo.item(db, itemId);
      if (!item || item.assessmentId !== a.id) throw notFound('The assessed requirement');
      const [found] = await evidenceFor(a, [item]);
      if (!found) throw notFound('The assessed requirement');
      return found;
    },

    async updateItem(
      actor: Actor,
      id: string,
      itemId: string,
      expectedVersion: number,
      patch: ItemPatch,
    ) {
      manage(actor);
      await loadOpen(db, id);
      const current = await repo.item(db, itemId);
      if (!current || current.assessmentId !== id) throw notFound('The assessed requirement');
      await checkPatch(patch);
      const after = await items.update(actor, itemId, expectedVersion, async (before, trx) => {
        // Closing can race with this edit: check again inside the transaction.
        await loadOpen(trx, id);
        const next: AssessmentItem = {
          ...before,
          conformity: patch.conformity ?? before.conformity,
          maturity: patch.maturity ?? before.maturity,
          targetMaturity: patch.targetMaturity ?? before.targetMaturity,
          notes: patch.notes ?? before.notes,
          ownerId: patch.ownerId !== undefined ? patch.ownerId : before.ownerId,
          dueDate: patch.dueDate !== undefined ? patch.dueDate : before.dueDate,
          documentIds: patch.documentIds ? unique(patch.documentIds) : before.documentIds,
          attachmentIds: patch.attachmentIds ? unique(patch.attachmentIds) : before.attachmentIds,
          liveLinks: patch.liveLinks ?? before.liveLinks,
        };
        return { ...next, gap: isGap(next) };
      });
      return after;
    },
  };
}

export type AssessmentService = ReturnType<typeof createAssessmentService>;
