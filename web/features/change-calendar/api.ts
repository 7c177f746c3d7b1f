import { queryOptions } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { paths } from '../../api/schema';
import type { CalendarChange, CalendarWindow } from './calendar-model';

// The calendar and the freeze windows, typed from the server's OpenAPI (web/api/schema.d.ts).

type Ok<P extends keyof paths> = paths[P]['get'] extends {
  responses: { 200: { content: { 'application/json': infer B } } };
}
  ? B
  : never;

export type ChangeCalendar = Ok<'/api/v1/change-calendar'>;
export type FreezeWindow = Ok<'/api/v1/freeze-windows/{id}'>;
export type WindowKind = FreezeWindow['kind'];
export type ScheduleConflict = ChangeCalendar['changes'][number]['conflicts'][number];
export const WINDOW_KINDS: readonly WindowKind[] = ['freeze', 'blackout'];

export const changeCalendarKeys = {
  all: ['change-calendar'] as const,
  calendar: (range: { from: string; to: string; serviceId?: string }) =>
    ['change-calendar', 'view', range] as const,
  windows: ['change-calendar', 'windows'] as const,
};

export function changeCalendarQuery(range: { from: string; to: string; serviceId?: string }) {
  return queryOptions({
    queryKey: changeCalendarKeys.calendar(range),
    queryFn: ({ signal }) =>
      api.get<ChangeCalendar>('/api/v1/change-calendar', { query: { ...range }, signal }),
    select: (calendar): { changes: CalendarChange[]; windows: CalendarWindow[] } => ({
      changes: calendar.changes.map((change) => ({
        id: change.id,
        number: change.number,
        title: change.title,
        type: change.type,
        risk: change.riskLevel,
        status: change.status,
        serviceIds: change.serviceIds,
        start: change.start,
        end: change.end,
        conflicted: change.overlapConflict || change.freezeConflict,
      })),
      windows: calendar.windows,
    }),
    placeholderData: (previous) => previous,
  });
}

export const freezeWindowsQuery = queryOptions({
  queryKey: changeCalendarKeys.windows,
  queryFn: ({ signal }) => api.get<{ items: FreezeWindow[] }>('/api/v1/freeze-windows', { signal }),
});

export type WindowBody = Pick<
  FreezeWindow,
  'name' | 'kind' | 'start' | 'end' | 'serviceIds' | 'reason'
>;

const windowPath = (id: string) => `/api/v1/freeze-windows/${encodeURIComponent(id)}`;

export function createWindow(body: WindowBody, idempotencyKey: string) {
  return api.post<FreezeWindow>('/api/v1/freeze-windows', body, { idempotencyKey });
}

export function updateWindow(id: string, patch: Partial<WindowBody>, version: number) {
  return api.patch<FreezeWindow>(windowPath(id), patch, { version });
}

export function deleteWindow(id: string, version: number): Promise<void> {
  return api.delete(windowPath(id), { version });
}

/** The conflicts a planned window would have, asked before saving (nothing is stored). */
export function checkConflicts(body: {
  changeId: string | null;
  serviceIds: string[];
  start: string;
  end: string;
}) {
  return api.post<{ conflicts: ScheduleConflict[] }>('/api/v1/change-calendar/conflicts', body);
}
