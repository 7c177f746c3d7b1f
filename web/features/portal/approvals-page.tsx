import { Badge, EmptyState, Skeleton, Stack, Table, Text } from '@mantine/core';
import { IconChecklist } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { DateTime } from '../../ui/dates';
import { AnchorLink } from '../../ui/links';
import { PageHeader } from '../../ui/page';
import { ProblemAlert } from '../../ui/problem';
import { approvalsQuery } from './api';
import { dynamicLabel } from './labels';

/** Approval steps that wait for the signed-in person (as a manager, owner or group member). */
export function ApprovalsPage() {
  const { t } = useTranslation();
  const query = useQuery(approvalsQuery);
  return (
    <>
      <PageHeader
        title={t('portal.approvals.title')}
        description={t('portal.approvals.description')}
        crumbs={[{ label: t('portal.home.title'), to: '/portal' }]}
      />
      {query.isPending ? (
        <Stack gap="xs" aria-busy>
          <Skeleton height={32} />
          <Skeleton height={32} />
        </Stack>
      ) : query.isError ? (
        <ProblemAlert error={query.error} onRetry={() => void query.refetch()} />
      ) : query.data.length === 0 ? (
        <EmptyState
          py="xl"
          icon={<IconChecklist size={28} aria-hidden />}
          title={t('portal.approvals.emptyTitle')}
          description={t('portal.approvals.emptyDescription')}
          withIndicatorBackground
        />
      ) : (
        <Table.ScrollContainer minWidth={560}>
          <Table aria-label={t('portal.approvals.title')} verticalSpacing="xs" highlightOnHover>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('portal.fields.number')}</Table.Th>
                <Table.Th scope="col">{t('portal.fields.title')}</Table.Th>
                <Table.Th scope="col">{t('portal.fields.requester')}</Table.Th>
                <Table.Th scope="col">{t('portal.approvals.as')}</Table.Th>
                <Table.Th scope="col">{t('portal.approvals.since')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {query.data.map((waiting) => (
                <Table.Tr key={waiting.id}>
                  <Table.Td>
                    <AnchorLink
                      to="/portal/tickets/$id"
                      params={{ id: waiting.number }}
                      fw={500}
                      aria-label={t('portal.approvals.open', {
                        number: waiting.number,
                        title: waiting.title,
                      })}
                    >
                      {waiting.number}
                    </AnchorLink>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{waiting.title}</Text>
                  </Table.Td>
                  <Table.Td>{waiting.requesterName}</Table.Td>
                  <Table.Td>
                    <Badge variant="light" color="gray" radius="sm">
                      {dynamicLabel(t, `portal.approvals.kinds.${waiting.kind}`, waiting.kind)}
                    </Badge>
                  </Table.Td>
                  <Table.Td>
                    <DateTime value={waiting.createdAt} format="relative" />
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
