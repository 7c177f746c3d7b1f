import { useLayoutEffect, useState } from 'react';
import type { Task } from './api';
import { brokenDependencies } from './roadmap-model';
import classes from './roadmap-timeline.module.css';

// The dependency arrows of the timeline: from the end of the task waited for to the start of the
// task that waits. Bars are placed in percent inside rows of varying height, so the arrows are
// drawn after layout from the bars' measured boxes, and again whenever the grid is resized.
// Decorative for assistive technology: every bar's name already says what it waits for.

interface Arrow {
  key: string;
  path: string;
  broken: boolean;
}

/** An elbow from (x1, y1) out to the right, down or up, then into (x2, y2) from the left. */
export function elbowPath(x1: number, y1: number, x2: number, y2: number): string {
  const out = 8;
  if (x2 - x1 >= 2 * out) {
    const mid = x1 + (x2 - x1) / 2;
    return `M ${x1} ${y1} H ${mid} V ${y2} H ${x2}`;
  }
  // The successor starts before the predecessor ends: go around, between the two rows.
  const between = y1 + (y2 - y1) / 2;
  return `M ${x1} ${y1} H ${x1 + out} V ${between} H ${x2 - out} V ${y2} H ${x2}`;
}

/** `grid` comes from a callback ref: a child's layout effect runs before its parent's refs are set. */
export function DependencyArrows({ grid, tasks }: { grid: HTMLDivElement | null; tasks: Task[] }) {
  const [arrows, setArrows] = useState<Arrow[]>([]);
  const [size, setSize] = useState({ width: 0, height: 0 });

  useLayoutEffect(() => {
    if (!grid) return;
    const byId = new Map(tasks.map((task) => [task.id, task]));
    const measure = () => {
      const origin = grid.getBoundingClientRect();
      const box = (id: string) =>
        grid.querySelector<HTMLElement>(`[data-task-id="${id}"]`)?.getBoundingClientRect();
      const next: Arrow[] = [];
      for (const task of tasks) {
        const to = box(task.id);
        if (!to) continue;
        const broken = new Set(brokenDependencies(task, byId).map((b) => b.id));
        for (const dependency of task.dependsOn) {
          const from = box(dependency);
          if (!from) continue;
          next.push({
            key: `${dependency}-${task.id}`,
            broken: broken.has(dependency),
            path: elbowPath(
              from.right - origin.left,
              from.top + from.height / 2 - origin.top,
              to.left - origin.left,
              to.top + to.height / 2 - origin.top,
            ),
          });
        }
      }
      setArrows(next);
      setSize({ width: grid.scrollWidth, height: grid.scrollHeight });
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(grid);
    return () => observer.disconnect();
  }, [grid, tasks]);

  if (arrows.length === 0) return null;
  return (
    <svg
      className={classes.arrows}
      width={size.width}
      height={size.height}
      aria-hidden
      focusable="false"
    >
      <defs>
        <marker
          id="roadmap-arrow"
          viewBox="0 0 8 8"
          refX="7"
          refY="4"
          markerWidth="7"
          markerHeight="7"
          orient="auto"
        >
          <path d="M 0 0 L 8 4 L 0 8 z" className={classes.arrowHead} />
        </marker>
        <marker
          id="roadmap-arrow-broken"
          viewBox="0 0 8 8"
          refX="7"
          refY="4"
          markerWidth="7"
          markerHeight="7"
          orient="auto"
        >
          <path d="M 0 0 L 8 4 L 0 8 z" className={classes.arrowHeadBroken} />
        </marker>
      </defs>
      {arrows.map((arrow) => (
        <path
          key={arrow.key}
          d={arrow.path}
          className={arrow.broken ? classes.arrowBroken : classes.arrow}
          markerEnd={`url(#${arrow.broken ? 'roadmap-arrow-broken' : 'roadmap-arrow'})`}
          data-dependency={arrow.key}
        />
      ))}
    </svg>
  );
}
