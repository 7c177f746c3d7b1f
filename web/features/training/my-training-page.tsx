import { EmptyState, Group, Paper, Skeleton, Stack, Table, Text } from '@mantine/core';
import { IconSchool } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { AnchorLink } from '../../ui/links';
import { PageHeader } from '../../ui/page';
import { ProblemAlert } from '../../ui/problem';
import { type Assignment, myTrainingQuery } from './api';
import { AssignmentState, Day } from './training-ui';

function AssignmentsTable({ items, label }: { items: Assignment[]; label: string }) {
  const { t } = useTranslation();
  return (
    <Paper withBorder>
      <Table verticalSpacing="sm" aria-label={label}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('training.fields.course')}</Table.Th>
            <Table.Th>{t('training.fields.version')}</Table.Th>
            <Table.Th>{t('training.fields.dueOn')}</Table.Th>
            <Table.Th>{t('training.fields.state')}</Table.Th>
            <Table.Th>{t('training.fields.completedOn')}</Table.Th>
            <Table.Th>{t('training.fields.score')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((a) => (
            <Table.Tr key={a.id}>
              <Table.Td>
                <Group gap="xs" wrap="nowrap">
                  <AnchorLink
                    to="/training/assignments/$assignmentId"
                    params={{ assignmentId: a.id }}
                    fw={500}
                    size="sm"
                  >
                    {a.courseTitle}
                  </AnchorLink>
                  <Text size="xs" c="dimmed">
                    {a.courseCode}
                  </Text>
                  {!a.mandatory && (
                    <Text size="xs" c="dimmed" fs="italic">
                      {t('training.optional')}
                    </Text>
                  )}
                </Group>
              </Table.Td>
              <Table.Td>v{a.courseVersion}</Table.Td>
              <Table.Td>
                <Text size="sm" c={a.overdue ? 'red' : undefined} fw={a.overdue ? 600 : undefined}>
                  <Day value={a.dueOn} />
                </Text>
              </Table.Td>
              <Table.Td>
                <AssignmentState assignment={a} />
              </Table.Td>
              <Table.Td>
                <Day value={a.completedOn} />
              </Table.Td>
              <Table.Td>{a.score === null ? '—' : `${a.score} %`}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Paper>
  );
}

/** My training: what I must do (overdue first, then by due date), and what I have done. */
export function MyTrainingPage() {
  const { t } = useTranslation();
  const query = useQuery(myTrainingQuery());
  const items = query.data ?? [];
  const open = items
    .filter((a) => a.status === 'assigned')
    .sort((a, b) => Number(b.overdue) - Number(a.overdue) || a.dueOn.localeCompare(b.dueOn));
  const done = items
    .filter((a) => a.status === 'completed')
    .sort((a, b) => (b.completedOn ?? '').localeCompare(a.completedOn ?? ''));
  const overdue = open.filter((a) => a.overdue).length;
  return (
    <>
      <PageHeader
        title={t('modules.myTraining.label')}
        description={t('training.my.description')}
      />
      {query.isPending && <Skeleton height={160} />}
      {query.isError && <ProblemAlert error={query.error} onRetry={() => void query.refetch()} />}
      {query.isSuccess && items.length === 0 && (
        <EmptyState
          icon={<IconSchool size={28} aria-hidden />}
          title={t('training.my.emptyTitle')}
          description={t('training.my.emptyDescription')}
          withIndicatorBackground
        />
      )}
      {items.length > 0 && (
        <Stack gap="lg">
          <Stack gap="xs">
            <Text component="h2" fw={600} size="lg" m={0}>
              {t('training.my.toDo')}
            </Text>
            <Text size="sm" c="dimmed">
              {open.length === 0
                ? t('training.my.allDone')
                : t('training.my.openCount', { count: open.length, overdue })}
            </Text>
            {open.length > 0 && <AssignmentsTable items={open} label={t('training.my.toDo')} />}
          </Stack>
          {done.length > 0 && (
            <Stack gap="xs">
              <Text component="h2" fw={600} size="lg" m={0}>
                {t('training.my.done')}
              </Text>
              <AssignmentsTable items={done} label={t('training.my.done')} />
            </Stack>
          )}
        </Stack>
      )}
    </>
  );
}
