import { Anchor, Group, Progress, Stack, Table, Text, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { UserName } from '../admin-users/user-select';
import { GroupName } from '../catalogue/group-select';
import { RACI_ROLES, type Roadmap, type Task } from './api';
import { useDayFormat } from './format';
import { OverdueBadge, TaskStatusBadge } from './task-status';

// The roadmap as a dense list: owner, RACI, dates, status, progress, dependencies and the overdue
// flag in words. The number opens the task's dialog.

export function RoadmapTasksTable({
  roadmap,
  tasks,
  onOpen,
}: {
  roadmap: Roadmap;
  tasks: Task[];
  onOpen: (task: Task) => void;
}) {
  const { t } = useTranslation();
  const day = useDayFormat();
  const byId = new Map(roadmap.tasks.map((task) => [task.id, task]));
  const phaseTitle = new Map(roadmap.phases.map((phase) => [phase.id, phase.title]));
  const workstreamName = new Map(roadmap.workstreams.map((w) => [w.id, w.name]));
  return (
    <Table.ScrollContainer minWidth={1180}>
      <Table
        verticalSpacing={5}
        horizontalSpacing="xs"
        fz="sm"
        highlightOnHover
        aria-label={t('compliance.roadmap.tasksLabel')}
      >
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('compliance.task.number')}</Table.Th>
            <Table.Th scope="col">{t('compliance.task.title')}</Table.Th>
            <Table.Th scope="col">{t('compliance.task.phase')}</Table.Th>
            <Table.Th scope="col">{t('compliance.task.owner')}</Table.Th>
            <Table.Th scope="col">{t('compliance.task.raci')}</Table.Th>
            <Table.Th scope="col">{t('compliance.task.startDate')}</Table.Th>
            <Table.Th scope="col">{t('compliance.task.dueDate')}</Table.Th>
            <Table.Th scope="col">{t('compliance.task.status')}</Table.Th>
            <Table.Th scope="col">{t('compliance.task.percentComplete')}</Table.Th>
            <Table.Th scope="col">{t('compliance.task.dependsOn')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {tasks.map((task) => (
            <Table.Tr key={task.id}>
              <Table.Td>
                <Anchor
                  component="button"
                  type="button"
                  size="sm"
                  fw={500}
                  onClick={() => onOpen(task)}
                >
                  {task.number}
                </Anchor>
              </Table.Td>
              <Table.Td style={{ minWidth: 240, whiteSpace: 'normal' }}>
                <Stack gap={2}>
                  <Text size="sm">
                    {task.milestone && `◆ ${t('compliance.task.milestone')}: `}
                    {task.title}
                  </Text>
                  {(task.workstreamId || task.requirementNumbers.length > 0) && (
                    <Text size="xs" c="dimmed">
                      {[
                        task.workstreamId && workstreamName.get(task.workstreamId),
                        task.requirementNumbers.length > 0 &&
                          t('compliance.roadmap.serves', {
                            numbers: task.requirementNumbers.join(', '),
                          }),
                      ]
                        .filter(Boolean)
                        .join(' · ')}
                    </Text>
                  )}
                </Stack>
              </Table.Td>
              <Table.Td style={{ minWidth: 140 }}>{phaseTitle.get(task.phaseId) ?? '—'}</Table.Td>
              <Table.Td>{task.ownerId ? <UserName id={task.ownerId} /> : '—'}</Table.Td>
              <Table.Td>
                <Stack gap={0}>
                  {RACI_ROLES.filter(
                    (role) => task.raci[role].length + task.raciGroups[role].length > 0,
                  ).map((role) => (
                    <Text key={role} size="xs">
                      <Tooltip label={t(`compliance.raci.${role}`)}>
                        <Text span fw={700} size="xs">
                          {t(`compliance.raciShort.${role}`)}
                        </Text>
                      </Tooltip>{' '}
                      {[
                        ...task.raci[role].map((id) => <UserName key={id} id={id} />),
                        ...task.raciGroups[role].map((id) => <GroupName key={id} id={id} />),
                      ].map((name, index) => (
                        <span key={name.key}>
                          {index > 0 && ', '}
                          {name}
                        </span>
                      ))}
                    </Text>
                  ))}
                  {RACI_ROLES.every(
                    (role) => task.raci[role].length + task.raciGroups[role].length === 0,
                  ) && '—'}
                </Stack>
              </Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>{day(task.startDate)}</Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>
                <Stack gap={2} align="flex-start">
                  {day(task.dueDate)}
                  {task.overdue && <OverdueBadge milestone={task.milestone} />}
                </Stack>
              </Table.Td>
              <Table.Td>
                <TaskStatusBadge status={task.status} />
              </Table.Td>
              <Table.Td>
                <Group gap={6} wrap="nowrap">
                  <Progress value={task.percentComplete} w={60} aria-hidden />
                  <Text size="xs">{task.percentComplete}%</Text>
                </Group>
              </Table.Td>
              <Table.Td>
                {task.dependsOn.length
                  ? task.dependsOn.map((id) => byId.get(id)?.number ?? '?').join(', ')
                  : '—'}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
