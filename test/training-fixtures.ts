// Shared fixtures of the training integration tests: a course published over HTTP, a quiz, and
// row counts read straight from the tables.
import { expect } from 'vitest';
import type { Client, TestContext } from './helpers/test-app.js';

export const ifMatch = (version: number) => ({ headers: { 'if-match': `"${version}"` } });
let seq = 0;
export const code = (prefix: string) => `${prefix}-${++seq}`;

export const QUIZ = {
  passMark: 75,
  questions: [
    {
      id: 'q1',
      text: 'Who may close an incident?',
      options: [
        { id: 'a', text: 'The service desk after the user confirms', correct: true },
        { id: 'b', text: 'Anybody', correct: false },
      ],
    },
    {
      id: 'q2',
      text: 'Which records are evidence?',
      options: [
        { id: 'a', text: 'Tickets', correct: true },
        { id: 'b', text: 'Change records', correct: true },
        { id: 'c', text: 'Hallway talk', correct: false },
      ],
    },
    {
      id: 'q3',
      text: 'What is a major incident?',
      options: [
        { id: 'a', text: 'One with the highest impact', correct: true },
        { id: 'b', text: 'Any incident', correct: false },
      ],
    },
    {
      id: 'q4',
      text: 'When is an SLA breached?',
      options: [
        { id: 'a', text: 'When the target time passes', correct: true },
        { id: 'b', text: 'Never', correct: false },
      ],
    },
  ],
};

/** Creates a course and publishes its first version. */
export async function publishedCourse(
  manager: Client,
  input: { title: string; quiz?: typeof QUIZ; code?: string },
) {
  const created = await manager.post('/api/v1/training/courses', {
    code: input.code ?? code('C'),
    title: input.title,
    description: 'What every agent needs to know.',
    durationMinutes: 20,
    content: '# Why\n\nBecause the standard asks for **competence**.',
    ...(input.quiz ? { quiz: input.quiz } : {}),
  });
  expect(created.status).toBe(201);
  const published = await manager.post(
    `/api/v1/training/courses/${created.body.id}/publish`,
    {},
    ifMatch(created.body.version),
  );
  expect(published.status).toBe(200);
  return published.body;
}

export async function assignmentsOf(ctx: TestContext, userId: string) {
  return ctx.services.db
    .selectFrom('training_assignments')
    .selectAll()
    .where('user_id', '=', userId)
    .orderBy('course_id')
    .orderBy('course_version')
    .execute();
}

export async function countRows(
  ctx: TestContext,
  table:
    | 'training_courses'
    | 'training_course_versions'
    | 'training_requirements'
    | 'training_assignments'
    | 'training_reminders',
) {
  const row = await ctx.services.db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
