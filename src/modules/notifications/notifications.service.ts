// The notification centre: ticket events become one notify.deliver job per recipient set, so the
// request that caused them never waits for SMTP. The job writes the in-app notifications (ids
// derived from the job, so a retry adds nothing twice) and queues one email job per new
// notification: a failing mail server retries that email alone.
import type { Executor } from '../../db/executor.js';
import { decodeCursor, type Page, type PageRequest, pageSize, toPage } from '../../db/keyset.js';
import type { Job, JobQueue } from '../../jobs/job-queue.js';
import { type Actor, systemActor } from '../../shared/actor.js';
import type { Clock } from '../../shared/clock.js';
import { DomainError, notFound } from '../../shared/errors.js';
import type { Group } from '../groups/groups.js';
import type { TicketEvent } from '../tickets/ticket-events.js';
import type { User } from '../users/users.js';
import type { Mailer } from './mailer.js';
import { catalogueFor, render } from './messages.js';
import {
  type Delivery,
  deliveryFor,
  type Notification,
  notificationId,
  recipients,
} from './notifications.js';
import { notificationsRepository as repo, toNotification } from './notifications.repository.js';

export const DELIVER_JOB = 'notify.deliver';
export const EMAIL_JOB = 'notify.email';

/** The narrow views of other modules the notification centre reads at delivery time. */
export interface UserDirectory {
  get(actor: Actor, id: string): Promise<User>;
}
export interface GroupDirectory {
  get(actor: Actor, id: string): Promise<Group>;
}

const reader = systemActor('notifications');

async function orNull<T>(read: Promise<T>): Promise<T | null> {
  try {
    return await read;
  } catch (error) {
    // A user or group deleted since the event: nobody to tell.
    if (error instanceof DomainError && error.code === 'NOT_FOUND') return null;
    throw error;
  }
}

export function createNotificationService(deps: {
  db: Executor;
  jobs: JobQueue;
  clock: Clock;
  users: UserDirectory;
  groups: GroupDirectory;
  mailer: Mailer;
  /** Base of links in emails. */
  publicUrl: string;
}) {
  const { db, jobs, clock, users, groups, mailer, publicUrl } = deps;

  /** Queues one delivery in the caller's transaction: it happens only if that commits. */
  async function notify(trx: Executor, delivery: Delivery): Promise<void> {
    const someone = delivery.audience.some(
      (entry) => entry.membersOfGroup || (entry.userIds?.length ?? 0) > 0,
    );
    if (someone) await jobs.enqueue(trx, DELIVER_JOB, delivery);
  }

  async function deliver(job: Job<Delivery>): Promise<void> {
    const delivery = job.payload;
    // Everything is read before the write transaction opens (one connection on SQLite).
    const membersOf = new Map<string, string[]>();
    for (const entry of delivery.audience) {
      if (!entry.membersOfGroup || membersOf.has(entry.membersOfGroup)) continue;
      const group = await orNull(groups.get(reader, entry.membersOfGroup));
      membersOf.set(entry.membersOfGroup, group?.memberIds ?? []);
    }
    const wanted = recipients(delivery.audience, membersOf, delivery.actorId);
    const people: { user: User; message: { title: string; body: string } }[] = [];
    for (const [userId, role] of wanted) {
      const user = await orNull(users.get(reader, userId));
      if (!user?.active) continue;
      people.push({ user, message: render(user.locale, delivery.kind, delivery.params, role) });
    }
    const now = clock.now().toISOString();
    await db.transaction().execute(async (trx) => {
      for (const { user, message } of people) {
        const id = notificationId(job.id, user.id);
        const inserted = await repo.insertOnce(trx, {
          id,
          user_id: user.id,
          kind: delivery.kind,
          subject_type: delivery.subject.type,
          subject_id: delivery.subject.id,
          title: message.title,
          body: message.body,
          link: delivery.link,
          created_at: now,
          read_at: null,
        });
        if (inserted && user.email) {
          await jobs.enqueue(
            trx,
            EMAIL_JOB,
            { notificationId: id },
            { uniqueKey: `${EMAIL_JOB}:${id}` },
          );
        }
      }
    });
  }

  async function sendEmail(job: Job<{ notificationId: string }>): Promise<void> {
    const row = await repo.byId(db, job.payload.notificationId);
    if (!row) return;
    const user = await orNull(users.get(reader, row.user_id));
    // Deactivated or without an address since the notification was written: no email.
    if (!user?.active || !user.email) return;
    await mailer.send({
      to: user.email,
      subject: row.title,
      text: `${row.body}\n\n${catalogueFor(user.locale).emailFooter(`${publicUrl}${row.link}`)}\n`,
    });
  }

  function own(actor: Actor): string | null {
    return actor.id;
  }

  return {
    notify,
    deliver,
    sendEmail,

    /** The ticket-event listener: runs in the ticket's transaction and only queues a job. */
    async onTicketEvent(trx: Executor, actor: Actor, event: TicketEvent): Promise<void> {
      const delivery = deliveryFor(event, actor.id);
      if (!delivery) return;
      await notify(trx, { ...delivery, params: { ...delivery.params, actorName: actor.name } });
    },

    async list(actor: Actor, page: PageRequest): Promise<Page<Notification>> {
      const userId = own(actor);
      const size = pageSize(page.limit);
      if (!userId) return { items: [], nextCursor: null };
      const rows = await repo.list(db, userId, decodeCursor(page.cursor), size + 1);
      return toPage(rows, size, (r) => [r.created_at, r.id], toNotification);
    },

    async unreadCount(actor: Actor): Promise<number> {
      const userId = own(actor);
      return userId ? repo.unreadCount(db, userId) : 0;
    },

    /** Someone else's notification is "not found": its existence is not theirs to know. */
    async markRead(actor: Actor, id: string): Promise<void> {
      const userId = own(actor);
      if (!userId || !(await repo.markRead(db, userId, id, clock.now().toISOString())))
        throw notFound('The notification');
    },

    async markAllRead(actor: Actor): Promise<number> {
      const userId = own(actor);
      return userId ? repo.markAllRead(db, userId, clock.now().toISOString()) : 0;
    },
  };
}

export type NotificationService = ReturnType<typeof createNotificationService>;
