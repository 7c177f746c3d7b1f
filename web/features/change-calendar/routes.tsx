import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import type { AppRoute } from '../../app/router';
import type { CalendarView } from './calendar-model';
import { type DayKey, isDayKey } from './zoned-time';

// The change calendar and the freeze windows (issue 5). The router adds these under the signed-in shell.

export interface ChangeCalendarSearch {
  view?: CalendarView;
  /** Any day of the month or week shown; today when absent. */
  date?: DayKey;
  serviceId?: string;
}

export function changeCalendarRoutes(parent: AppRoute) {
  const calendarRoute = createRoute({
    getParentRoute: () => parent,
    path: '/changes/calendar',
    validateSearch: (search: Record<string, unknown>): ChangeCalendarSearch => ({
      view: search.view === 'week' || search.view === 'month' ? search.view : undefined,
      date: isDayKey(search.date) ? search.date : undefined,
      serviceId:
        typeof search.serviceId === 'string' && search.serviceId ? search.serviceId : undefined,
    }),
    component: lazyRouteComponent(() => import('./change-calendar-page'), 'ChangeCalendarPage'),
  });
  const freezeWindowsRoute = createRoute({
    getParentRoute: () => parent,
    path: '/admin/freeze-windows',
    component: lazyRouteComponent(() => import('./freeze-windows-page'), 'FreezeWindowsPage'),
  });
  return [calendarRoute, freezeWindowsRoute] as const;
}
