import { Badge, Group, Paper, Stack, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { AnchorLink } from '../../ui/links';
import { ProblemAlert } from '../../ui/problem';
import { type ChecklistItem, checklistQuery } from './api';
import { DocumentStatusBadge } from './document-status';

const STATUS_COLORS: Record<ChecklistItem['status'], string> = {
  approved: 'green',
  review_overdue: 'red',
  not_approved: 'yellow',
  missing: 'gray',
};

/** The mandatory documented information of the library: which exist, which are approved. */
export function ChecklistView() {
  const { t } = useTranslation();
  const query = useQuery(checklistQuery());
  if (query.isError)
    return <ProblemAlert error={query.error} onRetry={() => void query.refetch()} />;
  const items = query.data ?? [];
  const approved = items.filter((i) => i.approved).length;
  return (
    <Stack gap="sm">
      <Text size="sm" c="dimmed">
        {t('documents.checklist.summary', { approved, total: items.length })}
      </Text>
      <Paper withBorder>
        <Table striped verticalSpacing="sm" aria-label={t('documents.views.checklist')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('documents.checklist.item')}</Table.Th>
              <Table.Th>{t('documents.checklist.requirement')}</Table.Th>
              <Table.Th>{t('documents.checklist.state')}</Table.Th>
              <Table.Th>{t('documents.checklist.documents')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((item) => (
              <Table.Tr key={item.key}>
                <Table.Td>
                  <Text size="sm" fw={500}>
                    {t(`documents.checklistKeys.${item.key as 'scope'}`, {
                      defaultValue: item.name,
                    })}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">
                    {item.requirement} · {item.requirementTitle}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Badge color={STATUS_COLORS[item.status]} variant="light">
                    {t(`documents.checklist.states.${item.status}`)}
                  </Badge>
                </Table.Td>
                <Table.Td>
                  {item.documents.length === 0 ? (
                    '—'
                  ) : (
                    <Stack gap={4}>
                      {item.documents.map((d) => (
                        <Group key={d.id} gap={6} wrap="nowrap">
                          <AnchorLink
                            to="/documents/$documentId"
                            params={{ documentId: d.id }}
                            size="sm"
                          >
                            {d.title}
                          </AnchorLink>
                          <DocumentStatusBadge status={d.status} />
                        </Group>
                      ))}
                    </Stack>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Paper>
    </Stack>
  );
}
