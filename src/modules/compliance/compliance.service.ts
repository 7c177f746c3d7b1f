// The compliance workspace (clauses 4–10): requirement library, gap assessments with live
// evidence, the implementation roadmap and its deliverables. This file composes the parts.
import type { Executor } from '../../db/executor.js';
import type { Services } from '../../server/services.js';
import { type Actor, requirePermission } from '../../shared/actor.js';
import type { Clock } from '../../shared/clock.js';
import { invalid } from '../../shared/errors.js';
import type { AuditService } from '../audit/audit.service.js';
import { EVIDENCE_DAYS } from './assessment-evidence.js';
import { createAssessmentService } from './assessments.service.js';
import { isoDate } from './compliance.js';
import { createDeliverables } from './deliverables/deliverables.js';
import { allEvidence, evidenceOf } from './evidence/index.js';
import { createLibraryService } from './library/library.service.js';
import type { DocumentsPort } from './ports.js';
import { createRoadmapService } from './roadmap.service.js';

export function createComplianceService(deps: {
  db: Executor;
  audit: AuditService;
  clock: Clock;
  /** The records that give live evidence are read through their modules' services. */
  modules: () => Partial<Services>;
}) {
  const { db, audit, clock, modules } = deps;
  const documents = () => modules().documents as DocumentsPort | undefined;
  const library = createLibraryService({ db, audit, clock });
  const assessments = createAssessmentService({ db, audit, clock, library, documents });
  const roadmap = createRoadmapService({
    db,
    audit,
    clock,
    library,
    assessments,
    groupIdsOf: async (trx, userId) => (await modules().groups?.groupIdsOf(trx, userId)) ?? [],
  });
  const deliverables = createDeliverables({ db, clock, library, assessments, roadmap, documents });

  function period(query: { from?: string; to?: string }) {
    const to = query.to ?? isoDate(clock.now());
    const from =
      query.from ??
      isoDate(new Date(Date.parse(`${to}T00:00:00Z`) - (EVIDENCE_DAYS - 1) * 86_400_000));
    if (Number.isNaN(Date.parse(`${from}T00:00:00Z`))) throw invalid('/from', 'is not a date');
    if (Number.isNaN(Date.parse(`${to}T00:00:00Z`))) throw invalid('/to', 'is not a date');
    if (from > to) throw invalid('/to', 'must not be before from');
    return { from, to };
  }

  const readEvidence = (actor: Actor) =>
    requirePermission(actor, 'compliance.read', 'read compliance evidence');

  return {
    library,
    assessments,
    roadmap,
    deliverables,
    gapsToTasks: roadmap.gapsToTasks,
    evidence: {
      async all(actor: Actor, query: { from?: string; to?: string }) {
        readEvidence(actor);
        return allEvidence(db, period(query), clock.now());
      },
      async one(actor: Actor, source: string, query: { from?: string; to?: string }) {
        readEvidence(actor);
        return evidenceOf(db, source, period(query), clock.now());
      },
    },
  };
}

export type ComplianceService = ReturnType<typeof createComplianceService>;
