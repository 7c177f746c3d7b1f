import {
  Checkbox,
  MultiSelect,
  NumberInput,
  Select,
  Stack,
  Textarea,
  TextInput,
} from '@mantine/core';
import { DateInput } from '@mantine/dates';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client';
import { SlaDatesProvider } from '../sla-calendars/sla-dates';
import type { FormField } from './api';
import { PersonSelect } from './person-select';

// A request type's form, for filling in (the portal, an agent raising a request on someone's
// behalf, the preview in the form builder). Answers are keyed by field key, as the server takes
// them in `formAnswers`; its field errors (`/formAnswers/<key>`) show next to the right input.

export type Answers = Record<string, unknown>;

interface RequestFormProps {
  fields: FormField[];
  value: Answers;
  onChange: (value: Answers) => void;
  /** Problems by field key; `answerErrorsOf(error)` turns a server refusal into these. */
  errors?: Record<string, ReactNode>;
  disabled?: boolean;
}

/** The server's `/formAnswers/<key>` field errors by field key. */
export function answerErrorsOf(error: unknown): Record<string, string> {
  const result: Record<string, string> = {};
  if (!isApiError(error)) return result;
  for (const problem of error.problem.errors ?? []) {
    const match = /^\/?(?:body\/)?formAnswers\/(.+)$/.exec(problem.field);
    if (match?.[1] && !(match[1] in result)) result[match[1]] = problem.message;
  }
  return result;
}

/** What the browser can tell before sending: required answers that are missing. */
export function missingAnswers(fields: FormField[], value: Answers): string[] {
  return fields
    .filter((field) => {
      if (!field.required) return false;
      const answer = value[field.key];
      if (field.kind === 'checkbox') return answer !== true;
      return (
        answer === undefined ||
        answer === null ||
        (typeof answer === 'string' && !answer.trim()) ||
        (Array.isArray(answer) && answer.length === 0)
      );
    })
    .map((field) => field.key);
}

export function RequestForm({ fields, value, onChange, errors = {}, disabled }: RequestFormProps) {
  const set = (key: string, answer: unknown) => onChange({ ...value, [key]: answer });
  return (
    <SlaDatesProvider>
      <Stack gap="sm">
        {fields.map((field) => (
          <AnswerInput
            key={field.key}
            field={field}
            value={value[field.key]}
            onChange={(answer) => set(field.key, answer)}
            error={errors[field.key]}
            disabled={disabled}
          />
        ))}
      </Stack>
    </SlaDatesProvider>
  );
}

interface AnswerInputProps {
  field: FormField;
  value: unknown;
  onChange: (value: unknown) => void;
  error?: ReactNode;
  disabled?: boolean;
}

function AnswerInput({ field, value, onChange, error, disabled }: AnswerInputProps) {
  const { t } = useTranslation();
  const common = {
    label: field.label,
    description: field.help,
    required: field.required,
    error,
    disabled,
  };
  const text = typeof value === 'string' ? value : '';
  switch (field.kind) {
    case 'text':
      return (
        <TextInput
          {...common}
          value={text}
          onChange={(event) => onChange(event.currentTarget.value)}
          maxLength={field.max}
          autoComplete="off"
        />
      );
    case 'long-text':
      return (
        <Textarea
          {...common}
          value={text}
          onChange={(event) => onChange(event.currentTarget.value)}
          maxLength={field.max}
          autosize
          minRows={3}
          maxRows={12}
        />
      );
    case 'number':
      return (
        <NumberInput
          {...common}
          value={typeof value === 'number' || typeof value === 'string' ? value : ''}
          onChange={(next) => onChange(next === '' ? undefined : next)}
          min={field.min}
          max={field.max}
        />
      );
    case 'date':
      return (
        <DateInput
          {...common}
          value={text || null}
          onChange={(next) => onChange(next ?? undefined)}
          valueFormat="YYYY-MM-DD"
          placeholder={t('calendars.datePlaceholder')}
          clearable={!field.required}
          clearButtonProps={{ 'aria-label': t('calendars.clearDate') }}
          popoverProps={{ withinPortal: true }}
        />
      );
    case 'select':
      return (
        <Select
          {...common}
          data={field.options ?? []}
          value={text || null}
          onChange={(next) => onChange(next ?? undefined)}
          searchable={(field.options?.length ?? 0) > 7}
          clearable={!field.required}
          placeholder={t('catalogue.requestForm.choose')}
          nothingFoundMessage={t('common.nothingFound')}
        />
      );
    case 'multi-select':
      return (
        <MultiSelect
          {...common}
          data={field.options ?? []}
          value={Array.isArray(value) ? (value as string[]) : []}
          onChange={onChange}
          searchable={(field.options?.length ?? 0) > 7}
          clearable
          clearButtonProps={{
            'aria-label': t('catalogue.requestForm.clear', { label: field.label }),
          }}
          placeholder={t('catalogue.requestForm.chooseMany')}
          nothingFoundMessage={t('common.nothingFound')}
        />
      );
    case 'user':
      return (
        <PersonSelect
          label={field.label}
          required={field.required}
          description={field.help}
          value={text || null}
          onChange={(next) => onChange(next ?? undefined)}
          error={error}
          disabled={disabled}
        />
      );
    case 'checkbox':
      return (
        <Checkbox
          label={field.label}
          description={field.help}
          required={field.required}
          checked={value === true}
          onChange={(event) => onChange(event.currentTarget.checked)}
          error={error}
          disabled={disabled}
        />
      );
  }
}
