import { expect, it } from 'vitest';
import { evidenceOf } from '../src/modules/compliance/evidence/index.js';
import { runJobs } from './helpers/notification-fixtures.js';
import { describeEachDatabase } from './helpers/test-app.js';
import { code, publishedCourse } from './training-fixtures.js';

describeEachDatabase('training completion and reminders', (get) => {
  it('computes employee training completion exactly: on time, late, overdue, outside the period, non-mandatory; by group', async () => {
    const ctx = get();
    ctx.clock.set('2028-04-10T09:00:00.000Z');
    const admin = await ctx.as('admin');
    const manager = await ctx.as('manager');
    const auditor = await ctx.as('auditor');
    const p1 = await ctx.createUser('agent', { name: 'Paula One' });
    const p2 = await ctx.createUser('agent', { name: 'Pierre Two' });
    const g1 = await admin.post('/api/v1/groups', {
      name: `KPI desk ${code('G')}`,
      memberIds: [p1.id, p2.id],
    });
    const g2 = await admin.post('/api/v1/groups', {
      name: `KPI CAB ${code('G')}`,
      memberIds: [p2.id],
    });
    const courses: { id: string }[] = [];
    for (const title of ['KPI one', 'KPI two', 'KPI three', 'KPI four'])
      courses.push(await publishedCourse(manager, { title }));
    const [c1, c2, c3, c4] = courses as [
      { id: string },
      { id: string },
      { id: string },
      { id: string },
    ];
    const assign = async (
      userId: string,
      courseId: string,
      dueOn: string,
      completedOn?: string,
      mandatory = true,
    ) => {
      const a = await manager.post('/api/v1/training/assignments', {
        userId,
        courseId,
        dueOn,
        mandatory,
      });
      expect(a.status).toBe(201);
      if (completedOn) {
        const r = await manager.post(`/api/v1/training/assignments/${a.body.id}/record`, {
          completedOn,
          note: 'Classroom session',
        });
        expect(r.status).toBe(200);
      }
    };
    await assign(p1.id, c1.id, '2028-02-10', '2028-02-05'); // on time
    await assign(p1.id, c2.id, '2028-02-20', '2028-02-25'); // late
    await assign(p1.id, c3.id, '2028-03-15'); // overdue, not done
    await assign(p2.id, c1.id, '2028-03-31', '2028-03-31'); // on time, on the day
    await assign(p2.id, c2.id, '2028-04-20', '2028-04-01'); // due after the period
    await assign(p2.id, c3.id, '2028-02-01', '2028-02-01', false); // not mandatory
    await assign(p2.id, c4.id, '2027-12-20'); // due before the period

    const figure = await auditor.get('/api/v1/training/completion', {
      query: { from: '2028-01-01', to: '2028-03-31' },
    });
    expect(figure.status).toBe(200);
    expect(figure.body).toEqual({
      due: 4,
      completedOnTime: 2,
      rate: 50,
      byGroup: [
        { groupId: g2.body.id, groupName: g2.body.name, due: 1, completedOnTime: 1, rate: 100 },
        { groupId: g1.body.id, groupName: g1.body.name, due: 4, completedOnTime: 2, rate: 50 },
      ].sort((a, b) => a.groupName.localeCompare(b.groupName)),
    });
    // The contract other modules read gives the same figure.
    const viaContract = await ctx.services.training.completion(ctx.services.db, {
      from: '2028-01-01',
      to: '2028-03-31',
    });
    expect(viaContract).toEqual(figure.body);
    // The compliance assessment's live evidence for 7.2/7.3 reads the same figure.
    const evidence = await evidenceOf(
      ctx.services.db,
      'training.records',
      { from: '2028-01-01', to: '2028-03-31' },
      ctx.clock.now(),
    );
    expect(evidence).toMatchObject({
      available: true,
      figure: '50% of 4 mandatory assignments due completed on time (2 of 4)',
      key: 'trainingCompletion',
      params: { count: 4, share: 50, done: 2 },
      value: 50,
      count: 4,
    });
    // A period with nothing due has no rate.
    const empty = await auditor.get('/api/v1/training/completion', {
      query: { from: '2029-01-01', to: '2029-03-31' },
    });
    expect(empty.body).toEqual({ due: 0, completedOnTime: 0, rate: null, byGroup: [] });
    expect(
      (
        await auditor.get('/api/v1/training/completion', {
          query: { from: '2028-04-01', to: '2028-01-01' },
        })
      ).status,
    ).toBe(400);

    // The matrix shows the same people and states.
    const matrix = await auditor.get('/api/v1/training/matrix', { query: { groupId: g1.body.id } });
    expect(matrix.status).toBe(200);
    const states = (id: string) =>
      matrix.body.people
        .find((p: { id: string }) => p.id === id)
        .cells.filter((c: { courseId: string }) => courses.some((k) => k.id === c.courseId))
        .map((c: { state: string; date: string | null }) => `${c.state} ${c.date}`);
    // Courses by title: KPI four, KPI one, KPI three, KPI two.
    expect(states(p1.id)).toEqual([
      'not-required null',
      'done 2028-02-05',
      'overdue 2028-03-15',
      'done 2028-02-25',
    ]);
    expect(states(p2.id)).toEqual([
      'overdue 2027-12-20',
      'done 2028-03-31',
      'done 2028-02-01',
      'done 2028-04-01',
    ]);
    const row = matrix.body.people.find((p: { id: string }) => p.id === p1.id);
    expect(row.totals).toEqual({ done: 2, due: 0, overdue: 1 });
    // Filtered by the CAB group, only Pierre is left.
    const cab = await auditor.get('/api/v1/training/matrix', { query: { groupId: g2.body.id } });
    expect(cab.body.people.map((p: { name: string }) => p.name)).toEqual(['Pierre Two']);
  });

  it('reminds people 7 days and 1 day before the due date and once overdue, never twice', async () => {
    const ctx = get();
    ctx.clock.set('2026-06-01T08:00:00.000Z');
    const manager = await ctx.as('manager');
    const agent = await ctx.as('agent');
    const course = await publishedCourse(manager, { title: 'Reminder course' });
    const a = await manager.post('/api/v1/training/assignments', {
      userId: agent.user.id,
      courseId: course.id,
      dueOn: '2026-06-10',
    });
    expect(a.status).toBe(201);
    const reminders = () =>
      ctx.services.db
        .selectFrom('training_reminders')
        .select(['kind'])
        .where('assignment_id', '=', a.body.id)
        .orderBy('sent_at')
        .execute();
    const notes = () =>
      ctx.services.db
        .selectFrom('notifications')
        .select(['kind', 'title'])
        .where('user_id', '=', agent.user.id)
        .orderBy('created_at')
        .execute();

    const send = async () => {
      const before = (await reminders()).length;
      await ctx.services.training.sendReminders();
      return (await reminders()).length - before;
    };
    // Nine days before: nothing yet.
    expect(await send()).toBe(0);
    ctx.clock.set('2026-06-03T08:00:00.000Z');
    expect(await send()).toBe(1);
    expect(await send()).toBe(0);
    ctx.clock.set('2026-06-09T08:00:00.000Z');
    expect(await send()).toBe(1);
    ctx.clock.set('2026-06-09T20:00:00.000Z');
    expect(await send()).toBe(0);
    ctx.clock.set('2026-06-11T08:00:00.000Z');
    expect(await send()).toBe(1);
    ctx.clock.set('2026-06-12T08:00:00.000Z');
    expect(await send()).toBe(0);
    expect((await reminders()).map((r) => r.kind)).toEqual(['due-7', 'due-1', 'overdue']);
    await runJobs(ctx);
    // Delivered in one batch: same timestamp, so compare them as a set.
    const sortedNotes = (await notes()).sort((a, b) => a.kind.localeCompare(b.kind));
    expect(sortedNotes).toEqual([
      { kind: 'training-due', title: 'Training due on 2026-06-10: Reminder course' },
      { kind: 'training-due', title: 'Training due on 2026-06-10: Reminder course' },
      { kind: 'training-overdue', title: 'Training overdue: Reminder course' },
    ]);
    // The reminders run through the job port as a recurring system job.
    await ctx.services.jobs.scheduleRecurring();
    const scheduled = await ctx.services.db
      .selectFrom('jobs')
      .select('status')
      .where('name', '=', 'training.reminders')
      .execute();
    expect(scheduled.map((j) => j.status)).toContain('pending');
  });
});
