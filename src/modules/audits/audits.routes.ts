import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { actorOf } from '../../server/http/authentication.js';
import { expectedVersion, withEtag } from '../../server/http/concurrency.js';
import { listExport } from '../../server/http/list-export.js';
import { IdParams, IfMatchHeaders } from '../../server/http/schemas.js';
import {
  ActionBody,
  AuditListItemSchema,
  AuditListQuery,
  AuditTransitionBody,
  AuditViewSchema,
  CreateAuditBody,
  CreateFindingBody,
  CreateGradeSchemeBody,
  CreateProgrammeBody,
  FindingSchema,
  GradeSchemeSchema,
  PeriodQuery,
  ProgrammeSchema,
  ProgrammeViewSchema,
  ResultBody,
  ResultParams,
  SuccessRateSchema,
  TrackerQuery,
  UpdateAuditBody,
  UpdateFindingBody,
  UpdateGradeSchemeBody,
  UpdateProgrammeBody,
  VerificationBody,
} from './audits.schemas.js';
import type { AuditProgrammeService } from './audits.service.js';

// Audit programmes, audits, findings and corrective actions (9.2, 10.1).
export const auditProgrammeRoutes: FastifyPluginAsyncTypebox<{
  auditProgramme: AuditProgrammeService;
}> = async (app, { auditProgramme: audits }) => {
  const tags = ['Audits'];

  app.get(
    '/audits/grade-schemes',
    {
      schema: {
        tags,
        summary: 'Grade schemes: the finding grades of each certification body',
        response: { 200: Type.Array(GradeSchemeSchema) },
      },
    },
    (req) => audits.gradeSchemes(actorOf(req)),
  );
  app.post(
    '/audits/grade-schemes',
    {
      schema: {
        tags,
        summary: 'Define the grades of a certification body',
        body: CreateGradeSchemeBody,
        response: { 201: GradeSchemeSchema },
      },
    },
    async (req, reply) =>
      reply
        .status(201)
        .send(withEtag(reply, await audits.createGradeScheme(actorOf(req), req.body))),
  );
  app.patch(
    '/audits/grade-schemes/:id',
    {
      schema: {
        tags,
        summary: 'Rename a grade scheme or change its grades',
        params: IdParams,
        headers: IfMatchHeaders,
        body: UpdateGradeSchemeBody,
        response: { 200: GradeSchemeSchema },
      },
    },
    async (req, reply) =>
      withEtag(
        reply,
        await audits.updateGradeScheme(actorOf(req), req.params.id, expectedVersion(req), req.body),
      ),
  );

  app.get(
    '/audits/programmes',
    {
      schema: {
        tags,
        summary: 'Audit programmes, newest cycle first',
        response: { 200: Type.Array(ProgrammeSchema) },
      },
    },
    (req) => audits.programmes(actorOf(req)),
  );
  app.post(
    '/audits/programmes',
    {
      schema: {
        tags,
        summary: 'Create the audit programme of a certification cycle',
        body: CreateProgrammeBody,
        response: { 201: ProgrammeViewSchema },
      },
    },
    async (req, reply) =>
      reply.status(201).send(withEtag(reply, await audits.createProgramme(actorOf(req), req.body))),
  );
  app.get(
    '/audits/programmes/:id',
    {
      schema: {
        tags,
        summary:
          'A programme with its audits, the coverage of each requirement and the unaudited ones',
        params: IdParams,
        response: { 200: ProgrammeViewSchema },
      },
    },
    async (req, reply) => withEtag(reply, await audits.programme(actorOf(req), req.params.id)),
  );
  app.patch(
    '/audits/programmes/:id',
    {
      schema: {
        tags,
        summary: 'Change a programme’s name, certification body, grade scheme or cycle',
        params: IdParams,
        headers: IfMatchHeaders,
        body: UpdateProgrammeBody,
        response: { 200: ProgrammeViewSchema },
      },
    },
    async (req, reply) =>
      withEtag(
        reply,
        await audits.updateProgramme(actorOf(req), req.params.id, expectedVersion(req), req.body),
      ),
  );

  app.get(
    '/audits/success-rate',
    {
      schema: {
        tags,
        summary: 'Compliance audit success rate of a period, overall and per audit',
        description:
          'Audits completed with an end date in the period. Audited requirements: sampled requirements with a recorded result, one per audit and requirement. Conforming: those no major or minor nonconformity finding of that audit references. Rate = conforming / audited × 100, one decimal.',
        querystring: PeriodQuery,
        response: { 200: SuccessRateSchema },
      },
    },
    (req) => audits.successRate(actorOf(req), req.query),
  );
  app.get(
    '/audits/actions',
    {
      schema: {
        tags,
        summary: 'Corrective action tracker: nonconformities with their actions',
        querystring: TrackerQuery,
        response: { 200: Type.Array(FindingSchema) },
      },
    },
    (req) => audits.actions(actorOf(req), req.query),
  );

  app.get(
    '/audits',
    {
      schema: {
        tags,
        summary: 'Audits by planned start',
        querystring: AuditListQuery,
        response: { 200: Type.Array(AuditListItemSchema) },
      },
    },
    (req) => audits.list(actorOf(req), req.query),
  );
  app.post(
    '/audits',
    {
      schema: {
        tags,
        summary: 'Plan an audit in a programme',
        body: CreateAuditBody,
        response: { 201: AuditViewSchema },
      },
    },
    async (req, reply) =>
      reply.status(201).send(withEtag(reply, await audits.create(actorOf(req), req.body))),
  );
  app.get(
    '/audits/:id',
    {
      schema: {
        tags,
        summary: 'An audit (by id or number) with its sample, findings and independence warnings',
        params: IdParams,
        response: { 200: AuditViewSchema },
      },
    },
    async (req, reply) => withEtag(reply, await audits.get(actorOf(req), req.params.id)),
  );
  app.patch(
    '/audits/:id',
    {
      schema: {
        tags,
        summary: 'Change an audit’s plan: dates, team, audited groups, scope, sample',
        params: IdParams,
        headers: IfMatchHeaders,
        body: UpdateAuditBody,
        response: { 200: AuditViewSchema },
      },
    },
    async (req, reply) =>
      withEtag(
        reply,
        await audits.update(actorOf(req), req.params.id, expectedVersion(req), req.body),
      ),
  );
  app.post(
    '/audits/:id/transitions',
    {
      schema: {
        tags,
        summary: 'Start, complete or cancel an audit',
        params: IdParams,
        headers: IfMatchHeaders,
        body: AuditTransitionBody,
        response: { 200: AuditViewSchema },
      },
    },
    async (req, reply) =>
      withEtag(
        reply,
        await audits.transition(actorOf(req), req.params.id, expectedVersion(req), req.body.status),
      ),
  );
  app.put(
    '/audits/:id/results/:requirement',
    {
      schema: {
        tags,
        summary: 'Record the result of a sampled requirement, with the evidence seen',
        params: ResultParams,
        body: ResultBody,
        response: { 200: AuditViewSchema },
      },
    },
    async (req, reply) =>
      withEtag(
        reply,
        await audits.recordResult(actorOf(req), req.params.id, req.params.requirement, req.body),
      ),
  );
  app.get(
    '/audits/:id/report.pdf',
    {
      schema: { tags, summary: 'The audit report (PDF)', params: IdParams },
    },
    async (req, reply) => {
      const { filename, pdf } = await audits.report(actorOf(req), req.params.id);
      return reply
        .header('content-disposition', `attachment; filename="${filename}"`)
        .type('application/pdf')
        .send(pdf);
    },
  );
  app.post(
    '/audits/:id/findings',
    {
      schema: {
        tags,
        summary: 'Raise a finding in an audit in progress',
        params: IdParams,
        body: CreateFindingBody,
        response: { 201: FindingSchema },
      },
    },
    async (req, reply) =>
      reply
        .status(201)
        .send(withEtag(reply, await audits.raiseFinding(actorOf(req), req.params.id, req.body))),
  );

  app.get(
    '/audit-findings/:id',
    {
      schema: {
        tags,
        summary: 'A finding (by id or reference)',
        params: IdParams,
        response: { 200: FindingSchema },
      },
    },
    async (req, reply) => withEtag(reply, await audits.finding(actorOf(req), req.params.id)),
  );
  app.patch(
    '/audit-findings/:id',
    {
      schema: {
        tags,
        summary: 'Change a finding’s title, statement, evidence, grade or requirements',
        params: IdParams,
        headers: IfMatchHeaders,
        body: UpdateFindingBody,
        response: { 200: FindingSchema },
      },
    },
    async (req, reply) =>
      withEtag(
        reply,
        await audits.updateFinding(actorOf(req), req.params.id, expectedVersion(req), req.body),
      ),
  );
  app.patch(
    '/audit-findings/:id/action',
    {
      schema: {
        tags,
        summary: 'Work on a nonconformity’s correction, root cause and corrective action',
        description:
          'Owner and due date: audits.manage. Correction, root cause, action and done: audits.record, or the action’s owner.',
        params: IdParams,
        headers: IfMatchHeaders,
        body: ActionBody,
        response: { 200: FindingSchema },
      },
    },
    async (req, reply) =>
      withEtag(
        reply,
        await audits.updateAction(actorOf(req), req.params.id, expectedVersion(req), req.body),
      ),
  );
  app.post(
    '/audit-findings/:id/verification',
    {
      schema: {
        tags,
        summary: 'Record the effectiveness verification of a done corrective action',
        description: 'Not effective reopens the action.',
        params: IdParams,
        headers: IfMatchHeaders,
        body: VerificationBody,
        response: { 200: FindingSchema },
      },
    },
    async (req, reply) =>
      withEtag(
        reply,
        await audits.verify(actorOf(req), req.params.id, expectedVersion(req), req.body),
      ),
  );
  app.post(
    '/audit-findings/:id/close',
    {
      schema: {
        tags,
        summary: 'Close a finding (a nonconformity needs its action verified effective)',
        params: IdParams,
        headers: IfMatchHeaders,
        response: { 200: FindingSchema },
      },
    },
    async (req, reply) =>
      withEtag(reply, await audits.closeFinding(actorOf(req), req.params.id, expectedVersion(req))),
  );

  // CSV/XLSX of the audits and of the corrective action tracker, same filters and visibility
  // (see src/server/http/list-export.ts).
  listExport(app, {
    path: '/audits',
    name: 'audits',
    tags,
    what: 'audits',
    querystring: AuditListQuery,
    item: AuditListItemSchema,
    list: (actor, query) => audits.list(actor, query),
  });
  listExport(app, {
    path: '/audits/actions',
    name: 'corrective-actions',
    tags,
    what: 'the corrective action tracker',
    querystring: TrackerQuery,
    item: FindingSchema,
    list: (actor, query) => audits.actions(actor, query),
  });
};
