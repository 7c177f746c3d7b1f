// The write pattern every module follows: load, check the caller's version, change, save with the
// version as a guard, and append the audit event — all in one transaction.
import type { Executor } from '../../db/executor.js';
import type { Actor } from '../../shared/actor.js';
import type { Clock } from '../../shared/clock.js';
import { notFound, versionConflict } from '../../shared/errors.js';
import { diff } from './audit.js';
import type { AuditService } from './audit.service.js';

interface Versioned {
  id: string;
  version: number;
  updatedAt: string;
}

export interface RecordStore<T extends Versioned> {
  /** Names the record in messages: "The group". */
  what: string;
  entityType: string;
  load(db: Executor, id: string): Promise<T | undefined>;
  insert(db: Executor, record: T): Promise<void>;
  /** Saves `record` if the stored version is still `expectedVersion`; false when it is not. */
  update(db: Executor, record: T, expectedVersion: number): Promise<boolean>;
  delete?(db: Executor, id: string, expectedVersion: number): Promise<boolean>;
  /** Fields whose values never enter the audit trail. */
  hidden?: readonly string[];
}

export function auditedWrites<T extends Versioned>(
  deps: { db: Executor; audit: AuditService; clock: Clock; mapError?: (error: unknown) => unknown },
  store: RecordStore<T>,
) {
  const { db, audit, clock } = deps;
  const mapError = deps.mapError ?? ((e: unknown) => e);

  async function loadOrThrow(trx: Executor, id: string): Promise<T> {
    const record = await store.load(trx, id);
    if (!record) throw notFound(store.what);
    return record;
  }

  async function inTransaction<R>(work: (trx: Executor) => Promise<R>): Promise<R> {
    try {
      return await db.transaction().execute(work);
    } catch (error) {
      throw mapError(error);
    }
  }

  return {
    load: loadOrThrow,

    create(actor: Actor, record: T, after?: (trx: Executor) => Promise<void>): Promise<T> {
      return inTransaction(async (trx) => {
        await store.insert(trx, record);
        await after?.(trx);
        await audit.record(trx, actor, {
          action: 'create',
          entityType: store.entityType,
          entityId: record.id,
          changes: diff(null, record, { hidden: store.hidden, ignore: ['id', 'createdAt'] }),
        });
        return record;
      });
    },

    /**
     * `change` receives the current record and returns the wanted one; it may also do extra writes
     * of its own in the transaction (e.g. membership rows).
     */
    update(
      actor: Actor,
      id: string,
      expectedVersion: number,
      change: (before: T, trx: Executor) => T | Promise<T>,
    ): Promise<T> {
      return inTransaction(async (trx) => {
        const before = await loadOrThrow(trx, id);
        if (before.version !== expectedVersion) throw versionConflict(store.what, before.version);
        const wanted = await change(before, trx);
        const changes = diff(before, wanted, { hidden: store.hidden });
        if (Object.keys(changes).length === 0) return before;
        const after = {
          ...wanted,
          version: before.version + 1,
          updatedAt: clock.now().toISOString(),
        };
        if (!(await store.update(trx, after, expectedVersion))) {
          throw versionConflict(store.what, (await loadOrThrow(trx, id)).version);
        }
        await audit.record(trx, actor, {
          action: 'update',
          entityType: store.entityType,
          entityId: id,
          changes,
        });
        return after;
      });
    },

    remove(actor: Actor, id: string, expectedVersion: number): Promise<void> {
      return inTransaction(async (trx) => {
        const before = await loadOrThrow(trx, id);
        if (before.version !== expectedVersion) throw versionConflict(store.what, before.version);
        if (!store.delete || !(await store.delete(trx, id, expectedVersion))) {
          throw versionConflict(store.what, before.version);
        }
        await audit.record(trx, actor, {
          action: 'delete',
          entityType: store.entityType,
          entityId: id,
          changes: diff(before, null, { hidden: store.hidden, ignore: ['id', 'createdAt'] }),
        });
      });
    },
  };
}
