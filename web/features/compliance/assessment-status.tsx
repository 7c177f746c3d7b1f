import { useTranslation } from 'react-i18next';
import { StatusBadge } from '../../ui/status-badge';

export function AssessmentStatusBadge({ status }: { status: 'open' | 'closed' }) {
  const { t } = useTranslation();
  return (
    <StatusBadge
      tone={status === 'open' ? 'inProgress' : 'inactive'}
      label={t(`compliance.assessment.statuses.${status}`)}
      size="sm"
    />
  );
}
