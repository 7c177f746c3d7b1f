import { Group, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { StatusBadge, type StatusTone } from '../../ui/status-badge';
import type { ReviewAction, ReviewStatus } from './api';

const TONE: Record<ReviewStatus, StatusTone> = {
  planned: 'new',
  held: 'inProgress',
  closed: 'done',
};

export function ReviewStatusBadge({ status }: { status: ReviewStatus }) {
  const { t } = useTranslation();
  return (
    <StatusBadge tone={TONE[status]} label={t(`managementReviews.statuses.${status}`)} size="sm" />
  );
}

export function ActionStatusBadge({
  action,
}: {
  action: Pick<ReviewAction, 'status' | 'overdue'>;
}) {
  const { t } = useTranslation();
  if (action.overdue)
    return (
      <Group gap={4} wrap="nowrap">
        <Text c="red" span lh={1}>
          <IconAlertTriangle size={14} aria-hidden />
        </Text>
        <Text size="xs" c="red" fw={500} span>
          {t('managementReviews.actionStatuses.overdue')}
        </Text>
      </Group>
    );
  return (
    <StatusBadge
      tone={action.status === 'done' ? 'done' : 'waiting'}
      label={t(`managementReviews.actionStatuses.${action.status}`)}
      size="sm"
    />
  );
}
