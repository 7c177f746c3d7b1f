import {
  type ApprovalStep,
  BOUNDED_KINDS,
  type FieldKind,
  type FormField,
  type RequestType,
  SELECT_KINDS,
  type TaskTemplate,
  TEXT_KINDS,
} from './api';

// The request type editor's model and the checks the browser can make before sending. The
// server checks everything again and names problems by JSON pointer (`/form/2/options`), which
// the API client turns into these same form paths (`form.2.options`).

export interface RequestTypeValues extends Record<string, unknown> {
  name: string;
  serviceId: string;
  description: string;
  active: boolean;
  form: FormField[];
  approvals: ApprovalStep[];
  tasks: TaskTemplate[];
  instructions: string;
}

export const toRequestTypeValues = (r: RequestType): RequestTypeValues => ({
  name: r.name,
  serviceId: r.serviceId,
  description: r.description,
  active: r.active,
  form: r.form.map((field) => ({ ...field })),
  approvals: r.approvals.map((step) => ({ ...step })),
  tasks: r.tasks.map((task) => ({ ...task })),
  instructions: r.instructions,
});

const KEY = /^[A-Za-z][A-Za-z0-9_]{0,63}$/;

/** A key from a label: "Needed by" → "neededBy". */
export function keyFromLabel(label: string, taken: readonly string[]): string {
  const words = label
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean);
  let key = words
    .map((word, i) =>
      i === 0 ? word.toLowerCase() : word[0]?.toUpperCase() + word.slice(1).toLowerCase(),
    )
    .join('')
    .slice(0, 48);
  if (!/^[A-Za-z]/.test(key)) key = `field${key}`;
  let candidate = key;
  for (let n = 2; taken.includes(candidate); n++) candidate = `${key}${n}`;
  return candidate;
}

/** Keeps only the attributes that apply to the field's kind (after the kind changed). */
export function withKind(field: FormField, kind: FieldKind): FormField {
  const next: FormField = {
    key: field.key,
    label: field.label,
    kind,
    required: field.required,
  };
  if (field.help) next.help = field.help;
  if (SELECT_KINDS.includes(kind)) next.options = field.options ?? [];
  if (BOUNDED_KINDS.includes(kind) && BOUNDED_KINDS.includes(field.kind)) {
    const sameFamily = TEXT_KINDS.includes(kind) === TEXT_KINDS.includes(field.kind);
    if (sameFamily && field.min !== undefined) next.min = field.min;
    if (sameFamily && field.max !== undefined) next.max = field.max;
  }
  if (TEXT_KINDS.includes(kind) && field.pattern) next.pattern = field.pattern;
  return next;
}

export type EditorProblem =
  | 'required'
  | 'key'
  | 'duplicateKey'
  | 'options'
  | 'minMax'
  | 'pattern'
  | 'length'
  | 'group';

function compiles(pattern: string): boolean {
  try {
    new RegExp(`^(?:${pattern})$`, 'u');
    return true;
  } catch {
    return false;
  }
}

/** Problems keyed by form path (`name`, `form.0.key`, `approvals.1.groupId`). */
export function requestTypeProblems(values: RequestTypeValues): Record<string, EditorProblem> {
  const problems: Record<string, EditorProblem> = {};
  if (!values.name.trim()) problems.name = 'required';
  if (!values.serviceId) problems.serviceId = 'required';
  const keys = new Set<string>();
  values.form.forEach((field, i) => {
    const at = `form.${i}`;
    if (!KEY.test(field.key)) problems[`${at}.key`] = field.key ? 'key' : 'required';
    else if (keys.has(field.key)) problems[`${at}.key`] = 'duplicateKey';
    keys.add(field.key);
    if (!field.label.trim()) problems[`${at}.label`] = 'required';
    if (SELECT_KINDS.includes(field.kind) && !(field.options ?? []).some((o) => o.trim())) {
      problems[`${at}.options`] = 'options';
    }
    if (TEXT_KINDS.includes(field.kind)) {
      for (const bound of ['min', 'max'] as const) {
        const value = field[bound];
        if (value !== undefined && !(Number.isInteger(value) && value >= 0)) {
          problems[`${at}.${bound}`] = 'length';
        }
      }
    }
    if (field.min !== undefined && field.max !== undefined && field.max < field.min) {
      problems[`${at}.max`] = 'minMax';
    }
    if (field.pattern && !compiles(field.pattern)) problems[`${at}.pattern`] = 'pattern';
  });
  values.approvals.forEach((step, i) => {
    if (step.kind === 'group' && !step.groupId) problems[`approvals.${i}.groupId`] = 'group';
  });
  values.tasks.forEach((task, i) => {
    if (!task.title.trim()) problems[`tasks.${i}.title`] = 'required';
  });
  return problems;
}

/** The body to send: definitions cleaned of blanks. */
export function cleanForm(form: FormField[]): FormField[] {
  return form.map((field) => {
    const next = withKind(
      { ...field, label: field.label.trim(), key: field.key.trim() },
      field.kind,
    );
    if (next.options) next.options = next.options.map((o) => o.trim()).filter(Boolean);
    if (field.help?.trim()) next.help = field.help.trim();
    else delete next.help;
    return next;
  });
}

export function moved<T>(list: readonly T[], from: number, to: number): T[] {
  const next = [...list];
  const [item] = next.splice(from, 1);
  if (item !== undefined) next.splice(to, 0, item);
  return next;
}
