import { Alert, Progress, Skeleton, Stack, Table, Text, Title } from '@mantine/core';
import { IconAlertTriangle, IconCircleCheck } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { AnchorLink } from '../../ui/links';
import { ProblemAlert } from '../../ui/problem';
import { type ImportRun, importRunQuery, runTicketsQuery } from './api';

type CountKind = 'incident' | 'request' | 'user' | 'group' | 'service';

/** "3 incidents, 1 group", or "nothing". */
export function useCounts() {
  const { t } = useTranslation();
  return (counts: Record<string, number>) => {
    const parts = Object.entries(counts)
      .filter(([, n]) => n > 0)
      .map(([kind, n]) =>
        ['incident', 'request', 'user', 'group', 'service'].includes(kind)
          ? t(`imports.counts.${kind as CountKind}`, { count: n })
          : `${n} ${kind}`,
      );
    return parts.length ? parts.join(', ') : t('imports.run.none');
  };
}

/** Progress while a run goes, then its counts and the rows it could not take. */
export function RunReport({ runId }: { runId: string }) {
  const { t } = useTranslation();
  const query = useQuery(importRunQuery(runId));
  const counts = useCounts();
  if (query.isError)
    return <ProblemAlert error={query.error} onRetry={() => void query.refetch()} />;
  const run = query.data;
  if (!run) return <Skeleton h={80} />;
  if (run.status === 'running') {
    const total = run.totalRows ?? 0;
    const share = total ? Math.min(100, (run.rows / total) * 100) : 0;
    return (
      <Stack gap="xs" aria-live="polite">
        <Text>{run.dryRun ? t('imports.run.checking') : t('imports.run.importing')}</Text>
        <Progress
          value={share}
          animated
          aria-label={run.dryRun ? t('imports.run.checking') : t('imports.run.importing')}
        />
        <Text size="sm" c="dimmed">
          {t('imports.run.progress', { rows: run.rows, total: total || '?' })}
        </Text>
      </Stack>
    );
  }
  const failedRows = run.errors.length + run.moreErrors;
  const would = run.dryRun || run.status === 'failed';
  return (
    <Stack gap="sm" aria-live="polite">
      {run.dryRun ? (
        failedRows === 0 && run.status === 'succeeded' ? (
          <Alert color="green" icon={<IconCircleCheck aria-hidden />}>
            {t('imports.run.clean')}
          </Alert>
        ) : null
      ) : run.status === 'succeeded' ? (
        <Alert color="green" icon={<IconCircleCheck aria-hidden />}>
          {t('imports.run.succeeded')}
        </Alert>
      ) : (
        <Alert color="red" icon={<IconAlertTriangle aria-hidden />}>
          <Text fw={700} size="sm">
            {t('imports.run.failed')}
          </Text>
          <Text size="sm">{run.message}</Text>
        </Alert>
      )}
      {run.dryRun && run.status === 'failed' && failedRows === 0 && run.message && (
        <Alert color="red" icon={<IconAlertTriangle aria-hidden />}>
          {run.message}
        </Alert>
      )}
      <Table withTableBorder variant="vertical" layout="fixed" maw={560}>
        <Table.Tbody>
          <Table.Tr>
            <Table.Th w={180}>
              {would ? t('imports.run.wouldCreate') : t('imports.run.created')}
            </Table.Th>
            <Table.Td data-testid="created">{counts(run.created)}</Table.Td>
          </Table.Tr>
          <Table.Tr>
            <Table.Th>{would ? t('imports.run.wouldUpdate') : t('imports.run.updated')}</Table.Th>
            <Table.Td>{counts(run.updated)}</Table.Td>
          </Table.Tr>
          <Table.Tr>
            <Table.Th>{t('imports.run.unchanged')}</Table.Th>
            <Table.Td>{counts(run.unchanged)}</Table.Td>
          </Table.Tr>
        </Table.Tbody>
      </Table>
      {failedRows > 0 && <RowErrors run={run} />}
    </Stack>
  );
}

function RowErrors({ run }: { run: ImportRun }) {
  const { t } = useTranslation();
  const count = run.errors.length + run.moreErrors;
  return (
    <Stack gap="xs">
      <Title order={3} fz="h4">
        {t('imports.run.errorsTitle', { count })}
      </Title>
      <Text size="sm" c="dimmed">
        {t('imports.run.fixFile')}
      </Text>
      <Table.ScrollContainer minWidth={500} maxHeight={360}>
        <Table
          striped
          withTableBorder
          stickyHeader
          aria-label={t('imports.run.errorsTitle', { count })}
        >
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={80}>{t('imports.run.row')}</Table.Th>
              <Table.Th w={200}>{t('imports.run.column')}</Table.Th>
              <Table.Th>{t('imports.run.reason')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {run.errors.map((e, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: a row may have several errors
              <Table.Tr key={`${e.row}-${i}`}>
                <Table.Td>{e.row}</Table.Td>
                <Table.Td>{e.column ?? '—'}</Table.Td>
                <Table.Td>{e.reason}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {run.moreErrors > 0 && (
        <Text size="sm">{t('imports.run.moreErrors', { count: run.moreErrors })}</Text>
      )}
    </Stack>
  );
}

/** The tickets a run wrote, each opening its ticket page. */
export function RunTickets({ runId }: { runId: string }) {
  const { t } = useTranslation();
  const query = useQuery(runTicketsQuery(runId));
  if (query.isError)
    return <ProblemAlert error={query.error} onRetry={() => void query.refetch()} />;
  if (!query.data) return <Skeleton h={60} />;
  if (query.data.length === 0) return null;
  return (
    <Stack gap="xs">
      <Title order={3} fz="h4">
        {t('imports.run.openTickets')}
      </Title>
      <Table.ScrollContainer minWidth={500} maxHeight={360}>
        <Table striped withTableBorder aria-label={t('imports.run.openTickets')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={140}>{t('imports.run.ticketNumber')}</Table.Th>
              <Table.Th w={160}>{t('imports.run.sourceNumber')}</Table.Th>
              <Table.Th>{t('imports.run.ticketTitle')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {query.data.map((ticket) => (
              <Table.Tr key={ticket.id}>
                <Table.Td>
                  <AnchorLink to="/desk/tickets/$id" params={{ id: ticket.number }}>
                    {ticket.number}
                  </AnchorLink>
                </Table.Td>
                <Table.Td>{ticket.sourceNumber}</Table.Td>
                <Table.Td>{ticket.title}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  );
}
