import { infiniteQueryOptions, queryOptions } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { paths } from '../../api/schema';

type Json<T> = T extends { content: { 'application/json': infer J } } ? J : never;

export type Course = Json<paths['/api/v1/training/courses']['get']['responses'][200]>[number];
export type CourseDetail = Json<paths['/api/v1/training/courses/{id}']['get']['responses'][200]>;
export type CourseVersion = CourseDetail['versions'][number];
export type Requirement = CourseDetail['requirements'][number];
export type Quiz = NonNullable<CourseVersion['quiz']>;
export type Assignment = Json<paths['/api/v1/training/my']['get']['responses'][200]>[number];
export type AssignmentDetail = Json<
  paths['/api/v1/training/assignments/{id}']['get']['responses'][200]
>;
export type AttemptResult = Json<
  paths['/api/v1/training/assignments/{id}/attempts']['post']['responses'][200]
>;
export type Matrix = Json<paths['/api/v1/training/matrix']['get']['responses'][200]>;
export type MatrixCell = Matrix['people'][number]['cells'][number];
export type Completion = Json<paths['/api/v1/training/completion']['get']['responses'][200]>;

export const trainingKeys = {
  all: ['training'] as const,
  mine: ['training', 'mine'] as const,
  assignment: (id: string) => ['training', 'assignment', id] as const,
  courses: ['training', 'courses'] as const,
  course: (id: string) => ['training', 'course', id] as const,
  courseAssignments: (id: string) => ['training', 'course', id, 'assignments'] as const,
  matrix: (filter: MatrixFilter) => ['training', 'matrix', filter] as const,
  completion: (period: Period) => ['training', 'completion', period] as const,
};

export interface MatrixFilter {
  groupId?: string;
  role?: string;
}

export interface Period {
  from: string;
  to: string;
}

const coursePath = (id: string) => `/api/v1/training/courses/${encodeURIComponent(id)}`;
const assignmentPath = (id: string) => `/api/v1/training/assignments/${encodeURIComponent(id)}`;

export const myTrainingQuery = () =>
  queryOptions({
    queryKey: trainingKeys.mine,
    queryFn: ({ signal }) => api.get<Assignment[]>('/api/v1/training/my', { signal }),
  });

export const assignmentQuery = (id: string) =>
  queryOptions({
    queryKey: trainingKeys.assignment(id),
    queryFn: ({ signal }) => api.get<AssignmentDetail>(assignmentPath(id), { signal }),
  });

export const coursesQuery = () =>
  queryOptions({
    queryKey: trainingKeys.courses,
    queryFn: ({ signal }) => api.get<Course[]>('/api/v1/training/courses', { signal }),
  });

export const courseQuery = (id: string) =>
  queryOptions({
    queryKey: trainingKeys.course(id),
    queryFn: ({ signal }) => api.get<CourseDetail>(coursePath(id), { signal }),
  });

/** Who holds a course, by due date, a page at a time. */
export const courseAssignmentsQuery = (id: string) =>
  infiniteQueryOptions({
    queryKey: trainingKeys.courseAssignments(id),
    queryFn: ({ pageParam, signal }) =>
      api.list<Assignment>(
        '/api/v1/training/assignments',
        { courseId: id, limit: 100, cursor: pageParam },
        signal,
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });

export const matrixQuery = (filter: MatrixFilter) =>
  queryOptions({
    queryKey: trainingKeys.matrix(filter),
    queryFn: ({ signal }) =>
      api.get<Matrix>('/api/v1/training/matrix', { query: { ...filter }, signal }),
  });

export const completionQuery = (period: Period) =>
  queryOptions({
    queryKey: trainingKeys.completion(period),
    queryFn: ({ signal }) =>
      api.get<Completion>('/api/v1/training/completion', { query: { ...period }, signal }),
  });

export interface VersionInput {
  changeNote?: string;
  durationMinutes?: number;
  content?: string;
  link?: string | null;
  quiz?: Quiz | null;
}

export const createCourse = (
  body: { code: string; title: string; description?: string } & VersionInput,
  idempotencyKey: string,
) => api.post<CourseDetail>('/api/v1/training/courses', body, { idempotencyKey });

export const updateCourse = (
  id: string,
  patch: { title?: string; description?: string; ownerId?: string | null },
  version: number,
) => api.patch<CourseDetail>(coursePath(id), patch, { version });

export const startVersion = (id: string, body: VersionInput, version: number) =>
  api.post<CourseDetail>(`${coursePath(id)}/versions`, body, { version });

export const editDraft = (id: string, body: VersionInput, version: number) =>
  api.patch<CourseDetail>(`${coursePath(id)}/draft`, body, { version });

export const courseStep = (id: string, step: 'publish' | 'retire', version: number) =>
  api.post<CourseDetail>(`${coursePath(id)}/${step}`, {}, { version });

export const addRequirement = (
  id: string,
  body: { role?: string | null; groupId?: string | null; dueDays: number; mandatory: boolean },
) => api.post<CourseDetail>(`${coursePath(id)}/requirements`, body);

export const removeRequirement = (id: string, requirementId: string) =>
  api.delete<CourseDetail>(`${coursePath(id)}/requirements/${encodeURIComponent(requirementId)}`);

export const assign = (
  body: { userId: string; courseId: string; dueOn: string; mandatory: boolean },
  idempotencyKey: string,
) => api.post<Assignment>('/api/v1/training/assignments', body, { idempotencyKey });

export const attempt = (id: string, answers: Record<string, string[]>) =>
  api.post<AttemptResult>(`${assignmentPath(id)}/attempts`, { answers });

export const completeAssignment = (id: string) =>
  api.post<Assignment>(`${assignmentPath(id)}/complete`, {});

export const recordCompletion = (
  id: string,
  body: { completedOn: string; score?: number | null; note: string },
) => api.post<Assignment>(`${assignmentPath(id)}/record`, body);

/** Today as YYYY-MM-DD in UTC, the server's day. */
export const today = () => new Date().toISOString().slice(0, 10);

export const addDays = (day: string, days: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
