import { Badge, EmptyState, Group, Paper, Stack, Table, Text } from '@mantine/core';
import { IconChecks } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { DateTime } from '../../ui/dates';
import { AnchorLink } from '../../ui/links';
import { PageHeader } from '../../ui/page';
import { ProblemAlert } from '../../ui/problem';
import { type MyAcknowledgement, myAcknowledgementsQuery } from './api';

export function AcknowledgementState({ item }: { item: MyAcknowledgement }) {
  const { t } = useTranslation();
  if (item.acknowledgedAt)
    return (
      <Badge color="green" variant="light">
        {t('documents.acknowledgements.done')}
      </Badge>
    );
  return item.overdue ? (
    <Badge color="red" variant="filled">
      {t('documents.acknowledgements.overdue')}
    </Badge>
  ) : (
    <Badge color="yellow" variant="light">
      {t('documents.acknowledgements.toRead')}
    </Badge>
  );
}

/** "My acknowledgements": the documents I am asked to read and acknowledge, open ones first. */
export function AcknowledgementsPage() {
  const { t } = useTranslation();
  const query = useQuery(myAcknowledgementsQuery());
  const items = query.data ?? [];
  const open = items.filter((i) => !i.acknowledgedAt).length;
  return (
    <>
      <PageHeader
        title={t('modules.acknowledgements.label')}
        description={t('documents.acknowledgements.description')}
      />
      {query.isError && <ProblemAlert error={query.error} onRetry={() => void query.refetch()} />}
      {query.isSuccess && items.length === 0 && (
        <EmptyState
          icon={<IconChecks size={28} aria-hidden />}
          title={t('documents.acknowledgements.emptyTitle')}
          description={t('documents.acknowledgements.emptyDescription')}
          withIndicatorBackground
        />
      )}
      {items.length > 0 && (
        <Stack gap="sm">
          <Text size="sm" c="dimmed">
            {t('documents.acknowledgements.openCount', { count: open })}
          </Text>
          <Paper withBorder>
            <Table verticalSpacing="sm" aria-label={t('modules.acknowledgements.label')}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('documents.fields.title')}</Table.Th>
                  <Table.Th>{t('documents.fields.version')}</Table.Th>
                  <Table.Th>{t('documents.campaigns.dueAt')}</Table.Th>
                  <Table.Th>{t('documents.acknowledgements.state')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((item) => (
                  <Table.Tr key={item.campaignId}>
                    <Table.Td>
                      <Group gap="xs" wrap="nowrap">
                        <AnchorLink
                          to="/acknowledgements/$campaignId"
                          params={{ campaignId: item.campaignId }}
                          fw={500}
                          size="sm"
                        >
                          {item.documentTitle}
                        </AnchorLink>
                        <Text size="xs" c="dimmed">
                          {item.documentNumber}
                        </Text>
                      </Group>
                    </Table.Td>
                    <Table.Td>v{item.versionNumber}</Table.Td>
                    <Table.Td>
                      <DateTime value={item.dueAt} format="date" />
                    </Table.Td>
                    <Table.Td>
                      <Group gap="xs">
                        <AcknowledgementState item={item} />
                        {item.acknowledgedAt && (
                          <Text size="xs" c="dimmed">
                            <DateTime value={item.acknowledgedAt} />
                          </Text>
                        )}
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Paper>
        </Stack>
      )}
    </>
  );
}
