import { Group, Skeleton, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useDateFormat } from '../../ui/dates';
import { StatusBadge, type StatusTone } from '../../ui/status-badge';
import { type EvidenceFigure, evidenceSourceQuery } from './api';
import { useFigureText, useReasonText } from './figure-text';
import { useDayFormat } from './format';
import { isEvidenceSource, sourceKey } from './sources';

// Live evidence as the assessor sees it: which Meridian records prove the requirement, the figure
// they give today and how fresh the newest record is. Fresh means a record within 30 days;
// an auditor starts asking questions when the newest record is months old.

export type Freshness = 'fresh' | 'ageing' | 'stale' | 'empty' | 'unavailable';

export function freshnessOf(
  figure: Pick<EvidenceFigure, 'available' | 'count' | 'ageDays'> &
    Partial<Pick<EvidenceFigure, 'reasonKey'>>,
) {
  // A live source with no records in the period is empty, not missing from Meridian.
  if (!figure.available)
    return figure.reasonKey === 'noRecords' ? 'empty' : ('unavailable' as const);
  if (figure.count === 0 || figure.ageDays === null) return 'empty' as const;
  if (figure.ageDays <= 30) return 'fresh' as const;
  if (figure.ageDays <= 90) return 'ageing' as const;
  return 'stale' as const;
}

const TONE: Record<Freshness, StatusTone> = {
  fresh: 'done',
  ageing: 'waiting',
  stale: 'failed',
  empty: 'inactive',
  unavailable: 'inactive',
};

export function useSourceName() {
  const { t } = useTranslation();
  return (source: string) =>
    isEvidenceSource(source) ? t(`compliance.sources.${sourceKey(source)}`) : source;
}

export function FreshnessBadge({
  freshness,
  ageDays,
}: {
  freshness: Freshness;
  ageDays: number | null;
}) {
  const { t } = useTranslation();
  const label =
    freshness === 'fresh' || freshness === 'ageing' || freshness === 'stale'
      ? t(`compliance.freshness.${freshness}`, { count: ageDays ?? 0 })
      : t(`compliance.freshness.${freshness}`);
  return <StatusBadge tone={TONE[freshness]} label={label} size="sm" />;
}

/** One source's figure: its name, the figure over the period, the freshness badge. */
export function EvidenceFigureRow({
  figure,
  description,
}: {
  figure: EvidenceFigure;
  description?: string;
}) {
  const { t } = useTranslation();
  const sourceName = useSourceName();
  const dates = useDateFormat();
  const day = useDayFormat();
  const figureText = useFigureText();
  const reasonText = useReasonText();
  const freshness = freshnessOf(figure);
  return (
    <Stack gap={2}>
      <Group gap="xs" wrap="wrap">
        <Text size="sm" fw={600}>
          {sourceName(figure.source)}
        </Text>
        <FreshnessBadge freshness={freshness} ageDays={figure.ageDays} />
      </Group>
      {description && (
        <Text size="sm" c="dimmed">
          {description}
        </Text>
      )}
      <Text size="sm">
        {figure.available || (figure.reasonKey === 'noRecords' && figure.key)
          ? figureText(figure)
          : reasonText(figure)}
      </Text>
      {figure.available && (
        <Text size="xs" c="dimmed">
          {t('compliance.evidence.period', {
            from: day(figure.period.from),
            to: day(figure.period.to),
          })}
          {figure.latestRecordAt &&
            ` · ${t('compliance.evidence.latest', { when: dates.dateTime(figure.latestRecordAt) })}`}
        </Text>
      )}
    </Stack>
  );
}

/** A library source with its current figure over the default period (last 90 days). */
export function LiveSourceFigure({ source, description }: { source: string; description: string }) {
  const { t } = useTranslation();
  const sourceName = useSourceName();
  const query = useQuery({ ...evidenceSourceQuery(source), enabled: isEvidenceSource(source) });
  if (query.isPending && isEvidenceSource(source)) {
    return (
      <Stack gap={4}>
        <Text size="sm" fw={600}>
          {sourceName(source)}
        </Text>
        <Skeleton height={12} width="60%" />
      </Stack>
    );
  }
  if (!query.data) {
    return (
      <Stack gap={2}>
        <Text size="sm" fw={600}>
          {sourceName(source)}
        </Text>
        <Text size="sm" c="dimmed">
          {description}
        </Text>
        {query.isError && (
          <Text size="xs" c="dimmed">
            {t('compliance.evidence.figureFailed')}
          </Text>
        )}
      </Stack>
    );
  }
  return <EvidenceFigureRow figure={query.data} description={description} />;
}
