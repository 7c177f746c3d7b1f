import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { DocumentStatus } from './api';

const COLORS: Record<DocumentStatus, string> = {
  draft: 'gray',
  in_review: 'yellow',
  approved: 'green',
  retired: 'dark',
};

export function DocumentStatusBadge({ status }: { status: DocumentStatus }) {
  const { t } = useTranslation();
  return (
    <Badge color={COLORS[status]} variant="light">
      {t(`documents.statuses.${status}`)}
    </Badge>
  );
}

export function ReviewOverdueBadge() {
  const { t } = useTranslation();
  return (
    <Badge color="red" variant="filled" size="sm">
      {t('documents.reviewOverdue')}
    </Badge>
  );
}
