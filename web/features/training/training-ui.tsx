import { useTranslation } from 'react-i18next';
import { formattingLocale } from '../../ui/dates';
import { StatusBadge } from '../../ui/status-badge';
import type { Assignment, MatrixCell } from './api';

/** A calendar day (YYYY-MM-DD) in the reader's language: due dates have no time or zone. */
export function formatDay(value: string, language: string): string {
  return new Intl.DateTimeFormat(formattingLocale(language), {
    dateStyle: 'medium',
    timeZone: 'UTC',
  }).format(new Date(`${value}T00:00:00Z`));
}

export function Day({ value }: { value: string | null | undefined }) {
  const { i18n } = useTranslation();
  if (!value) return <span>—</span>;
  return <time dateTime={value}>{formatDay(value, i18n.language)}</time>;
}

export function AssignmentState({ assignment }: { assignment: Assignment }) {
  const { t } = useTranslation();
  if (assignment.status === 'completed')
    return <StatusBadge tone="done" label={t('training.states.completed')} size="sm" />;
  if (assignment.status === 'superseded')
    return <StatusBadge tone="inactive" label={t('training.states.superseded')} size="sm" />;
  return assignment.overdue ? (
    <StatusBadge tone="failed" label={t('training.states.overdue')} size="sm" />
  ) : (
    <StatusBadge tone="waiting" label={t('training.states.assigned')} size="sm" />
  );
}

export function CellState({ cell }: { cell: MatrixCell }) {
  const { t } = useTranslation();
  switch (cell.state) {
    case 'done':
      return <StatusBadge tone="done" label={t('training.matrix.states.done')} size="xs" />;
    case 'overdue':
      return <StatusBadge tone="failed" label={t('training.matrix.states.overdue')} size="xs" />;
    case 'due':
      return <StatusBadge tone="waiting" label={t('training.matrix.states.due')} size="xs" />;
    default:
      return (
        <StatusBadge tone="inactive" label={t('training.matrix.states.notRequired')} size="xs" />
      );
  }
}
