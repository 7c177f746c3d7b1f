import {
  ActionIcon,
  Button,
  Checkbox,
  Group,
  SegmentedControl,
  Select,
  SimpleGrid,
  Skeleton,
  Stack,
  Text,
} from '@mantine/core';
import { IconDownload, IconPencil, IconPlus } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ExportMenu } from '../../ui/export-menu';
import { PageHeader, Section } from '../../ui/page';
import { ProblemAlert } from '../../ui/problem';
import { UserName } from '../admin-users/user-select';
import { usePermissions, useSession } from '../auth/session';
import {
  type Phase,
  type Roadmap,
  roadmapQuery,
  roadmapWorkbookUrl,
  TASK_STATUSES,
  type Task,
  type TaskStatus,
  type Workstream,
} from './api';
import { todayKey, useDayFormat } from './format';
import { localizedRoadmap } from './phases';
import { PhaseDialog, WorkstreamDialog } from './programme-dialogs';
import { RoadmapBoard } from './roadmap-board';
import { isMine } from './roadmap-model';
import { RoadmapTasksTable } from './roadmap-tasks-table';
import { RoadmapTimeline } from './roadmap-timeline';
import { ROADMAP_VIEWS, type RoadmapSearch, type RoadmapView } from './routes';
import { TaskDialog } from './task-dialog';
import { useMyGroupIds } from './use-my-groups';

const route = getRouteApi('/app/compliance/roadmap');

export function RoadmapPage() {
  const { t } = useTranslation();
  const query = useQuery(roadmapQuery);
  const search = route.useSearch();
  // The plan's task filters, under the names GET /compliance/roadmap/tasks reads them (the view
  // and the open task are the screen's own); "mine" counts my groups' tasks on both sides.
  const taskFilters = {
    status: search.status,
    phaseId: search.phaseId,
    mine: search.mine,
    overdue: search.overdue,
  };
  return (
    <>
      <PageHeader
        title={t('modules.roadmap.label')}
        description={t('compliance.roadmap.description')}
        actions={
          <>
            <ExportMenu path="/compliance/roadmap/tasks" filters={taskFilters} />
            <Button
              component="a"
              href={roadmapWorkbookUrl()}
              download
              variant="default"
              leftSection={<IconDownload size={16} aria-hidden />}
            >
              {t('compliance.roadmap.download')}
            </Button>
          </>
        }
      />
      {query.isPending ? (
        <Skeleton height={400} />
      ) : query.isError ? (
        <ProblemAlert error={query.error} onRetry={() => void query.refetch()} />
      ) : (
        <RoadmapContent roadmap={localizedRoadmap(query.data, t)} />
      )}
    </>
  );
}

function RoadmapContent({ roadmap }: { roadmap: Roadmap }) {
  const { t } = useTranslation();
  const can = usePermissions();
  const { user } = useSession();
  const search = route.useSearch();
  const navigate = useNavigate({ from: '/compliance/roadmap' });
  const day = useDayFormat();
  const manage = can('compliance.manage');
  const view: RoadmapView = search.view ?? 'timeline';
  const today = todayKey();
  const [phaseEdit, setPhaseEdit] = useState<Phase | null>(null);
  const [workstreamEdit, setWorkstreamEdit] = useState<Workstream | 'new' | null>(null);
  const setSearch = (next: Partial<RoadmapSearch>) =>
    void navigate({ search: (prev) => ({ ...prev, ...next }), replace: true });
  const openTask = (task: Task) => setSearch({ task: task.id });

  const myGroupIds = useMyGroupIds(user.id, Boolean(search.mine));
  const tasks = useMemo(
    () =>
      roadmap.tasks.filter(
        (task) =>
          (!search.status || task.status === search.status) &&
          (!search.phaseId || task.phaseId === search.phaseId) &&
          (!search.mine || isMine(task, user.id, myGroupIds)) &&
          (!search.overdue || task.overdue),
      ),
    [
      roadmap.tasks,
      search.status,
      search.phaseId,
      search.mine,
      search.overdue,
      user.id,
      myGroupIds,
    ],
  );
  const overdueCount = roadmap.tasks.filter((task) => task.overdue).length;
  const dialogTask =
    search.task === 'new' ? null : roadmap.tasks.find((task) => task.id === search.task);
  const phases = search.phaseId
    ? roadmap.phases.filter((phase) => phase.id === search.phaseId)
    : roadmap.phases;

  return (
    <Stack gap="lg">
      <Section title={t('compliance.roadmap.phasesTitle')}>
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} spacing="sm">
          {roadmap.phases.map((phase, index) => {
            const phaseTasks = roadmap.tasks.filter((task) => task.phaseId === phase.id);
            const done = phaseTasks.filter((task) => task.status === 'done').length;
            const late = phaseTasks.filter((task) => task.overdue).length;
            return (
              <Stack
                key={phase.id}
                gap={2}
                p="xs"
                style={{
                  border: '1px solid var(--mantine-color-default-border)',
                  borderRadius: 'var(--mantine-radius-sm)',
                }}
              >
                <Group justify="space-between" wrap="nowrap" gap={4}>
                  <Text size="sm" fw={650}>
                    {index + 1}. {phase.title}
                  </Text>
                  {manage && (
                    <ActionIcon
                      variant="subtle"
                      aria-label={t('compliance.roadmap.editPhase', { phase: phase.title })}
                      onClick={() => setPhaseEdit(phase)}
                    >
                      <IconPencil size={16} aria-hidden />
                    </ActionIcon>
                  )}
                </Group>
                <Text size="xs" c="dimmed">
                  {phase.startDate || phase.endDate
                    ? `${day(phase.startDate)} – ${day(phase.endDate)}`
                    : t('compliance.timeline.noDates')}
                </Text>
                <Text size="xs">
                  {t('compliance.roadmap.phaseProgress', { done, total: phaseTasks.length })}
                  {late > 0 && ` · ${t('compliance.roadmap.overdueCount', { count: late })}`}
                </Text>
              </Stack>
            );
          })}
        </SimpleGrid>
      </Section>

      <Section
        title={t('compliance.roadmap.planTitle')}
        actions={
          manage && (
            <Button
              size="xs"
              leftSection={<IconPlus size={14} aria-hidden />}
              onClick={() => setSearch({ task: 'new' })}
            >
              {t('compliance.roadmap.addTask')}
            </Button>
          )
        }
      >
        <Stack gap="sm">
          <Group gap="sm" align="flex-end" wrap="wrap">
            <SegmentedControl
              aria-label={t('compliance.roadmap.viewLabel')}
              data={ROADMAP_VIEWS.map((value) => ({
                value,
                label: t(`compliance.roadmap.views.${value}`),
              }))}
              value={view}
              onChange={(value) => setSearch({ view: value as RoadmapView })}
            />
            <Select
              aria-label={t('compliance.task.phase')}
              placeholder={t('compliance.roadmap.anyPhase')}
              data={roadmap.phases.map((phase) => ({ value: phase.id, label: phase.title }))}
              value={search.phaseId ?? null}
              onChange={(value) => setSearch({ phaseId: value ?? undefined })}
              clearable
              w={260}
            />
            <Select
              aria-label={t('compliance.task.status')}
              placeholder={t('compliance.roadmap.anyStatus')}
              data={TASK_STATUSES.map((status) => ({
                value: status,
                label: t(`compliance.task.statuses.${status}`),
              }))}
              value={search.status ?? null}
              onChange={(value) => setSearch({ status: (value as TaskStatus) ?? undefined })}
              clearable
              w={180}
            />
            <Checkbox
              label={t('compliance.roadmap.mine')}
              checked={search.mine ?? false}
              onChange={(event) => setSearch({ mine: event.currentTarget.checked || undefined })}
            />
            <Checkbox
              label={t('compliance.roadmap.overdueOnly', { count: overdueCount })}
              checked={search.overdue ?? false}
              onChange={(event) => setSearch({ overdue: event.currentTarget.checked || undefined })}
            />
          </Group>
          <Text size="sm" c="dimmed" aria-live="polite">
            {t('compliance.roadmap.shown', { count: tasks.length })}
          </Text>
          {tasks.length === 0 && roadmap.tasks.length === 0 ? (
            <Text c="dimmed">{t('compliance.roadmap.empty')}</Text>
          ) : view === 'timeline' ? (
            <RoadmapTimeline phases={phases} tasks={tasks} today={today} onOpen={openTask} />
          ) : view === 'board' ? (
            <RoadmapBoard tasks={tasks} onOpen={openTask} />
          ) : (
            <RoadmapTasksTable roadmap={roadmap} tasks={tasks} onOpen={openTask} />
          )}
        </Stack>
      </Section>

      <Section
        title={t('compliance.roadmap.workstreamsTitle')}
        actions={
          manage && (
            <Button
              size="xs"
              variant="default"
              leftSection={<IconPlus size={14} aria-hidden />}
              onClick={() => setWorkstreamEdit('new')}
            >
              {t('compliance.roadmap.addWorkstream')}
            </Button>
          )
        }
      >
        {roadmap.workstreams.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('compliance.roadmap.noWorkstreams')}
          </Text>
        ) : (
          <Stack gap={6}>
            {roadmap.workstreams.map((workstream) => (
              <Group key={workstream.id} justify="space-between" wrap="nowrap">
                <Stack gap={0}>
                  <Text size="sm" fw={600}>
                    {workstream.name}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {workstream.leadId ? (
                      <>
                        {t('compliance.workstreamDialog.lead')}: <UserName id={workstream.leadId} />
                      </>
                    ) : null}
                    {workstream.leadId && ' · '}
                    {t('compliance.roadmap.taskCount', {
                      count: roadmap.tasks.filter((task) => task.workstreamId === workstream.id)
                        .length,
                    })}
                  </Text>
                </Stack>
                {manage && (
                  <ActionIcon
                    variant="subtle"
                    aria-label={t('compliance.roadmap.editWorkstream', { name: workstream.name })}
                    onClick={() => setWorkstreamEdit(workstream)}
                  >
                    <IconPencil size={16} aria-hidden />
                  </ActionIcon>
                )}
              </Group>
            ))}
          </Stack>
        )}
      </Section>

      {search.task && (search.task === 'new' ? manage : dialogTask) && (
        <TaskDialog
          key={search.task}
          task={dialogTask ?? null}
          roadmap={roadmap}
          readOnly={!manage}
          onClose={() => setSearch({ task: undefined })}
        />
      )}
      {phaseEdit && <PhaseDialog phase={phaseEdit} onClose={() => setPhaseEdit(null)} />}
      {workstreamEdit && (
        <WorkstreamDialog
          workstream={workstreamEdit === 'new' ? null : workstreamEdit}
          onClose={() => setWorkstreamEdit(null)}
        />
      )}
    </Stack>
  );
}
