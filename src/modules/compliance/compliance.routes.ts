import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { actorOf } from '../../server/http/authentication.js';
import { expectedVersion, withEtag } from '../../server/http/concurrency.js';
import { listExport } from '../../server/http/list-export.js';
import { IdParams, IfMatchHeaders, PageOf } from '../../server/http/schemas.js';
import {
  AssessmentListQuery,
  AssessmentSchema,
  AssessmentSummarySchema,
  CompareQuery,
  ComparisonSchema,
  CreateAssessmentBody,
  CreateTaskBody,
  CreateWorkstreamBody,
  EvidenceFigureSchema,
  EvidenceQuery,
  EvidenceSourceParams,
  FrameworkSchema,
  GapsToTasksBody,
  GapsToTasksResultSchema,
  ItemEvidenceSchema,
  ItemParams,
  ItemSchema,
  LibraryQuery,
  LibrarySchema,
  LicensedTextBody,
  LicensedTextSchema,
  PhaseSchema,
  RoadmapSchema,
  ScoresSchema,
  TaskListQuery,
  TaskSchema,
  UpdateAssessmentBody,
  UpdateItemBody,
  UpdatePhaseBody,
  UpdateTaskBody,
  UpdateWorkstreamBody,
  WorkstreamSchema,
} from './compliance.schemas.js';
import type { ComplianceService } from './compliance.service.js';

export const complianceRoutes: FastifyPluginAsyncTypebox<{
  compliance: ComplianceService;
}> = async (app, { compliance }) => {
  const libraryTags = ['Compliance library'];
  app.get(
    '/compliance/frameworks',
    {
      schema: {
        tags: libraryTags,
        summary: 'The loaded requirement libraries (framework and edition)',
        response: { 200: Type.Object({ items: Type.Array(FrameworkSchema) }) },
      },
    },
    async (req) => ({ items: await compliance.library.frameworks(actorOf(req)) }),
  );
  app.get(
    '/compliance/library',
    {
      schema: {
        tags: libraryTags,
        summary:
          'The requirement tree with our guidance (default: the newest ISO/IEC 20000-1), in the language of Accept-Language when translated (English otherwise)',
        querystring: LibraryQuery,
        response: { 200: LibrarySchema },
      },
    },
    async (req, reply) => {
      const tree = await compliance.library.tree(
        actorOf(req),
        req.query.frameworkId,
        req.headers['accept-language'],
      );
      void reply.header('content-language', tree.language).header('vary', 'accept-language');
      return tree;
    },
  );
  app.get(
    '/compliance/library/requirements/:id/licensed-text',
    {
      schema: {
        tags: libraryTags,
        summary:
          'The standard’s own text pasted by a licensed user (compliance.manage; local only)',
        params: IdParams,
        response: { 200: LicensedTextSchema },
      },
    },
    async (req, reply) =>
      withEtag(reply, await compliance.library.licensedText(actorOf(req), req.params.id)),
  );
  app.put(
    '/compliance/library/requirements/:id/licensed-text',
    {
      schema: {
        tags: libraryTags,
        summary: 'Paste (or clear with null) the licensed text of a requirement',
        params: IdParams,
        headers: IfMatchHeaders,
        body: LicensedTextBody,
        response: { 200: LicensedTextSchema },
      },
    },
    async (req, reply) =>
      withEtag(
        reply,
        await compliance.library.setLicensedText(
          actorOf(req),
          req.params.id,
          expectedVersion(req),
          req.body.text,
        ),
      ),
  );

  const evidenceTags = ['Compliance evidence'];
  app.get(
    '/compliance/evidence',
    {
      schema: {
        tags: evidenceTags,
        summary: 'Every live evidence source with its figure over a period (default: last 90 days)',
        querystring: EvidenceQuery,
        response: { 200: Type.Object({ items: Type.Array(EvidenceFigureSchema) }) },
      },
    },
    async (req) => ({ items: await compliance.evidence.all(actorOf(req), req.query) }),
  );
  app.get(
    '/compliance/evidence/:source',
    {
      schema: {
        tags: evidenceTags,
        summary: 'One live evidence source’s figure over a period',
        params: EvidenceSourceParams,
        querystring: EvidenceQuery,
        response: { 200: EvidenceFigureSchema },
      },
    },
    (req) => compliance.evidence.one(actorOf(req), req.params.source, req.query),
  );

  const assessmentTags = ['Compliance assessments'];
  app.get(
    '/compliance/assessments',
    {
      schema: {
        tags: assessmentTags,
        summary: 'Gap assessments, newest first',
        querystring: AssessmentListQuery,
        response: { 200: PageOf(AssessmentSummarySchema) },
      },
    },
    (req) => {
      const { status, ...page } = req.query;
      return compliance.assessments.list(actorOf(req), { status }, page);
    },
  );
  app.post(
    '/compliance/assessments',
    {
      schema: {
        tags: assessmentTags,
        summary: 'Start an assessment: it covers every leaf requirement, no exclusions',
        body: CreateAssessmentBody,
        response: { 201: AssessmentSchema },
      },
    },
    async (req, reply) =>
      reply
        .status(201)
        .send(withEtag(reply, await compliance.assessments.create(actorOf(req), req.body))),
  );
  app.get(
    '/compliance/assessments/compare',
    {
      schema: {
        tags: assessmentTags,
        summary: 'Two assessments side by side per clause, with the change',
        querystring: CompareQuery,
        response: { 200: ComparisonSchema },
      },
    },
    (req) => compliance.assessments.compare(actorOf(req), req.query.base, req.query.current),
  );
  app.get(
    '/compliance/assessments/:id',
    {
      schema: {
        tags: assessmentTags,
        summary: 'An assessment with all its items and scores',
        params: IdParams,
        response: { 200: AssessmentSchema },
      },
    },
    async (req, reply) =>
      withEtag(reply, await compliance.assessments.get(actorOf(req), req.params.id)),
  );
  app.patch(
    '/compliance/assessments/:id',
    {
      schema: {
        tags: assessmentTags,
        summary: 'Rename an open assessment or change its notes or date',
        params: IdParams,
        headers: IfMatchHeaders,
        body: UpdateAssessmentBody,
        response: { 200: AssessmentSchema },
      },
    },
    async (req, reply) =>
      withEtag(
        reply,
        await compliance.assessments.update(
          actorOf(req),
          req.params.id,
          expectedVersion(req),
          req.body,
        ),
      ),
  );
  app.post(
    '/compliance/assessments/:id/close',
    {
      schema: {
        tags: assessmentTags,
        summary: 'Close (freeze) an assessment: a snapshot that no longer changes',
        params: IdParams,
        headers: IfMatchHeaders,
        response: { 200: AssessmentSchema },
      },
    },
    async (req, reply) =>
      withEtag(
        reply,
        await compliance.assessments.close(actorOf(req), req.params.id, expectedVersion(req)),
      ),
  );
  app.get(
    '/compliance/assessments/:id/scores',
    {
      schema: {
        tags: assessmentTags,
        summary: 'Scores per clause and overall, and the clause heat map',
        params: IdParams,
        response: { 200: ScoresSchema },
      },
    },
    (req) => compliance.assessments.scores(actorOf(req), req.params.id),
  );
  app.get(
    '/compliance/assessments/:id/evidence',
    {
      schema: {
        tags: assessmentTags,
        summary: 'For every item: its documents, live evidence figures and freshness',
        params: IdParams,
        response: { 200: Type.Object({ items: Type.Array(ItemEvidenceSchema) }) },
      },
    },
    async (req) => ({ items: await compliance.assessments.evidence(actorOf(req), req.params.id) }),
  );
  app.patch(
    '/compliance/assessments/:id/items/:itemId',
    {
      schema: {
        tags: assessmentTags,
        summary: 'Assess one requirement: conformity, maturity, notes, owner, due date, evidence',
        params: ItemParams,
        headers: IfMatchHeaders,
        body: UpdateItemBody,
        response: { 200: ItemSchema },
      },
    },
    async (req, reply) =>
      withEtag(
        reply,
        await compliance.assessments.updateItem(
          actorOf(req),
          req.params.id,
          req.params.itemId,
          expectedVersion(req),
          req.body,
        ),
      ),
  );
  app.get(
    '/compliance/assessments/:id/items/:itemId/evidence',
    {
      schema: {
        tags: assessmentTags,
        summary: 'One item’s documents and live evidence figures',
        params: ItemParams,
        response: { 200: ItemEvidenceSchema },
      },
    },
    (req) => compliance.assessments.itemEvidence(actorOf(req), req.params.id, req.params.itemId),
  );
  app.post(
    '/compliance/assessments/:id/gaps-to-tasks',
    {
      schema: {
        tags: assessmentTags,
        summary: 'Turn every gap without a task into a roadmap task, linked both ways',
        params: IdParams,
        body: GapsToTasksBody,
        response: { 200: GapsToTasksResultSchema },
      },
    },
    (req) => compliance.gapsToTasks(actorOf(req), req.params.id, req.body ?? {}),
  );
  app.get(
    '/compliance/assessments/:id/report.pdf',
    {
      schema: {
        tags: assessmentTags,
        summary: 'The Gap Analysis Report (PDF) generated from the live data',
        params: IdParams,
      },
    },
    async (req, reply) => {
      const { filename, pdf } = await compliance.deliverables.gapReport(
        actorOf(req),
        req.params.id,
      );
      return reply
        .header('content-disposition', `attachment; filename="${filename}"`)
        .type('application/pdf')
        .send(pdf);
    },
  );

  const roadmapTags = ['Compliance roadmap'];
  app.get(
    '/compliance/roadmap',
    {
      schema: {
        tags: roadmapTags,
        summary: 'The whole programme: phases, workstreams and tasks (for the timeline and board)',
        response: { 200: RoadmapSchema },
      },
    },
    (req) => compliance.roadmap.overview(actorOf(req)),
  );
  app.get(
    '/compliance/roadmap.xlsx',
    {
      schema: {
        tags: roadmapTags,
        summary: 'The Implementation Roadmap workbook (XLSX) generated from the live data',
      },
    },
    async (req, reply) => {
      const { filename, xlsx } = await compliance.deliverables.roadmapWorkbook(actorOf(req));
      return reply
        .header('content-disposition', `attachment; filename="${filename}"`)
        .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .send(xlsx);
    },
  );
  app.patch(
    '/compliance/roadmap/phases/:id',
    {
      schema: {
        tags: roadmapTags,
        summary: 'Rename a phase or set its dates',
        params: IdParams,
        headers: IfMatchHeaders,
        body: UpdatePhaseBody,
        response: { 200: PhaseSchema },
      },
    },
    async (req, reply) =>
      withEtag(
        reply,
        await compliance.roadmap.updatePhase(
          actorOf(req),
          req.params.id,
          expectedVersion(req),
          req.body,
        ),
      ),
  );
  app.post(
    '/compliance/roadmap/workstreams',
    {
      schema: {
        tags: roadmapTags,
        summary: 'Add a workstream',
        body: CreateWorkstreamBody,
        response: { 201: WorkstreamSchema },
      },
    },
    async (req, reply) =>
      reply
        .status(201)
        .send(withEtag(reply, await compliance.roadmap.createWorkstream(actorOf(req), req.body))),
  );
  app.patch(
    '/compliance/roadmap/workstreams/:id',
    {
      schema: {
        tags: roadmapTags,
        summary: 'Change a workstream',
        params: IdParams,
        headers: IfMatchHeaders,
        body: UpdateWorkstreamBody,
        response: { 200: WorkstreamSchema },
      },
    },
    async (req, reply) =>
      withEtag(
        reply,
        await compliance.roadmap.updateWorkstream(
          actorOf(req),
          req.params.id,
          expectedVersion(req),
          req.body,
        ),
      ),
  );
  app.get(
    '/compliance/roadmap/tasks',
    {
      schema: {
        tags: roadmapTags,
        summary:
          'Roadmap tasks by due date (filters: status, phase, workstream, owner, mine, overdue)',
        querystring: TaskListQuery,
        response: { 200: PageOf(TaskSchema) },
      },
    },
    (req) => {
      const { limit, cursor, ...filter } = req.query;
      return compliance.roadmap.listTasks(actorOf(req), filter, { limit, cursor });
    },
  );
  app.post(
    '/compliance/roadmap/tasks',
    {
      schema: {
        tags: roadmapTags,
        summary: 'Add a task or milestone',
        body: CreateTaskBody,
        response: { 201: TaskSchema },
      },
    },
    async (req, reply) =>
      reply
        .status(201)
        .send(withEtag(reply, await compliance.roadmap.createTask(actorOf(req), req.body))),
  );
  app.get(
    '/compliance/roadmap/tasks/:id',
    {
      schema: {
        tags: roadmapTags,
        summary: 'A roadmap task',
        params: IdParams,
        response: { 200: TaskSchema },
      },
    },
    async (req, reply) =>
      withEtag(reply, await compliance.roadmap.getTask(actorOf(req), req.params.id)),
  );
  app.patch(
    '/compliance/roadmap/tasks/:id',
    {
      schema: {
        tags: roadmapTags,
        summary: 'Change a task (dependencies may not form a cycle)',
        params: IdParams,
        headers: IfMatchHeaders,
        body: UpdateTaskBody,
        response: { 200: TaskSchema },
      },
    },
    async (req, reply) =>
      withEtag(
        reply,
        await compliance.roadmap.updateTask(
          actorOf(req),
          req.params.id,
          expectedVersion(req),
          req.body,
        ),
      ),
  );

  // CSV/XLSX of the lists, same filters and visibility (see src/server/http/list-export.ts).
  listExport(app, {
    path: '/compliance/assessments',
    name: 'gap-assessments',
    tags: assessmentTags,
    what: 'gap assessments',
    querystring: AssessmentListQuery,
    item: AssessmentSummarySchema,
    list: (actor, { status, ...page }) => compliance.assessments.list(actor, { status }, page),
  });
  listExport(app, {
    path: '/compliance/roadmap/tasks',
    name: 'roadmap-tasks',
    tags: roadmapTags,
    what: 'roadmap tasks',
    querystring: TaskListQuery,
    item: TaskSchema,
    list: (actor, { limit, cursor, ...filter }) =>
      compliance.roadmap.listTasks(actor, filter, { limit, cursor }),
  });
};
