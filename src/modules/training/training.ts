// Training and competence (7.2, 7.3): the domain's types and pure rules. No framework, no SQL.
import { invalid } from '../../shared/errors.js';

export const COURSE_STATUSES = ['draft', 'published', 'retired'] as const;
export type CourseStatus = (typeof COURSE_STATUSES)[number];
export const ASSIGNMENT_STATUSES = ['assigned', 'completed', 'superseded'] as const;
export type AssignmentStatus = (typeof ASSIGNMENT_STATUSES)[number];

export interface Course {
  id: string;
  code: string;
  title: string;
  description: string;
  ownerId: string | null;
  ownerName: string | null;
  status: CourseStatus;
  /** The latest published version: what people are assigned; null before the first. */
  publishedVersion: number | null;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export interface QuizOption {
  id: string;
  text: string;
  correct: boolean;
}

export interface QuizQuestion {
  id: string;
  text: string;
  options: QuizOption[];
}

export interface Quiz {
  /** Percentage of questions answered right needed to pass, 1–100. */
  passMark: number;
  questions: QuizQuestion[];
}

/** The quiz as a learner sees it: which options are right is not theirs to read. */
export interface LearnerQuiz {
  passMark: number;
  questions: {
    id: string;
    text: string;
    /** More than one option is right: answer with checkboxes. */
    multiple: boolean;
    options: { id: string; text: string }[];
  }[];
}

export interface CourseVersion {
  number: number;
  status: 'draft' | 'published';
  changeNote: string;
  durationMinutes: number;
  content: string;
  link: string | null;
  quiz: Quiz | null;
  publishedAt: string | null;
  createdAt: string;
}

export interface Requirement {
  id: string;
  courseId: string;
  role: string | null;
  groupId: string | null;
  groupName: string | null;
  dueDays: number;
  mandatory: boolean;
  createdAt: string;
}

export interface Assignment {
  id: string;
  userId: string;
  userName: string;
  courseId: string;
  courseCode: string;
  courseTitle: string;
  courseVersion: number;
  mandatory: boolean;
  reason: 'requirement' | 'manual';
  assignedAt: string;
  dueOn: string;
  status: AssignmentStatus;
  /** Open past its due date (computed against today). */
  overdue: boolean;
  completedOn: string | null;
  completedAt: string | null;
  score: number | null;
  note: string | null;
  recordedBy: string | null;
  version: number;
}

export const MAX_CONTENT = 100_000;
export const MAX_QUESTIONS = 30;
export const MAX_OPTIONS = 8;

const DAY_MS = 86_400_000;

/** The UTC day of an instant, YYYY-MM-DD. */
export const dayOf = (at: Date | string) => new Date(at).toISOString().slice(0, 10);

export function addDays(day: string, days: number): string {
  return dayOf(new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS));
}

export function isDay(value: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(value) && dayOf(`${value}T00:00:00Z`) === value;
}

export function checkDay(field: string, value: string): string {
  if (!isDay(value)) throw invalid(field, 'must be a date YYYY-MM-DD');
  return value;
}

export function checkCode(code: string): string {
  const trimmed = code.trim().toUpperCase();
  if (!/^[A-Z0-9][A-Z0-9-]{1,31}$/.test(trimmed))
    throw invalid('/code', 'must be 2–32 letters, digits or dashes, e.g. ISO20K-AWARE');
  return trimmed;
}

export function checkText(field: string, value: string, max: number, required = true): string {
  const trimmed = value.trim();
  if (required && trimmed.length === 0) throw invalid(field, 'must not be empty');
  if (trimmed.length > max) throw invalid(field, `must be at most ${max} characters`);
  return trimmed;
}

export function checkLink(link: string | null | undefined): string | null {
  if (link === null || link === undefined || link.trim() === '') return null;
  const trimmed = link.trim();
  if (!/^https?:\/\/\S+$/i.test(trimmed))
    throw invalid('/link', 'must be a web address (https://…)');
  return trimmed;
}

/** A quiz must be answerable: every question has at least two options and at least one right one. */
export function checkQuiz(quiz: Quiz | null | undefined): Quiz | null {
  if (!quiz) return null;
  if (!Number.isInteger(quiz.passMark) || quiz.passMark < 1 || quiz.passMark > 100)
    throw invalid('/quiz/passMark', 'must be a whole percentage from 1 to 100');
  if (quiz.questions.length === 0)
    throw invalid('/quiz/questions', 'must hold at least one question');
  if (quiz.questions.length > MAX_QUESTIONS)
    throw invalid('/quiz/questions', `must hold at most ${MAX_QUESTIONS} questions`);
  const questionIds = new Set<string>();
  const questions = quiz.questions.map((q, i) => {
    const at = `/quiz/questions/${i}`;
    const id = q.id?.trim() || `q${i + 1}`;
    if (questionIds.has(id)) throw invalid(`${at}/id`, 'must be unique in the quiz');
    questionIds.add(id);
    if (q.options.length < 2 || q.options.length > MAX_OPTIONS)
      throw invalid(`${at}/options`, `must offer from 2 to ${MAX_OPTIONS} options`);
    const optionIds = new Set<string>();
    const options = q.options.map((o, j) => {
      const oid = o.id?.trim() || `o${j + 1}`;
      if (optionIds.has(oid))
        throw invalid(`${at}/options/${j}/id`, 'must be unique in the question');
      optionIds.add(oid);
      return {
        id: oid,
        text: checkText(`${at}/options/${j}/text`, o.text, 300),
        correct: o.correct,
      };
    });
    if (!options.some((o) => o.correct))
      throw invalid(`${at}/options`, 'must have at least one right option');
    return { id, text: checkText(`${at}/text`, q.text, 500), options };
  });
  return { passMark: quiz.passMark, questions };
}

export function learnerQuiz(quiz: Quiz | null): LearnerQuiz | null {
  if (!quiz) return null;
  return {
    passMark: quiz.passMark,
    questions: quiz.questions.map((q) => ({
      id: q.id,
      text: q.text,
      multiple: q.options.filter((o) => o.correct).length > 1,
      options: q.options.map((o) => ({ id: o.id, text: o.text })),
    })),
  };
}

/**
 * A question counts as right when exactly its right options were chosen. The score is the share
 * of right questions, rounded to a whole percentage; it passes at or above the pass mark.
 */
export function scoreQuiz(
  quiz: Quiz,
  answers: Record<string, string[]>,
): { score: number; passed: boolean; right: number; total: number } {
  let right = 0;
  for (const q of quiz.questions) {
    const chosen = new Set(answers[q.id] ?? []);
    const wanted = q.options.filter((o) => o.correct).map((o) => o.id);
    if (chosen.size === wanted.length && wanted.every((id) => chosen.has(id))) right++;
  }
  const total = quiz.questions.length;
  const score = Math.round((right / total) * 100);
  return { score, passed: score >= quiz.passMark, right, total };
}

/** One decimal percentage; null when nothing was due. */
export function rate(done: number, due: number): number | null {
  return due === 0 ? null : Math.round((done / due) * 1000) / 10;
}

/** Completed on or before the due day: what the KPI counts as done. */
export function completedOnTime(a: { status: string; completedOn: string | null; dueOn: string }) {
  return a.status === 'completed' && a.completedOn !== null && a.completedOn <= a.dueOn;
}

export type ReminderKind = 'due-7' | 'due-1' | 'overdue';

/** Which reminder an open assignment calls for today, if any. */
export function reminderFor(dueOn: string, today: string): ReminderKind | null {
  if (dueOn < today) return 'overdue';
  if (dueOn <= addDays(today, 1)) return 'due-1';
  if (dueOn <= addDays(today, 7)) return 'due-7';
  return null;
}
