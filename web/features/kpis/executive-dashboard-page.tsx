import { Alert, Button, Card, SimpleGrid, Skeleton, Stack, Text, Title } from '@mantine/core';
import { IconFileText } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { getRouteApi, Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../ui/page';
import { ProblemAlert } from '../../ui/problem';
import { type Kpi, kpisQuery, type Period, PROGRAMME_KPIS, seriesQuery } from './api';
import { BreakdownTable } from './breakdown-table';
import { TrendBars } from './charts';
import { useDayFormat, useKpiFormat } from './format';
import { useKpiText } from './kpi-text';
import { KpiTile } from './kpi-tile';
import { resolvePeriod, trendGrain } from './period';
import { PeriodFilter } from './period-filter';

const route = getRouteApi('/app/dashboard');

export function ExecutiveDashboardPage() {
  const { t } = useTranslation();
  const day = useDayFormat();
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const period = resolvePeriod(search);
  const query = useQuery(kpisQuery(period, search.serviceId));
  const programme = PROGRAMME_KPIS.map((key) =>
    query.data?.items.find((k) => k.key === key),
  ).filter((k): k is Kpi => k !== undefined);
  return (
    <>
      <PageHeader
        title={t('kpis.executive.title')}
        description={t('kpis.executive.description')}
        actions={
          // The monthly report of the service the dashboard is filtered on (chosen on /reports otherwise).
          <Button
            variant="default"
            leftSection={<IconFileText size={16} aria-hidden />}
            renderRoot={(props) => (
              <Link to="/reports" search={{ serviceId: search.serviceId }} {...props} />
            )}
          >
            {t('kpis.executive.monthlyReport')}
          </Button>
        }
      />
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
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} spacing="md">
        {query.isPending
          ? PROGRAMME_KPIS.map((key) => <Skeleton key={key} height={260} radius="md" />)
          : programme.map((kpi) => (
              <KpiTile key={kpi.key} kpi={kpi} period={period} serviceId={search.serviceId} />
            ))}
      </SimpleGrid>
      {query.data && programme.length === 0 && (
        <Alert mt="md" color="gray">
          {t('kpis.executive.none')}
        </Alert>
      )}
      {programme.length > 0 && (
        <>
          <Title order={2} fz="h3" mt="xl" mb="sm">
            {t('kpis.executive.trends')}
          </Title>
          <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
            {programme.map((kpi) => (
              <TrendCard key={kpi.key} kpi={kpi} period={period} serviceId={search.serviceId} />
            ))}
          </SimpleGrid>
          <Title order={2} fz="h3" mt="xl" mb="sm">
            {t('kpis.executive.breakdowns')}
          </Title>
          <Stack gap="lg">
            {programme
              .filter((kpi) => kpi.dimensions.length > 0)
              .map((kpi) => (
                <Card key={kpi.key} withBorder radius="md">
                  <BreakdownTable kpi={kpi} period={period} serviceId={search.serviceId} />
                </Card>
              ))}
          </Stack>
        </>
      )}
    </>
  );
}

function TrendCard({ kpi, period, serviceId }: { kpi: Kpi; period: Period; serviceId?: string }) {
  const { t } = useTranslation();
  const format = useKpiFormat();
  const name = useKpiText().name(kpi);
  const byService = serviceId && kpi.dimensions.includes('service') ? serviceId : undefined;
  const series = useQuery(
    seriesQuery(kpi.key, { ...period, grain: trendGrain(period), serviceId: byService }),
  );
  const points =
    series.data?.series[0]?.points.map((p) => ({ label: p.label, value: p.value })) ?? [];
  return (
    <Card withBorder radius="md">
      <Text fw={600} mb={4}>
        {name}
      </Text>
      <Text size="xs" c="dimmed" mb="xs">
        {t(`kpis.chart.grain.${trendGrain(period)}`)}
      </Text>
      {series.isError ? (
        <ProblemAlert error={series.error} onRetry={() => series.refetch()} />
      ) : series.isPending ? (
        <Skeleton height={140} />
      ) : (
        <TrendBars
          points={points}
          name={name}
          format={(v) => format.value(v, kpi.unit)}
          target={series.data.targetValue}
        />
      )}
    </Card>
  );
}
