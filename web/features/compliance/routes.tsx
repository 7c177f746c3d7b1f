import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import type { AppRoute } from '../../app/router';
import { TASK_STATUSES, type TaskStatus } from './api';

export interface LibrarySearch {
  q?: string;
  clause?: string;
  /** The leaf requirement shown, e.g. 8.6.1. */
  r?: string;
  mandatory?: boolean;
}

export interface AssessmentSearch {
  /** The requirement whose panel is open. */
  r?: string;
  clause?: string;
  gaps?: boolean;
}

export interface CompareSearch {
  base?: string;
  current?: string;
}

export const ROADMAP_VIEWS = ['timeline', 'tasks', 'board'] as const;
export type RoadmapView = (typeof ROADMAP_VIEWS)[number];

export interface RoadmapSearch {
  view?: RoadmapView;
  status?: TaskStatus;
  phaseId?: string;
  mine?: boolean;
  overdue?: boolean;
  /** The task whose dialog is open. */
  task?: string;
}

const text = (value: unknown) =>
  typeof value === 'string' && value.trim() ? value.trim().slice(0, 200) : undefined;
const clauseNumber = (value: unknown) =>
  typeof value === 'string' && /^\d+(\.\d+)*$/.test(value) ? value : undefined;
const flag = (value: unknown) => (value === true || value === 'true' ? true : undefined);

// The compliance workspace: requirement library, gap assessments and their comparison, the
// implementation roadmap (issue 6). The router adds these under the signed-in shell.
export function complianceRoutes(parent: AppRoute) {
  const libraryRoute = createRoute({
    getParentRoute: () => parent,
    path: '/compliance/library',
    validateSearch: (search: Record<string, unknown>): LibrarySearch => ({
      q: text(search.q),
      clause: clauseNumber(search.clause),
      r: clauseNumber(search.r),
      mandatory: flag(search.mandatory),
    }),
    component: lazyRouteComponent(() => import('./library-page'), 'LibraryPage'),
  });
  const assessmentsRoute = createRoute({
    getParentRoute: () => parent,
    path: '/compliance/assessments',
    component: lazyRouteComponent(() => import('./assessments-page'), 'AssessmentsPage'),
  });
  const compareRoute = createRoute({
    getParentRoute: () => parent,
    path: '/compliance/assessments/compare',
    validateSearch: (search: Record<string, unknown>): CompareSearch => ({
      base: text(search.base),
      current: text(search.current),
    }),
    component: lazyRouteComponent(() => import('./compare-page'), 'ComparePage'),
  });
  const assessmentRoute = createRoute({
    getParentRoute: () => parent,
    path: '/compliance/assessments/$assessmentId',
    validateSearch: (search: Record<string, unknown>): AssessmentSearch => ({
      r: clauseNumber(search.r),
      clause: clauseNumber(search.clause),
      gaps: flag(search.gaps),
    }),
    component: lazyRouteComponent(() => import('./assessment-page'), 'AssessmentPage'),
  });
  const roadmapRoute = createRoute({
    getParentRoute: () => parent,
    path: '/compliance/roadmap',
    validateSearch: (search: Record<string, unknown>): RoadmapSearch => ({
      view: ROADMAP_VIEWS.includes(search.view as RoadmapView)
        ? (search.view as RoadmapView)
        : undefined,
      status: TASK_STATUSES.includes(search.status as TaskStatus)
        ? (search.status as TaskStatus)
        : undefined,
      phaseId: text(search.phaseId),
      mine: flag(search.mine),
      overdue: flag(search.overdue),
      task: text(search.task),
    }),
    component: lazyRouteComponent(() => import('./roadmap-page'), 'RoadmapPage'),
  });
  return [libraryRoute, assessmentsRoute, compareRoute, assessmentRoute, roadmapRoute] as const;
}
