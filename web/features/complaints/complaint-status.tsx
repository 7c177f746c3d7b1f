import { useTranslation } from 'react-i18next';
import { StatusBadge, type StatusTone } from '../../ui/status-badge';
import type { ComplaintStatus } from './api';

const TONE: Record<ComplaintStatus, StatusTone> = {
  open: 'new',
  investigating: 'inProgress',
  resolved: 'done',
  closed: 'inactive',
};

export function ComplaintStatusBadge({ status }: { status: ComplaintStatus }) {
  const { t } = useTranslation();
  return <StatusBadge tone={TONE[status]} label={t(`complaints.statuses.${status}`)} size="sm" />;
}
