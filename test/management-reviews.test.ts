import { expect, it } from 'vitest';
import { uuidv7 } from '../src/shared/ids.js';
import { insertTicket } from './helpers/notification-fixtures.js';
import { describeEachDatabase, type TestContext } from './helpers/test-app.js';

type Client = Awaited<ReturnType<TestContext['as']>>;
type Input = { key: string; figures: Record<string, number | null>; rows: unknown[] };
const ifMatch = (version: number) => ({ headers: { 'if-match': `"${version}"` } });
const HOUR = 3_600_000;

/** An incident or request logged at `created` and resolved `hours` later. */
async function resolvedTicket(
  ctx: TestContext,
  requesterId: string,
  type: 'incident' | 'request',
  created: string,
  hours: number,
) {
  const ticket = await insertTicket(ctx, { requesterId, type, status: 'resolved' });
  await ctx.services.db
    .updateTable('tickets')
    .set({
      created_at: new Date(created).toISOString(),
      resolved_at: new Date(Date.parse(created) + hours * HOUR).toISOString(),
    })
    .where('id', '=', ticket.id)
    .execute();
  return ticket;
}

async function survey(
  ctx: TestContext,
  requesterId: string,
  sentAt: string,
  rating: number | null,
) {
  const ticket = await insertTicket(ctx, { requesterId, status: 'resolved' });
  await ctx.services.db
    .insertInto('surveys')
    .values({
      id: uuidv7(),
      ticket_id: ticket.id,
      token_hash: `hash-${uuidv7()}`,
      requester_id: requesterId,
      service_id: null,
      group_id: null,
      agent_id: null,
      sent_at: new Date(sentAt).toISOString(),
      expires_at: new Date(Date.parse(sentAt) + 14 * 24 * HOUR).toISOString(),
      rating,
      comment: null,
      answered_at: rating === null ? null : new Date(Date.parse(sentAt) + HOUR).toISOString(),
    })
    .execute();
}

let complaintNumber = 0;
async function complaint(ctx: TestContext, created: string, resolved: string | null) {
  complaintNumber++;
  await ctx.services.db
    .insertInto('complaints')
    .values({
      id: uuidv7(),
      number: `CMPT${String(complaintNumber).padStart(6, '0')}`,
      ticket_id: null,
      survey_id: null,
      service_id: null,
      owner_id: null,
      complainant_id: null,
      summary: 'Late delivery of a repaired till',
      status: resolved ? 'resolved' : 'open',
      resolution: resolved ? 'Apologised and replaced' : null,
      resolved_at: resolved ? new Date(resolved).toISOString() : null,
      created_at: new Date(created).toISOString(),
      updated_at: new Date(resolved ?? created).toISOString(),
      version: 1,
    })
    .execute();
}

/** Plans, prepares and holds a review, with two actions owned by `owner`. */
async function heldReview(manager: Client, ownerId: string, plannedOn: string) {
  const created = await manager.post('/api/v1/management-reviews', {
    title: `Review ${plannedOn}`,
    plannedOn,
    attendeeIds: [manager.user.id, ownerId],
  });
  expect(created.status).toBe(201);
  const url = `/api/v1/management-reviews/${created.body.id}`;
  const prepared = await manager.post(`${url}/inputs`, {}, ifMatch(1));
  expect(prepared.status).toBe(200);
  const held = await manager.post(`${url}/transitions`, { status: 'held' }, ifMatch(2));
  expect(held.status).toBe(200);
  const decided = await manager.post(`${url}/decisions`, {
    text: 'Cut password reset tickets with self-service.',
  });
  expect(decided.status).toBe(200);
  const decisionId = decided.body.decisions[0].id;
  const first = await manager.post(`${url}/actions`, {
    title: 'Pilot self-service reset in two stores',
    ownerId,
    dueDate: '2035-02-01',
    decisionId,
  });
  const second = await manager.post(`${url}/actions`, {
    title: 'Publish the reset how-to',
    ownerId,
    dueDate: '2035-03-01',
  });
  expect(first.status).toBe(201);
  expect(second.status).toBe(201);
  return { review: held.body, url, first: first.body, second: second.body };
}

describeEachDatabase('management reviews', (get) => {
  it('fills the inputs from live data over the period since the previous review', async () => {
    const ctx = get();
    const requester = await ctx.createUser('requester');
    const owner = await ctx.createUser('agent', { name: 'Sophie Martin' });

    // The previous review, held on 2034-12-20, with two actions.
    ctx.clock.set('2034-12-20T10:00:00Z');
    let manager = await ctx.as('manager');
    const previous = await heldReview(manager, owner.id, '2034-12-20');
    expect(previous.review.inputs).toMatchObject({ to: '2034-12-20' });

    // Before the period (previous period 2034-09-11 … 2034-12-20): one incident of 6 h, two
    // surveys rated 3.
    await resolvedTicket(ctx, requester.id, 'incident', '2034-11-02T08:00:00Z', 6);
    await survey(ctx, requester.id, '2034-11-03T08:00:00Z', 3);
    await survey(ctx, requester.id, '2034-11-04T08:00:00Z', 3);
    await complaint(ctx, '2034-11-05T08:00:00Z', null);
    // In the period (2034-12-21 … 2035-03-31): incidents of 2, 4 and 9 h and a request of 1 h;
    // four surveys, three answered (5, 4, 3); two complaints, one resolved.
    await resolvedTicket(ctx, requester.id, 'incident', '2035-01-10T08:00:00Z', 2);
    await resolvedTicket(ctx, requester.id, 'incident', '2035-01-11T08:00:00Z', 4);
    await resolvedTicket(ctx, requester.id, 'incident', '2035-02-11T08:00:00Z', 9);
    await resolvedTicket(ctx, requester.id, 'request', '2035-02-12T08:00:00Z', 1);
    for (const rating of [5, 4, 3, null])
      await survey(ctx, requester.id, '2035-02-01T08:00:00Z', rating);
    await complaint(ctx, '2035-01-20T08:00:00Z', '2035-01-25T08:00:00Z');
    await complaint(ctx, '2035-03-20T08:00:00Z', null);

    // The owner finishes the second action in the period; the first stays open past its date.
    ctx.clock.set('2035-02-20T10:00:00Z');
    const ownerClient = await ctx.login(owner.email);
    const done = await ownerClient.patch(
      `/api/v1/management-review-actions/${previous.second.id}`,
      { status: 'done', notes: 'Published on the intranet.' },
      ifMatch(1),
    );
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ status: 'done', doneAt: '2035-02-20T10:00:00.000Z' });
    manager = await ctx.as('manager');
    const improvement = await manager.post('/api/v1/improvements', {
      title: 'Self-service password reset',
      source: 'management-review',
      sourceId: previous.first.id,
      sourceLabel: `${previous.review.number} action`,
    });
    expect(improvement.status).toBe(201);

    // The next review, prepared on 2035-03-31.
    ctx.clock.set('2035-03-31T10:00:00Z');
    manager = await ctx.as('manager');
    const next = await manager.post('/api/v1/management-reviews', {
      title: 'Q1 2035 management review',
      plannedOn: '2035-04-15',
      attendeeIds: [manager.user.id],
    });
    const url = `/api/v1/management-reviews/${next.body.id}`;
    expect(next.body).toMatchObject({
      number: expect.stringMatching(/^MRV\d{7}$/),
      status: 'planned',
      chairId: manager.user.id,
      inputs: null,
    });
    const refreshed = await manager.post(`${url}/inputs`, {}, ifMatch(1));
    expect(refreshed.status).toBe(200);
    const inputs = refreshed.body.inputs;
    expect(inputs).toMatchObject({
      from: '2034-12-21',
      to: '2035-03-31',
      previousFrom: '2034-09-11',
      previousTo: '2034-12-20',
      refreshedAt: '2035-03-31T10:00:00.000Z',
    });
    const byKey = Object.fromEntries(inputs.items.map((i: Input) => [i.key, i]));
    expect(Object.keys(byKey)).toEqual([
      'previousActions',
      'serviceDelivery',
      'sla',
      'satisfaction',
      'audits',
      'improvements',
      'training',
    ]);

    expect(byKey.previousActions.figures).toEqual({ open: 1, overdue: 1, done: 1 });
    expect(byKey.previousActions.rows).toEqual([
      expect.objectContaining({
        label: `${previous.review.number} · Pilot self-service reset in two stores`,
        flag: 'overdue',
        link: `/management-reviews/${previous.review.id}`,
      }),
      expect.objectContaining({ label: expect.stringContaining('reset how-to'), flag: 'done' }),
    ]);

    // Hours 1, 2, 4, 9: median 3, mean 4; previous period 6 h: −50%.
    expect(byKey.serviceDelivery.figures).toEqual({
      resolved: 4,
      medianHours: 3,
      meanHours: 4,
      previousResolved: 1,
      previousMedianHours: 6,
      previousMeanHours: 6,
      medianChange: -50,
    });
    expect(byKey.serviceDelivery.rows[0]).toMatchObject({
      label: 'incident',
      figures: { resolved: 3, medianHours: 4, meanHours: 5 },
    });
    expect(byKey.serviceDelivery.summary).toBe(
      '4 incidents and requests resolved; median time to resolve 3 h, mean 4 h (-50% on the previous period).',
    );

    // Ratings 5, 4, 3 of four sent: mean 4 → 80/100, response 75 %; before 3 → 60/100.
    expect(byKey.satisfaction.figures).toEqual({
      index: 80,
      previousIndex: 60,
      indexChange: 33.3,
      sent: 4,
      answered: 3,
      responseRate: 75,
      averageRating: 4,
      complaintsOpened: 2,
      complaintsResolved: 1,
      complaintsOpen: 2,
    });

    // SLA, audits, training and improvements: the figures their modules give for the period.
    const period = { from: '2034-12-21', to: '2035-03-31' };
    const sla = await manager.get('/api/v1/compliance/evidence/sla.attainment', { query: period });
    expect(byKey.sla.figures.attainment).toBe(sla.body.value);
    const audits = await ctx.services.auditProgramme.summary(ctx.services.db, period);
    expect(byKey.audits.figures).toMatchObject({
      audits: audits.audits,
      auditedRequirements: audits.auditedRequirements,
      conformingRequirements: audits.conformingRequirements,
      successRate: audits.successRate,
      openNonconformities: audits.openNonconformities,
      overdueActions: audits.overdueActions,
    });
    const training = await ctx.services.training.completion(ctx.services.db, period);
    expect(byKey.training.figures).toEqual({
      due: training.due,
      completedOnTime: training.completedOnTime,
      rate: training.rate,
    });
    const improvements = await ctx.services.improvements.summary(ctx.services.db, period);
    expect(byKey.improvements.figures).toEqual(improvements);
    expect(improvements.raised).toBe(1);

    // The earlier action shows the improvement raised from it.
    const earlier = await manager.get(previous.url);
    const pilot = earlier.body.actions.find((a: { id: string }) => a.id === previous.first.id);
    expect(pilot).toMatchObject({
      overdue: true,
      ownerName: 'Sophie Martin',
      improvements: [{ id: improvement.body.id, number: improvement.body.number }],
    });
  });

  it('records comments, decisions and actions, holds and closes the review', async () => {
    const ctx = get();
    ctx.clock.set('2036-06-01T09:00:00Z');
    const manager = await ctx.as('manager');
    const owner = await ctx.as('agent');
    const created = await manager.post('/api/v1/management-reviews', {
      title: 'Mid-year review',
      plannedOn: '2036-06-10',
    });
    const url = `/api/v1/management-reviews/${created.body.id}`;
    // Holding needs inputs and attendees.
    const early = await manager.post(`${url}/transitions`, { status: 'held' }, ifMatch(1));
    expect(early.status).toBe(400);
    expect(early.body.errors[0].field).toBe('/inputs');
    await manager.post(`${url}/inputs`, {}, ifMatch(1));
    const noOne = await manager.post(`${url}/transitions`, { status: 'held' }, ifMatch(2));
    expect(noOne.body.errors[0].field).toBe('/attendeeIds');
    const edited = await manager.patch(
      url,
      {
        attendeeIds: [manager.user.id, owner.user.id],
        risks: 'Peak season staffing at the service desk.',
        inputComments: { satisfaction: 'Stores rate us lower than head office.' },
      },
      ifMatch(2),
    );
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({
      risks: 'Peak season staffing at the service desk.',
      inputComments: { satisfaction: 'Stores rate us lower than head office.' },
      attendees: expect.arrayContaining([{ id: owner.user.id, name: owner.user.name }]),
    });
    const badComment = await manager.patch(url, { inputComments: { weather: 'x' } }, ifMatch(3));
    expect(badComment.status).toBe(400);
    const held = await manager.post(`${url}/transitions`, { status: 'held' }, ifMatch(3));
    expect(held.body).toMatchObject({ status: 'held', heldOn: '2036-06-01' });
    // A held review keeps the inputs it reviewed.
    const refresh = await manager.post(`${url}/inputs`, {}, ifMatch(4));
    expect(refresh.status).toBe(409);

    const action = await manager.post(`${url}/actions`, {
      title: 'Hire two seasonal agents',
      ownerId: owner.user.id,
      dueDate: '2036-06-05',
    });
    expect(action.body).toMatchObject({ status: 'open', overdue: false });
    const badOwner = await manager.post(`${url}/actions`, {
      title: 'x',
      ownerId: 'nobody',
      dueDate: '2036-07-01',
    });
    expect(badOwner.status).toBe(400);
    const noMinutes = await manager.post(`${url}/transitions`, { status: 'closed' }, ifMatch(4));
    expect(noMinutes.status).toBe(400);
    await manager.patch(url, { minutes: 'Inputs reviewed; staffing decided.' }, ifMatch(4));
    const closed = await manager.post(`${url}/transitions`, { status: 'closed' }, ifMatch(5));
    expect(closed.body.status).toBe('closed');
    expect((await manager.post(`${url}/decisions`, { text: 'Late' })).status).toBe(409);

    // Actions are tracked after the review is closed: overdue, then done by their owner.
    ctx.clock.set('2036-06-06T09:00:00Z');
    const ownerAgain = await ctx.login(owner.user.email);
    const listed = await ownerAgain.get(url);
    expect(listed.body.actions[0]).toMatchObject({ overdue: true });
    const list = await ownerAgain.get('/api/v1/management-reviews');
    expect(list.body.items.find((r: { id: string }) => r.id === created.body.id)).toMatchObject({
      openActions: 1,
      overdueActions: 1,
    });
    const finished = await ownerAgain.patch(
      `/api/v1/management-review-actions/${action.body.id}`,
      { status: 'done' },
      ifMatch(1),
    );
    expect(finished.body).toMatchObject({ status: 'done', overdue: false });

    // The compliance evidence of 9.3 counts the reviews held in the period.
    const evidence = await ownerAgain.get('/api/v1/compliance/evidence/managementReview', {
      query: { from: '2036-06-01', to: '2036-06-30' },
    });
    expect(evidence.body).toMatchObject({
      available: true,
      count: 1,
      value: 100,
      figure: '1 management review held, 1 of 1 action done',
    });
  });

  it('lets each role do only what it may', async () => {
    const ctx = get();
    ctx.clock.set('2037-01-10T09:00:00Z');
    const manager = await ctx.as('manager');
    const agent = await ctx.as('agent');
    const other = await ctx.as('agent');
    const auditor = await ctx.as('auditor');
    const requester = await ctx.as('requester');
    const created = await manager.post('/api/v1/management-reviews', {
      title: 'Annual review',
      plannedOn: '2037-01-20',
      attendeeIds: [manager.user.id],
    });
    const url = `/api/v1/management-reviews/${created.body.id}`;
    const action = await manager.post(`${url}/actions`, {
      title: 'Renew the SLA with the carrier',
      ownerId: agent.user.id,
      dueDate: '2037-02-01',
    });
    const actionUrl = `/api/v1/management-review-actions/${action.body.id}`;
    const count = async () =>
      Number(
        (
          await ctx.services.db
            .selectFrom('audit_events')
            .select((eb) => eb.fn.countAll<number | string>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = await count();
    for (const res of [
      await agent.post('/api/v1/management-reviews', { title: 'x', plannedOn: '2037-02-01' }),
      await agent.post(`${url}/inputs`, {}, ifMatch(1)),
      await agent.patch(url, { minutes: 'x' }, ifMatch(1)),
      await agent.post(`${url}/decisions`, { text: 'x' }),
      await agent.post(`${url}/actions`, {
        title: 'x',
        ownerId: agent.user.id,
        dueDate: '2037-03-01',
      }),
      await auditor.post(`${url}/transitions`, { status: 'held' }, ifMatch(1)),
      // The owner updates status and notes, not the due date; others do not touch it.
      await agent.patch(actionUrl, { dueDate: '2037-06-01' }, ifMatch(1)),
      await other.patch(actionUrl, { status: 'done' }, ifMatch(1)),
      await requester.get('/api/v1/management-reviews'),
      await requester.get(url),
    ]) {
      expect(res.status).toBe(403);
      expect(res.headers['content-type']).toContain('application/problem+json');
    }
    expect(await count()).toBe(before);
    expect((await auditor.get(url)).status).toBe(200);
    const mine = await agent.patch(actionUrl, { status: 'done', notes: 'Signed.' }, ifMatch(1));
    expect(mine.status).toBe(200);
    expect(mine.body).toMatchObject({ status: 'done', notes: 'Signed.', version: 2 });
  });
});
