import type { Executor } from '../../db/executor.js';
import type { CursorKey } from '../../db/keyset.js';
import type { NotificationsTable } from '../../db/schema.js';
import type { Notification, NotificationKind } from './notifications.js';

export const toNotification = (row: NotificationsTable): Notification => ({
  id: row.id,
  kind: row.kind as NotificationKind,
  subjectType: row.subject_type,
  subjectId: row.subject_id,
  title: row.title,
  body: row.body,
  link: row.link,
  createdAt: row.created_at,
  readAt: row.read_at,
});

export const notificationsRepository = {
  byId: (db: Executor, id: string) =>
    db.selectFrom('notifications').selectAll().where('id', '=', id).executeTakeFirst(),

  /** Inserts unless the id exists (a retried delivery); true when this call inserted it. */
  async insertOnce(db: Executor, row: NotificationsTable): Promise<boolean> {
    const inserted = await db
      .insertInto('notifications')
      .values(row)
      .onConflict((oc) => oc.column('id').doNothing())
      .returning('id')
      .executeTakeFirst();
    return inserted !== undefined;
  },

  /** Newest first, paged by (created_at, id) descending. */
  async list(db: Executor, userId: string, after: CursorKey | null, limit: number) {
    let query = db.selectFrom('notifications').selectAll().where('user_id', '=', userId);
    if (after) {
      const [createdAt, id] = after;
      query = query.where((eb) =>
        eb.or([
          eb('created_at', '<', String(createdAt)),
          eb.and([eb('created_at', '=', String(createdAt)), eb('id', '<', id)]),
        ]),
      );
    }
    return query.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
  },

  async unreadCount(db: Executor, userId: string): Promise<number> {
    const row = await db
      .selectFrom('notifications')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('user_id', '=', userId)
      .where('read_at', 'is', null)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  },

  async markRead(db: Executor, userId: string, id: string, at: string): Promise<boolean> {
    const own = await db
      .selectFrom('notifications')
      .select(['id', 'read_at'])
      .where('id', '=', id)
      .where('user_id', '=', userId)
      .executeTakeFirst();
    if (!own) return false;
    if (own.read_at === null)
      await db.updateTable('notifications').set({ read_at: at }).where('id', '=', id).execute();
    return true;
  },

  async markAllRead(db: Executor, userId: string, at: string): Promise<number> {
    const result = await db
      .updateTable('notifications')
      .set({ read_at: at })
      .where('user_id', '=', userId)
      .where('read_at', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows);
  },
};
