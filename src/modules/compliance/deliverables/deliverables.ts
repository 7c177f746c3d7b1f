// The deliverables generated from live data: the Gap Analysis Report (PDF) and the Implementation
// Roadmap (XLSX). Neither ever contains the licensed text of the standard: they are built only
// from the library's guidance, the assessment and the roadmap.
import type { Executor } from '../../../db/executor.js';
import { type Actor, requirePermission } from '../../../shared/actor.js';
import type { Clock } from '../../../shared/clock.js';
import type { AssessmentService } from '../assessments.service.js';
import { isoDate } from '../compliance.js';
import type { LibraryService } from '../library/library.service.js';
import type { DocumentsPort } from '../ports.js';
import { groupNames, userNames } from '../roadmap.repository.js';
import type { RoadmapService } from '../roadmap.service.js';
import { gapReportPdf } from './gap-report.js';
import { roadmapXlsx } from './roadmap-workbook.js';

export function createDeliverables(deps: {
  db: Executor;
  clock: Clock;
  library: LibraryService;
  assessments: AssessmentService;
  roadmap: RoadmapService;
  documents: () => DocumentsPort | undefined;
}) {
  const { db, clock, library, assessments, roadmap, documents } = deps;
  // People and groups by id (ids never collide): a RACI role may name either.
  const people = async (trx: Executor) =>
    new Map([
      ...(await userNames(trx)).map((u): [string, string] => [u.id, u.name]),
      ...(await groupNames(trx)).map((g): [string, string] => [g.id, `${g.name} (group)`]),
    ]);

  return {
    async gapReport(actor: Actor, assessmentId: string) {
      requirePermission(actor, 'compliance.read', 'download the Gap Analysis Report');
      const snap = await assessments.snapshot(assessmentId);
      const framework = await library.framework(snap.assessment.frameworkId);
      const nodes = await library.nodes(framework.id);
      const evidence = await assessments.evidenceFor(snap.assessment, snap.items);
      const checklist = (await documents()?.mandatoryChecklist?.(db)) ?? [];
      const pdf = await gapReportPdf({
        framework,
        nodes,
        assessment: snap.assessment,
        items: snap.items,
        scores: snap.scores,
        evidence,
        programme: await roadmap.programme(db),
        checklist,
        names: await people(db),
        generatedAt: clock.now(),
      });
      return { filename: `gap-analysis-${snap.assessment.number}.pdf`, pdf };
    },

    async roadmapWorkbook(actor: Actor) {
      requirePermission(actor, 'compliance.read', 'download the Implementation Roadmap');
      const xlsx = await roadmapXlsx({
        programme: await roadmap.programme(db),
        names: await people(db),
        generatedAt: clock.now(),
      });
      return { filename: `implementation-roadmap-${isoDate(clock.now())}.xlsx`, xlsx };
    },
  };
}
