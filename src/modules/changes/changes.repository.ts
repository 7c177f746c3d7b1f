// The SQL of change management: changes with their services and links, approval steps and votes.
// The policy and templates have theirs in change-policy.repository.ts.
import { sql } from 'kysely';
import type { Executor } from '../../db/executor.js';
import type { CursorKey } from '../../db/keyset.js';
import type {
  ChangeApprovalStepsTable,
  ChangesTable,
  ChangeVotesTable,
} from '../../db/tables/changes.js';
import { fromJson, toBool, toJson } from '../../db/values.js';
import { updateVersionedRow } from '../../db/versioned-rows.js';
import type { StepApprovers } from './change-policy.js';
import type {
  ApprovalMode,
  ApprovalState,
  Change,
  ChangeReview,
  ChangeStatus,
  ChangeType,
  CloseCode,
  Impact,
  RiskLevel,
  ScheduleConflict,
  ScheduleOverride,
  StepStatus,
  VoteDecision,
} from './changes.js';

export interface Links {
  serviceIds: string[];
  problemIds: string[];
  incidentIds: string[];
  causedIncidentIds: string[];
}

export interface Vote {
  id: string;
  voterId: string;
  voterName: string;
  decision: VoteDecision;
  comment: string;
  votedAt: string;
}

export interface ApprovalStep {
  id: string;
  changeId: string;
  position: number;
  name: string;
  approverKind: StepApprovers['kind'];
  groupId: string | null;
  mode: ApprovalMode;
  required: number;
  eligibleIds: string[];
  status: StepStatus;
  decidedAt: string | null;
  votes: Vote[];
}

export const toChange = (r: ChangesTable, links: Links): Change => ({
  id: r.id,
  number: r.number,
  type: r.type as ChangeType,
  status: r.status as ChangeStatus,
  title: r.title,
  description: r.description,
  reason: r.reason,
  requesterId: r.requester_id,
  assigneeId: r.assignee_id,
  groupId: r.group_id,
  templateId: r.template_id,
  serviceIds: links.serviceIds,
  plannedStart: r.planned_start,
  plannedEnd: r.planned_end,
  actualStart: r.actual_start,
  actualEnd: r.actual_end,
  implementationPlan: r.implementation_plan,
  testPlan: r.test_plan,
  backoutPlan: r.backout_plan,
  riskAnswers: fromJson<Record<string, string>>(r.risk_answers) ?? {},
  riskScore: r.risk_score === null ? null : Number(r.risk_score),
  riskLevel: r.risk_level as RiskLevel | null,
  impact: r.impact as Impact,
  majorRequested: toBool(r.major_requested),
  major: toBool(r.major),
  underControl: toBool(r.under_control),
  approval: r.approval as ApprovalState,
  retrospectiveApprovalRequired: toBool(r.retrospective_approval_required),
  scheduleConflicts: fromJson<ScheduleConflict[]>(r.schedule_conflicts) ?? [],
  scheduleOverride:
    r.schedule_override === null ? null : fromJson<ScheduleOverride | null>(r.schedule_override),
  review: r.review === null ? null : fromJson<ChangeReview | null>(r.review),
  closeCode: r.close_code as CloseCode | null,
  closeNotes: r.close_notes,
  closedAt: r.closed_at,
  problemIds: links.problemIds,
  incidentIds: links.incidentIds,
  causedIncidentIds: links.causedIncidentIds,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  version: r.version,
});

export const changeRow = (c: Change): ChangesTable => ({
  id: c.id,
  number: c.number,
  type: c.type,
  status: c.status,
  title: c.title,
  description: c.description,
  reason: c.reason,
  requester_id: c.requesterId,
  assignee_id: c.assigneeId,
  group_id: c.groupId,
  template_id: c.templateId,
  planned_start: c.plannedStart,
  planned_end: c.plannedEnd,
  actual_start: c.actualStart,
  actual_end: c.actualEnd,
  implementation_plan: c.implementationPlan,
  test_plan: c.testPlan,
  backout_plan: c.backoutPlan,
  risk_answers: toJson(c.riskAnswers),
  risk_score: c.riskScore,
  risk_level: c.riskLevel,
  impact: c.impact,
  major_requested: c.majorRequested,
  major: c.major,
  under_control: c.underControl,
  approval: c.approval,
  retrospective_approval_required: c.retrospectiveApprovalRequired,
  schedule_conflicts: toJson(c.scheduleConflicts),
  schedule_override: c.scheduleOverride === null ? null : toJson(c.scheduleOverride),
  review: c.review === null ? null : toJson(c.review),
  close_code: c.closeCode,
  close_notes: c.closeNotes,
  closed_at: c.closedAt,
  created_at: c.createdAt,
  updated_at: c.updatedAt,
  version: c.version,
});

const toStep = (r: ChangeApprovalStepsTable, votes: Vote[]): ApprovalStep => ({
  id: r.id,
  changeId: r.change_id,
  position: Number(r.position),
  name: r.name,
  approverKind: r.approver_kind as StepApprovers['kind'],
  groupId: r.group_id,
  mode: r.mode as ApprovalMode,
  required: Number(r.required),
  eligibleIds: fromJson<string[]>(r.eligible_ids) ?? [],
  status: r.status as StepStatus,
  decidedAt: r.decided_at,
  votes,
});

const toVote = (r: ChangeVotesTable): Vote => ({
  id: r.id,
  voterId: r.voter_id,
  voterName: r.voter_name,
  decision: r.decision as VoteDecision,
  comment: r.comment,
  votedAt: r.voted_at,
});

/** `%text%` for LIKE, with the wildcards of the search text taken literally. */
const containing = (q: string) => `%${q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

export interface ChangeFilter {
  status?: ChangeStatus;
  type?: ChangeType;
  serviceId?: string;
  riskLevel?: RiskLevel;
  q?: string;
  /** Only changes this user requested or is assigned. */
  involving?: string;
}

async function linksOf(db: Executor, ids: string[]): Promise<Map<string, Links>> {
  const result = new Map<string, Links>();
  for (const id of ids)
    result.set(id, { serviceIds: [], problemIds: [], incidentIds: [], causedIncidentIds: [] });
  if (ids.length === 0) return result;
  const [services, problems, incidents] = await Promise.all([
    db.selectFrom('change_services').selectAll().where('change_id', 'in', ids).execute(),
    db.selectFrom('change_problems').selectAll().where('change_id', 'in', ids).execute(),
    db.selectFrom('change_incidents').selectAll().where('change_id', 'in', ids).execute(),
  ]);
  for (const s of services) result.get(s.change_id)?.serviceIds.push(s.service_id);
  for (const p of problems) result.get(p.change_id)?.problemIds.push(p.problem_id);
  for (const i of incidents) {
    const links = result.get(i.change_id);
    if (!links) continue;
    (i.relation === 'caused' ? links.causedIncidentIds : links.incidentIds).push(i.ticket_id);
  }
  for (const links of result.values()) {
    links.serviceIds.sort();
    links.problemIds.sort();
    links.incidentIds.sort();
    links.causedIncidentIds.sort();
  }
  return result;
}

async function replaceLinks(db: Executor, id: string, before: Links | null, after: Links) {
  const same = (a: string[] | undefined, b: string[]) =>
    a !== undefined && a.length === b.length && a.every((x, i) => x === b[i]);
  if (!same(before?.serviceIds, after.serviceIds)) {
    await db.deleteFrom('change_services').where('change_id', '=', id).execute();
    if (after.serviceIds.length)
      await db
        .insertInto('change_services')
        .values(after.serviceIds.map((service_id) => ({ change_id: id, service_id })))
        .execute();
  }
  if (!same(before?.problemIds, after.problemIds)) {
    await db.deleteFrom('change_problems').where('change_id', '=', id).execute();
    if (after.problemIds.length)
      await db
        .insertInto('change_problems')
        .values(after.problemIds.map((problem_id) => ({ change_id: id, problem_id })))
        .execute();
  }
  for (const [relation, key] of [
    ['related', 'incidentIds'],
    ['caused', 'causedIncidentIds'],
  ] as const) {
    if (same(before?.[key], after[key])) continue;
    await db
      .deleteFrom('change_incidents')
      .where('change_id', '=', id)
      .where('relation', '=', relation)
      .execute();
    if (after[key].length)
      await db
        .insertInto('change_incidents')
        .values(after[key].map((ticket_id) => ({ change_id: id, ticket_id, relation })))
        .execute();
  }
}

export const changesRepository = {
  async byId(db: Executor, id: string): Promise<Change | undefined> {
    const row = await db.selectFrom('changes').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) return undefined;
    return toChange(row, (await linksOf(db, [id])).get(id) as Links);
  },

  async byIds(db: Executor, ids: string[]): Promise<Change[]> {
    if (ids.length === 0) return [];
    const rows = await db.selectFrom('changes').selectAll().where('id', 'in', ids).execute();
    const links = await linksOf(
      db,
      rows.map((r) => r.id),
    );
    return rows.map((r) => toChange(r, links.get(r.id) as Links));
  },

  async insert(db: Executor, c: Change) {
    await db.insertInto('changes').values(changeRow(c)).execute();
    await replaceLinks(db, c.id, null, c);
  },

  /** Saves the change if it is still at `expected`; false when someone else got there first. */
  async update(db: Executor, before: Change, after: Change): Promise<boolean> {
    const { id: _id, version: _v, created_at: _c, number: _n, ...values } = changeRow(after);
    const saved = await updateVersionedRow(db, 'changes', after.id, before.version, values);
    if (saved) await replaceLinks(db, after.id, before, after);
    return saved;
  },

  /** Newest first, paged by (created_at, id) descending. */
  async list(db: Executor, filter: ChangeFilter, after: CursorKey | null, limit: number) {
    let query = db.selectFrom('changes').selectAll();
    if (filter.status) query = query.where('status', '=', filter.status);
    if (filter.type) query = query.where('type', '=', filter.type);
    if (filter.riskLevel) query = query.where('risk_level', '=', filter.riskLevel);
    const serviceId = filter.serviceId;
    if (serviceId)
      query = query.where('id', 'in', (eb) =>
        eb.selectFrom('change_services').select('change_id').where('service_id', '=', serviceId),
      );
    if (filter.q) {
      const pattern = containing(filter.q.trim());
      query = query.where(
        sql<boolean>`(lower(number) like ${pattern} escape '\\' or lower(title) like ${pattern} escape '\\')`,
      );
    }
    const involving = filter.involving;
    if (involving)
      query = query.where((eb) =>
        eb.or([eb('requester_id', '=', involving), eb('assignee_id', '=', involving)]),
      );
    if (after) {
      const [createdAt, id] = after;
      query = query.where((eb) =>
        eb.or([
          eb('created_at', '<', String(createdAt)),
          eb.and([eb('created_at', '=', String(createdAt)), eb('id', '<', id)]),
        ]),
      );
    }
    const rows = await query
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(limit)
      .execute();
    const links = await linksOf(
      db,
      rows.map((r) => r.id),
    );
    return rows.map((r) => toChange(r, links.get(r.id) as Links));
  },

  async steps(db: Executor, changeId: string): Promise<ApprovalStep[]> {
    const [rows, votes] = await Promise.all([
      db
        .selectFrom('change_approval_steps')
        .selectAll()
        .where('change_id', '=', changeId)
        .orderBy('position')
        .execute(),
      db
        .selectFrom('change_votes')
        .selectAll()
        .where('change_id', '=', changeId)
        .orderBy('voted_at')
        .orderBy('id')
        .execute(),
    ]);
    return rows.map((r) => toStep(r, votes.filter((v) => v.step_id === r.id).map(toVote)));
  },

  insertSteps: (db: Executor, steps: ApprovalStep[]) =>
    steps.length === 0
      ? Promise.resolve()
      : db
          .insertInto('change_approval_steps')
          .values(
            steps.map((s) => ({
              id: s.id,
              change_id: s.changeId,
              position: s.position,
              name: s.name,
              approver_kind: s.approverKind,
              group_id: s.groupId,
              mode: s.mode,
              required: s.required,
              eligible_ids: toJson(s.eligibleIds),
              status: s.status,
              decided_at: s.decidedAt,
            })),
          )
          .execute()
          .then(() => undefined),

  setStepStatus: (db: Executor, stepId: string, status: StepStatus, decidedAt: string | null) =>
    db
      .updateTable('change_approval_steps')
      .set({ status, decided_at: decidedAt })
      .where('id', '=', stepId)
      .execute(),

  insertVote: (db: Executor, stepId: string, changeId: string, vote: Vote) =>
    db
      .insertInto('change_votes')
      .values({
        id: vote.id,
        change_id: changeId,
        step_id: stepId,
        voter_id: vote.voterId,
        voter_name: vote.voterName,
        decision: vote.decision,
        comment: vote.comment,
        voted_at: vote.votedAt,
      })
      .execute(),

  /** Active steps of changes still awaiting approval, with the change ids (for the CAB inbox). */
  async activeSteps(db: Executor): Promise<ApprovalStep[]> {
    const rows = await db
      .selectFrom('change_approval_steps')
      .innerJoin('changes', 'changes.id', 'change_approval_steps.change_id')
      .selectAll('change_approval_steps')
      .where('change_approval_steps.status', '=', 'active')
      .where('changes.approval', '=', 'pending')
      .where('changes.status', 'not in', ['closed', 'cancelled', 'rejected'])
      .orderBy('changes.planned_start')
      .orderBy('changes.id')
      .execute();
    if (rows.length === 0) return [];
    const votes = await db
      .selectFrom('change_votes')
      .selectAll()
      .where(
        'step_id',
        'in',
        rows.map((r) => r.id),
      )
      .execute();
    return rows.map((r) => toStep(r, votes.filter((v) => v.step_id === r.id).map(toVote)));
  },

  /** Changes (with links) whose reference date — planned start, else creation — is in [from, to). */
  async forTrends(db: Executor, from: string, to: string): Promise<Change[]> {
    const rows = await db
      .selectFrom('changes')
      .selectAll()
      .where((eb) =>
        eb.or([
          eb.and([eb('planned_start', '>=', from), eb('planned_start', '<', to)]),
          eb.and([
            eb('planned_start', 'is', null),
            eb('created_at', '>=', from),
            eb('created_at', '<', to),
          ]),
        ]),
      )
      .execute();
    const links = await linksOf(
      db,
      rows.map((r) => r.id),
    );
    return rows.map((r) => toChange(r, links.get(r.id) as Links));
  },
};
