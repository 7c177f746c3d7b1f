import { Button, Skeleton, Table, Text, VisuallyHidden } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../ui/page';
import { ProblemAlert } from '../../ui/problem';
import { type Kpi, kpisQuery } from './api';
import { useBaselineLabel, useDayFormat, useKpiFormat } from './format';
import { KpiEditDialog } from './kpi-edit-dialog';
import { useKpiText } from './kpi-text';
import { StatusWord } from './kpi-tile';
import { resolvePeriod } from './period';

export function KpiAdminPage() {
  const { t } = useTranslation();
  const day = useDayFormat();
  const format = useKpiFormat();
  const baselineLabel = useBaselineLabel();
  const period = resolvePeriod({});
  const query = useQuery(kpisQuery(period));
  const [editing, setEditing] = useState<string | null>(null);
  const kpiText = useKpiText();
  const kpi = query.data?.items.find((k) => k.key === editing) ?? null;
  const target = (k: Kpi) =>
    k.target.kind === 'absolute'
      ? format.value(k.target.value, k.unit)
      : t('kpis.admin.relativeTarget', { change: format.change(k.target.change) });
  return (
    <>
      <PageHeader title={t('kpis.admin.title')} description={t('kpis.admin.description')} />
      {query.isError && <ProblemAlert error={query.error} onRetry={() => query.refetch()} />}
      {query.isPending && <Skeleton height={300} />}
      {query.data && (
        <Table.ScrollContainer minWidth={900}>
          <Table striped highlightOnHover withTableBorder fz="sm">
            <Table.Caption>
              {t('kpis.admin.caption', { from: day(period.from), to: day(period.to) })}
            </Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('kpis.admin.columns.name')}</Table.Th>
                <Table.Th scope="col">{t('kpis.admin.columns.direction')}</Table.Th>
                <Table.Th scope="col">{t('kpis.admin.columns.target')}</Table.Th>
                <Table.Th scope="col">{t('kpis.admin.columns.baseline')}</Table.Th>
                <Table.Th scope="col">{t('kpis.admin.columns.margin')}</Table.Th>
                <Table.Th scope="col">{t('kpis.admin.columns.requirements')}</Table.Th>
                <Table.Th scope="col">{t('kpis.admin.columns.current')}</Table.Th>
                <Table.Th scope="col">
                  <VisuallyHidden>{t('kpis.admin.columns.actions')}</VisuallyHidden>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {query.data.items.map((k) => (
                <Table.Tr key={k.key}>
                  <Table.Th scope="row" fw={500}>
                    {kpiText.name(k)}
                    <Text size="xs" c="dimmed" fw={400}>
                      {kpiText.description(k)}
                    </Text>
                  </Table.Th>
                  <Table.Td>{t(`kpis.directions.${k.direction}`)}</Table.Td>
                  <Table.Td>{target(k)}</Table.Td>
                  <Table.Td>
                    {k.current.baseline ? baselineLabel(k.current.baseline) : '—'}
                  </Table.Td>
                  <Table.Td>{format.value(k.atRiskMargin, 'count')}</Table.Td>
                  <Table.Td>{k.requirements.join(', ') || '—'}</Table.Td>
                  <Table.Td>
                    <Text span size="sm" mr={6}>
                      {format.value(k.current.value, k.unit)}
                    </Text>
                    <StatusWord status={k.current.status} />
                  </Table.Td>
                  <Table.Td>
                    <Button
                      size="xs"
                      variant="default"
                      onClick={() => setEditing(k.key)}
                      aria-label={t('kpis.admin.editLabel', { name: kpiText.name(k) })}
                    >
                      {t('kpis.admin.edit')}
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <KpiEditDialog kpi={kpi} onClose={() => setEditing(null)} />
    </>
  );
}
