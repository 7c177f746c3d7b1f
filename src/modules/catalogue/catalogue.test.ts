import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../../shared/errors.js';
import {
  checkApprovals,
  checkForm,
  checkTasks,
  type FormField,
  isIsoDate,
  validateAnswers,
} from './catalogue.js';

const laptopForm: FormField[] = [
  {
    key: 'model',
    label: 'Model',
    kind: 'select',
    required: true,
    options: ['MacBook Air', 'ThinkPad X1'],
  },
  { key: 'justification', label: 'Why', kind: 'long-text', required: true, min: 10 },
  { key: 'neededBy', label: 'Needed by', kind: 'date', required: false },
  { key: 'quantity', label: 'How many', kind: 'number', required: false, min: 1, max: 5 },
  {
    key: 'extras',
    label: 'Extras',
    kind: 'multi-select',
    required: false,
    options: ['Dock', 'Bag'],
  },
  { key: 'forUser', label: 'For', kind: 'user', required: false },
  { key: 'agreed', label: 'I agree', kind: 'checkbox', required: true },
  { key: 'costCentre', label: 'Cost centre', kind: 'text', required: false, pattern: 'CC-\\d{4}' },
];

function errorsOf(run: () => unknown): { field: string; message: string }[] {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe('VALIDATION_FAILED');
    return (error as DomainError).details.errors ?? [];
  }
  throw new Error('expected a validation error');
}

describe('validateAnswers', () => {
  it('returns the cleaned answers: known keys only, numbers as numbers, text trimmed', () => {
    const answers = validateAnswers(laptopForm, {
      model: 'ThinkPad X1',
      justification: '  My laptop no longer holds a charge.  ',
      neededBy: '2026-04-30',
      quantity: '2',
      extras: ['Dock', 'Dock'],
      forUser: 'user-1',
      agreed: true,
      costCentre: 'CC-1234',
      smuggled: 'ignored',
    });
    expect(answers).toEqual({
      model: 'ThinkPad X1',
      justification: 'My laptop no longer holds a charge.',
      neededBy: '2026-04-30',
      quantity: 2,
      extras: ['Dock'],
      forUser: 'user-1',
      agreed: true,
      costCentre: 'CC-1234',
    });
  });

  it('names every bad answer in one error', () => {
    const errors = errorsOf(() =>
      validateAnswers(laptopForm, {
        model: 'Commodore 64',
        justification: 'short',
        neededBy: '2026-02-30',
        quantity: 9,
        extras: ['Dock', 'Printer'],
        forUser: '   ',
        agreed: false,
        costCentre: 'CC-12',
      }),
    );
    expect(errors).toEqual([
      { field: '/formAnswers/model', message: 'must be one of the options' },
      { field: '/formAnswers/justification', message: 'must be at least 10 characters' },
      { field: '/formAnswers/neededBy', message: 'must be a date written YYYY-MM-DD' },
      { field: '/formAnswers/quantity', message: 'must be at most 5' },
      { field: '/formAnswers/extras', message: 'not among the options: Printer' },
      { field: '/formAnswers/agreed', message: 'must be ticked' },
      { field: '/formAnswers/costCentre', message: 'does not have the expected format' },
    ]);
  });

  it('requires required fields, and lets optional ones be left out', () => {
    const errors = errorsOf(() => validateAnswers(laptopForm, {}));
    expect(errors.map((e) => e.field)).toEqual([
      '/formAnswers/model',
      '/formAnswers/justification',
      '/formAnswers/agreed',
    ]);
    expect(
      validateAnswers(laptopForm, {
        model: 'MacBook Air',
        justification: 'New starter in the Paris boutique',
        agreed: true,
        extras: [],
        neededBy: '',
      }),
    ).toEqual({
      model: 'MacBook Air',
      justification: 'New starter in the Paris boutique',
      agreed: true,
    });
  });

  it('refuses answers that are not an object and wrong types', () => {
    expect(errorsOf(() => validateAnswers(laptopForm, ['x']))).toEqual([
      { field: '/formAnswers', message: 'must be an object of answers by field key' },
    ]);
    const errors = errorsOf(() =>
      validateAnswers(laptopForm, {
        model: 3,
        justification: ['x'],
        quantity: 'many',
        agreed: 'yes',
      }),
    );
    expect(errors).toEqual([
      { field: '/formAnswers/model', message: 'must be one of the options' },
      { field: '/formAnswers/justification', message: 'must be text' },
      { field: '/formAnswers/quantity', message: 'must be a number' },
      { field: '/formAnswers/agreed', message: 'must be true or false' },
    ]);
  });

  it('knows real dates', () => {
    expect(isIsoDate('2028-02-29')).toBe(true);
    expect(isIsoDate('2026-02-29')).toBe(false);
    expect(isIsoDate('2026-13-01')).toBe(false);
    expect(isIsoDate('26-01-01')).toBe(false);
  });

  it('accepts every answer built from the form, and gives it back (property)', () => {
    const field = fc.oneof(
      fc.record({ kind: fc.constant('text' as const), value: fc.string({ maxLength: 30 }) }),
      fc.record({
        kind: fc.constant('number' as const),
        value: fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e9, max: 1e9 }),
      }),
      fc.record({
        kind: fc.constant('date' as const),
        value: fc
          .date({ min: new Date('1900-01-01'), max: new Date('2199-12-31'), noInvalidDate: true })
          .map((d) => d.toISOString().slice(0, 10)),
      }),
      fc.record({
        kind: fc.constant('select' as const),
        options: fc.uniqueArray(fc.string({ minLength: 1, maxLength: 8 }), {
          minLength: 1,
          maxLength: 5,
        }),
      }),
      fc.record({ kind: fc.constant('checkbox' as const), value: fc.boolean() }),
    );
    fc.assert(
      fc.property(fc.array(field, { maxLength: 8 }), fc.nat(), (specs, pick) => {
        const form: FormField[] = [];
        const answers: Record<string, unknown> = {};
        specs.forEach((spec, i) => {
          const key = `f${i}`;
          if (spec.kind === 'select') {
            const options = spec.options.map((o) => o.trim()).filter(Boolean);
            if (!options.length) return;
            form.push({ key, label: key, kind: 'select', required: true, options });
            answers[key] = options[pick % options.length];
          } else {
            form.push({ key, label: key, kind: spec.kind, required: false });
            answers[key] = spec.value;
          }
        });
        const cleaned = validateAnswers(checkForm(form), { ...answers, extra: 1 });
        for (const f of form) {
          const given = answers[f.key];
          const expected = typeof given === 'string' ? given.trim() : given;
          if (expected === '') expect(cleaned).not.toHaveProperty(f.key);
          else expect(cleaned[f.key]).toEqual(expected);
        }
        expect(Object.keys(cleaned).every((k) => form.some((f) => f.key === k))).toBe(true);
      }),
    );
  });

  it('either cleans arbitrary input or names only form fields (property)', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string({ maxLength: 12 }), fc.anything()), (answers) => {
        try {
          const cleaned = validateAnswers(laptopForm, answers);
          expect(Object.keys(cleaned).every((k) => laptopForm.some((f) => f.key === k))).toBe(true);
        } catch (error) {
          expect((error as DomainError).code).toBe('VALIDATION_FAILED');
          for (const e of (error as DomainError).details.errors ?? []) {
            expect(laptopForm.map((f) => `/formAnswers/${f.key}`)).toContain(e.field);
          }
        }
      }),
    );
  });
});

describe('checkForm', () => {
  it('cleans a good definition and drops attributes that do not apply', () => {
    expect(
      checkForm([
        { key: 'who', label: ' Who ', kind: 'user', required: true, options: ['x'], min: 3 },
        { key: 'n', label: 'N', kind: 'number', required: false, min: 1, help: ' in euros ' },
      ]),
    ).toEqual([
      { key: 'who', label: 'Who', kind: 'user', required: true },
      { key: 'n', label: 'N', kind: 'number', required: false, min: 1, help: 'in euros' },
    ]);
  });

  it('names every bad attribute by its JSON pointer', () => {
    const errors = errorsOf(() =>
      checkForm([
        { key: 'model', label: 'Model', kind: 'select', required: true, options: [] },
        { key: 'model', label: '', kind: 'text', required: true, pattern: '(' },
        { key: '1bad', label: 'X', kind: 'number', required: false, min: 5, max: 1 },
        { key: 'k', label: 'K', kind: 'colour', required: false },
        { key: 'len', label: 'L', kind: 'text', required: 'yes', min: 1.5 },
        { key: 'ms', label: 'M', kind: 'multi-select', required: false, options: ['a', 'a', ''] },
      ]),
    );
    expect(errors).toEqual([
      { field: '/form/0/options', message: 'give at least one option' },
      { field: '/form/1/key', message: 'is used by another field of the form' },
      { field: '/form/1/label', message: 'must not be empty' },
      { field: '/form/1/pattern', message: 'is not a valid regular expression' },
      {
        field: '/form/2/key',
        message: 'must start with a letter and hold only letters, digits and _ (at most 64)',
      },
      { field: '/form/2/max', message: 'must not be less than min' },
      {
        field: '/form/3/kind',
        message:
          'must be one of text, long-text, number, date, select, multi-select, user, checkbox',
      },
      { field: '/form/4/required', message: 'must be true or false' },
      { field: '/form/4/min', message: 'a length must be a whole number, 0 or more' },
      { field: '/form/5/options/1', message: 'appears twice' },
      { field: '/form/5/options/2', message: 'must not be empty' },
    ]);
  });
});

describe('checkApprovals and checkTasks', () => {
  it('keeps the order of steps and requires a group for group steps', () => {
    expect(
      checkApprovals([{ kind: 'manager', groupId: 'ignored' }, { kind: 'service-owner' }]),
    ).toEqual([{ kind: 'manager' }, { kind: 'service-owner' }]);
    expect(errorsOf(() => checkApprovals([{ kind: 'group' }, { kind: 'ceo' }]))).toEqual([
      { field: '/approvals/0/groupId', message: 'choose the group that decides' },
      { field: '/approvals/1/kind', message: 'must be one of manager, service-owner, group' },
    ]);
  });

  it('requires a title for each task', () => {
    expect(checkTasks([{ title: ' Image the laptop ', groupId: 'g1' }])).toEqual([
      { title: 'Image the laptop', groupId: 'g1' },
    ]);
    expect(errorsOf(() => checkTasks([{ title: ' ', groupId: null }]))).toEqual([
      { field: '/tasks/0/title', message: 'must not be empty' },
    ]);
  });
});
