import { expect, it } from 'vitest';
import { fromJson } from '../src/db/values.js';
import type { Job } from '../src/jobs/job-queue.js';
import type { Delivery } from '../src/modules/notifications/notifications.js';
import { DELIVER_JOB } from '../src/modules/notifications/notifications.service.js';
import { systemActor } from '../src/shared/actor.js';
import {
  actorFor,
  countRows,
  fakeMailer,
  insertTicket,
  publish,
  runJobs,
} from './helpers/notification-fixtures.js';
import { describeEachDatabase, type TestContext } from './helpers/test-app.js';

const mailer = fakeMailer();

async function inbox(ctx: TestContext, userId: string) {
  return ctx.services.db
    .selectFrom('notifications')
    .selectAll()
    .where('user_id', '=', userId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

describeEachDatabase(
  'notifications',
  (get) => {
    it('tells the new assignee, in the app and by email, without making the request wait', async () => {
      const ctx = get();
      const manager = await ctx.as('manager');
      const agent = await ctx.as('agent');
      const requester = await ctx.createUser('requester');
      const ticket = await insertTicket(ctx, {
        requesterId: requester.id,
        assigneeId: agent.user.id,
      });
      const sentBefore = mailer.sent.length;
      await publish(ctx, actorFor(manager.user), {
        kind: 'assigned',
        ticket,
        previousAssigneeId: null,
      });
      // Queued, not delivered: the ticket's transaction only wrote a job.
      expect(await inbox(ctx, agent.user.id)).toHaveLength(0);
      await runJobs(ctx);

      const list = await agent.get('/api/v1/notifications');
      expect(list.status).toBe(200);
      expect(list.body.items).toEqual([
        expect.objectContaining({
          kind: 'assigned',
          subjectType: 'ticket',
          subjectId: ticket.id,
          link: `/desk/tickets/${ticket.id}`,
          title: `${ticket.number} assigned to you`,
          body: `${manager.user.name} assigned "${ticket.title}" to you.`,
          readAt: null,
        }),
      ]);
      const mails = mailer.sent.slice(sentBefore);
      expect(mails).toEqual([
        {
          to: agent.user.email,
          subject: `${ticket.number} assigned to you`,
          text: expect.stringContaining(
            `Open in Meridian: http://127.0.0.1:8080/desk/tickets/${ticket.id}`,
          ),
        },
      ]);
      // The person who assigned is not told of their own action.
      expect(await inbox(ctx, manager.user.id)).toHaveLength(0);

      expect((await agent.get('/api/v1/notifications/unread-count')).body).toEqual({ count: 1 });
      const id = list.body.items[0].id;
      expect((await agent.post(`/api/v1/notifications/${id}/read`)).status).toBe(204);
      expect((await agent.get('/api/v1/notifications/unread-count')).body).toEqual({ count: 0 });
      expect((await agent.get('/api/v1/notifications')).body.items[0].readAt).toBe(
        ctx.clock.now().toISOString(),
      );
    });

    it('delivers in-app notifications exactly once even when the job runs twice', async () => {
      const ctx = get();
      const agent = await ctx.as('agent');
      const requester = await ctx.createUser('requester');
      const watcher = await ctx.createUser('agent');
      const ticket = await insertTicket(ctx, {
        requesterId: requester.id,
        assigneeId: agent.user.id,
        watcherIds: [watcher.id],
      });
      await publish(ctx, actorFor(agent.user), {
        kind: 'public-reply',
        ticket,
        commentId: 'c1',
        authorId: agent.user.id,
      });
      const row = await ctx.services.db
        .selectFrom('jobs')
        .selectAll()
        .where('name', '=', DELIVER_JOB)
        .where('status', '=', 'pending')
        .executeTakeFirstOrThrow();
      const job: Job<Delivery> = {
        id: row.id,
        name: row.name,
        payload: fromJson(row.payload),
        attempts: 1,
        maxAttempts: 5,
      };
      const sentBefore = mailer.sent.length;
      // A first run that succeeded, then a retry of the same job (say its lock expired).
      await ctx.services.notifications.deliver(job);
      await ctx.services.notifications.deliver(job);
      await runJobs(ctx); // the queued run, a third time, plus the emails
      expect((await inbox(ctx, requester.id)).map((n) => n.kind)).toEqual(['public-reply']);
      expect((await inbox(ctx, watcher.id)).map((n) => n.kind)).toEqual(['public-reply']);
      // The replying agent hears nothing of their own reply.
      expect(await inbox(ctx, agent.user.id)).toHaveLength(0);
      expect(
        mailer.sent
          .slice(sentBefore)
          .map((m) => m.to)
          .sort(),
      ).toEqual([requester.email, watcher.email].sort());
    });

    it('retries a failed email alone, without duplicating the in-app notification', async () => {
      const ctx = get();
      const requester = await ctx.as('requester');
      const agent = await ctx.createUser('agent');
      const ticket = await insertTicket(ctx, {
        requesterId: requester.user.id,
        assigneeId: agent.id,
      });
      const sentBefore = mailer.sent.length;
      mailer.failNext(1);
      await publish(ctx, actorFor(requester.user), {
        kind: 'public-reply',
        ticket,
        commentId: 'c2',
        authorId: requester.user.id,
      });
      await runJobs(ctx);
      expect(mailer.sent.length).toBe(sentBefore);
      expect(await inbox(ctx, agent.id)).toHaveLength(1);
      const failed = await ctx.services.db
        .selectFrom('jobs')
        .select(['status', 'last_error'])
        .where('name', '=', 'notify.email')
        .where('status', '=', 'pending')
        .execute();
      expect(failed).toEqual([{ status: 'pending', last_error: expect.stringContaining('busy') }]);
      ctx.clock.advance(60_000);
      await runJobs(ctx);
      expect(mailer.sent.slice(sentBefore).map((m) => m.to)).toEqual([agent.email]);
      expect(mailer.sent.at(-1)?.subject).toBe(`New reply on ${ticket.number}`);
      expect(await inbox(ctx, agent.id)).toHaveLength(1);
    });

    it("writes in the recipient's language and explains escalation on a breach", async () => {
      const ctx = get();
      const manager = await ctx.createUser('manager');
      const member = await ctx.createUser('agent');
      const memberFr = await ctx.createUser('agent');
      await ctx.services.users.update(systemActor('test'), memberFr.id, memberFr.version, {
        locale: 'fr',
      });
      const inactive = await ctx.createUser('agent');
      await ctx.services.users.update(systemActor('test'), inactive.id, inactive.version, {
        active: false,
      });
      const group = await ctx.services.groups.create(systemActor('test'), {
        name: `Store support ${Math.random()}`,
        managerId: manager.id,
        memberIds: [member.id, memberFr.id, inactive.id],
      });
      const requester = await ctx.createUser('requester');
      const ticket = await insertTicket(ctx, { requesterId: requester.id, groupId: group.id });
      await publish(ctx, systemActor('sla'), {
        kind: 'sla-threshold',
        ticket,
        clock: 'resolution',
        percent: 100,
        breach: true,
        groupManagerId: manager.id,
        groupMemberIds: group.memberIds,
      });
      await runJobs(ctx);
      const [toManager] = await inbox(ctx, manager.id);
      expect(toManager?.body).toContain('hierarchical escalation');
      const [toMember] = await inbox(ctx, member.id);
      expect(toMember?.title).toBe(`${ticket.number}: resolution target breached`);
      expect(toMember?.body).toContain("Escalated to your group's queue (functional escalation)");
      const [toFrench] = await inbox(ctx, memberFr.id);
      expect(toFrench?.title).toBe(`${ticket.number} : délai de résolution dépassé`);
      expect(toFrench?.body).toContain('escalade fonctionnelle');
      expect(await inbox(ctx, inactive.id)).toHaveLength(0);
      expect(await inbox(ctx, requester.id)).toHaveLength(0);
    });

    it('tells the group, with no assignee, and approvers; warnings reach the manager too', async () => {
      const ctx = get();
      const manager = await ctx.createUser('manager');
      const member = await ctx.createUser('agent');
      const group = await ctx.services.groups.create(systemActor('test'), {
        name: `Network ${Math.random()}`,
        managerId: manager.id,
        memberIds: [member.id],
      });
      const requester = await ctx.createUser('requester');
      const approver = await ctx.createUser('manager');
      const ticket = await insertTicket(ctx, { requesterId: requester.id, groupId: group.id });
      const actor = actorFor(requester);
      await publish(ctx, actor, { kind: 'assigned', ticket, previousAssigneeId: null });
      await publish(ctx, actor, {
        kind: 'approval-requested',
        ticket,
        approvalId: 'a1',
        approverIds: [approver.id],
      });
      await publish(ctx, systemActor('sla'), {
        kind: 'sla-threshold',
        ticket,
        clock: 'first_response',
        percent: 75,
        breach: false,
        groupManagerId: manager.id,
        groupMemberIds: [member.id],
      });
      await publish(ctx, actorFor(member), { kind: 'resolved', ticket });
      await runJobs(ctx);
      expect((await inbox(ctx, member.id)).map((n) => n.kind).sort()).toEqual([
        'assigned',
        'sla-warning',
      ]);
      expect((await inbox(ctx, manager.id)).map((n) => n.kind)).toEqual(['sla-warning']);
      expect((await inbox(ctx, approver.id)).map((n) => n.kind)).toEqual(['approval-requested']);
      expect((await inbox(ctx, requester.id)).map((n) => n.kind).sort()).toEqual([
        'resolved',
        'survey-invitation',
      ]);
      const [warning] = await inbox(ctx, manager.id);
      expect(warning?.title).toBe(`${ticket.number}: 75% of the first response target used`);
    });

    it("keeps each person's notifications their own", async () => {
      const ctx = get();
      const alice = await ctx.as('requester');
      const bob = await ctx.as('requester');
      const agent = await ctx.createUser('agent');
      const ticket = await insertTicket(ctx, { requesterId: alice.user.id, assigneeId: agent.id });
      await publish(ctx, actorFor(agent), {
        kind: 'public-reply',
        ticket,
        commentId: 'c3',
        authorId: agent.id,
      });
      await runJobs(ctx);
      const [mine] = (await alice.get('/api/v1/notifications')).body.items;
      expect(mine.kind).toBe('public-reply');
      expect((await bob.get('/api/v1/notifications')).body.items).toEqual([]);
      const stolen = await bob.post(`/api/v1/notifications/${mine.id}/read`);
      expect(stolen.status).toBe(404);
      expect((await bob.post('/api/v1/notifications/read-all')).body).toEqual({ updated: 0 });
      expect((await alice.get('/api/v1/notifications/unread-count')).body.count).toBeGreaterThan(0);
      expect((await alice.post('/api/v1/notifications/read-all')).body.updated).toBeGreaterThan(0);
      expect((await alice.get('/api/v1/notifications/unread-count')).body).toEqual({ count: 0 });
      expect((await get().anonymous.get('/api/v1/notifications')).status).toBe(401);
    });

    it('pages notifications newest first with a keyset cursor', async () => {
      const ctx = get();
      const agent = await ctx.as('agent');
      const requester = await ctx.createUser('requester');
      const before = await countRows(ctx, 'notifications');
      for (let i = 0; i < 5; i++) {
        ctx.clock.advance(1000);
        const ticket = await insertTicket(ctx, {
          requesterId: requester.id,
          assigneeId: agent.user.id,
          title: `Ticket ${i}`,
        });
        await publish(ctx, actorFor(requester), {
          kind: 'assigned',
          ticket,
          previousAssigneeId: null,
        });
        await runJobs(ctx);
      }
      expect(await countRows(ctx, 'notifications')).toBe(before + 5);
      const seen: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await agent.get('/api/v1/notifications', {
          query: { limit: '2', ...(cursor ? { cursor } : {}) },
        });
        seen.push(...page.body.items.map((n: { body: string }) => n.body));
        cursor = page.body.nextCursor ?? undefined;
      } while (cursor);
      expect(seen.map((body) => /Ticket (\d)/.exec(body)?.[1])).toEqual(['4', '3', '2', '1', '0']);
    });
  },
  { mailer: () => mailer },
);
