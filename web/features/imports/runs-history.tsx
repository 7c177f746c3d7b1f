import { Anchor, Modal, Skeleton, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DateTime } from '../../ui/dates';
import { ProblemAlert } from '../../ui/problem';
import { StatusBadge, type StatusTone } from '../../ui/status-badge';
import { type ImportRun, importRunsQuery } from './api';
import { RunReport, RunTickets } from './run-report';

const TONES: Record<ImportRun['status'], StatusTone> = {
  running: 'inProgress',
  succeeded: 'done',
  failed: 'failed',
};

/** Recent imports of every kind (CSV, ServiceNow, event logs); each opens its report. */
export function RunsHistory() {
  const { t } = useTranslation();
  const query = useQuery(importRunsQuery());
  const [open, setOpen] = useState<ImportRun | null>(null);
  return (
    <Stack gap="xs" mt="xl">
      <Title order={2} fz="h3">
        {t('imports.history.title')}
      </Title>
      {query.isError ? (
        <ProblemAlert error={query.error} onRetry={() => void query.refetch()} />
      ) : !query.data ? (
        <Skeleton h={120} />
      ) : query.data.items.length === 0 ? (
        <Text c="dimmed">{t('imports.history.empty')}</Text>
      ) : (
        <Table.ScrollContainer minWidth={700}>
          <Table striped highlightOnHover aria-label={t('imports.history.title')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('imports.history.when')}</Table.Th>
                <Table.Th>{t('imports.history.file')}</Table.Th>
                <Table.Th>{t('imports.history.type')}</Table.Th>
                <Table.Th>{t('imports.history.rows')}</Table.Th>
                <Table.Th>{t('imports.history.by')}</Table.Th>
                <Table.Th>{t('imports.history.status')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {query.data.items.map((run) => (
                <Table.Tr key={run.id}>
                  <Table.Td>
                    <DateTime value={run.startedAt} />
                  </Table.Td>
                  <Table.Td>
                    <Anchor
                      component="button"
                      type="button"
                      size="sm"
                      onClick={() => setOpen(run)}
                      aria-label={t('imports.history.open', { file: run.fileName ?? run.source })}
                    >
                      {run.fileName ?? run.source}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>
                    {run.type ? t(`imports.types.${run.type}`) : run.source}
                    {run.dryRun && (
                      <Text span size="xs" c="dimmed">
                        {' '}
                        ({t('imports.history.dryRun')})
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>{run.rows}</Table.Td>
                  <Table.Td>{run.actorName}</Table.Td>
                  <Table.Td>
                    <StatusBadge
                      tone={TONES[run.status]}
                      label={t(`imports.history.statuses.${run.status}`)}
                      size="sm"
                    />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <Modal
        opened={open !== null}
        onClose={() => setOpen(null)}
        title={open?.fileName ?? open?.source}
        size="xl"
      >
        {open && (
          <Stack>
            <RunReport runId={open.id} />
            {!open.dryRun && open.status === 'succeeded' && <RunTickets runId={open.id} />}
          </Stack>
        )}
      </Modal>
    </Stack>
  );
}
