import { describe, expect, it } from 'vitest';
import { addDays, checkQuiz, completedOnTime, rate, reminderFor, scoreQuiz } from './training.js';

const quiz = {
  passMark: 70,
  questions: [
    {
      id: 'q1',
      text: 'One right',
      options: [
        { id: 'a', text: 'A', correct: true },
        { id: 'b', text: 'B', correct: false },
      ],
    },
    {
      id: 'q2',
      text: 'Two right',
      options: [
        { id: 'a', text: 'A', correct: true },
        { id: 'b', text: 'B', correct: true },
        { id: 'c', text: 'C', correct: false },
      ],
    },
    {
      id: 'q3',
      text: 'Another',
      options: [
        { id: 'a', text: 'A', correct: false },
        { id: 'b', text: 'B', correct: true },
      ],
    },
  ],
};

describe('training rules', () => {
  it('counts a question right only when exactly its right options are chosen', () => {
    expect(scoreQuiz(quiz, { q1: ['a'], q2: ['b', 'a'], q3: ['b'] })).toEqual({
      score: 100,
      passed: true,
      right: 3,
      total: 3,
    });
    // q2 half-answered and q3 with an extra option: wrong.
    expect(scoreQuiz(quiz, { q1: ['a'], q2: ['a'], q3: ['a', 'b'] })).toMatchObject({
      score: 33,
      passed: false,
    });
    // 2 of 3 is 67%, below a pass mark of 70%.
    expect(scoreQuiz(quiz, { q1: ['a'], q2: ['a', 'b'] })).toMatchObject({
      score: 67,
      passed: false,
    });
  });

  it('refuses a quiz a learner could not pass', () => {
    expect(() => checkQuiz({ ...quiz, passMark: 0 })).toThrow(/passMark/);
    expect(() =>
      checkQuiz({
        passMark: 50,
        questions: [{ id: 'q', text: 'x', options: [{ id: 'a', text: 'A', correct: true }] }],
      }),
    ).toThrow(/from 2 to 8 options/);
    expect(checkQuiz(quiz)?.questions).toHaveLength(3);
  });

  it('reminds 7 days and 1 day before the due date, then when overdue', () => {
    expect(reminderFor('2026-06-10', '2026-06-02')).toBeNull();
    expect(reminderFor('2026-06-10', '2026-06-03')).toBe('due-7');
    expect(reminderFor('2026-06-10', '2026-06-09')).toBe('due-1');
    expect(reminderFor('2026-06-10', '2026-06-10')).toBe('due-1');
    expect(reminderFor('2026-06-10', '2026-06-11')).toBe('overdue');
  });

  it('counts on time up to and including the due day, and rounds the rate to one decimal', () => {
    expect(
      completedOnTime({ status: 'completed', completedOn: '2026-03-31', dueOn: '2026-03-31' }),
    ).toBe(true);
    expect(
      completedOnTime({ status: 'completed', completedOn: '2026-04-01', dueOn: '2026-03-31' }),
    ).toBe(false);
    expect(completedOnTime({ status: 'assigned', completedOn: null, dueOn: '2026-03-31' })).toBe(
      false,
    );
    expect(rate(38, 40)).toBe(95);
    expect(rate(2, 3)).toBe(66.7);
    expect(rate(0, 0)).toBeNull();
    expect(addDays('2026-02-27', 2)).toBe('2026-03-01');
  });
});
