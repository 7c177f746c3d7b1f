import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { actorOf } from '../../server/http/authentication.js';
import { expectedVersion, withEtag } from '../../server/http/concurrency.js';
import { listExport } from '../../server/http/list-export.js';
import { IdParams, IfMatchHeaders, PageOf } from '../../server/http/schemas.js';
import {
  AssignBody,
  AssignmentDetailSchema,
  AssignmentQuery,
  AssignmentSchema,
  AttemptBody,
  AttemptSchema,
  CompletionQuery,
  CompletionSchema,
  CourseDetailSchema,
  CourseSchema,
  CreateCourseBody,
  MatrixQuery,
  MatrixSchema,
  RecordBody,
  RequirementBody,
  UpdateCourseBody,
  VersionBody,
} from './training.schemas.js';
import type { CourseDetail, TrainingService } from './training.service.js';

const RequirementParams = Type.Object({
  id: Type.String({ minLength: 1, maxLength: 64 }),
  requirementId: Type.String({ minLength: 1, maxLength: 64 }),
});

export const trainingRoutes: FastifyPluginAsyncTypebox<{ training: TrainingService }> = async (
  app,
  { training },
) => {
  const tags = ['Training'];
  const courseStep = (
    step: string,
    summary: string,
    run: (actor: ReturnType<typeof actorOf>, id: string, version: number) => Promise<CourseDetail>,
  ) =>
    app.post(
      `/training/courses/:id/${step}`,
      {
        schema: {
          tags,
          summary,
          params: IdParams,
          headers: IfMatchHeaders,
          response: { 200: CourseDetailSchema },
        },
      },
      async (req, reply) =>
        withEtag(reply, await run(actorOf(req), req.params.id, expectedVersion(req))),
    );

  app.get(
    '/training/courses',
    {
      schema: {
        tags,
        summary: 'The course catalogue (drafts only for those who edit courses)',
        response: { 200: Type.Array(CourseSchema) },
      },
    },
    (req) => training.listCourses(actorOf(req)),
  );
  app.post(
    '/training/courses',
    {
      schema: {
        tags,
        summary: 'Create a course with its first version as a draft',
        body: CreateCourseBody,
        response: { 201: CourseDetailSchema },
      },
    },
    async (req, reply) =>
      reply.status(201).send(withEtag(reply, await training.createCourse(actorOf(req), req.body))),
  );
  app.get(
    '/training/courses/:id',
    {
      schema: {
        tags,
        summary: 'A course with its versions and competence requirements',
        params: IdParams,
        response: { 200: CourseDetailSchema },
      },
    },
    async (req, reply) => withEtag(reply, await training.getCourse(actorOf(req), req.params.id)),
  );
  app.patch(
    '/training/courses/:id',
    {
      schema: {
        tags,
        summary: "Change a course's title, description or owner",
        params: IdParams,
        headers: IfMatchHeaders,
        body: UpdateCourseBody,
        response: { 200: CourseDetailSchema },
      },
    },
    async (req, reply) =>
      withEtag(
        reply,
        await training.updateCourse(actorOf(req), req.params.id, expectedVersion(req), req.body),
      ),
  );
  app.post(
    '/training/courses/:id/versions',
    {
      schema: {
        tags,
        summary: 'Start the next version of a course as a draft (copied from the latest)',
        params: IdParams,
        headers: IfMatchHeaders,
        body: VersionBody,
        response: { 200: CourseDetailSchema },
      },
    },
    async (req, reply) =>
      withEtag(
        reply,
        await training.startVersion(actorOf(req), req.params.id, expectedVersion(req), req.body),
      ),
  );
  app.patch(
    '/training/courses/:id/draft',
    {
      schema: {
        tags,
        summary: 'Edit the draft version: content, duration, link, change note and quiz',
        params: IdParams,
        headers: IfMatchHeaders,
        body: VersionBody,
        response: { 200: CourseDetailSchema },
      },
    },
    async (req, reply) =>
      withEtag(
        reply,
        await training.editDraft(actorOf(req), req.params.id, expectedVersion(req), req.body),
      ),
  );
  courseStep(
    'publish',
    'Publish the draft version: everyone required is assigned it',
    (actor, id, v) => training.publish(actor, id, v),
  );
  courseStep('retire', 'Retire a course: open assignments of it are withdrawn', (actor, id, v) =>
    training.retire(actor, id, v),
  );
  app.post(
    '/training/courses/:id/requirements',
    {
      schema: {
        tags,
        summary: 'Require the course of a role or of the members of a group (assigns it at once)',
        params: IdParams,
        body: RequirementBody,
        response: { 201: CourseDetailSchema },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await training.addRequirement(actorOf(req), req.params.id, req.body)),
  );
  app.delete(
    '/training/courses/:id/requirements/:requirementId',
    {
      schema: {
        tags,
        summary: 'Remove a competence requirement (assignments already made stay)',
        params: RequirementParams,
        response: { 200: CourseDetailSchema },
      },
    },
    (req) => training.removeRequirement(actorOf(req), req.params.id, req.params.requirementId),
  );

  app.get(
    '/training/my',
    {
      schema: {
        tags,
        summary: 'My training: my open and completed assignments',
        response: { 200: Type.Array(AssignmentSchema) },
      },
    },
    (req) => training.mine(actorOf(req)),
  );
  app.get(
    '/training/assignments',
    {
      schema: {
        tags,
        summary:
          "Assignments by person, course or status, by due date, keyset-paged (others' need training.report)",
        querystring: AssignmentQuery,
        response: { 200: PageOf(AssignmentSchema) },
      },
    },
    (req) => {
      const { limit, cursor, ...filter } = req.query;
      return training.list(actorOf(req), filter, { limit, cursor });
    },
  );
  app.post(
    '/training/assignments',
    {
      schema: {
        tags,
        summary: "Assign a course's published version to a person (idempotent)",
        body: AssignBody,
        response: { 201: AssignmentSchema },
      },
    },
    async (req, reply) => reply.status(201).send(await training.assign(actorOf(req), req.body)),
  );
  app.get(
    '/training/assignments/:id',
    {
      schema: {
        tags,
        summary: 'An assignment with the course content, the quiz (without answers) and attempts',
        params: IdParams,
        response: { 200: AssignmentDetailSchema },
      },
    },
    async (req, reply) => withEtag(reply, await training.get(actorOf(req), req.params.id)),
  );
  app.post(
    '/training/assignments/:id/attempts',
    {
      schema: {
        tags,
        summary: 'Answer the quiz: at or above the pass mark the training is completed',
        params: IdParams,
        body: AttemptBody,
        response: { 200: AttemptSchema },
      },
    },
    (req) => training.attempt(actorOf(req), req.params.id, req.body.answers),
  );
  app.post(
    '/training/assignments/:id/complete',
    {
      schema: {
        tags,
        summary: 'Mark a course without a quiz completed (the person assigned)',
        params: IdParams,
        response: { 200: AssignmentSchema },
      },
    },
    (req) => training.complete(actorOf(req), req.params.id),
  );
  app.post(
    '/training/assignments/:id/record',
    {
      schema: {
        tags,
        summary: 'Record a completion for someone, e.g. a classroom session (managers)',
        params: IdParams,
        body: RecordBody,
        response: { 200: AssignmentSchema },
      },
    },
    (req) => training.record(actorOf(req), req.params.id, req.body),
  );

  app.get(
    '/training/matrix',
    {
      schema: {
        tags,
        summary: 'The competence matrix: people × required courses',
        querystring: MatrixQuery,
        response: { 200: MatrixSchema },
      },
    },
    (req) => training.matrix(actorOf(req), req.query),
  );
  app.get(
    '/training/completion',
    {
      schema: {
        tags,
        summary:
          'Employee training completion: mandatory training done by its due date, over all due in the period',
        querystring: CompletionQuery,
        response: { 200: CompletionSchema },
      },
    },
    (req) => training.completionFor(actorOf(req), req.query),
  );

  // CSV/XLSX of the training records, same filters and visibility (see
  // src/server/http/list-export.ts).
  listExport(app, {
    path: '/training/assignments',
    name: 'training-records',
    tags,
    what: 'training assignments and completions',
    querystring: AssignmentQuery,
    item: AssignmentSchema,
    list: (actor, { limit, cursor, ...filter }) => training.list(actor, filter, { limit, cursor }),
  });
};
