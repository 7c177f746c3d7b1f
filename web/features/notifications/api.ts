import { queryOptions } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { paths } from '../../api/schema';

type Listed =
  paths['/api/v1/notifications']['get']['responses'][200]['content']['application/json'];
export type AppNotification = Listed['items'][number];

export const notificationsKeys = {
  all: ['notifications'] as const,
  unread: ['notifications', 'unread-count'] as const,
  recent: ['notifications', 'recent'] as const,
};

/** Polled every 30 s while the app is open; the badge on the bell. */
export const unreadCountQuery = queryOptions({
  queryKey: notificationsKeys.unread,
  queryFn: ({ signal }) =>
    api.get<{ count: number }>('/api/v1/notifications/unread-count', { signal }),
  refetchInterval: 30_000,
  refetchIntervalInBackground: false,
});

export const recentNotificationsQuery = queryOptions({
  queryKey: notificationsKeys.recent,
  queryFn: ({ signal }) =>
    api.list<AppNotification>('/api/v1/notifications', { limit: 15 }, signal),
});

export const markRead = (id: string) =>
  api.post<void>(`/api/v1/notifications/${encodeURIComponent(id)}/read`);

export const markAllRead = () => api.post<{ updated: number }>('/api/v1/notifications/read-all');
