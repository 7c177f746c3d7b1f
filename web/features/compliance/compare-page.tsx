import { Grid, Group, Select, Skeleton, Stack, Table, Text } from '@mantine/core';
import { IconArrowDownRight, IconArrowRight, IconArrowUpRight } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { PageHeader, Section } from '../../ui/page';
import { ProblemAlert } from '../../ui/problem';
import {
  type AssessmentSummary,
  allAssessmentsQuery,
  assessmentQuery,
  type Comparison,
  comparisonQuery,
} from './api';
import { useDayFormat, useScoreFormat } from './format';
import { ClauseHeatMap, ScoreChip } from './heat-map';
import type { CompareSearch } from './routes';

const route = getRouteApi('/app/compliance/assessments/compare');

// Two assessments side by side (a baseline and now): conformity and maturity per clause with the
// change between them, in words and signs as well as arrows, and both heat maps next to each other.

export function ComparePage() {
  const { t } = useTranslation();
  const search = route.useSearch();
  const navigate = useNavigate({ from: '/compliance/assessments/compare' });
  const list = useQuery(allAssessmentsQuery);
  const day = useDayFormat();
  const assessments = list.data?.items ?? [];
  // Newest first: by default compare the newest with the oldest (the baseline).
  const current = search.current ?? assessments[0]?.id;
  const base =
    search.base ?? assessments.filter((a) => a.id !== current).at(-1)?.id ?? assessments[1]?.id;
  const ready = Boolean(base && current && base !== current);
  const comparison = useQuery({ ...comparisonQuery(base ?? '', current ?? ''), enabled: ready });
  const setSearch = (next: Partial<CompareSearch>) =>
    void navigate({ search: (prev) => ({ ...prev, ...next }), replace: true });
  const options = assessments.map((a: AssessmentSummary) => ({
    value: a.id,
    label: `${a.number} · ${a.title} (${day(a.assessedOn)})`,
  }));

  return (
    <>
      <PageHeader
        title={t('compliance.compare.title')}
        description={t('compliance.compare.description')}
        crumbs={[{ label: t('modules.assessments.label'), to: '/compliance/assessments' }]}
      />
      <Stack gap="lg">
        <Group gap="sm" align="flex-end" wrap="wrap">
          <Select
            label={t('compliance.compare.base')}
            data={options}
            value={base ?? null}
            onChange={(value) => value && setSearch({ base: value })}
            allowDeselect={false}
            w={360}
          />
          <IconArrowRight size={20} aria-hidden style={{ marginBottom: 8 }} />
          <Select
            label={t('compliance.compare.current')}
            data={options}
            value={current ?? null}
            onChange={(value) => value && setSearch({ current: value })}
            allowDeselect={false}
            w={360}
          />
        </Group>
        {list.isError && <ProblemAlert error={list.error} onRetry={() => void list.refetch()} />}
        {list.isSuccess && !ready && (
          <Text c="dimmed">
            {assessments.length < 2
              ? t('compliance.compare.needTwo')
              : t('compliance.compare.pickTwo')}
          </Text>
        )}
        {ready && comparison.isPending && <Skeleton height={300} />}
        {comparison.isError && (
          <ProblemAlert error={comparison.error} onRetry={() => void comparison.refetch()} />
        )}
        {ready && comparison.data && (
          <>
            <Section title={t('compliance.compare.byClause')}>
              <ComparisonTable comparison={comparison.data} />
            </Section>
            <SideBySideHeatMaps
              baseId={comparison.data.base.id}
              currentId={comparison.data.current.id}
            />
          </>
        )}
      </Stack>
    </>
  );
}

function Change({ delta, text, unit }: { delta: number; text: string; unit: 'points' | 'levels' }) {
  const { t } = useTranslation();
  const Icon = delta > 0 ? IconArrowUpRight : delta < 0 ? IconArrowDownRight : IconArrowRight;
  const words =
    delta > 0
      ? t(`compliance.compare.up.${unit}`, { value: text })
      : delta < 0
        ? t(`compliance.compare.down.${unit}`, { value: text })
        : t('compliance.compare.same');
  return (
    <Group gap={4} wrap="nowrap">
      <Icon size={16} aria-hidden />
      <Text span size="sm" fw={delta !== 0 ? 600 : undefined}>
        {words}
      </Text>
    </Group>
  );
}

function ComparisonTable({ comparison }: { comparison: Comparison }) {
  const { t } = useTranslation();
  const format = useScoreFormat();
  const rows = [
    {
      key: 'overall',
      label: t('compliance.compare.overall'),
      ...comparison.overall,
    },
    ...comparison.clauses.map((clause) => ({
      key: clause.clause,
      label: `${clause.clause} ${clause.title}`,
      base: clause.base,
      current: clause.current,
      delta: clause.delta,
    })),
  ];
  return (
    <Table.ScrollContainer minWidth={760}>
      <Table fz="sm" verticalSpacing={6} aria-label={t('compliance.compare.byClause')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col" rowSpan={2}>
              {t('compliance.scores.clause')}
            </Table.Th>
            <Table.Th scope="colgroup" colSpan={3}>
              {t('compliance.scores.conformity')}
            </Table.Th>
            <Table.Th scope="colgroup" colSpan={3}>
              {t('compliance.scores.maturity')}
            </Table.Th>
          </Table.Tr>
          <Table.Tr>
            <Table.Th scope="col">{comparison.base.number}</Table.Th>
            <Table.Th scope="col">{comparison.current.number}</Table.Th>
            <Table.Th scope="col">{t('compliance.compare.change')}</Table.Th>
            <Table.Th scope="col">{comparison.base.number}</Table.Th>
            <Table.Th scope="col">{comparison.current.number}</Table.Th>
            <Table.Th scope="col">{t('compliance.compare.change')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((row) => (
            <Table.Tr key={row.key} fw={row.key === 'overall' ? 650 : undefined}>
              <Table.Th scope="row" fw={row.key === 'overall' ? 650 : 500}>
                {row.label}
              </Table.Th>
              <Table.Td>
                <ScoreChip
                  score={row.base.conformity * 100}
                  text={format.percent(row.base.conformity)}
                />
              </Table.Td>
              <Table.Td>
                <ScoreChip
                  score={row.current.conformity * 100}
                  text={format.percent(row.current.conformity)}
                />
              </Table.Td>
              <Table.Td>
                <Change
                  delta={Math.round(row.delta.conformity * 100)}
                  text={String(Math.abs(Math.round(row.delta.conformity * 100)))}
                  unit="points"
                />
              </Table.Td>
              <Table.Td>{format.maturity(row.base.maturity)}</Table.Td>
              <Table.Td>{format.maturity(row.current.maturity)}</Table.Td>
              <Table.Td>
                <Change
                  delta={Math.round(row.delta.maturity * 10)}
                  text={format.maturity(Math.abs(row.delta.maturity))}
                  unit="levels"
                />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function SideBySideHeatMaps({ baseId, currentId }: { baseId: string; currentId: string }) {
  const { t } = useTranslation();
  const format = useScoreFormat();
  const base = useQuery(assessmentQuery(baseId));
  const current = useQuery(assessmentQuery(currentId));
  const maps = useMemo(
    () =>
      [base.data, current.data].map((assessment) =>
        assessment
          ? {
              assessment,
              clauses: assessment.scores.heatMap.map((clause) => ({
                number: clause.clause,
                title: clause.title,
                score: clause.conformity * 100,
                scoreText: format.percent(clause.conformity),
                requirements: clause.cells.map((cell) => ({
                  number: cell.number,
                  title: cell.title,
                  score: cell.conformity === 'not_assessed' ? null : cell.score * 100,
                  scoreText: cell.conformity === 'not_assessed' ? '—' : format.percent(cell.score),
                  description: t(`compliance.conformity.${cell.conformity}`),
                })),
              })),
            }
          : null,
      ),
    [base.data, current.data, format, t],
  );
  return (
    <Grid gap="lg">
      {maps.map((map, index) => (
        <Grid.Col key={index === 0 ? 'base' : 'current'} span={{ base: 12, lg: 6 }}>
          {map ? (
            <Section
              title={t('compliance.compare.heatMapOf', {
                number: map.assessment.number,
                title: map.assessment.title,
              })}
            >
              <ClauseHeatMap
                label={t('compliance.assessment.heatMapLabel', { number: map.assessment.number })}
                clauses={map.clauses}
              />
            </Section>
          ) : (
            <Skeleton height={360} />
          )}
        </Grid.Col>
      ))}
    </Grid>
  );
}
