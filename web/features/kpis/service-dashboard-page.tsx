import { Button, Card, Group, SimpleGrid, Skeleton, Table, Text, Title } from '@mantine/core';
import { IconAlarm } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { getRouteApi, Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../ui/page';
import { ProblemAlert } from '../../ui/problem';
import { usePermissions } from '../auth/session';
import { breachingQuery, type Kpi, kpisQuery, type Period, seriesQuery } from './api';
import { AvailabilityTable } from './availability-table';
import { useDayFormat, useKpiFormat } from './format';
import { KpiTile } from './kpi-tile';
import { resolvePeriod } from './period';
import { PeriodFilter } from './period-filter';

const route = getRouteApi('/app/dashboard/service');
const SERVICE_KPIS = [
  'sla-first-response-attainment',
  'sla-resolution-attainment',
  'backlog',
  'backlog-age',
] as const;
const BREACHING_LIMIT = 200;

export function ServiceDashboardPage() {
  const { t } = useTranslation();
  const day = useDayFormat();
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const period = resolvePeriod(search);
  const query = useQuery(kpisQuery(period));
  const kpis = SERVICE_KPIS.map((key) => query.data?.items.find((k) => k.key === key)).filter(
    (k): k is Kpi => k !== undefined,
  );
  const backlog = kpis.find((k) => k.key === 'backlog');
  return (
    <>
      <PageHeader title={t('kpis.service.title')} description={t('kpis.service.description')} />
      <PeriodFilter
        search={search}
        period={period}
        onChange={(next) => navigate({ search: next, replace: true })}
      />
      <Text size="sm" c="dimmed" mb="md">
        {t('kpis.filter.showing', { from: day(period.from), to: day(period.to) })}
        {search.serviceId ? ` ${t('kpis.filter.serviceNote')}` : ''}
      </Text>
      {query.isError && <ProblemAlert error={query.error} onRetry={() => query.refetch()} />}
      <BreachingSoon />
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} spacing="md" mt="md">
        {query.isPending
          ? SERVICE_KPIS.map((key) => <Skeleton key={key} height={260} radius="md" />)
          : kpis.map((kpi) => (
              <KpiTile key={kpi.key} kpi={kpi} period={period} serviceId={search.serviceId} />
            ))}
      </SimpleGrid>
      {backlog && <GroupWorkload kpi={backlog} period={period} serviceId={search.serviceId} />}
      <AvailabilityTable period={period} serviceId={search.serviceId} />
    </>
  );
}

function BreachingSoon() {
  const { t } = useTranslation();
  const can = usePermissions();
  const format = useKpiFormat();
  const allowed = can('tickets.read');
  const query = useQuery({ ...breachingQuery(BREACHING_LIMIT), enabled: allowed });
  if (!allowed) return null;
  const count = query.data?.items.length ?? 0;
  const more = !!query.data?.nextCursor;
  return (
    <Card withBorder radius="md" component="section" aria-labelledby="breaching-soon">
      <Group justify="space-between" wrap="wrap">
        <Group gap="sm">
          <IconAlarm size={28} aria-hidden color="var(--mantine-color-orange-7)" />
          <div>
            <Title order={2} fz="md" id="breaching-soon">
              {t('kpis.service.breaching')}
            </Title>
            {query.isPending ? (
              <Skeleton height={20} width={160} mt={4} />
            ) : query.isError ? (
              <ProblemAlert error={query.error} onRetry={() => query.refetch()} />
            ) : (
              <Text size="sm">
                {more
                  ? t('kpis.service.breachingMore', { count: format.integer(count) })
                  : t('kpis.service.breachingCount', { count })}
              </Text>
            )}
          </div>
        </Group>
        <Button
          variant="light"
          renderRoot={(props) => <Link to="/desk" search={{ queue: 'breaching' }} {...props} />}
        >
          {t('kpis.service.openBreaching')}
        </Button>
      </Group>
    </Card>
  );
}

function GroupWorkload({
  kpi,
  period,
  serviceId,
}: {
  kpi: Kpi;
  period: Period;
  serviceId?: string;
}) {
  const { t } = useTranslation();
  const day = useDayFormat();
  const format = useKpiFormat();
  // One bucket per quarter at most: the last point of each group is the backlog at the period's end.
  const query = useQuery(
    seriesQuery(kpi.key, { ...period, grain: 'quarter', by: 'group', serviceId }),
  );
  const rows = (query.data?.series ?? [])
    .map((s) => ({ id: s.id, name: s.name, point: s.points[s.points.length - 1] }))
    .filter((r) => r.point && (r.point.value ?? 0) > 0)
    .sort((a, b) => (b.point?.value ?? 0) - (a.point?.value ?? 0));
  const caption = t('kpis.service.workloadCaption', { to: day(period.to) });
  return (
    <section aria-labelledby="group-workload">
      <Title order={2} fz="h3" mt="xl" mb="sm" id="group-workload">
        {t('kpis.service.workload')}
      </Title>
      {query.isError && <ProblemAlert error={query.error} onRetry={() => query.refetch()} />}
      {query.isPending && <Skeleton height={120} />}
      {query.data && rows.length === 0 && (
        <Text size="sm" c="dimmed">
          {t('kpis.service.noBacklog')}
        </Text>
      )}
      {rows.length > 0 && (
        <Table striped withTableBorder fz="sm" maw={640}>
          <Table.Caption>{caption}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('kpis.dimensions.group')}</Table.Th>
              <Table.Th scope="col" style={{ textAlign: 'right' }}>
                {t('kpis.service.openTickets')}
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((row) => {
              const value = format.value(row.point?.value ?? null, 'count');
              const name = row.name ?? t('kpis.breakdown.none');
              return (
                <Table.Tr key={row.id ?? 'none'}>
                  <Table.Th scope="row" fw={500}>
                    {name}
                  </Table.Th>
                  <Table.Td style={{ textAlign: 'right' }}>
                    {row.id ? (
                      <Link
                        to="/dashboard/kpis/$key/records"
                        params={{ key: kpi.key }}
                        search={{ from: period.from, to: period.to, serviceId, groupId: row.id }}
                        aria-label={t('kpis.service.workloadLink', { group: name, count: value })}
                      >
                        {value}
                      </Link>
                    ) : (
                      value
                    )}
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      )}
    </section>
  );
}
