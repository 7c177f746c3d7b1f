import {
  PRIORITIES,
  type Priority,
  QUEUES,
  type Queue,
  type QueueFilters,
  type QueueSort,
  SORTS,
  STATUSES,
  type Status,
  TICKET_TYPES,
  type TicketType,
} from './api';

// The queue page's state lives in the address (so a view can be bookmarked and shared): which
// queue, the filters, the sort and the search text.

export interface DeskSearch {
  queue?: Queue;
  status?: Status[];
  priority?: Priority[];
  type?: TicketType;
  serviceId?: string;
  groupId?: string;
  sort?: QueueSort;
  q?: string;
}

const text = (value: unknown) => (typeof value === 'string' && value ? value : undefined);

function listOf<T extends string>(value: unknown, allowed: readonly T[]): T[] | undefined {
  const raw = Array.isArray(value) ? value : typeof value === 'string' ? value.split(',') : [];
  const picked = raw.filter((item): item is T => allowed.includes(item as T));
  return picked.length ? [...new Set(picked)] : undefined;
}

function oneOf<T extends string>(value: unknown, allowed: readonly T[]): T | undefined {
  return allowed.includes(value as T) ? (value as T) : undefined;
}

export function validateDeskSearch(search: Record<string, unknown>): DeskSearch {
  return {
    queue: oneOf(search.queue, QUEUES),
    status: listOf(search.status, STATUSES),
    priority: listOf(search.priority, PRIORITIES),
    type: oneOf(search.type, TICKET_TYPES),
    serviceId: text(search.serviceId),
    groupId: text(search.groupId),
    sort: oneOf(search.sort, SORTS),
    q: text(search.q),
  };
}

export const DEFAULT_QUEUE: Queue = 'mine';

export function toFilters(search: DeskSearch): QueueFilters {
  return {
    queue: search.queue ?? DEFAULT_QUEUE,
    status: search.status,
    priority: search.priority,
    type: search.type,
    serviceId: search.serviceId,
    groupId: search.groupId,
    sort: search.sort,
  };
}

export function hasFilters(search: DeskSearch): boolean {
  return !!(
    search.status?.length ||
    search.priority?.length ||
    search.type ||
    search.serviceId ||
    search.groupId
  );
}
