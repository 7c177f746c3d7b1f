import { Badge } from '@mantine/core';
import {
  IconAlertTriangle,
  IconBolt,
  IconGauge,
  IconRepeat,
  IconTemplate,
} from '@tabler/icons-react';
import type { TFunction } from 'i18next';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { StatusBadge, type StatusTone } from '../../ui/status-badge';
import badgeClasses from '../../ui/status-badge.module.css';
import type { ApprovalMode, ChangeStatus, ChangeType, CloseCode, RiskLevel } from './api';

const STATUS_TONES: Record<ChangeStatus, StatusTone> = {
  draft: 'new',
  assessment: 'inProgress',
  awaiting_approval: 'waiting',
  scheduled: 'inProgress',
  implementing: 'inProgress',
  review: 'waiting',
  closed: 'done',
  cancelled: 'inactive',
  rejected: 'failed',
};

/** A change closed as failed or backed out is shown as failed, not done. */
export function ChangeStatusBadge({
  status,
  closeCode,
}: {
  status: ChangeStatus;
  closeCode?: CloseCode | null;
}) {
  const { t } = useTranslation();
  const failed = status === 'closed' && (closeCode === 'failed' || closeCode === 'backed_out');
  return (
    <StatusBadge
      tone={failed ? 'failed' : STATUS_TONES[status]}
      label={
        status === 'closed' && closeCode
          ? `${t('changes.statuses.closed')} · ${t(`changes.closeCodes.${closeCode}`)}`
          : t(`changes.statuses.${status}`)
      }
      size="sm"
    />
  );
}

const TONE_COLORS: Record<StatusTone, string> = {
  new: 'blue',
  inProgress: 'violet',
  waiting: 'yellow',
  done: 'green',
  failed: 'red',
  inactive: 'gray',
};

/**
 * A badge in one of the status tones, so its text keeps the contrast the status badges were tuned
 * for (web/ui/status-badge.module.css); always an icon and a word with the colour.
 */
export function ToneBadge({
  tone,
  icon,
  label,
  variant = 'light',
}: {
  tone: StatusTone;
  icon: ReactNode;
  label: string;
  variant?: 'light' | 'outline';
}) {
  return (
    <Badge
      color={TONE_COLORS[tone]}
      variant={variant}
      size="sm"
      radius="sm"
      leftSection={icon}
      className={badgeClasses.badge}
      data-tone={tone}
      vars={() => ({ root: { '--badge-color': 'var(--status-fg)' } })}
    >
      {label}
    </Badge>
  );
}

const TYPE_STYLE: Record<ChangeType, { tone: StatusTone; Icon: typeof IconBolt }> = {
  standard: { tone: 'done', Icon: IconTemplate },
  normal: { tone: 'new', Icon: IconRepeat },
  emergency: { tone: 'failed', Icon: IconBolt },
};

export function ChangeTypeBadge({ type }: { type: ChangeType }) {
  const { t } = useTranslation();
  const { tone, Icon } = TYPE_STYLE[type];
  return (
    <ToneBadge
      tone={tone}
      variant="outline"
      icon={<Icon size={12} aria-hidden />}
      label={t(`changes.types.${type}`)}
    />
  );
}

const RISK_TONE: Record<RiskLevel, StatusTone> = { low: 'done', medium: 'waiting', high: 'failed' };

/** "Risk: high", with its colour; "Risk not assessed" while the questionnaire is incomplete. */
export function RiskBadge({ level, score }: { level: RiskLevel | null; score?: number | null }) {
  const { t } = useTranslation();
  if (!level) {
    return (
      <ToneBadge
        tone="inactive"
        icon={<IconGauge size={12} aria-hidden />}
        label={t('changes.risk.notAssessed')}
      />
    );
  }
  const name = t(`changes.risk.levels.${level}`);
  return (
    <ToneBadge
      tone={RISK_TONE[level]}
      icon={
        level === 'high' ? (
          <IconAlertTriangle size={12} aria-hidden />
        ) : (
          <IconGauge size={12} aria-hidden />
        )
      }
      label={
        score === undefined || score === null
          ? t('changes.risk.level', { level: name })
          : t('changes.risk.levelScore', { level: name, score })
      }
    />
  );
}

/** "All approvers", "Any approver", "2 of 3 approvers". */
export function modeLabel(
  mode: ApprovalMode,
  required: number | null,
  eligible: number | null,
  t: TFunction,
): string {
  if (mode === 'all') return t('changes.approvals.modes.all');
  if (mode === 'any') return t('changes.approvals.modes.any');
  return eligible === null
    ? t('changes.approvals.modes.nOf', { n: required ?? 1 })
    : t('changes.approvals.modes.nOfM', { n: required ?? 1, m: eligible });
}
