import { Anchor, Button, EmptyState, Group, Text } from '@mantine/core';
import { IconDownload, IconListSearch } from '@tabler/icons-react';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { buildUrl } from '../../api/client';
import { type Column, DataTable } from '../../ui/data-table';
import { DateTime } from '../../ui/dates';
import { AnchorLink } from '../../ui/links';
import { PageHeader } from '../../ui/page';
import { ProblemAlert } from '../../ui/problem';
import { type KpiRecord, kpisQuery, RECORDS_ELSEWHERE, recordsQuery } from './api';
import { useDayFormat, useKpiFormat } from './format';
import { useKpiText } from './kpi-text';
import { resolvePeriod } from './period';

const route = getRouteApi('/app/dashboard/kpis/$key/records');

function RecordLink({ record }: { record: KpiRecord }) {
  if (record.type === 'ticket')
    return (
      <AnchorLink to="/desk/tickets/$id" params={{ id: record.id }}>
        {record.number}
      </AnchorLink>
    );
  if (record.type === 'change')
    return (
      <AnchorLink to="/changes/$changeId" params={{ changeId: record.id }}>
        {record.number}
      </AnchorLink>
    );
  return <Text span>{record.number}</Text>;
}

export function KpiRecordsPage() {
  const { t } = useTranslation();
  const day = useDayFormat();
  const { key } = route.useParams();
  const search = route.useSearch();
  const period = resolvePeriod({ preset: 'custom', from: search.from, to: search.to });
  const filter = {
    serviceId: search.serviceId,
    priority: search.priority,
    groupId: search.groupId,
    organisationId: search.organisationId,
  };
  const format = useKpiFormat();
  const list = useQuery(kpisQuery(period));
  const kpi = list.data?.items.find((k) => k.key === key);
  const kpiText = useKpiText();
  const records = useInfiniteQuery(recordsQuery(key, { ...period, ...filter }));
  const name = kpi ? kpiText.name(kpi) : key;
  const elsewhere = RECORDS_ELSEWHERE[key];
  const columns: Column<KpiRecord>[] = [
    { id: 'number', header: t('kpis.records.number'), cell: (r) => <RecordLink record={r} /> },
    { id: 'type', header: t('kpis.records.type'), cell: (r) => t(`kpis.records.types.${r.type}`) },
    { id: 'title', header: t('kpis.records.title'), cell: (r) => r.title, wrap: true },
    { id: 'at', header: t('kpis.records.at'), cell: (r) => <DateTime value={r.at} /> },
    {
      id: 'value',
      header: t('kpis.records.value'),
      cell: (r) =>
        r.value === null
          ? '—'
          : kpi?.unit === 'hours'
            ? format.value(r.value, 'hours')
            : format.value(r.value, 'count'),
    },
  ];
  const filters = [
    filter.serviceId && t('kpis.records.filtered.service'),
    filter.priority && t('kpis.records.filtered.priority', { priority: filter.priority }),
    filter.groupId && t('kpis.records.filtered.group'),
    filter.organisationId && t('kpis.records.filtered.organisation'),
  ].filter(Boolean);
  return (
    <>
      <PageHeader
        title={t('kpis.records.heading', { name })}
        documentTitle={t('kpis.records.heading', { name })}
        description={
          // The headline figure is the whole desk's: shown only when the records are unfiltered.
          kpi && filters.length === 0
            ? t('kpis.records.description', {
                from: day(period.from),
                to: day(period.to),
                value: format.value(kpi.current.value, kpi.unit),
                count: kpi.current.count,
              })
            : t('kpis.filter.showing', { from: day(period.from), to: day(period.to) })
        }
        crumbs={[{ label: t('kpis.executive.title'), to: '/dashboard' }]}
        actions={
          elsewhere ? undefined : (
            <Group gap="xs">
              {(['csv', 'xlsx'] as const).map((format) => (
                <Button
                  key={format}
                  component="a"
                  variant="default"
                  size="sm"
                  leftSection={<IconDownload size={16} aria-hidden />}
                  href={buildUrl(`/api/v1/kpis/${encodeURIComponent(key)}/records.${format}`, {
                    from: period.from,
                    to: period.to,
                    service: filter.serviceId,
                    priority: filter.priority,
                    group: filter.groupId,
                    organisation: filter.organisationId,
                  })}
                  download
                >
                  {t(`kpis.records.download.${format}`)}
                </Button>
              ))}
            </Group>
          )
        }
      />
      {filters.length > 0 && (
        <Text size="sm" mb="sm">
          {filters.join(' · ')}
        </Text>
      )}
      {list.isError && <ProblemAlert error={list.error} />}
      {elsewhere ? (
        <Text>
          {t('kpis.records.elsewhere')}{' '}
          <Anchor href={elsewhere}>{t('kpis.records.elsewhereLink')}</Anchor>
        </Text>
      ) : (
        <DataTable
          label={t('kpis.records.heading', { name })}
          columns={columns}
          query={records}
          rowKey={(r) => `${r.type}:${r.id}`}
          storageKey="kpi-records"
          empty={
            <EmptyState
              py="xl"
              icon={<IconListSearch size={28} aria-hidden />}
              title={t('kpis.records.empty')}
              withIndicatorBackground
            />
          }
        />
      )}
    </>
  );
}
