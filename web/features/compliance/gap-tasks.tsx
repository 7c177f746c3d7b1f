import { Button, Group, Stack, Text } from '@mantine/core';
import { IconListCheck } from '@tabler/icons-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { newIdempotencyKey } from '../../api/client';
import { AnchorLink } from '../../ui/links';
import { notify } from '../../ui/notify';
import { ProblemAlert } from '../../ui/problem';
import { type AssessmentItem, complianceKeys, createTask, roadmapQuery } from './api';
import { useDayFormat } from './format';
import { OverdueBadge, TaskStatusBadge } from './task-status';

// A gap becomes a roadmap task in one action: the task carries the requirement and the gap it
// closes, lands in the implementation phase with the gap's owner and due date, and shows here.

export function GapTasks({
  assessmentId,
  item,
  canPlan,
}: {
  assessmentId: string;
  item: AssessmentItem;
  canPlan: boolean;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const roadmap = useQuery(roadmapQuery);
  const day = useDayFormat();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const tasks = (roadmap.data?.tasks ?? []).filter(
    (task) => item.taskIds.includes(task.id) || task.gapItemIds.includes(item.id),
  );

  const create = async () => {
    const phase =
      roadmap.data?.phases.find((p) => p.key === 'implementation') ?? roadmap.data?.phases.at(-1);
    if (!phase) return;
    setBusy(true);
    setError(null);
    try {
      const task = await createTask(
        {
          title: t('compliance.gapTask.title', { number: item.number, title: item.title }),
          description: item.notes,
          phaseId: phase.id,
          ownerId: item.ownerId,
          dueDate: item.dueDate,
          requirementNumbers: [item.number],
          gapItemIds: [item.id],
        },
        newIdempotencyKey(),
      );
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: complianceKeys.roadmap }),
        queryClient.invalidateQueries({ queryKey: complianceKeys.assessment(assessmentId) }),
      ]);
      notify({
        color: 'green',
        message: t('compliance.gapTask.created', { number: task.number }),
      });
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Stack gap="xs">
      {error !== null && <ProblemAlert error={error} />}
      {tasks.length === 0 ? (
        <Text size="sm" c="dimmed">
          {item.gap ? t('compliance.gapTask.none') : t('compliance.gapTask.noGap')}
        </Text>
      ) : (
        tasks.map((task) => (
          <Group key={task.id} gap="xs" wrap="wrap">
            <AnchorLink
              to="/compliance/roadmap"
              search={{ view: 'tasks', task: task.id }}
              size="sm"
              fw={500}
            >
              {task.number} {task.title}
            </AnchorLink>
            <TaskStatusBadge status={task.status} />
            {task.overdue && <OverdueBadge milestone={task.milestone} />}
            <Text size="xs" c="dimmed">
              {t('compliance.task.dueOn', { date: day(task.dueDate) })}
            </Text>
          </Group>
        ))
      )}
      {canPlan && item.gap && (
        <Group>
          <Button
            size="sm"
            variant={tasks.length ? 'default' : 'filled'}
            leftSection={<IconListCheck size={16} aria-hidden />}
            loading={busy}
            disabled={!roadmap.data}
            onClick={() => void create()}
          >
            {t('compliance.gapTask.create')}
          </Button>
        </Group>
      )}
    </Stack>
  );
}
