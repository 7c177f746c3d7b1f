import { infiniteQueryOptions, queryOptions } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { Calendar, CalendarSpec, CalendarVersion, HolidayImport } from '../../api/types';

export const calendarsKeys = {
  all: ['calendars'] as const,
  lists: ['calendars', 'list'] as const,
  list: () => ['calendars', 'list', 'all'] as const,
  picker: () => ['calendars', 'list', 'picker'] as const,
  detail: (id: string) => ['calendars', 'detail', id] as const,
  versions: (id: string) => ['calendars', 'versions', id] as const,
};

const path = (id: string) => `/api/v1/calendars/${encodeURIComponent(id)}`;

export function calendarsListQuery() {
  return infiniteQueryOptions({
    queryKey: calendarsKeys.list(),
    queryFn: ({ pageParam, signal }) =>
      api.list<Calendar>('/api/v1/calendars', { limit: 50, cursor: pageParam }, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

/** Every calendar (for pickers): calendars are few, so the first 200 are all of them. */
export function calendarPickerQuery() {
  return queryOptions({
    queryKey: calendarsKeys.picker(),
    queryFn: ({ signal }) => api.list<Calendar>('/api/v1/calendars', { limit: 200 }, signal),
    staleTime: 30_000,
  });
}

export function calendarQuery(id: string) {
  return queryOptions({
    queryKey: calendarsKeys.detail(id),
    queryFn: ({ signal }) => api.get<Calendar>(path(id), { signal }),
    staleTime: 60_000,
  });
}

export function calendarVersionsQuery(id: string) {
  return queryOptions({
    queryKey: calendarsKeys.versions(id),
    queryFn: ({ signal }) => api.get<CalendarVersion[]>(`${path(id)}/versions`, { signal }),
  });
}

export interface NewCalendar {
  name: string;
  description?: string;
  businessDayMinutes?: number;
  spec: CalendarSpec;
}

export function createCalendar(body: NewCalendar, idempotencyKey: string) {
  return api.post<Calendar>('/api/v1/calendars', body, { idempotencyKey });
}

export function updateCalendar(id: string, patch: Partial<NewCalendar>, version: number) {
  return api.patch<Calendar>(path(id), patch, { version });
}

export function deleteCalendar(id: string, version: number): Promise<void> {
  return api.delete(path(id), { version });
}

export function askDue(id: string, start: string, minutes: number) {
  return api.post<{ due: string }>(`${path(id)}/due`, { start, minutes });
}

export function askElapsed(id: string, from: string, to: string) {
  return api.post<{ minutes: number }>(`${path(id)}/elapsed`, { from, to });
}

export function importHolidays(id: string, ics: string, replace: boolean, version: number) {
  return api.post<HolidayImport>(`${path(id)}/holidays/import`, { ics, replace }, { version });
}

export const holidaysIcsUrl = (id: string) => `${path(id)}/holidays.ics`;
