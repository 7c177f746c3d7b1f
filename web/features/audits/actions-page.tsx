import { Chip, EmptyState, Group, SegmentedControl, Skeleton, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ExportMenu } from '../../ui/export-menu';
import { AnchorLink } from '../../ui/links';
import { PageHeader } from '../../ui/page';
import { ProblemAlert } from '../../ui/problem';
import { type ActionFilters, actionsQuery } from './api';
import { ActionBadge, GradeBadge, OverdueBadge, useDayFormat } from './labels';

/** The corrective action tracker: every nonconformity with its action, owner, due date and state. */
export function ActionsPage() {
  const { t } = useTranslation();
  const [status, setStatus] = useState<'open' | 'closed' | 'all'>('open');
  const [overdue, setOverdue] = useState(false);
  const [mine, setMine] = useState(false);
  const filters: ActionFilters = {
    status: status === 'all' ? undefined : status,
    overdue: overdue || undefined,
    mine: mine || undefined,
  };
  const actions = useQuery(actionsQuery(filters));
  const day = useDayFormat();
  return (
    <>
      <PageHeader
        title={t('audits.tracker.title')}
        description={t('audits.tracker.description')}
        actions={<ExportMenu path="/audits/actions" filters={{ ...filters }} />}
      />
      <Group gap="md" mb="md" wrap="wrap" role="group" aria-label={t('audits.tracker.filters')}>
        <SegmentedControl
          aria-label={t('audits.fields.status')}
          value={status}
          onChange={(v) => setStatus(v as typeof status)}
          data={[
            { value: 'open', label: t('audits.findingStatuses.open') },
            { value: 'closed', label: t('audits.findingStatuses.closed') },
            { value: 'all', label: t('audits.tracker.all') },
          ]}
        />
        <Chip checked={overdue} onChange={setOverdue}>
          {t('audits.tracker.overdueOnly')}
        </Chip>
        <Chip checked={mine} onChange={setMine}>
          {t('audits.tracker.mine')}
        </Chip>
      </Group>
      {actions.isError && <ProblemAlert error={actions.error} onRetry={() => actions.refetch()} />}
      {actions.isPending && <Skeleton height={160} />}
      {actions.data && actions.data.length === 0 && (
        <EmptyState
          py="xl"
          title={t('audits.tracker.emptyTitle')}
          description={t('audits.tracker.emptyDescription')}
        />
      )}
      {actions.data && actions.data.length > 0 && (
        <Table.ScrollContainer minWidth={900}>
          <Table striped highlightOnHover aria-label={t('audits.tracker.title')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('audits.fields.reference')}</Table.Th>
                <Table.Th scope="col">{t('audits.fields.title')}</Table.Th>
                <Table.Th scope="col">{t('audits.fields.grade')}</Table.Th>
                <Table.Th scope="col">{t('audits.fields.action')}</Table.Th>
                <Table.Th scope="col">{t('audits.fields.actionOwner')}</Table.Th>
                <Table.Th scope="col">{t('audits.fields.actionDue')}</Table.Th>
                <Table.Th scope="col">{t('audits.fields.status')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {actions.data.map((f) => (
                <Table.Tr key={f.id}>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>
                    <AnchorLink to="/audits/$auditId" params={{ auditId: f.auditNumber }} fw={600}>
                      {f.reference}
                    </AnchorLink>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{f.title}</Text>
                    <Text size="xs" c="dimmed">
                      {f.auditNumber} {f.auditTitle}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <GradeBadge finding={f} />
                  </Table.Td>
                  <Table.Td maw={280}>
                    <Text size="sm" lineClamp={2}>
                      {f.action ?? '—'}
                    </Text>
                  </Table.Td>
                  <Table.Td>{f.actionOwnerName ?? t('audits.nobody')}</Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{day(f.actionDue)}</Table.Td>
                  <Table.Td>
                    <Group gap={4}>
                      <ActionBadge finding={f} />
                      {f.overdue && <OverdueBadge />}
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </>
  );
}
