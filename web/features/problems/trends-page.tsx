import {
  Badge,
  Button,
  EmptyState,
  Group,
  NumberInput,
  Skeleton,
  Stack,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { IconChartBar, IconPlus } from '@tabler/icons-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { newIdempotencyKey } from '../../api/client';
import { AnchorLink } from '../../ui/links';
import { notify } from '../../ui/notify';
import { PageHeader } from '../../ui/page';
import { ProblemAlert } from '../../ui/problem';
import { usePermissions } from '../auth/session';
import { problemsKeys, raiseFromTrend, type TrendRow, trendsQuery } from './api';
import { categoryLabel } from './labels';
import { ProblemStatusBadge } from './problem-status';
import type { TrendsSearch } from './routes';

const route = getRouteApi('/app/problems/trends');
const DAY = 86_400_000;
const isoDay = (time: number) => new Date(time).toISOString().slice(0, 10);

/** The period as the page shows it (both days included) and as the API takes it (end exclusive). */
function periodOf(search: TrendsSearch) {
  const today = isoDay(Date.now());
  const to = search.to ?? today;
  const from = search.from ?? isoDay(new Date(to).getTime() - 29 * DAY);
  return { from, to, apiTo: isoDay(new Date(to).getTime() + DAY), min: search.min ?? 3 };
}

/**
 * Incident trends (8.6.3: problems are found from trends): services and categories with repeated
 * incidents in a period. Each row says whether problems already explain its incidents, and raises a
 * problem linked to them in one click.
 */
export function TrendsPage() {
  const { t } = useTranslation();
  const can = usePermissions();
  const search = route.useSearch();
  const navigate = useNavigate({ from: '/problems/trends' });
  const queryClient = useQueryClient();
  const period = periodOf(search);
  const query = useQuery(
    trendsQuery({ from: period.from, to: period.apiTo, minIncidents: period.min }),
  );
  const [raising, setRaising] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const setSearch = (next: Partial<TrendsSearch>) =>
    void navigate({ search: (prev) => ({ ...prev, ...next }), replace: true });
  const keyOf = (row: TrendRow) => `${row.serviceId ?? '-'}:${row.category}`;

  const raise = async (row: TrendRow) => {
    setRaising(keyOf(row));
    setError(null);
    try {
      const where = `${row.serviceName ?? t('problems.trends.noService')} · ${categoryLabel(t, row.category)}`;
      const problem = await raiseFromTrend(
        {
          serviceId: row.serviceId,
          category: row.category,
          from: period.from,
          to: period.apiTo,
          title: t('problems.trends.raisedTitle', { where }),
          description: t('problems.trends.raisedDescription', {
            count: row.count,
            where,
            from: period.from,
            to: period.to,
          }),
        },
        newIdempotencyKey(),
      );
      await queryClient.invalidateQueries({ queryKey: problemsKeys.all });
      notify({ color: 'green', message: t('problems.create.done', { number: problem.number }) });
      void navigate({ to: '/problems/$problemId', params: { problemId: problem.id } });
    } catch (failure) {
      setError(failure);
    } finally {
      setRaising(null);
    }
  };

  const rows = query.data?.rows ?? [];
  return (
    <>
      <PageHeader
        title={t('problems.trends.title')}
        description={t('problems.trends.description')}
        crumbs={[{ label: t('modules.problems.label'), to: '/problems' }]}
      />
      <Stack gap="md">
        <Group gap="sm" align="flex-end">
          <TextInput
            type="date"
            label={t('problems.trends.from')}
            value={period.from}
            max={period.to}
            onChange={(event) => setSearch({ from: event.currentTarget.value || undefined })}
          />
          <TextInput
            type="date"
            label={t('problems.trends.to')}
            value={period.to}
            min={period.from}
            onChange={(event) => setSearch({ to: event.currentTarget.value || undefined })}
          />
          <NumberInput
            label={t('problems.trends.minIncidents')}
            value={period.min}
            min={2}
            max={1000}
            w={160}
            onChange={(value) =>
              setSearch({ min: typeof value === 'number' && value >= 2 ? value : undefined })
            }
          />
        </Group>
        {error !== null && <ProblemAlert error={error} />}
        {query.isError && <ProblemAlert error={query.error} onRetry={() => void query.refetch()} />}
        {query.isPending && <Skeleton height={160} />}
        {query.isSuccess && rows.length === 0 && (
          <EmptyState
            icon={<IconChartBar size={28} aria-hidden />}
            title={t('problems.trends.emptyTitle')}
            description={t('problems.trends.emptyDescription', { count: period.min })}
            withIndicatorBackground
          />
        )}
        {rows.length > 0 && (
          <Table.ScrollContainer minWidth={760}>
            <Table striped highlightOnHover verticalSpacing="xs">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('problems.trends.service')}</Table.Th>
                  <Table.Th>{t('problems.trends.category')}</Table.Th>
                  <Table.Th ta="right">{t('problems.trends.count')}</Table.Th>
                  <Table.Th>{t('problems.trends.samples')}</Table.Th>
                  <Table.Th>{t('problems.trends.coveredBy')}</Table.Th>
                  <Table.Th ta="right">{t('problems.trends.uncovered')}</Table.Th>
                  {can('problems.work') && <Table.Th aria-label={t('common.actions')} />}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((row) => (
                  <Table.Tr key={keyOf(row)}>
                    <Table.Td>{row.serviceName ?? t('problems.trends.noService')}</Table.Td>
                    <Table.Td>{categoryLabel(t, row.category)}</Table.Td>
                    <Table.Td ta="right" fw={600}>
                      {row.count}
                    </Table.Td>
                    <Table.Td>
                      <Group gap={6}>
                        {row.samples.map((s) => (
                          <AnchorLink
                            key={s.id}
                            to="/desk/tickets/$id"
                            params={{ id: s.number }}
                            size="xs"
                            ff="monospace"
                          >
                            {s.number}
                          </AnchorLink>
                        ))}
                      </Group>
                    </Table.Td>
                    <Table.Td>
                      {row.coveredBy.length === 0 ? (
                        <Badge color="orange" variant="light" size="sm">
                          {t('problems.trends.notCovered')}
                        </Badge>
                      ) : (
                        <Stack gap={2}>
                          {row.coveredBy.map((p) => (
                            <Group key={p.id} gap={4} wrap="nowrap">
                              <AnchorLink
                                to="/problems/$problemId"
                                params={{ problemId: p.id }}
                                size="xs"
                                ff="monospace"
                                title={p.title}
                              >
                                {p.number}
                              </AnchorLink>
                              <ProblemStatusBadge status={p.status as never} size="xs" />
                            </Group>
                          ))}
                        </Stack>
                      )}
                    </Table.Td>
                    <Table.Td ta="right">
                      <Text size="sm" c={row.uncoveredCount ? undefined : 'dimmed'}>
                        {row.uncoveredCount}
                      </Text>
                    </Table.Td>
                    {can('problems.work') && (
                      <Table.Td>
                        <Button
                          size="xs"
                          variant={row.coveredBy.length ? 'default' : 'filled'}
                          leftSection={<IconPlus size={14} aria-hidden />}
                          loading={raising === keyOf(row)}
                          disabled={raising !== null}
                          onClick={() => void raise(row)}
                          aria-label={t('problems.trends.raiseFor', {
                            where: `${row.serviceName ?? t('problems.trends.noService')} · ${categoryLabel(t, row.category)}`,
                          })}
                        >
                          {t('problems.trends.raise')}
                        </Button>
                      </Table.Td>
                    )}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Stack>
    </>
  );
}
