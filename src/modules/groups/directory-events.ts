// Changes to the directory that other modules react to in the same transaction (training assigns
// the courses a role or a group requires). Listeners run synchronously inside the writer's
// transaction, so what they write commits or rolls back with the membership or the role.
import type { Executor } from '../../db/executor.js';

export type DirectoryEvent =
  /** A user was created or changed (role, activation): read them again from `trx`. */
  | { type: 'user-saved'; userId: string }
  /** People joined a group (on creation of the group or a change of its members). */
  | { type: 'members-added'; groupId: string; userIds: string[] };

export type DirectoryListener = (trx: Executor, event: DirectoryEvent) => Promise<void>;

export function createDirectoryEvents() {
  const listeners: DirectoryListener[] = [];
  return {
    subscribe(listener: DirectoryListener) {
      listeners.push(listener);
    },
    async publish(trx: Executor, event: DirectoryEvent) {
      for (const listener of listeners) await listener(trx, event);
    },
  };
}

export type DirectoryEvents = ReturnType<typeof createDirectoryEvents>;
