import { Badge, Group, Text, Tooltip } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { AnchorLink } from '../../ui/links';
import { StatusBadge, type StatusTone } from '../../ui/status-badge';
import type { Improvement, ImprovementStatus, PriorityBand } from './api';

const TONE: Record<ImprovementStatus, StatusTone> = {
  proposed: 'new',
  approved: 'waiting',
  in_progress: 'inProgress',
  implemented: 'done',
  closed: 'inactive',
  rejected: 'failed',
};

export function ImprovementStatusBadge({
  status,
  size = 'sm',
}: {
  status: ImprovementStatus;
  size?: 'xs' | 'sm' | 'md';
}) {
  const { t } = useTranslation();
  return (
    <StatusBadge tone={TONE[status]} label={t(`improvements.statuses.${status}`)} size={size} />
  );
}

const BAND_COLOUR: Record<PriorityBand, string> = {
  P1: 'red',
  P2: 'orange',
  P3: 'blue',
  P4: 'gray',
};

/** "P2 · 28" with the band's colour and its meaning on hover; "not scored" otherwise. */
export function PriorityBadge({
  priority,
  size = 'sm',
}: {
  priority: Improvement['priority'];
  size?: 'xs' | 'sm';
}) {
  const { t } = useTranslation();
  if (!priority)
    return (
      <Badge size={size} variant="outline" color="gray" tt="none">
        {t('improvements.priority.unscored')}
      </Badge>
    );
  return (
    <Tooltip label={t(`improvements.priority.bands.${priority.band}`)}>
      <Badge
        size={size}
        variant="filled"
        color={BAND_COLOUR[priority.band]}
        tt="none"
        aria-label={t('improvements.priority.aria', {
          band: priority.band,
          score: priority.score,
        })}
      >
        {priority.band} · {priority.score}
      </Badge>
    </Tooltip>
  );
}

export function OverdueFlag({ overdue }: { overdue: boolean }) {
  const { t } = useTranslation();
  if (!overdue) return null;
  return (
    <Group gap={4} wrap="nowrap">
      <Text c="red" span lh={1}>
        <IconAlertTriangle size={14} aria-hidden />
      </Text>
      <Text size="xs" c="red" fw={500} span>
        {t('improvements.overdue')}
      </Text>
    </Group>
  );
}

/** Where an improvement came from, linked to the record when Meridian holds it. */
export function SourceLink({ improvement }: { improvement: Improvement }) {
  const { t } = useTranslation();
  const { source, sourceId } = improvement;
  const label = improvement.sourceLabel || t(`improvements.sources.${source}`);
  if (!sourceId) return <>{label}</>;
  if (source === 'complaint')
    return (
      <AnchorLink to="/complaints/$complaintId" params={{ complaintId: sourceId }} size="sm">
        {label}
      </AnchorLink>
    );
  if (source === 'problem')
    return (
      <AnchorLink to="/problems/$problemId" params={{ problemId: sourceId }} size="sm">
        {label}
      </AnchorLink>
    );
  if (source === 'audit-finding') return <FindingLink id={sourceId} label={label} />;
  if (source === 'management-review') return <ReviewActionLink id={sourceId} label={label} />;
  return <>{label}</>;
}

function FindingLink({ id, label }: { id: string; label: string }) {
  const finding = useQuery({
    queryKey: ['audit-findings', 'detail', id],
    queryFn: ({ signal }) =>
      api.get<{ auditId: string }>(`/api/v1/audit-findings/${encodeURIComponent(id)}`, {
        signal,
      }),
    retry: false,
  });
  if (!finding.data) return <>{label}</>;
  return (
    <AnchorLink to="/audits/$auditId" params={{ auditId: finding.data.auditId }} size="sm">
      {label}
    </AnchorLink>
  );
}

function ReviewActionLink({ id, label }: { id: string; label: string }) {
  const action = useQuery({
    queryKey: ['management-reviews', 'action', id],
    queryFn: ({ signal }) =>
      api.get<{ reviewId: string }>(`/api/v1/management-review-actions/${encodeURIComponent(id)}`, {
        signal,
      }),
    retry: false,
  });
  if (!action.data) return <>{label}</>;
  return (
    <AnchorLink
      to="/management-reviews/$reviewId"
      params={{ reviewId: action.data.reviewId }}
      size="sm"
    >
      {label}
    </AnchorLink>
  );
}
