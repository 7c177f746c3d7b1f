import { Anchor, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { AnchorLink } from '../../ui/links';
import { StatusBadge } from '../../ui/status-badge';
import { type Kpi, type KpiFilter, type Period, RECORDS_ELSEWHERE, seriesQuery } from './api';
import { Sparkline } from './charts';
import { STATUS_COLOURS, STATUS_TONES, useBaselineLabel, useKpiFormat } from './format';
import { useKpiText } from './kpi-text';
import { trendGrain } from './period';

/** The link from a KPI figure to the records behind it (or to the module that lists them). */
export function KpiFigureLink({
  kpi,
  period,
  filter,
  children,
  label,
}: {
  kpi: Pick<Kpi, 'key'>;
  period: Period;
  filter?: KpiFilter & { priority?: string; groupId?: string; organisationId?: string };
  children: React.ReactNode;
  label: string;
}) {
  const elsewhere = RECORDS_ELSEWHERE[kpi.key];
  if (elsewhere)
    return (
      <Anchor href={elsewhere} aria-label={label} underline="hover" inherit>
        {children}
      </Anchor>
    );
  return (
    <AnchorLink
      to="/dashboard/kpis/$key/records"
      params={{ key: kpi.key }}
      search={{ from: period.from, to: period.to, ...filter }}
      aria-label={label}
      underline="hover"
      inherit
    >
      {children}
    </AnchorLink>
  );
}

export function StatusWord({ status }: { status: Kpi['current']['status'] }) {
  const { t } = useTranslation();
  return <StatusBadge tone={STATUS_TONES[status]} label={t(`kpis.status.${status}`)} size="sm" />;
}

interface KpiTileProps {
  kpi: Kpi;
  period: Period;
  serviceId?: string;
}

export function KpiTile({ kpi, period, serviceId }: KpiTileProps) {
  const { t } = useTranslation();
  const format = useKpiFormat();
  const baselineLabel = useBaselineLabel();
  const name = useKpiText().name(kpi);
  const current = kpi.current;
  const byService = serviceId && kpi.dimensions.includes('service') ? serviceId : undefined;
  const series = useQuery(
    seriesQuery(kpi.key, { ...period, grain: trendGrain(period), serviceId: byService }),
  );
  const points =
    series.data?.series[0]?.points.map((p) => ({ label: p.label, value: p.value })) ?? [];
  const fmt = (v: number | null) => format.value(v, kpi.unit);
  const headingId = `kpi-${kpi.key}`;
  return (
    <Card withBorder padding="md" radius="md" component="section" aria-labelledby={headingId}>
      <Stack gap={6}>
        <Group justify="space-between" align="flex-start" wrap="nowrap" gap="xs">
          <Title order={2} fz="md" id={headingId}>
            {name}
          </Title>
          <StatusWord status={current.status} />
        </Group>
        <Text fz={28} fw={700} lh={1.1}>
          <KpiFigureLink
            kpi={kpi}
            period={period}
            filter={kpi.filtered ? { serviceId } : undefined}
            label={t('kpis.tile.valueLink', { name, value: fmt(current.value) })}
          >
            {fmt(current.value)}
          </KpiFigureLink>
        </Text>
        <Text size="sm">
          {t('kpis.tile.target')}{' '}
          <Text span fw={600}>
            {fmt(current.targetValue)}
          </Text>
        </Text>
        <Text size="sm">
          {current.baseline
            ? t('kpis.tile.baseline', { label: baselineLabel(current.baseline) })
            : t('kpis.tile.noBaseline')}{' '}
          {current.baseline && (
            <Text span fw={600}>
              {fmt(current.baseline.value)}
            </Text>
          )}
        </Text>
        {current.change !== null && current.baseline && (
          <Text size="sm" c="dimmed">
            {t('kpis.tile.change', {
              change: format.change(current.change),
              label: baselineLabel(current.baseline),
            })}
          </Text>
        )}
        <Sparkline
          points={points}
          name={name}
          format={fmt}
          colour={STATUS_COLOURS[current.status]}
        />
        <Text size="xs" c="dimmed">
          {t('kpis.tile.count', { count: current.count })}
        </Text>
      </Stack>
    </Card>
  );
}
