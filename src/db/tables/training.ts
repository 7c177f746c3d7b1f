// Row types of training and competence (issue 7), with the conventions of ../schema.ts.
import type { Bool, Json, Timestamp } from '../schema.js';

/** A course of the catalogue: what stays the same across its versions. */
export interface TrainingCoursesTable {
  id: string;
  /** Short unique code chosen by the manager, e.g. ISO20K-AWARE. */
  code: string;
  title: string;
  description: string;
  owner_id: string | null;
  /** draft (never published), published, retired. */
  status: string;
  /** Number of the latest published version: what people are assigned. */
  published_version: number | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: number;
}

/** One version of a course; published versions are never changed again. */
export interface TrainingCourseVersionsTable {
  id: string;
  course_id: string;
  number: number;
  /** draft or published. */
  status: string;
  change_note: string;
  duration_minutes: number;
  /** Markdown. */
  content: string;
  link: string | null;
  /** { passMark, questions: [{ id, text, options: [{ id, text, correct }] }] } or null. */
  quiz: Json | null;
  published_at: Timestamp | null;
  published_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** "Course C is required for role R" or "for the members of group G". */
export interface TrainingRequirementsTable {
  id: string;
  course_id: string;
  role: string | null;
  group_id: string | null;
  due_days: number;
  mandatory: Bool;
  created_at: Timestamp;
}

/** One person × one course version. */
export interface TrainingAssignmentsTable {
  id: string;
  user_id: string;
  course_id: string;
  course_version: number;
  mandatory: Bool;
  /** requirement, manual. */
  reason: string;
  assigned_at: Timestamp;
  /** YYYY-MM-DD. */
  due_on: string;
  /** assigned, completed, superseded (overdue is computed). */
  status: string;
  completed_at: Timestamp | null;
  /** YYYY-MM-DD: the day the training was done (what the KPI compares with due_on). */
  completed_on: string | null;
  score: number | null;
  completion_note: string | null;
  recorded_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: number;
}

export interface TrainingAttemptsTable {
  id: string;
  assignment_id: string;
  score: number;
  passed: Bool;
  answers: Json;
  created_at: Timestamp;
}

export interface TrainingRemindersTable {
  assignment_id: string;
  /** due-7, due-1, overdue. */
  kind: string;
  sent_at: Timestamp;
}

export type TrainingTables = {
  training_courses: TrainingCoursesTable;
  training_course_versions: TrainingCourseVersionsTable;
  training_requirements: TrainingRequirementsTable;
  training_assignments: TrainingAssignmentsTable;
  training_attempts: TrainingAttemptsTable;
  training_reminders: TrainingRemindersTable;
};
