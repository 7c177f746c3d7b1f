import { Badge } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { StatusBadge, type StatusTone } from '../../ui/status-badge';
import type { ActionState, AuditStatus, Finding, SampleResult } from './api';
import classes from './grade-badge.module.css';

const AUDIT_TONES: Record<AuditStatus, StatusTone> = {
  planned: 'new',
  'in-progress': 'inProgress',
  completed: 'done',
  cancelled: 'inactive',
};

export function AuditStatusBadge({ status, size }: { status: AuditStatus; size?: 'xs' | 'sm' }) {
  const { t } = useTranslation();
  return (
    <StatusBadge tone={AUDIT_TONES[status]} label={t(`audits.statuses.${status}`)} size={size} />
  );
}

const RESULT_TONES: Record<SampleResult, StatusTone> = {
  'not-audited': 'inactive',
  conforming: 'done',
  nonconforming: 'failed',
};

export function ResultBadge({ result }: { result: SampleResult }) {
  const { t } = useTranslation();
  return (
    <StatusBadge tone={RESULT_TONES[result]} label={t(`audits.results.${result}`)} size="sm" />
  );
}

const ACTION_TONES: Record<ActionState, StatusTone> = {
  none: 'inactive',
  'to-plan': 'new',
  'in-progress': 'inProgress',
  done: 'waiting',
  verified: 'done',
};

export function ActionBadge({ finding }: { finding: Finding }) {
  const { t } = useTranslation();
  if (finding.status === 'closed')
    return <StatusBadge tone="done" label={t('audits.findingStatuses.closed')} size="sm" />;
  return (
    <StatusBadge
      tone={ACTION_TONES[finding.actionState]}
      label={t(`audits.actionStates.${finding.actionState}`)}
      size="sm"
    />
  );
}

export function OverdueBadge() {
  const { t } = useTranslation();
  return (
    <Badge
      color="red.9"
      variant="filled"
      size="sm"
      radius="sm"
      leftSection={<IconAlertTriangle size={12} aria-hidden />}
    >
      {t('audits.overdue')}
    </Badge>
  );
}

export function GradeBadge({ finding }: { finding: Pick<Finding, 'gradeKind' | 'gradeLabel'> }) {
  return (
    <Badge
      variant="outline"
      size="sm"
      radius="sm"
      className={classes.grade}
      data-kind={finding.gradeKind}
      vars={() => ({
        root: { '--badge-color': 'var(--grade-fg)', '--badge-bd': '1px solid var(--grade-fg)' },
      })}
    >
      {finding.gradeLabel}
    </Badge>
  );
}

/** A rate with one decimal in the interface language, or "—" words when nothing was audited. */
export function useRateText() {
  const { t, i18n } = useTranslation();
  const format = new Intl.NumberFormat(i18n.language, {
    minimumFractionDigits: 1,
    maximumFractionDigits: 1,
  });
  return (rate: number | null) =>
    rate === null ? t('audits.rate.none') : t('audits.rate.value', { value: format.format(rate) });
}

/** A calendar day (YYYY-MM-DD) in the interface language; days have no time zone. */
export function useDayFormat() {
  const { i18n } = useTranslation();
  const format = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeZone: 'UTC' });
  return (day: string | null | undefined, empty = '—') =>
    day ? format.format(new Date(`${day}T00:00:00Z`)) : empty;
}
