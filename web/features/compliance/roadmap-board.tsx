import { Badge, Paper, SimpleGrid, Stack, Text, UnstyledButton } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { UserName } from '../admin-users/user-select';
import { TASK_STATUSES, type Task } from './api';
import { useDayFormat } from './format';
import { OverdueBadge, TaskStatusBadge } from './task-status';

// The board by status: one column per status, a card per task; a card opens the task.

export function RoadmapBoard({ tasks, onOpen }: { tasks: Task[]; onOpen: (task: Task) => void }) {
  const { t } = useTranslation();
  const day = useDayFormat();
  return (
    <SimpleGrid cols={{ base: 1, sm: 2, lg: 5 }} spacing="sm">
      {TASK_STATUSES.map((status) => {
        const column = tasks.filter((task) => task.status === status);
        return (
          <Paper
            key={status}
            component="section"
            withBorder
            p="xs"
            aria-label={t(`compliance.task.statuses.${status}`)}
          >
            <Stack gap="xs">
              <Text fw={650} size="sm">
                <TaskStatusBadge status={status} />{' '}
                <Badge variant="light" color="gray" size="sm" radius="sm">
                  {column.length}
                </Badge>
              </Text>
              {column.length === 0 && (
                <Text size="xs" c="dimmed">
                  {t('compliance.board.empty')}
                </Text>
              )}
              {column.map((task) => (
                <UnstyledButton
                  key={task.id}
                  onClick={() => onOpen(task)}
                  p="xs"
                  style={{
                    border: '1px solid var(--mantine-color-default-border)',
                    borderRadius: 'var(--mantine-radius-sm)',
                  }}
                >
                  <Stack gap={2}>
                    <Text size="xs" c="dimmed">
                      {task.number}
                      {task.milestone && ` · ◆ ${t('compliance.task.milestone')}`}
                    </Text>
                    <Text size="sm" fw={500}>
                      {task.title}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {task.ownerId ? <UserName id={task.ownerId} /> : t('compliance.task.noOwner')}{' '}
                      · {t('compliance.task.dueOn', { date: day(task.dueDate) })} ·{' '}
                      {task.percentComplete}%
                    </Text>
                    {task.overdue && <OverdueBadge milestone={task.milestone} />}
                  </Stack>
                </UnstyledButton>
              ))}
            </Stack>
          </Paper>
        );
      })}
    </SimpleGrid>
  );
}
