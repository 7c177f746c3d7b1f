import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import type { AppRoute } from '../../app/router';

// Training and competence (issue 7). The router adds these under the signed-in shell.
export function trainingRoutes(parent: AppRoute) {
  const myTraining = createRoute({
    getParentRoute: () => parent,
    path: '/training',
    component: lazyRouteComponent(() => import('./my-training-page'), 'MyTrainingPage'),
  });
  const assignment = createRoute({
    getParentRoute: () => parent,
    path: '/training/assignments/$assignmentId',
    component: lazyRouteComponent(() => import('./assignment-page'), 'AssignmentPage'),
  });
  const courses = createRoute({
    getParentRoute: () => parent,
    path: '/training/courses',
    component: lazyRouteComponent(() => import('./courses-page'), 'CoursesPage'),
  });
  const course = createRoute({
    getParentRoute: () => parent,
    path: '/training/courses/$courseId',
    component: lazyRouteComponent(() => import('./course-page'), 'CoursePage'),
  });
  const matrix = createRoute({
    getParentRoute: () => parent,
    path: '/training/matrix',
    component: lazyRouteComponent(() => import('./matrix-page'), 'MatrixPage'),
  });
  return [myTraining, assignment, courses, course, matrix] as const;
}
