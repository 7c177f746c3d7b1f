import { Skeleton, Table, Text, Title } from '@mantine/core';
import { queryOptions, useQueries, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { ProblemAlert } from '../../ui/problem';
import { catalogueKeys, type Service } from '../catalogue/api';
import type { Kpi, KpiStatus, Period } from './api';
import { useDayFormat, useKpiFormat } from './format';
import { StatusWord } from './kpi-tile';

// Availability per service on the service manager dashboard: each live service with an
// availability target (or the one chosen in the filter), its availability over the period from
// the KPI API (`GET /api/v1/kpis/availability?service=…`, the figure the monthly report prints),
// its own target, the outage minutes and the status against that target.

const availabilityQuery = (period: Period, serviceId: string) =>
  queryOptions({
    queryKey: ['kpis', 'availability', period, serviceId] as const,
    queryFn: ({ signal }) =>
      api.get<Kpi>('/api/v1/kpis/availability', {
        query: { ...period, service: serviceId },
        signal,
      }),
    staleTime: 30_000,
  });

/** The KPI engine's rule (docs/kpis.md, "Status"), judged against the service's own target. */
function statusAgainst(value: number | null, target: number | null, margin: number): KpiStatus {
  if (value === null || target === null) return 'unknown';
  const shortfall = target - value;
  if (shortfall <= 1e-9) return 'on-track';
  return shortfall <= (Math.abs(target) * margin) / 100 + 1e-9 ? 'at-risk' : 'off-track';
}

export function AvailabilityTable({ period, serviceId }: { period: Period; serviceId?: string }) {
  const { t } = useTranslation();
  const day = useDayFormat();
  const format = useKpiFormat();
  const services = useQuery({
    queryKey: [...catalogueKeys.serviceLists, 'availability'],
    queryFn: ({ signal }) =>
      api.list<Service>('/api/v1/services', { status: 'live', limit: 200 }, signal),
    staleTime: 30_000,
  });
  const shown = (services.data?.items ?? []).filter((s) =>
    serviceId ? s.id === serviceId : s.availabilityTarget !== null,
  );
  const figures = useQueries({
    queries: shown.map((s) => availabilityQuery(period, s.id)),
  });
  const failed = figures.find((f) => f.isError);
  const caption = t('kpis.availability.caption', { from: day(period.from), to: day(period.to) });
  return (
    <section aria-labelledby="service-availability">
      <Title order={2} fz="h3" mt="xl" mb="sm" id="service-availability">
        {t('kpis.availability.title')}
      </Title>
      {services.isError && (
        <ProblemAlert error={services.error} onRetry={() => services.refetch()} />
      )}
      {failed?.error && <ProblemAlert error={failed.error} onRetry={() => failed.refetch()} />}
      {services.isPending && <Skeleton height={120} />}
      {services.data && shown.length === 0 && (
        <Text size="sm" c="dimmed">
          {t('kpis.availability.none')}
        </Text>
      )}
      {shown.length > 0 && (
        <Table.ScrollContainer minWidth={560}>
          <Table striped withTableBorder fz="sm" maw={860}>
            <Table.Caption>{caption}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('kpis.dimensions.service')}</Table.Th>
                <Table.Th scope="col" style={{ textAlign: 'right' }}>
                  {t('kpis.availability.value')}
                </Table.Th>
                <Table.Th scope="col" style={{ textAlign: 'right' }}>
                  {t('kpis.availability.target')}
                </Table.Th>
                <Table.Th scope="col" style={{ textAlign: 'right' }}>
                  {t('kpis.availability.outageMinutes')}
                </Table.Th>
                <Table.Th scope="col">{t('kpis.availability.status')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {shown.map((s, i) => {
                const kpi = figures[i]?.data;
                if (!kpi)
                  return (
                    <Table.Tr key={s.id}>
                      <Table.Th scope="row" fw={500}>
                        {s.name}
                      </Table.Th>
                      <Table.Td colSpan={4}>
                        <Skeleton height={16} />
                      </Table.Td>
                    </Table.Tr>
                  );
                const target = s.availabilityTarget;
                const minutes = kpi.current.details.outageMinutes ?? null;
                return (
                  <Table.Tr key={s.id}>
                    <Table.Th scope="row" fw={500}>
                      {s.name}
                    </Table.Th>
                    <Table.Td style={{ textAlign: 'right' }}>
                      {format.value(kpi.current.value, 'percent')}
                    </Table.Td>
                    <Table.Td style={{ textAlign: 'right' }}>
                      {target === null
                        ? t('kpis.availability.noTarget')
                        : format.precisePercent(target)}
                    </Table.Td>
                    <Table.Td style={{ textAlign: 'right' }}>
                      {minutes === null ? '—' : format.value(minutes, 'count')}
                    </Table.Td>
                    <Table.Td>
                      <StatusWord
                        status={statusAgainst(kpi.current.value, target, kpi.atRiskMargin)}
                      />
                    </Table.Td>
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
