import { useTranslation } from 'react-i18next';
import { StatusBadge, type StatusTone } from '../../ui/status-badge';
import type { ProblemStatus } from './api';

const TONE: Record<ProblemStatus, StatusTone> = {
  new: 'new',
  under_investigation: 'inProgress',
  known_error: 'waiting',
  resolved: 'done',
  closed: 'inactive',
};

export function ProblemStatusBadge({
  status,
  size = 'sm',
}: {
  status: ProblemStatus;
  size?: 'xs' | 'sm' | 'md';
}) {
  const { t } = useTranslation();
  return <StatusBadge tone={TONE[status]} label={t(`problems.statuses.${status}`)} size={size} />;
}
