import { expect, it } from 'vitest';
import { type Client, describeEachDatabase } from './helpers/test-app.js';
import {
  assignmentsOf,
  code,
  countRows,
  ifMatch,
  publishedCourse,
  QUIZ,
} from './training-fixtures.js';

describeEachDatabase('training', (get) => {
  it("lists a course's assignments by due date, one keyset page at a time", async () => {
    const ctx = get();
    ctx.clock.set('2026-03-02T09:00:00.000Z');
    const manager = await ctx.as('manager');
    const course = await publishedCourse(manager, { title: 'Paged course' });
    const dues = ['2026-04-03', '2026-04-01', '2026-04-02'];
    for (const dueOn of dues) {
      const learner = await ctx.as('agent');
      const made = await manager.post('/api/v1/training/assignments', {
        userId: learner.user.id,
        courseId: course.id,
        dueOn,
      });
      expect(made.status, made.text).toBe(201);
    }
    const first = await manager.get('/api/v1/training/assignments', {
      query: { courseId: course.id, limit: '2' },
    });
    expect(first.status).toBe(200);
    expect(first.body.items.map((a: { dueOn: string }) => a.dueOn)).toEqual([
      '2026-04-01',
      '2026-04-02',
    ]);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const second = await manager.get('/api/v1/training/assignments', {
      query: { courseId: course.id, limit: '2', cursor: first.body.nextCursor },
    });
    expect(second.body.items.map((a: { dueOn: string }) => a.dueOn)).toEqual(['2026-04-03']);
    expect(second.body.nextCursor).toBeNull();
  });

  it('assigns a course when someone joins a group, gets a role, is created, or a new version is published — never twice', async () => {
    const ctx = get();
    ctx.clock.set('2026-03-02T09:00:00.000Z');
    const admin = await ctx.as('admin');
    const manager = await ctx.as('manager');
    const incident = await publishedCourse(manager, { title: 'Incident process for agents' });
    const awareness = await publishedCourse(manager, { title: 'ISO/IEC 20000 awareness' });
    const group = await admin.post('/api/v1/groups', { name: `Service desk ${code('G')}` });
    expect(group.status).toBe(201);
    expect(
      (
        await manager.post(`/api/v1/training/courses/${incident.id}/requirements`, {
          groupId: group.body.id,
          dueDays: 14,
        })
      ).status,
    ).toBe(201);
    const roleRequirement = await manager.post(
      `/api/v1/training/courses/${awareness.id}/requirements`,
      { role: 'agent', dueDays: 30, mandatory: true },
    );
    expect(roleRequirement.status).toBe(201);
    expect(roleRequirement.body.requirements).toMatchObject([
      { role: 'agent', groupId: null, dueDays: 30, mandatory: true },
    ]);
    // The same requirement twice is refused.
    expect(
      (
        await manager.post(`/api/v1/training/courses/${awareness.id}/requirements`, {
          role: 'agent',
          dueDays: 10,
        })
      ).status,
    ).toBe(409);

    // A new agent: the role requires the awareness course, due 30 days later.
    const created = await admin.post('/api/v1/users', {
      email: `new.agent.${code('u')}@example.com`,
      name: 'Nora Agent',
      role: 'agent',
    });
    expect(created.status).toBe(201);
    const nora = created.body;
    expect(await assignmentsOf(ctx, nora.id)).toMatchObject([
      { course_id: awareness.id, course_version: 1, due_on: '2026-04-01', status: 'assigned' },
    ]);

    // Joining the service desk group adds the incident course, due 14 days later.
    ctx.clock.set('2026-03-02T15:00:00.000Z');
    const joined = await admin.patch(
      `/api/v1/groups/${group.body.id}`,
      { memberIds: [nora.id] },
      ifMatch(group.body.version),
    );
    expect(joined.status).toBe(200);
    const afterJoin = await assignmentsOf(ctx, nora.id);
    expect(afterJoin).toHaveLength(2);
    expect(afterJoin.find((a) => a.course_id === incident.id)).toMatchObject({
      course_version: 1,
      due_on: '2026-03-16',
      reason: 'requirement',
    });

    // Saving the group or the user again makes no duplicates.
    const renamed = await admin.patch(
      `/api/v1/groups/${group.body.id}`,
      { description: 'First line' },
      ifMatch(joined.body.version),
    );
    expect(renamed.status).toBe(200);
    const noraNow = await admin.get(`/api/v1/users/${nora.id}`);
    expect(
      (
        await admin.patch(
          `/api/v1/users/${nora.id}`,
          { name: 'Nora A.' },
          ifMatch(noraNow.body.version),
        )
      ).status,
    ).toBe(200);
    expect(await assignmentsOf(ctx, nora.id)).toHaveLength(2);

    // A requester who becomes an agent gets the awareness course.
    const requester = await ctx.createUser('requester');
    expect(await assignmentsOf(ctx, requester.id)).toHaveLength(0);
    const promoted = await admin.patch(
      `/api/v1/users/${requester.id}`,
      { role: 'agent' },
      ifMatch(requester.version),
    );
    expect(promoted.status).toBe(200);
    expect(await assignmentsOf(ctx, requester.id)).toMatchObject([
      { course_id: awareness.id, due_on: '2026-04-01', status: 'assigned' },
    ]);

    // A new version of the incident course: a new assignment, the open old one superseded.
    ctx.clock.set('2026-03-10T10:00:00.000Z');
    const manager2 = await ctx.login(manager.user.email);
    const course = await manager2.get(`/api/v1/training/courses/${incident.id}`);
    const started = await manager2.post(
      `/api/v1/training/courses/${incident.id}/versions`,
      { changeNote: 'Major incidents added' },
      ifMatch(Number(String(course.headers.etag).replaceAll('"', ''))),
    );
    expect(started.status).toBe(200);
    expect(
      started.body.versions.map((v: { number: number; status: string }) => [v.number, v.status]),
    ).toEqual([
      [2, 'draft'],
      [1, 'published'],
    ]);
    // Nothing is assigned while the version is a draft.
    expect(await assignmentsOf(ctx, nora.id)).toHaveLength(2);
    const edited = await manager2.patch(
      `/api/v1/training/courses/${incident.id}/draft`,
      { content: '# Incidents\n\nMajor incidents are declared by the duty manager.' },
      ifMatch(started.body.version),
    );
    expect(edited.status).toBe(200);
    const published = await manager2.post(
      `/api/v1/training/courses/${incident.id}/publish`,
      {},
      ifMatch(edited.body.version),
    );
    expect(published.status).toBe(200);
    expect(published.body.publishedVersion).toBe(2);
    const forIncident = (await assignmentsOf(ctx, nora.id)).filter(
      (a) => a.course_id === incident.id,
    );
    expect(forIncident).toMatchObject([
      { course_version: 1, status: 'superseded' },
      { course_version: 2, status: 'assigned', due_on: '2026-03-24' },
    ]);
    // Publishing again is refused (nothing to publish) and assigns nothing more.
    expect(
      (
        await manager2.post(
          `/api/v1/training/courses/${incident.id}/publish`,
          {},
          ifMatch(published.body.version),
        )
      ).status,
    ).toBe(409);
    // A manual assignment of the same version is the same assignment.
    const manual = await manager2.post('/api/v1/training/assignments', {
      userId: nora.id,
      courseId: incident.id,
      dueOn: '2026-05-01',
    });
    expect(manual.status).toBe(201);
    expect(manual.body).toMatchObject({ courseVersion: 2, dueOn: '2026-03-24' });
    expect(
      (await assignmentsOf(ctx, nora.id)).filter((a) => a.course_id === incident.id),
    ).toHaveLength(2);

    // Removing the role requirement leaves the assignments made; new agents get nothing more.
    const removed = await manager2.delete(
      `/api/v1/training/courses/${awareness.id}/requirements/${roleRequirement.body.requirements[0].id}`,
    );
    expect(removed.status).toBe(200);
    expect(removed.body.requirements).toEqual([]);
    expect(await assignmentsOf(ctx, requester.id)).toHaveLength(1);
    const later = await ctx.createUser('agent');
    expect(await assignmentsOf(ctx, later.id)).toHaveLength(0);
  });

  it('completes a course only when the quiz reaches the pass mark; a failed attempt is kept and can be retaken', async () => {
    const ctx = get();
    ctx.clock.set('2026-03-02T09:00:00.000Z');
    const manager = await ctx.as('manager');
    const agent = await ctx.as('agent');
    const course = await publishedCourse(manager, { title: 'Incident quiz course', quiz: QUIZ });
    const assigned = await manager.post('/api/v1/training/assignments', {
      userId: agent.user.id,
      courseId: course.id,
      dueOn: '2026-03-20',
    });
    expect(assigned.status).toBe(201);
    const id = assigned.body.id;

    // The learner sees the quiz without the answers.
    const open = await agent.get(`/api/v1/training/assignments/${id}`);
    expect(open.status).toBe(200);
    expect(open.body.quiz.passMark).toBe(75);
    expect(open.body.quiz.questions[1]).toEqual({
      id: 'q2',
      text: 'Which records are evidence?',
      multiple: true,
      options: [
        { id: 'a', text: 'Tickets' },
        { id: 'b', text: 'Change records' },
        { id: 'c', text: 'Hallway talk' },
      ],
    });
    expect(JSON.stringify(open.body)).not.toContain('correct');
    // Nor does the catalogue show the answers to a learner.
    const catalogue = await agent.get(`/api/v1/training/courses/${course.id}`);
    expect(catalogue.body.versions[0]).toMatchObject({
      quiz: null,
      questionCount: 4,
      passMark: 75,
    });

    // A course with a quiz is not completed by just marking it.
    expect((await agent.post(`/api/v1/training/assignments/${id}/complete`, {})).status).toBe(409);

    // 2 of 4 right (q2 half-answered counts as wrong): 50%, below 75%.
    const failed = await agent.post(`/api/v1/training/assignments/${id}/attempts`, {
      answers: { q1: ['a'], q2: ['a'], q3: ['a'], q4: ['b'] },
    });
    expect(failed.status).toBe(200);
    expect(failed.body).toMatchObject({
      score: 50,
      passed: false,
      right: 2,
      total: 4,
      passMark: 75,
    });
    expect(failed.body.assignment).toMatchObject({
      status: 'assigned',
      completedOn: null,
      score: null,
    });

    ctx.clock.set('2026-03-05T11:00:00.000Z');
    const again = await ctx.login(agent.user.email);
    const passed = await again.post(`/api/v1/training/assignments/${id}/attempts`, {
      answers: { q1: ['a'], q2: ['b', 'a'], q3: ['a'], q4: ['b'] },
    });
    expect(passed.body).toMatchObject({ score: 75, passed: true });
    expect(passed.body.assignment).toMatchObject({
      status: 'completed',
      completedOn: '2026-03-05',
      score: 75,
      overdue: false,
    });
    const detail = await again.get(`/api/v1/training/assignments/${id}`);
    expect(
      detail.body.attempts.map((a: { score: number; passed: boolean }) => [a.score, a.passed]),
    ).toEqual([
      [50, false],
      [75, true],
    ]);
    // Done is done.
    expect(
      (await again.post(`/api/v1/training/assignments/${id}/attempts`, { answers: { q1: ['a'] } }))
        .status,
    ).toBe(409);
    const mine = await again.get('/api/v1/training/my');
    expect(mine.body).toMatchObject([{ id, status: 'completed', score: 75 }]);
  });

  it('lets everyone see only their own training; reports and editing need their permissions', async () => {
    const ctx = get();
    ctx.clock.set('2026-03-02T09:00:00.000Z');
    const manager = await ctx.as('manager');
    const requester = await ctx.as('requester');
    const agent = await ctx.as('agent');
    const auditor = await ctx.as('auditor');
    const course = await publishedCourse(manager, { title: 'Shop floor safety' });
    const theirs = await manager.post('/api/v1/training/assignments', {
      userId: requester.user.id,
      courseId: course.id,
      dueOn: '2026-03-30',
    });
    const agents = await manager.post('/api/v1/training/assignments', {
      userId: agent.user.id,
      courseId: course.id,
      dueOn: '2026-03-30',
    });

    // A requester reads their own training and the catalogue, and completes their course.
    expect((await requester.get('/api/v1/training/my')).body).toMatchObject([
      { id: theirs.body.id },
    ]);
    expect((await requester.get('/api/v1/training/courses')).status).toBe(200);
    expect((await requester.get(`/api/v1/training/assignments/${theirs.body.id}`)).status).toBe(
      200,
    );
    expect(
      (
        await requester.get('/api/v1/training/assignments', {
          query: { userId: requester.user.id },
        })
      ).status,
    ).toBe(200);
    // …but not anybody else's.
    expect((await requester.get(`/api/v1/training/assignments/${agents.body.id}`)).status).toBe(
      404,
    );
    const others = await requester.get('/api/v1/training/assignments', {
      query: { userId: agent.user.id },
    });
    expect(others.status).toBe(403);
    expect(others.headers['content-type']).toContain('application/problem+json');
    expect((await requester.get('/api/v1/training/matrix')).status).toBe(403);
    expect(
      (
        await requester.get('/api/v1/training/completion', {
          query: { from: '2026-01-01', to: '2026-03-31' },
        })
      ).status,
    ).toBe(403);
    // Nor may they answer or complete someone else's.
    expect(
      (await requester.post(`/api/v1/training/assignments/${agents.body.id}/complete`, {})).status,
    ).toBe(404);
    expect(
      (await requester.post(`/api/v1/training/assignments/${theirs.body.id}/complete`, {})).status,
    ).toBe(200);

    // Evidence of a completion (owner type training-completion): the person adds a certificate;
    // nobody else without training.manage may add or read files on it.
    const files = (id: string) => `/api/v1/attachments/of/training-completion/${id}`;
    const certificate = Buffer.from('%PDF-1.4\n% attendance certificate\n%%EOF\n');
    const upload = (client: Client, id: string) =>
      client.post(`${files(id)}?fileName=certificate.pdf`, certificate, {
        headers: { 'content-type': 'application/octet-stream' },
      });
    const added = await upload(requester, theirs.body.id);
    expect(added.status, added.text).toBe(201);
    expect((await requester.get(files(theirs.body.id))).body).toMatchObject([
      { fileName: 'certificate.pdf', uploadedBy: requester.user.id },
    ]);
    expect((await manager.get(files(theirs.body.id))).body).toHaveLength(1);
    expect((await upload(requester, agents.body.id)).status).toBe(404);
    expect((await requester.get(files(agents.body.id))).status).toBe(404);
    expect((await upload(auditor, theirs.body.id)).status).toBe(403);

    // An auditor reports but does not edit; an agent neither.
    expect((await auditor.get('/api/v1/training/matrix')).status).toBe(200);
    expect((await auditor.get(`/api/v1/training/assignments/${agents.body.id}`)).status).toBe(200);
    const before = {
      courses: await countRows(ctx, 'training_courses'),
      versions: await countRows(ctx, 'training_course_versions'),
      requirements: await countRows(ctx, 'training_requirements'),
      assignments: await countRows(ctx, 'training_assignments'),
    };
    for (const who of [agent, auditor, requester]) {
      const create = await who.post('/api/v1/training/courses', {
        code: code('X'),
        title: 'Not mine',
      });
      expect(create.status).toBe(403);
      expect(create.headers['content-type']).toContain('application/problem+json');
      expect(
        (
          await who.patch(
            `/api/v1/training/courses/${course.id}`,
            { title: 'Renamed' },
            ifMatch(course.version),
          )
        ).status,
      ).toBe(403);
      expect(
        (
          await who.post(
            `/api/v1/training/courses/${course.id}/versions`,
            {},
            ifMatch(course.version),
          )
        ).status,
      ).toBe(403);
      expect(
        (
          await who.post(`/api/v1/training/courses/${course.id}/requirements`, {
            role: 'agent',
            dueDays: 5,
          })
        ).status,
      ).toBe(403);
      expect(
        (
          await who.post('/api/v1/training/assignments', {
            userId: who === agent ? requester.user.id : agent.user.id,
            courseId: course.id,
            dueOn: '2026-04-01',
          })
        ).status,
      ).toBe(403);
      expect(
        (
          await who.post(`/api/v1/training/assignments/${agents.body.id}/record`, {
            completedOn: '2026-03-01',
            note: 'x',
          })
        ).status,
      ).toBe(403);
    }
    expect({
      courses: await countRows(ctx, 'training_courses'),
      versions: await countRows(ctx, 'training_course_versions'),
      requirements: await countRows(ctx, 'training_requirements'),
      assignments: await countRows(ctx, 'training_assignments'),
    }).toEqual(before);
    expect((await agent.get(`/api/v1/training/assignments/${agents.body.id}`)).body.status).toBe(
      'assigned',
    );
  });

  it('refuses bad input naming the field and changes nothing', async () => {
    const ctx = get();
    ctx.clock.set('2026-03-02T09:00:00.000Z');
    const manager = await ctx.as('manager');
    const before = await countRows(ctx, 'training_courses');
    const badQuiz = await manager.post('/api/v1/training/courses', {
      code: code('Q'),
      title: 'Bad quiz',
      quiz: {
        passMark: 80,
        questions: [
          {
            id: 'q1',
            text: 'No right answer',
            options: [
              { id: 'a', text: 'A', correct: false },
              { id: 'b', text: 'B', correct: false },
            ],
          },
        ],
      },
    });
    expect(badQuiz.status).toBe(400);
    expect(badQuiz.body.errors).toEqual([
      { field: '/quiz/questions/0/options', message: 'must have at least one right option' },
    ]);
    const badCode = await manager.post('/api/v1/training/courses', { code: 'a b', title: 'X' });
    expect(badCode.status).toBe(400);
    expect(badCode.body.errors[0].field).toBe('/code');
    expect(await countRows(ctx, 'training_courses')).toBe(before);
    // A draft with nothing to read cannot be published.
    const empty = await manager.post('/api/v1/training/courses', {
      code: code('E'),
      title: 'Empty',
    });
    const publish = await manager.post(
      `/api/v1/training/courses/${empty.body.id}/publish`,
      {},
      ifMatch(1),
    );
    expect(publish.status).toBe(400);
    expect((await manager.get(`/api/v1/training/courses/${empty.body.id}`)).body.status).toBe(
      'draft',
    );
    // Duplicate codes are named.
    const dup = await manager.post('/api/v1/training/courses', {
      code: empty.body.code,
      title: 'Again',
    });
    expect(dup.status).toBe(409);
    expect(dup.body.errors[0].field).toBe('/code');
  });
});
