// What the tickets module needs from other modules, narrowed to the calls it makes. The
// composition root (src/server/services.ts) passes the real services in.
import type { Executor } from '../../db/executor.js';
import type { Group } from '../groups/groups.js';
import type { User } from '../users/users.js';

export interface CatalogueService {
  id: string;
  name: string;
  status: string;
  ownerId: string | null;
  defaultGroupId: string | null;
}

export interface CatalogueRequestType {
  id: string;
  serviceId: string;
  name: string;
  active: boolean;
  form: unknown[];
  approvals: { kind: 'manager' | 'service-owner' | 'group'; groupId?: string | null }[];
  tasks: { title: string; groupId: string | null }[];
  instructions: string;
}

export interface CataloguePort {
  serviceById(trx: Executor, id: string): Promise<CatalogueService | undefined>;
  requestTypeById(trx: Executor, id: string): Promise<CatalogueRequestType | undefined>;
  /** Cleans the answers of a request type's form, or throws a validation error naming each field. */
  validateAnswers(form: unknown[], answers: unknown): Record<string, unknown>;
}

export interface DirectoryPort {
  findUser(trx: Executor, id: string): Promise<User | undefined>;
  findGroup(trx: Executor, id: string): Promise<Group | undefined>;
  groupIdsOf(trx: Executor, userId: string): Promise<string[]>;
}
