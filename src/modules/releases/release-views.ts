// What a reader sees of a release: its fields with readiness (criteria passed, changes approved,
// what blocks deployment), and on its page the criteria, linked changes and incidents.
import type { Executor } from '../../db/executor.js';
import { type Actor, systemActor } from '../../shared/actor.js';
import {
  type ChangeApprovalState,
  type Criterion,
  type Readiness,
  type Release,
  readinessOf,
} from './releases.js';
import { releasesRepository as repo, toCriterion } from './releases.repository.js';

/** Contract 3 of issue 5: what the change service tells other modules about changes. */
export interface ChangeApprovals {
  approvalStates(trx: Executor, ids: string[]): Promise<Map<string, ChangeApprovalState>>;
}

/** The ticket service's access check, used to validate and show incidents after deployment. */
export interface TicketLookup {
  visible(
    trx: Executor,
    actor: Actor,
    id: string,
  ): Promise<{
    ticket: { id: string; number: string; title: string; status: string; type: string };
  }>;
}

export interface LinkedChange extends ChangeApprovalState {
  /** False when the change service no longer knows the change. */
  known: boolean;
  linkedAt: string;
}

export interface LinkedIncident {
  id: string;
  number: string;
  title: string;
  status: string;
  linkedAt: string;
}

export type ReleaseSummary = Release & { readiness: Readiness };

export type ReleaseDetail = ReleaseSummary & {
  criteria: Criterion[];
  changes: LinkedChange[];
  incidents: LinkedIncident[];
};

// Incidents linked to a release are shown to every release reader, as the release's own record.
const releaseLookup = systemActor('releases');

export function createReleaseViews(deps: { changes: ChangeApprovals; tickets: TicketLookup }) {
  const { changes, tickets } = deps;
  /** Readiness of many releases with one read of criteria, links and change approvals. */
  async function summaries(trx: Executor, releases: Release[]): Promise<ReleaseSummary[]> {
    const ids = releases.map((r) => r.id);
    const [criteria, links] = await Promise.all([
      repo.criteria(trx, ids),
      repo.changeLinks(trx, ids),
    ]);
    const states = await changes.approvalStates(trx, [...new Set(links.map((l) => l.change_id))]);
    return releases.map((release) =>
      Object.assign({}, release, {
        readiness: readinessOf(
          criteria.filter((c) => c.release_id === release.id).map(toCriterion),
          links.filter((l) => l.release_id === release.id).map((l) => l.change_id),
          states,
        ),
      }),
    );
  }

  async function detail(trx: Executor, release: Release): Promise<ReleaseDetail> {
    const criteria = (await repo.criteria(trx, [release.id])).map(toCriterion);
    const links = await repo.changeLinks(trx, [release.id]);
    const states = await changes.approvalStates(
      trx,
      links.map((l) => l.change_id),
    );
    const incidents: LinkedIncident[] = [];
    for (const link of await repo.incidentLinks(trx, release.id)) {
      const { ticket } = await tickets.visible(trx, releaseLookup, link.ticket_id);
      incidents.push({
        id: ticket.id,
        number: ticket.number,
        title: ticket.title,
        status: ticket.status,
        linkedAt: link.linked_at,
      });
    }
    return {
      ...release,
      readiness: readinessOf(
        criteria,
        links.map((l) => l.change_id),
        states,
      ),
      criteria,
      changes: links.map((l) => {
        const state = states.get(l.change_id);
        return state
          ? { ...state, known: true, linkedAt: l.linked_at }
          : {
              id: l.change_id,
              number: l.change_id,
              title: '',
              type: 'normal' as const,
              status: 'unknown',
              approved: false,
              known: false,
              linkedAt: l.linked_at,
            };
      }),
      incidents,
    };
  }

  return { summaries, detail };
}
