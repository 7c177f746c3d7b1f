import { expect, it } from 'vitest';
import { systemActor } from '../src/shared/actor.js';
import {
  countRows,
  fakeMailer,
  insertService,
  insertTicket,
  publish,
  runJobs,
} from './helpers/notification-fixtures.js';
import { describeEachDatabase, type TestContext } from './helpers/test-app.js';

const mailer = fakeMailer();

/** Resolves a fresh ticket and returns the token from the invitation email the requester got. */
async function resolvedTicket(
  ctx: TestContext,
  input: { serviceId?: string | null; groupId?: string | null; assigneeId?: string | null } = {},
) {
  const requester = await ctx.createUser('requester');
  const agent = input.assigneeId ? { id: input.assigneeId } : await ctx.createUser('agent');
  const ticket = await insertTicket(ctx, {
    requesterId: requester.id,
    assigneeId: agent.id,
    serviceId: input.serviceId ?? null,
    groupId: input.groupId ?? null,
    status: 'resolved',
  });
  await publish(
    ctx,
    { id: agent.id, name: 'Agent Smith', role: 'agent' },
    { kind: 'resolved', ticket },
  );
  await runJobs(ctx);
  const invitation = mailer.sent.find(
    (m) => m.to === requester.email && m.subject === `How did we do on ${ticket.number}?`,
  );
  const token = /\/survey\/([A-Za-z0-9_-]+)/.exec(invitation?.text ?? '')?.[1];
  if (!token) throw new Error('no survey invitation was emailed');
  return { requester, ticket, token };
}

async function surveyOf(ctx: TestContext, ticketId: string) {
  return ctx.services.db
    .selectFrom('surveys')
    .selectAll()
    .where('ticket_id', '=', ticketId)
    .executeTakeFirstOrThrow();
}

describeEachDatabase(
  'satisfaction surveys',
  (get) => {
    it('creates one survey on resolution and invites the requester with an unguessable link', async () => {
      const ctx = get();
      ctx.clock.set('2026-04-01T10:00:00Z');
      const owner = await ctx.createUser('manager');
      const serviceId = await insertService(ctx, {
        name: `Point of sale ${Math.random()}`,
        ownerId: owner.id,
      });
      const { requester, ticket, token } = await resolvedTicket(ctx, { serviceId });
      expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
      const survey = await surveyOf(ctx, ticket.id);
      expect(survey).toMatchObject({
        requester_id: requester.id,
        service_id: serviceId,
        agent_id: ticket.assigneeId,
        sent_at: '2026-04-01T10:00:00.000Z',
        expires_at: '2026-04-15T10:00:00.000Z',
        rating: null,
      });
      // Only the hash of the token is kept with the survey.
      expect(survey.token_hash).toMatch(/^[0-9a-f]{64}$/);
      expect(survey.token_hash).not.toContain(token);
      const notification = await ctx.services.db
        .selectFrom('notifications')
        .selectAll()
        .where('user_id', '=', requester.id)
        .where('kind', '=', 'survey-invitation')
        .executeTakeFirstOrThrow();
      expect(notification.link).toBe(`/survey/${token}`);

      // Resolved again (after a reopening): still one survey, no second invitation.
      const before = await countRows(ctx, 'surveys');
      await publish(ctx, systemActor('test'), { kind: 'resolved', ticket });
      await runJobs(ctx);
      expect(await countRows(ctx, 'surveys')).toBe(before);

      const page = await ctx.anonymous.get(`/api/v1/surveys/by-token/${token}`);
      expect(page.status).toBe(200);
      expect(page.body).toEqual({
        ticketNumber: ticket.number,
        ticketTitle: ticket.title,
        serviceName: expect.stringContaining('Point of sale'),
        state: 'open',
        expiresAt: '2026-04-15T10:00:00.000Z',
      });
    });

    it('takes one answer; a second is refused with 409 and changes nothing', async () => {
      const ctx = get();
      ctx.clock.set('2026-04-02T10:00:00Z');
      const { ticket, token } = await resolvedTicket(ctx);
      const complaints = await countRows(ctx, 'complaints');
      const first = await ctx.anonymous.post(`/api/v1/surveys/by-token/${token}`, {
        rating: 4,
        comment: 'Quick and friendly.',
      });
      expect(first.status).toBe(200);
      expect(first.body).toEqual({ state: 'answered' });
      ctx.clock.advance(60_000);
      const second = await ctx.anonymous.post(`/api/v1/surveys/by-token/${token}`, {
        rating: 1,
        comment: 'Changed my mind.',
      });
      expect(second.status).toBe(409);
      expect(second.body.code).toBe('ALREADY_ANSWERED');
      expect(second.body.detail).toMatch(/already answered/);
      expect(await surveyOf(ctx, ticket.id)).toMatchObject({
        rating: 4,
        comment: 'Quick and friendly.',
        answered_at: '2026-04-02T10:00:00.000Z',
      });
      // A high score opens no complaint (and the refused low one neither).
      expect(await countRows(ctx, 'complaints')).toBe(complaints);
      expect((await ctx.anonymous.get(`/api/v1/surveys/by-token/${token}`)).body.state).toBe(
        'answered',
      );
    });

    it('refuses a late answer with 410, an unknown link with 404, a bad rating with 400', async () => {
      const ctx = get();
      ctx.clock.set('2026-04-03T10:00:00Z');
      const { ticket, token } = await resolvedTicket(ctx);
      for (const rating of [0, 6, 2.5, 'five']) {
        const bad = await ctx.anonymous.post(`/api/v1/surveys/by-token/${token}`, { rating });
        expect(bad.status).toBe(400);
        expect(bad.body.errors[0].field).toBe('/rating');
      }
      const unknown = await ctx.anonymous.get(`/api/v1/surveys/by-token/${'A'.repeat(43)}`);
      expect(unknown.status).toBe(404);
      expect(
        (await ctx.anonymous.post(`/api/v1/surveys/by-token/${'A'.repeat(43)}`, { rating: 5 }))
          .status,
      ).toBe(404);

      ctx.clock.set('2026-04-17T10:00:00Z'); // 14 days later
      expect((await ctx.anonymous.get(`/api/v1/surveys/by-token/${token}`)).body.state).toBe(
        'expired',
      );
      const late = await ctx.anonymous.post(`/api/v1/surveys/by-token/${token}`, { rating: 1 });
      expect(late.status).toBe(410);
      expect(late.body.code).toBe('EXPIRED');
      expect(await surveyOf(ctx, ticket.id)).toMatchObject({ rating: null, answered_at: null });
    });

    it('opens a complaint owned by the service owner on a score of 1 or 2, in the same transaction', async () => {
      const ctx = get();
      ctx.clock.set('2026-04-04T10:00:00Z');
      const owner = await ctx.as('agent');
      const serviceId = await insertService(ctx, {
        name: `Payroll ${Math.random()}`,
        ownerId: owner.user.id,
      });
      const { requester, ticket, token } = await resolvedTicket(ctx, { serviceId });
      const answer = await ctx.anonymous.post(`/api/v1/surveys/by-token/${token}`, {
        rating: 2,
        comment: '  Nobody called me back for three days.  ',
      });
      expect(answer.status).toBe(200);
      const survey = await surveyOf(ctx, ticket.id);
      const complaint = await ctx.services.db
        .selectFrom('complaints')
        .selectAll()
        .where('survey_id', '=', survey.id)
        .executeTakeFirstOrThrow();
      expect(complaint).toMatchObject({
        number: expect.stringMatching(/^CMP\d{7}$/),
        ticket_id: ticket.id,
        service_id: serviceId,
        owner_id: owner.user.id,
        complainant_id: requester.id,
        summary: 'Nobody called me back for three days.',
        status: 'open',
      });
      // The owner is told, and may open it.
      await runJobs(ctx);
      const [note] = (await owner.get('/api/v1/notifications')).body.items;
      expect(note).toMatchObject({ kind: 'complaint-opened', link: `/complaints/${complaint.id}` });
      expect((await owner.get(`/api/v1/complaints/${complaint.id}`)).status).toBe(200);
      const trail = await ctx.services.db
        .selectFrom('audit_events')
        .select(['actor_id', 'action'])
        .where('entity_type', '=', 'complaint')
        .where('entity_id', '=', complaint.id)
        .execute();
      expect(trail).toEqual([{ actor_id: requester.id, action: 'create' }]);
    });

    it('counts satisfaction per service, group and agent exactly', async () => {
      const ctx = get();
      ctx.clock.set('2026-05-10T08:00:00Z');
      const agentA = await ctx.createUser('agent', { name: 'Ana Agent' });
      const agentB = await ctx.createUser('agent', { name: 'Bo Agent' });
      const group = await ctx.services.groups.create(systemActor('test'), {
        name: `Stats desk ${Math.random()}`,
        memberIds: [agentA.id, agentB.id],
      });
      const tills = await insertService(ctx, { name: `Tills ${Math.random()}` });
      const email = await insertService(ctx, { name: `Email ${Math.random()}` });
      const answers: [string, string, number | null][] = [
        [tills, agentA.id, 5],
        [tills, agentA.id, 4],
        [tills, agentB.id, null],
        [email, agentB.id, 2],
        [email, agentB.id, null],
      ];
      for (const [serviceId, assigneeId, rating] of answers) {
        const { token } = await resolvedTicket(ctx, { serviceId, assigneeId, groupId: group.id });
        if (rating !== null)
          await ctx.anonymous.post(`/api/v1/surveys/by-token/${token}`, { rating });
      }
      const manager = await ctx.as('manager');
      const window = { from: '2026-05-10T00:00:00Z', to: '2026-05-11T00:00:00Z' };
      const byService = await manager.get('/api/v1/surveys/stats', {
        query: { ...window, by: 'service' },
      });
      expect(byService.status).toBe(200);
      expect(byService.body.overall).toEqual({
        sent: 5,
        answered: 3,
        responseRate: 0.6,
        averageRating: 3.67,
        satisfactionIndex: 73.3, // 11/3 / 5 × 100
        ratings: { 1: 0, 2: 1, 3: 0, 4: 1, 5: 1 },
      });
      expect(byService.body.rows).toEqual([
        expect.objectContaining({
          key: tills,
          label: expect.stringContaining('Tills'),
          sent: 3,
          answered: 2,
          responseRate: 0.667,
          averageRating: 4.5,
          satisfactionIndex: 90,
          ratings: { 1: 0, 2: 0, 3: 0, 4: 1, 5: 1 },
        }),
        expect.objectContaining({
          key: email,
          sent: 2,
          answered: 1,
          responseRate: 0.5,
          averageRating: 2,
          satisfactionIndex: 40,
        }),
      ]);
      const byAgent = await manager.get('/api/v1/surveys/stats', {
        query: { ...window, by: 'agent' },
      });
      expect(
        byAgent.body.rows.map((r: { label: string; sent: number; averageRating: number }) => [
          r.label,
          r.sent,
          r.averageRating,
        ]),
      ).toEqual([
        ['Bo Agent', 3, 2],
        ['Ana Agent', 2, 4.5],
      ]);
      const byGroup = await manager.get('/api/v1/surveys/stats', {
        query: { ...window, by: 'group' },
      });
      expect(byGroup.body.rows).toEqual([
        expect.objectContaining({ key: group.id, label: group.name, sent: 5, answered: 3 }),
      ]);
      const requester = await ctx.as('requester');
      expect((await requester.get('/api/v1/surveys/stats')).status).toBe(403);
    });
  },
  { mailer: () => mailer },
);
