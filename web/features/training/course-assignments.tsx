import { Button, Checkbox, Group, Stack, Table, Text, TextInput } from '@mantine/core';
import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { newIdempotencyKey } from '../../api/client';
import { ExportMenu } from '../../ui/export-menu';
import { AnchorLink } from '../../ui/links';
import { notify } from '../../ui/notify';
import { ProblemAlert } from '../../ui/problem';
import { UserSelect } from '../admin-users/user-select';
import {
  addDays,
  assign,
  type CourseDetail,
  courseAssignmentsQuery,
  today,
  trainingKeys,
} from './api';
import { AssignmentState, Day } from './training-ui';

/** Who holds the course (training.report), and assigning it to someone by hand (training.manage). */
export function CourseAssignments({ course, manage }: { course: CourseDetail; manage: boolean }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const query = useInfiniteQuery(courseAssignmentsQuery(course.id));
  const [userId, setUserId] = useState<string | null>(null);
  const [dueOn, setDueOn] = useState(addDays(today(), 30));
  const [mandatory, setMandatory] = useState(true);
  const add = useMutation({
    mutationFn: () =>
      assign({ userId: userId ?? '', courseId: course.id, dueOn, mandatory }, newIdempotencyKey()),
    onSuccess: (a) => {
      void queryClient.invalidateQueries({ queryKey: trainingKeys.all });
      notify({ color: 'green', message: t('training.assign.done', { name: a.userName }) });
      setUserId(null);
    },
  });
  const items = (query.data?.pages.flatMap((page) => page.items) ?? []).filter(
    (a) => a.status !== 'superseded',
  );
  return (
    <Stack gap="sm">
      {query.isError && <ProblemAlert error={query.error} onRetry={() => void query.refetch()} />}
      {query.isSuccess && items.length === 0 && (
        <Text size="sm" c="dimmed">
          {t('training.assign.none')}
        </Text>
      )}
      {items.length > 0 && (
        <Table aria-label={t('training.assign.title')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('training.fields.person')}</Table.Th>
              <Table.Th>{t('training.fields.version')}</Table.Th>
              <Table.Th>{t('training.fields.dueOn')}</Table.Th>
              <Table.Th>{t('training.fields.state')}</Table.Th>
              <Table.Th>{t('training.fields.completedOn')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((a) => (
              <Table.Tr key={a.id}>
                <Table.Td>
                  <AnchorLink
                    to="/training/assignments/$assignmentId"
                    params={{ assignmentId: a.id }}
                    size="sm"
                  >
                    {a.userName}
                  </AnchorLink>
                </Table.Td>
                <Table.Td>v{a.courseVersion}</Table.Td>
                <Table.Td>
                  <Day value={a.dueOn} />
                </Table.Td>
                <Table.Td>
                  <AssignmentState assignment={a} />
                </Table.Td>
                <Table.Td>
                  <Day value={a.completedOn} />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <Group gap="sm">
        {query.hasNextPage && (
          <Button
            variant="default"
            size="sm"
            onClick={() => void query.fetchNextPage()}
            loading={query.isFetchingNextPage}
          >
            {t('training.assign.more')}
          </Button>
        )}
        {/* The file holds every assignment of the course, superseded versions included. */}
        <ExportMenu path="/training/assignments" filters={{ courseId: course.id }} />
      </Group>
      {manage && course.status === 'published' && (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            add.mutate();
          }}
          noValidate
        >
          <Group align="flex-end" gap="sm">
            <UserSelect label={t('training.assign.person')} value={userId} onChange={setUserId} />
            <TextInput
              type="date"
              label={t('training.fields.dueOn')}
              value={dueOn}
              onChange={(e) => setDueOn(e.currentTarget.value)}
            />
            <Checkbox
              mb={8}
              label={t('training.fields.mandatory')}
              checked={mandatory}
              onChange={(e) => setMandatory(e.currentTarget.checked)}
            />
            <Button type="submit" variant="light" loading={add.isPending} disabled={!userId}>
              {t('training.assign.submit')}
            </Button>
          </Group>
          {add.isError && <ProblemAlert error={add.error} />}
        </form>
      )}
    </Stack>
  );
}
