// The Implementation Roadmap workbook (XLSX, exceljs): a Tasks sheet with owners, RACI, dates,
// dependencies and status, filters ready; Phases and Workstreams sheets; and a Timeline sheet with
// one column per week and the task's weeks shaded.
import ExcelJS from 'exceljs';
import type { Phase, Task, Workstream } from '../compliance.js';

export interface RoadmapWorkbookInput {
  programme: { phases: Phase[]; workstreams: Workstream[]; tasks: Task[] };
  names: Map<string, string>;
  generatedAt: Date;
}

const HEADER_FILL: ExcelJS.Fill = {
  type: 'pattern',
  pattern: 'solid',
  fgColor: { argb: 'FF1B2A41' },
};
const STATUS_LABEL: Record<Task['status'], string> = {
  not_started: 'Not started',
  in_progress: 'In progress',
  blocked: 'Blocked',
  done: 'Done',
  cancelled: 'Cancelled',
};
const WEEK = 7 * 86_400_000;

function styleHeader(sheet: ExcelJS.Worksheet) {
  const header = sheet.getRow(1);
  header.font = { bold: true, color: { argb: 'FFFFFFFF' } };
  header.fill = HEADER_FILL;
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
}

/** Monday of the week of a date, as a timestamp. */
const weekStart = (date: string) => {
  const d = new Date(`${date}T00:00:00Z`);
  return d.getTime() - ((d.getUTCDay() + 6) % 7) * 86_400_000;
};

export async function roadmapXlsx(input: RoadmapWorkbookInput): Promise<Buffer> {
  const { phases, workstreams, tasks } = input.programme;
  const name = (id: string | null) => (id ? (input.names.get(id) ?? id) : '');
  const names = (ids: string[]) => ids.map(name).join(', ');
  const phaseOf = new Map(phases.map((p) => [p.id, p]));
  const streamOf = new Map(workstreams.map((w) => [w.id, w]));
  const numberOf = new Map(tasks.map((t) => [t.id, t.number]));

  const book = new ExcelJS.Workbook();
  book.creator = 'Meridian';
  book.created = input.generatedAt;

  const sheet = book.addWorksheet('Tasks');
  sheet.columns = [
    { header: 'Number', key: 'number', width: 12 },
    { header: 'Task', key: 'title', width: 48 },
    { header: 'Phase', key: 'phase', width: 36 },
    { header: 'Workstream', key: 'workstream', width: 24 },
    { header: 'Owner', key: 'owner', width: 22 },
    { header: 'Responsible', key: 'responsible', width: 26 },
    { header: 'Accountable', key: 'accountable', width: 26 },
    { header: 'Consulted', key: 'consulted', width: 26 },
    { header: 'Informed', key: 'informed', width: 26 },
    { header: 'Start', key: 'start', width: 12 },
    { header: 'Due', key: 'due', width: 12 },
    { header: 'Status', key: 'status', width: 14 },
    { header: '% complete', key: 'percent', width: 11 },
    { header: 'Effort (days)', key: 'effort', width: 12 },
    { header: 'Milestone', key: 'milestone', width: 10 },
    { header: 'Overdue', key: 'overdue', width: 9 },
    { header: 'Depends on', key: 'dependsOn', width: 22 },
    { header: 'Requirements', key: 'requirements', width: 18 },
    { header: 'Description', key: 'description', width: 60 },
  ];
  const ordered = [...tasks].sort(
    (a, b) =>
      (phaseOf.get(a.phaseId)?.position ?? 0) - (phaseOf.get(b.phaseId)?.position ?? 0) ||
      (a.startDate ?? '9999').localeCompare(b.startDate ?? '9999') ||
      a.number.localeCompare(b.number),
  );
  for (const t of ordered) {
    const row = sheet.addRow({
      number: t.number,
      title: t.title,
      phase: phaseOf.get(t.phaseId)?.title ?? '',
      workstream: t.workstreamId ? (streamOf.get(t.workstreamId)?.name ?? '') : '',
      owner: name(t.ownerId),
      responsible: names([...t.raci.responsible, ...t.raciGroups.responsible]),
      accountable: names([...t.raci.accountable, ...t.raciGroups.accountable]),
      consulted: names([...t.raci.consulted, ...t.raciGroups.consulted]),
      informed: names([...t.raci.informed, ...t.raciGroups.informed]),
      start: t.startDate ?? '',
      due: t.dueDate ?? '',
      status: STATUS_LABEL[t.status],
      percent: t.percentComplete / 100,
      effort: t.effortDays ?? '',
      milestone: t.milestone ? 'Yes' : 'No',
      overdue: t.overdue ? 'Yes' : 'No',
      dependsOn: t.dependsOn.map((id) => numberOf.get(id) ?? id).join(', '),
      requirements: t.requirementNumbers.join(', '),
      description: t.description,
    });
    row.getCell('percent').numFmt = '0%';
    if (t.overdue) row.getCell('overdue').font = { bold: true, color: { argb: 'FFC62828' } };
  }
  styleHeader(sheet);
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: sheet.columns.length } };

  const phaseSheet = book.addWorksheet('Phases');
  phaseSheet.columns = [
    { header: 'Phase', key: 'position', width: 8 },
    { header: 'Title', key: 'title', width: 44 },
    { header: 'Start', key: 'start', width: 12 },
    { header: 'End', key: 'end', width: 12 },
    { header: 'Tasks', key: 'tasks', width: 8 },
    { header: 'Done', key: 'done', width: 8 },
    { header: 'Overdue', key: 'overdue', width: 9 },
  ];
  for (const p of phases) {
    const own = tasks.filter((t) => t.phaseId === p.id);
    phaseSheet.addRow({
      position: p.position,
      title: p.title,
      start: p.startDate ?? '',
      end: p.endDate ?? '',
      tasks: own.length,
      done: own.filter((t) => t.status === 'done').length,
      overdue: own.filter((t) => t.overdue).length,
    });
  }
  styleHeader(phaseSheet);
  phaseSheet.autoFilter = 'A1:G1';

  const streamSheet = book.addWorksheet('Workstreams');
  streamSheet.columns = [
    { header: 'Workstream', key: 'name', width: 30 },
    { header: 'Lead', key: 'lead', width: 22 },
    { header: 'Description', key: 'description', width: 60 },
    { header: 'Tasks', key: 'tasks', width: 8 },
    { header: 'Done', key: 'done', width: 8 },
  ];
  for (const w of workstreams) {
    const own = tasks.filter((t) => t.workstreamId === w.id);
    streamSheet.addRow({
      name: w.name,
      lead: name(w.leadId),
      description: w.description,
      tasks: own.length,
      done: own.filter((t) => t.status === 'done').length,
    });
  }
  styleHeader(streamSheet);
  streamSheet.autoFilter = 'A1:E1';

  // Timeline: one column per week from the earliest start to the latest due date (at most two years).
  const timeline = book.addWorksheet('Timeline');
  const dated = ordered.filter((t) => t.startDate || t.dueDate);
  const starts = dated.map((t) => weekStart((t.startDate ?? t.dueDate) as string));
  const ends = dated.map((t) => weekStart((t.dueDate ?? t.startDate) as string));
  const first = starts.length
    ? Math.min(...starts)
    : weekStart(input.generatedAt.toISOString().slice(0, 10));
  const weeks = Math.min(104, ends.length ? Math.round((Math.max(...ends) - first) / WEEK) + 1 : 1);
  const weekColumns = Array.from({ length: weeks }, (_, i) =>
    new Date(first + i * WEEK).toISOString().slice(0, 10),
  );
  timeline.columns = [
    { header: 'Number', key: 'number', width: 12 },
    { header: 'Task', key: 'title', width: 40 },
    { header: 'Status', key: 'status', width: 12 },
    ...weekColumns.map((w) => ({ header: w, key: w, width: 11 })),
  ];
  for (const t of dated) {
    const row = timeline.addRow({
      number: t.number,
      title: t.title,
      status: STATUS_LABEL[t.status],
    });
    const from = weekStart((t.startDate ?? t.dueDate) as string);
    const to = weekStart((t.dueDate ?? t.startDate) as string);
    const colour = t.overdue
      ? 'FFD64545'
      : t.status === 'done'
        ? 'FF3A9A5B'
        : t.milestone
          ? 'FF1B2A41'
          : 'FF5B8DEF';
    for (const [i] of weekColumns.entries()) {
      const at = first + i * WEEK;
      if (at < from || at > to) continue;
      const cell = row.getCell(4 + i);
      cell.value = t.milestone && at === to ? '◆' : '';
      cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: colour } };
    }
  }
  styleHeader(timeline);
  timeline.views = [{ state: 'frozen', xSplit: 3, ySplit: 1 }];

  return Buffer.from(await book.xlsx.writeBuffer());
}
