// A release's children: acceptance criteria with their test results, linked changes and the
// incidents that followed deployment. Each write is checked, done and audited by `childWrite`, in
// the release's own transaction and audit chain.
import type { Executor } from '../../db/executor.js';
import type { Actor } from '../../shared/actor.js';
import type { Clock } from '../../shared/clock.js';
import { DomainError, invalid, notFound, versionConflict } from '../../shared/errors.js';
import { uuidv7 } from '../../shared/ids.js';
import { diff } from '../audit/audit.js';
import type { ChangeApprovals, ReleaseDetail, TicketLookup } from './release-views.js';
import {
  AFTER_DEPLOYMENT,
  type Criterion,
  type CriterionResult,
  checkOptionalText,
  checkText,
  type Release,
} from './releases.js';
import { criterionRow, releasesRepository as repo, toCriterion } from './releases.repository.js';

export interface CriterionPatch {
  description?: string;
  result?: CriterionResult;
  evidence?: string | null;
}

export type ChildWrite = (
  actor: Actor,
  id: string,
  work: (
    trx: Executor,
    release: Release,
  ) => Promise<Record<string, { from: unknown; to: unknown }>>,
) => Promise<ReleaseDetail>;

export function createReleaseChildren(deps: {
  clock: Clock;
  changes: ChangeApprovals;
  tickets: TicketLookup;
  childWrite: ChildWrite;
}) {
  const { clock, changes, tickets, childWrite } = deps;

  async function criterionOf(trx: Executor, releaseId: string, criterionId: string) {
    const row = await repo.criterionById(trx, releaseId, criterionId);
    if (!row) throw notFound('The acceptance criterion');
    return toCriterion(row);
  }

  return {
    addCriterion(actor: Actor, id: string, input: { description: string }) {
      const description = checkText(input.description, '/description', 1000);
      return childWrite(actor, id, async (trx, release) => {
        const now = clock.now().toISOString();
        const criterion: Criterion = {
          id: uuidv7(Date.parse(now)),
          releaseId: release.id,
          position: await repo.nextCriterionPosition(trx, release.id),
          description,
          result: 'not_run',
          evidence: null,
          testedBy: null,
          testedAt: null,
          createdAt: now,
          updatedAt: now,
          version: 1,
        };
        await repo.insertCriterion(trx, criterionRow(criterion));
        return {
          [`criteria/${criterion.id}`]: { from: null, to: { description, result: 'not_run' } },
        };
      });
    },

    /** Edits a criterion or records its test result (who tested, when, with what evidence). */
    updateCriterion(
      actor: Actor,
      id: string,
      criterionId: string,
      expectedVersion: number,
      patch: CriterionPatch,
    ) {
      const description =
        patch.description !== undefined
          ? checkText(patch.description, '/description', 1000)
          : undefined;
      const evidence =
        patch.evidence !== undefined
          ? checkOptionalText(patch.evidence, '/evidence', 4000) || null
          : undefined;
      return childWrite(actor, id, async (trx, release) => {
        const before = await criterionOf(trx, release.id, criterionId);
        if (before.version !== expectedVersion)
          throw versionConflict('The acceptance criterion', before.version);
        const now = clock.now().toISOString();
        const resultChanged = patch.result !== undefined && patch.result !== before.result;
        const after: Criterion = {
          ...before,
          description: description ?? before.description,
          evidence: evidence !== undefined ? evidence : before.evidence,
          result: patch.result ?? before.result,
          testedBy: resultChanged
            ? patch.result === 'not_run'
              ? null
              : actor.id
            : before.testedBy,
          testedAt: resultChanged ? (patch.result === 'not_run' ? null : now) : before.testedAt,
        };
        const changed = diff(
          { description: before.description, result: before.result, evidence: before.evidence },
          { description: after.description, result: after.result, evidence: after.evidence },
        );
        if (Object.keys(changed).length === 0) return {};
        const {
          id: _id,
          version: _v,
          created_at: _c,
          ...values
        } = criterionRow({
          ...after,
          updatedAt: now,
        });
        if (!(await repo.updateCriterion(trx, before.id, expectedVersion, values)))
          throw versionConflict('The acceptance criterion', before.version + 1);
        return Object.fromEntries(
          Object.entries(changed).map(([key, value]) => [`criteria/${before.id}/${key}`, value]),
        );
      });
    },

    removeCriterion(actor: Actor, id: string, criterionId: string) {
      return childWrite(actor, id, async (trx, release) => {
        const before = await criterionOf(trx, release.id, criterionId);
        await repo.deleteCriterion(trx, before.id);
        return {
          [`criteria/${before.id}`]: {
            from: { description: before.description, result: before.result },
            to: null,
          },
        };
      });
    },

    /** Links a change; the change service must know it. */
    linkChange(actor: Actor, id: string, changeId: string) {
      return childWrite(actor, id, async (trx, release) => {
        const state = (await changes.approvalStates(trx, [changeId])).get(changeId);
        if (!state) throw invalid('/changeId', 'refers to a change that does not exist');
        if (AFTER_DEPLOYMENT.includes(release.status))
          throw new DomainError(
            'INVALID_TRANSITION',
            'Changes are linked before deployment begins.',
            { errors: [{ field: '/changeId', message: `the release is ${release.status}` }] },
          );
        const existing = await repo.changeLinks(trx, [release.id]);
        if (existing.some((l) => l.change_id === changeId)) return {};
        await repo.linkChange(trx, release.id, changeId, actor.id, clock.now().toISOString());
        return { [`changes/${changeId}`]: { from: null, to: state.number } };
      });
    },

    unlinkChange(actor: Actor, id: string, changeId: string) {
      return childWrite(actor, id, async (trx, release) => {
        if (!(await repo.unlinkChange(trx, release.id, changeId)))
          throw notFound('The change link');
        return { [`changes/${changeId}`]: { from: changeId, to: null } };
      });
    },

    /** Links an incident caused by the deployment (by ticket id or INC number). */
    linkIncident(actor: Actor, id: string, ticket: string) {
      return childWrite(actor, id, async (trx, release) => {
        if (!AFTER_DEPLOYMENT.includes(release.status))
          throw new DomainError(
            'INVALID_TRANSITION',
            'Incidents are linked to a release once its deployment has begun.',
            { errors: [{ field: '/ticket', message: `the release is ${release.status}` }] },
          );
        let found: { id: string; number: string; type: string };
        try {
          found = (await tickets.visible(trx, actor, ticket)).ticket;
        } catch (error) {
          if (error instanceof DomainError && error.code === 'NOT_FOUND')
            throw invalid('/ticket', 'refers to a ticket that does not exist');
          throw error;
        }
        if (found.type !== 'incident') throw invalid('/ticket', 'must be an incident');
        const existing = await repo.incidentLinks(trx, release.id);
        if (existing.some((l) => l.ticket_id === found.id)) return {};
        await repo.linkIncident(trx, release.id, found.id, actor.id, clock.now().toISOString());
        return { [`incidents/${found.id}`]: { from: null, to: found.number } };
      });
    },

    unlinkIncident(actor: Actor, id: string, ticketId: string) {
      return childWrite(actor, id, async (trx, release) => {
        if (!(await repo.unlinkIncident(trx, release.id, ticketId)))
          throw notFound('The incident link');
        return { [`incidents/${ticketId}`]: { from: ticketId, to: null } };
      });
    },
  };
}
