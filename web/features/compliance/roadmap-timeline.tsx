import { Group, Text } from '@mantine/core';
import { IconDiamond } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formattingLocale } from '../../ui/dates';
import { UserName } from '../admin-users/user-select';
import type { Phase, Task } from './api';
import { DependencyArrows } from './dependency-arrows';
import { useDayFormat } from './format';
import { barPosition, brokenDependencies, timelineRange } from './roadmap-model';
import classes from './roadmap-timeline.module.css';
import { OverdueBadge } from './task-status';

// A Gantt-like timeline: months across, tasks down, grouped by phase. Each bar is a button (in the
// Tab order, Enter opens the task) whose accessible name carries what the bar shows: dates,
// status, percent complete, overdue, dependencies. Milestones are diamonds; a dashed red line marks
// today. Dependencies are drawn as arrows (dashed red when broken: the task starts before what it
// waits for is due), and also named under the task, a broken one flagged in words.

interface RoadmapTimelineProps {
  phases: Phase[];
  tasks: Task[];
  today: string;
  onOpen: (task: Task) => void;
}

export function RoadmapTimeline({ phases, tasks, today, onOpen }: RoadmapTimelineProps) {
  const { t, i18n } = useTranslation();
  const day = useDayFormat();
  const locale = formattingLocale(i18n.language);
  const range = useMemo(() => timelineRange(tasks, phases, today), [tasks, phases, today]);
  const byId = useMemo(() => new Map(tasks.map((task) => [task.id, task])), [tasks]);
  const monthName = new Intl.DateTimeFormat(locale, {
    month: 'short',
    year: '2-digit',
    timeZone: 'UTC',
  });
  const todayLeft = barPosition(range, today, today)?.left ?? 0;
  const [grid, setGrid] = useState<HTMLDivElement | null>(null);

  const monthLines = (
    <>
      {range.months.map((month) => (
        <div
          key={month.key}
          className={classes.month}
          style={{ left: `${(month.offset / range.totalDays) * 100}%` }}
          aria-hidden
        />
      ))}
      <div className={classes.today} style={{ left: `${todayLeft}%` }} aria-hidden />
    </>
  );

  return (
    <div className={classes.frame}>
      <div className={classes.grid} ref={setGrid}>
        <DependencyArrows grid={grid} tasks={tasks} />
        <div className={classes.row} aria-hidden>
          <div className={classes.label}>
            <Text size="xs" fw={600}>
              {t('compliance.timeline.task')}
            </Text>
          </div>
          <div className={classes.track}>
            {range.months.map((month) => (
              <div
                key={month.key}
                className={`${classes.month} ${classes.monthLabel}`}
                style={{
                  left: `${(month.offset / range.totalDays) * 100}%`,
                  width: `${(month.days / range.totalDays) * 100}%`,
                }}
              >
                {monthName.format(new Date(`${month.key}-15T12:00:00Z`))}
              </div>
            ))}
          </div>
        </div>
        {phases.map((phase) => {
          const phaseTasks = tasks.filter((task) => task.phaseId === phase.id);
          const phaseBar = barPosition(range, phase.startDate, phase.endDate);
          return (
            <section key={phase.id} aria-label={phase.title}>
              <div className={`${classes.row} ${classes.phaseRow}`}>
                <div className={classes.label}>
                  <Text size="sm" fw={650}>
                    {phase.title}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {phase.startDate || phase.endDate
                      ? `${day(phase.startDate)} – ${day(phase.endDate)}`
                      : t('compliance.timeline.noDates')}
                  </Text>
                </div>
                <div className={classes.track}>
                  {monthLines}
                  {phaseBar && (
                    <div
                      className={classes.phaseBar}
                      style={{ left: `${phaseBar.left}%`, width: `${phaseBar.width}%` }}
                      aria-hidden
                    />
                  )}
                </div>
              </div>
              {phaseTasks.length === 0 && (
                <div className={classes.row}>
                  <div className={classes.label}>
                    <Text size="xs" c="dimmed">
                      {t('compliance.timeline.emptyPhase')}
                    </Text>
                  </div>
                  <div className={classes.track}>{monthLines}</div>
                </div>
              )}
              {phaseTasks.map((task) => {
                const position = barPosition(range, task.startDate, task.dueDate);
                const broken = brokenDependencies(task, byId);
                const depends = task.dependsOn
                  .map((id) => byId.get(id)?.number)
                  .filter(Boolean)
                  .join(', ');
                const name = t('compliance.timeline.barLabel', {
                  number: task.number,
                  title: task.title,
                  start: day(task.startDate),
                  due: day(task.dueDate),
                  status: t(`compliance.task.statuses.${task.status}`),
                  percent: task.percentComplete,
                });
                const extra = [
                  task.milestone ? t('compliance.task.milestone') : '',
                  task.overdue
                    ? t(task.milestone ? 'compliance.task.slipped' : 'compliance.task.overdue')
                    : '',
                  depends ? t('compliance.timeline.after', { tasks: depends }) : '',
                ]
                  .filter(Boolean)
                  .join('. ');
                return (
                  <div key={task.id} className={classes.row}>
                    <div className={classes.label}>
                      <Group gap={4} wrap="nowrap">
                        {task.milestone && <IconDiamond size={12} aria-hidden />}
                        <Text size="xs" fw={600} truncate="end" title={task.title}>
                          {task.number} {task.title}
                        </Text>
                      </Group>
                      <Group gap={6} wrap="wrap">
                        <Text size="xs" c="dimmed">
                          {task.ownerId ? (
                            <UserName id={task.ownerId} />
                          ) : (
                            t('compliance.task.noOwner')
                          )}
                        </Text>
                        {task.overdue && <OverdueBadge milestone={task.milestone} />}
                        {depends && (
                          <Text size="xs" c="dimmed">
                            {t('compliance.timeline.after', { tasks: depends })}
                          </Text>
                        )}
                        {broken.length > 0 && (
                          <Text size="xs" c="red.9" fw={600}>
                            {t('compliance.timeline.broken', {
                              tasks: broken.map((b) => b.number).join(', '),
                            })}
                          </Text>
                        )}
                      </Group>
                    </div>
                    <div className={classes.track}>
                      {monthLines}
                      {position &&
                        (task.milestone ? (
                          <button
                            type="button"
                            className={classes.milestone}
                            data-task-id={task.id}
                            style={{ left: `${position.left + position.width / 2}%` }}
                            data-overdue={task.overdue || undefined}
                            data-status={task.status}
                            aria-label={`${name}. ${extra}`}
                            title={`${task.number} ${task.title}`}
                            onClick={() => onOpen(task)}
                          />
                        ) : (
                          <button
                            type="button"
                            className={classes.bar}
                            data-task-id={task.id}
                            style={{ left: `${position.left}%`, width: `${position.width}%` }}
                            data-status={task.status}
                            data-overdue={task.overdue || undefined}
                            aria-label={`${name}. ${extra}`}
                            title={`${task.number} ${task.title}`}
                            onClick={() => onOpen(task)}
                          >
                            <span
                              className={classes.progress}
                              style={{ width: `${task.percentComplete}%` }}
                            />
                            <span className={classes.barText}>{task.percentComplete}%</span>
                          </button>
                        ))}
                      {!position && (
                        <button
                          type="button"
                          className={classes.unscheduled}
                          aria-label={`${name}. ${extra}`}
                          onClick={() => onOpen(task)}
                        >
                          {t('compliance.timeline.unscheduled')}
                        </button>
                      )}
                    </div>
                  </div>
                );
              })}
            </section>
          );
        })}
      </div>
    </div>
  );
}
