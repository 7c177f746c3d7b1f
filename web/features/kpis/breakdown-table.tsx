import { Group, SegmentedControl, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from '../../ui/problem';
import { type Dimension, type Kpi, type Period, seriesQuery } from './api';
import { useKpiFormat } from './format';
import { useKpiText } from './kpi-text';
import { KpiFigureLink } from './kpi-tile';
import { periodDays } from './period';

const FILTER_PARAM: Partial<Record<Dimension, 'serviceId' | 'priority' | 'groupId'>> = {
  service: 'serviceId',
  priority: 'priority',
  group: 'groupId',
};
const OFFERED: Dimension[] = ['service', 'priority', 'group'];

interface BreakdownTableProps {
  kpi: Kpi;
  period: Period;
  serviceId?: string;
}

/** A KPI by service, priority or group and by month (by quarter over more than six months). */
export function BreakdownTable({ kpi, period, serviceId }: BreakdownTableProps) {
  const { t } = useTranslation();
  const format = useKpiFormat();
  const kpiName = useKpiText().name(kpi);
  const offered = OFFERED.filter((d) => kpi.dimensions.includes(d));
  const [by, setBy] = useState<Dimension>(offered[0] ?? 'service');
  const grain = periodDays(period) > 184 ? 'quarter' : 'month';
  const query = useQuery({
    ...seriesQuery(kpi.key, { ...period, grain, by, serviceId }),
    enabled: offered.length > 0,
  });
  const buckets = query.data?.series[0]?.points ?? [];
  const caption = t('kpis.breakdown.caption', {
    name: kpiName,
    by: t(`kpis.breakdown.dimension.${by}`),
  });
  return (
    <section aria-label={caption}>
      <Group justify="space-between" mb="xs" wrap="wrap">
        <Text fw={600}>{kpiName}</Text>
        <SegmentedControl
          size="xs"
          aria-label={t('kpis.breakdown.by')}
          value={by}
          onChange={(value) => setBy(value as Dimension)}
          data={offered.map((d) => ({ value: d, label: t(`kpis.dimensions.${d}`) }))}
        />
      </Group>
      {query.isError && <ProblemAlert error={query.error} onRetry={() => query.refetch()} />}
      {query.data && query.data.series.length === 0 && (
        <Text size="sm" c="dimmed">
          {t('kpis.chart.empty')}
        </Text>
      )}
      {query.data && query.data.series.length > 0 && (
        <Table.ScrollContainer minWidth={400}>
          <Table striped withTableBorder fz="sm">
            <Table.Caption>{caption}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t(`kpis.dimensions.${by}`)}</Table.Th>
                {buckets.map((b) => (
                  <Table.Th
                    scope="col"
                    key={b.label}
                    style={{ textAlign: 'right', whiteSpace: 'nowrap' }}
                  >
                    {b.label}
                  </Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {query.data.series.map((row) => {
                const name = row.name ?? t('kpis.breakdown.none');
                const param = FILTER_PARAM[by];
                return (
                  <Table.Tr key={row.id ?? 'none'}>
                    <Table.Th scope="row" fw={500}>
                      {name}
                    </Table.Th>
                    {row.points.map((p) => {
                      const text = format.value(p.value, kpi.unit);
                      return (
                        <Table.Td
                          key={p.label}
                          style={{ textAlign: 'right', whiteSpace: 'nowrap' }}
                        >
                          {p.count > 0 && row.id && param ? (
                            <KpiFigureLink
                              kpi={kpi}
                              period={{ from: p.from, to: p.to }}
                              filter={{ serviceId, [param]: row.id }}
                              label={t('kpis.breakdown.cellLink', {
                                name: kpiName,
                                who: name,
                                bucket: p.label,
                                value: text,
                                count: p.count,
                              })}
                            >
                              {text}
                            </KpiFigureLink>
                          ) : (
                            text
                          )}
                        </Table.Td>
                      );
                    })}
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </section>
  );
}
