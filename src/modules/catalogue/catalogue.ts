// The service catalogue: the services the desk supports and the request types people order from
// them, each with its own form, approval chain and fulfilment tasks. Pure rules only: checking a
// definition a manager writes, and checking the answers a requester gives to it.
import { DomainError, type FieldError } from '../../shared/errors.js';

export const SERVICE_STATUSES = ['pipeline', 'live', 'retired'] as const;
export type ServiceStatus = (typeof SERVICE_STATUSES)[number];

export const FIELD_KINDS = [
  'text',
  'long-text',
  'number',
  'date',
  'select',
  'multi-select',
  'user',
  'checkbox',
] as const;
export type FieldKind = (typeof FIELD_KINDS)[number];

export const APPROVAL_KINDS = ['manager', 'service-owner', 'group'] as const;
export type ApprovalKind = (typeof APPROVAL_KINDS)[number];

export const MAX_FIELDS = 50;
export const MAX_OPTIONS = 200;
export const MAX_APPROVALS = 10;
export const MAX_TASKS = 50;
/** Answers longer than this are refused even without a `max` (a form is not a file upload). */
export const TEXT_LIMIT = { text: 1_000, 'long-text': 20_000 } as const;

export interface FormField {
  /** Identifier of the answer in `formAnswers`, unique in the form. */
  key: string;
  label: string;
  kind: FieldKind;
  required: boolean;
  help?: string;
  /** The choices of select and multi-select fields. */
  options?: string[];
  /** Number fields: bounds of the value; text fields: bounds of the length. */
  min?: number;
  max?: number;
  /** Text fields: a regular expression the whole answer must match. */
  pattern?: string;
}

/** Steps are decided one after the other, in array order. */
export interface ApprovalStep {
  kind: ApprovalKind;
  /** Any member of this group may decide (kind `group` only). */
  groupId?: string;
}

export interface TaskTemplate {
  title: string;
  groupId: string | null;
}

export interface Service {
  id: string;
  name: string;
  description: string;
  status: ServiceStatus;
  ownerId: string | null;
  calendarId: string | null;
  defaultGroupId: string | null;
  /** Availability target in percent (e.g. 99.9), null when none is agreed (clause 8.7.1). */
  availabilityTarget: number | null;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export interface RequestType {
  id: string;
  serviceId: string;
  name: string;
  description: string;
  active: boolean;
  form: FormField[];
  approvals: ApprovalStep[];
  tasks: TaskTemplate[];
  instructions: string;
  createdAt: string;
  updatedAt: string;
  version: number;
}

const KEY = /^[A-Za-z][A-Za-z0-9_]{0,63}$/;
const TEXT_KINDS: readonly FieldKind[] = ['text', 'long-text'];
const SELECT_KINDS: readonly FieldKind[] = ['select', 'multi-select'];
const BOUNDED_KINDS: readonly FieldKind[] = ['number', 'text', 'long-text'];

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function failed(message: string, errors: FieldError[]): DomainError {
  return new DomainError(
    'VALIDATION_FAILED',
    `${message} ${errors.map((e) => `${e.field}: ${e.message}`).join('; ')}`,
    { errors },
  );
}

export function checkStatus(status: string): ServiceStatus {
  if (!(SERVICE_STATUSES as readonly string[]).includes(status)) {
    throw failed('The service status is not valid.', [
      { field: '/status', message: `must be one of ${SERVICE_STATUSES.join(', ')}` },
    ]);
  }
  return status as ServiceStatus;
}

/**
 * An availability target is a percentage of the time the service is up: above 0 (a target of 0
 * would judge nothing) and at most 100. Null clears it.
 */
export function checkAvailabilityTarget(value: number | null): number | null {
  if (value === null) return null;
  if (!Number.isFinite(value) || value <= 0 || value > 100) {
    throw failed('The availability target is not valid.', [
      { field: '/availabilityTarget', message: 'must be a percentage above 0 and at most 100' },
    ]);
  }
  return value;
}

/** Compiles a field's pattern as the answer checker will use it (the whole answer must match). */
export function compilePattern(pattern: string): RegExp {
  return new RegExp(`^(?:${pattern})$`, 'u');
}

/**
 * Checks a form definition and returns it cleaned: labels trimmed, attributes that do not apply
 * to a field's kind dropped. Every problem is reported at once, at its JSON pointer
 * (`/form/2/options`).
 */
export function checkForm(form: unknown, base = '/form'): FormField[] {
  if (!Array.isArray(form))
    throw failed('The form is not valid.', [{ field: base, message: 'must be a list of fields' }]);
  const errors: FieldError[] = [];
  const problem = (field: string, message: string) => errors.push({ field, message });
  if (form.length > MAX_FIELDS) problem(base, `may have at most ${MAX_FIELDS} fields`);
  const keys = new Set<string>();
  const cleaned: FormField[] = [];
  form.forEach((raw: unknown, index) => {
    const at = `${base}/${index}`;
    if (!isObject(raw)) {
      problem(at, 'must be a field definition');
      return;
    }
    const key = typeof raw.key === 'string' ? raw.key.trim() : '';
    if (!KEY.test(key)) {
      problem(
        `${at}/key`,
        'must start with a letter and hold only letters, digits and _ (at most 64)',
      );
    } else if (keys.has(key)) {
      problem(`${at}/key`, 'is used by another field of the form');
    }
    keys.add(key);
    const label = typeof raw.label === 'string' ? raw.label.trim() : '';
    if (!label) problem(`${at}/label`, 'must not be empty');
    else if (label.length > 200) problem(`${at}/label`, 'must be at most 200 characters');
    const kind = raw.kind as FieldKind;
    if (!FIELD_KINDS.includes(kind)) {
      problem(`${at}/kind`, `must be one of ${FIELD_KINDS.join(', ')}`);
      return;
    }
    if (typeof raw.required !== 'boolean') problem(`${at}/required`, 'must be true or false');
    const field: FormField = { key, label, kind, required: raw.required === true };
    if (raw.help !== undefined && raw.help !== null) {
      if (typeof raw.help !== 'string') problem(`${at}/help`, 'must be text');
      else if (raw.help.trim()) field.help = raw.help.trim();
    }

    if (SELECT_KINDS.includes(kind)) {
      const options = raw.options;
      if (!Array.isArray(options) || options.length === 0) {
        problem(`${at}/options`, 'give at least one option');
      } else if (options.length > MAX_OPTIONS) {
        problem(`${at}/options`, `may have at most ${MAX_OPTIONS} options`);
      } else {
        const seen = new Set<string>();
        const list: string[] = [];
        options.forEach((option: unknown, i) => {
          const value = typeof option === 'string' ? option.trim() : '';
          if (!value) problem(`${at}/options/${i}`, 'must not be empty');
          else if (value.length > 200)
            problem(`${at}/options/${i}`, 'must be at most 200 characters');
          else if (seen.has(value)) problem(`${at}/options/${i}`, 'appears twice');
          seen.add(value);
          list.push(value);
        });
        field.options = list;
      }
    }

    if (BOUNDED_KINDS.includes(kind)) {
      const text = TEXT_KINDS.includes(kind);
      for (const bound of ['min', 'max'] as const) {
        const value = raw[bound];
        if (value === undefined || value === null) continue;
        if (typeof value !== 'number' || !Number.isFinite(value)) {
          problem(`${at}/${bound}`, 'must be a number');
        } else if (text && !(Number.isInteger(value) && value >= 0)) {
          problem(`${at}/${bound}`, 'a length must be a whole number, 0 or more');
        } else if (text && value > TEXT_LIMIT[kind as 'text']) {
          problem(`${at}/${bound}`, `a length must be at most ${TEXT_LIMIT[kind as 'text']}`);
        } else {
          field[bound] = value;
        }
      }
      if (field.min !== undefined && field.max !== undefined && field.max < field.min) {
        problem(`${at}/max`, 'must not be less than min');
      }
    }

    if (
      TEXT_KINDS.includes(kind) &&
      raw.pattern !== undefined &&
      raw.pattern !== null &&
      raw.pattern !== ''
    ) {
      if (typeof raw.pattern !== 'string') problem(`${at}/pattern`, 'must be text');
      else if (raw.pattern.length > 500) problem(`${at}/pattern`, 'must be at most 500 characters');
      else {
        try {
          compilePattern(raw.pattern);
          field.pattern = raw.pattern;
        } catch {
          problem(`${at}/pattern`, 'is not a valid regular expression');
        }
      }
    }
    cleaned.push(field);
  });
  if (errors.length) throw failed('The form is not valid.', errors);
  return cleaned;
}

/** Checks approval steps; whether the groups exist is for the caller to check. */
export function checkApprovals(approvals: unknown, base = '/approvals'): ApprovalStep[] {
  if (!Array.isArray(approvals)) {
    throw failed('The approvals are not valid.', [
      { field: base, message: 'must be a list of steps' },
    ]);
  }
  const errors: FieldError[] = [];
  if (approvals.length > MAX_APPROVALS) {
    errors.push({ field: base, message: `may have at most ${MAX_APPROVALS} steps` });
  }
  const steps: ApprovalStep[] = [];
  approvals.forEach((raw: unknown, index) => {
    const at = `${base}/${index}`;
    if (!isObject(raw) || !APPROVAL_KINDS.includes(raw.kind as ApprovalKind)) {
      errors.push({ field: `${at}/kind`, message: `must be one of ${APPROVAL_KINDS.join(', ')}` });
      return;
    }
    const kind = raw.kind as ApprovalKind;
    if (kind !== 'group') {
      steps.push({ kind });
      return;
    }
    const groupId = typeof raw.groupId === 'string' ? raw.groupId.trim() : '';
    if (!groupId) errors.push({ field: `${at}/groupId`, message: 'choose the group that decides' });
    else steps.push({ kind, groupId });
  });
  if (errors.length) throw failed('The approvals are not valid.', errors);
  return steps;
}

/** Checks fulfilment task templates; whether the groups exist is for the caller to check. */
export function checkTasks(tasks: unknown, base = '/tasks'): TaskTemplate[] {
  if (!Array.isArray(tasks)) {
    throw failed('The tasks are not valid.', [{ field: base, message: 'must be a list of tasks' }]);
  }
  const errors: FieldError[] = [];
  if (tasks.length > MAX_TASKS)
    errors.push({ field: base, message: `may have at most ${MAX_TASKS} tasks` });
  const templates: TaskTemplate[] = [];
  tasks.forEach((raw: unknown, index) => {
    const at = `${base}/${index}`;
    if (!isObject(raw)) {
      errors.push({ field: at, message: 'must be a task' });
      return;
    }
    const title = typeof raw.title === 'string' ? raw.title.trim() : '';
    if (!title) errors.push({ field: `${at}/title`, message: 'must not be empty' });
    else if (title.length > 200)
      errors.push({ field: `${at}/title`, message: 'must be at most 200 characters' });
    const groupId =
      typeof raw.groupId === 'string' && raw.groupId.trim() ? raw.groupId.trim() : null;
    if (raw.groupId !== undefined && raw.groupId !== null && typeof raw.groupId !== 'string') {
      errors.push({ field: `${at}/groupId`, message: 'must be a group id or null' });
    }
    templates.push({ title, groupId });
  });
  if (errors.length) throw failed('The tasks are not valid.', errors);
  return templates;
}

/** Group ids a request type refers to, with the pointer to name when one does not exist. */
export function groupReferences(
  approvals: ApprovalStep[],
  tasks: TaskTemplate[],
): { groupId: string; field: string }[] {
  const refs: { groupId: string; field: string }[] = [];
  approvals.forEach((step, i) => {
    if (step.groupId) refs.push({ groupId: step.groupId, field: `/approvals/${i}/groupId` });
  });
  tasks.forEach((task, i) => {
    if (task.groupId) refs.push({ groupId: task.groupId, field: `/tasks/${i}/groupId` });
  });
  return refs;
}

/** A real calendar date written YYYY-MM-DD. */
export function isIsoDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return (
    date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day
  );
}

const isBlank = (value: unknown) =>
  value === undefined ||
  value === null ||
  (typeof value === 'string' && value.trim() === '') ||
  (Array.isArray(value) && value.length === 0);

/** Checks one answer; returns the cleaned value, or a message saying what is wrong. */
function checkAnswer(field: FormField, value: unknown): { value: unknown } | { message: string } {
  switch (field.kind) {
    case 'text':
    case 'long-text': {
      if (typeof value !== 'string') return { message: 'must be text' };
      const text = value.trim();
      const length = [...text].length;
      const limit = TEXT_LIMIT[field.kind];
      if (field.min !== undefined && length < field.min) {
        return { message: `must be at least ${field.min} characters` };
      }
      if (length > Math.min(field.max ?? limit, limit)) {
        return { message: `must be at most ${Math.min(field.max ?? limit, limit)} characters` };
      }
      if (field.pattern && !compilePattern(field.pattern).test(text)) {
        return { message: 'does not have the expected format' };
      }
      return { value: text };
    }
    case 'number': {
      const number =
        typeof value === 'number'
          ? value
          : typeof value === 'string' && value.trim() !== ''
            ? Number(value.trim())
            : Number.NaN;
      if (!Number.isFinite(number)) return { message: 'must be a number' };
      if (field.min !== undefined && number < field.min) {
        return { message: `must be at least ${field.min}` };
      }
      if (field.max !== undefined && number > field.max) {
        return { message: `must be at most ${field.max}` };
      }
      return { value: number };
    }
    case 'date':
      if (typeof value !== 'string' || !isIsoDate(value.trim())) {
        return { message: 'must be a date written YYYY-MM-DD' };
      }
      return { value: value.trim() };
    case 'select':
      if (typeof value !== 'string' || !(field.options ?? []).includes(value)) {
        return { message: 'must be one of the options' };
      }
      return { value };
    case 'multi-select': {
      if (!Array.isArray(value)) return { message: 'must be a list of options' };
      const options = field.options ?? [];
      const unknown = value.filter((v) => typeof v !== 'string' || !options.includes(v));
      if (unknown.length)
        return { message: `not among the options: ${unknown.map(String).join(', ')}` };
      return { value: [...new Set(value as string[])] };
    }
    case 'user':
      if (typeof value !== 'string' || !value.trim() || value.trim().length > 64) {
        return { message: 'must be a person' };
      }
      return { value: value.trim() };
    case 'checkbox':
      if (typeof value !== 'boolean') return { message: 'must be true or false' };
      if (field.required && !value) return { message: 'must be ticked' };
      return { value };
  }
}

/**
 * Checks a requester's answers to a request type's form. Returns the cleaned answers (only the
 * form's keys, numbers as numbers, trimmed text) or throws one VALIDATION_FAILED naming every
 * bad answer at `/formAnswers/<key>`. Whether a `user` answer is a real person is for the caller
 * to check.
 */
export function validateAnswers(form: FormField[], answers: unknown): Record<string, unknown> {
  if (answers !== undefined && answers !== null && !isObject(answers)) {
    throw failed('The answers to the request form are not valid.', [
      { field: '/formAnswers', message: 'must be an object of answers by field key' },
    ]);
  }
  const given = (answers ?? {}) as Record<string, unknown>;
  const errors: FieldError[] = [];
  const cleaned: Record<string, unknown> = {};
  for (const field of form) {
    const at = `/formAnswers/${field.key}`;
    const value = Object.hasOwn(given, field.key) ? given[field.key] : undefined;
    if (field.kind === 'checkbox' && (value === undefined || value === null)) {
      if (field.required) errors.push({ field: at, message: 'must be ticked' });
      else cleaned[field.key] = false;
      continue;
    }
    if (isBlank(value)) {
      if (field.required) errors.push({ field: at, message: 'is required' });
      continue;
    }
    const result = checkAnswer(field, value);
    if ('message' in result) errors.push({ field: at, message: result.message });
    else if (!isBlank(result.value)) cleaned[field.key] = result.value;
    else if (field.required) errors.push({ field: at, message: 'is required' });
  }
  if (errors.length) throw failed('Some answers to the request form are not valid.', errors);
  return cleaned;
}
