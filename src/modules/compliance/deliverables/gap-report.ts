// The Gap Analysis Report (PDF, pdfkit): cover, executive summary, overall and per-clause scores
// with a bar chart drawn from pdfkit primitives, the clause heat map, each gap with its current
// state, evidence and recommended action, and the roadmap summary. Built only from guidance,
// assessment and roadmap data: the licensed text of the standard is never passed in.
import PDFDocument from 'pdfkit';
import type { ItemEvidence } from '../assessment-evidence.js';
import {
  type Assessment,
  type AssessmentItem,
  CONFORMITY_LABELS,
  type Framework,
  isGap,
  isoDate,
  MATURITY_LABELS,
  type Phase,
  type RequirementNode,
  type Task,
  type Workstream,
} from '../compliance.js';
import type { ChecklistEntry } from '../ports.js';
import type { Scores } from '../scores.js';

export interface GapReportInput {
  framework: Framework;
  nodes: RequirementNode[];
  assessment: Assessment;
  items: AssessmentItem[];
  scores: Scores;
  evidence: ItemEvidence[];
  programme: { phases: Phase[]; workstreams: Workstream[]; tasks: Task[] };
  checklist: ChecklistEntry[];
  names: Map<string, string>;
  generatedAt: Date;
}

const BAND_COLOUR = { red: '#d64545', amber: '#e0a020', green: '#3a9a5b' } as const;
const SCORE_COLOUR = (score: number) =>
  score >= 1 ? '#3a9a5b' : score > 0 ? '#e0a020' : '#d64545';
const pct = (share: number) => `${(share * 100).toFixed(1)}%`;
const MARGIN = 50;

export function gapReportPdf(input: GapReportInput): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    info: {
      Title: `Gap Analysis Report ${input.assessment.number}`,
      Author: 'Meridian',
      Subject: input.framework.title,
    },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const width = doc.page.width - 2 * MARGIN;
  const name = (id: string | null) => (id ? (input.names.get(id) ?? 'Unknown user') : 'Unassigned');
  const heading = (text: string) => {
    doc.moveDown(0.5).font('Helvetica-Bold').fontSize(16).fillColor('#1b2a41').text(text);
    doc.moveDown(0.3).font('Helvetica').fontSize(10).fillColor('#000000');
  };
  const ensureSpace = (height: number) => {
    if (doc.y + height > doc.page.height - MARGIN) doc.addPage();
  };
  const { assessment, scores } = input;
  const gaps = input.items.filter(isGap);
  const today = isoDate(input.generatedAt);

  // Cover.
  doc
    .font('Helvetica-Bold')
    .fontSize(28)
    .fillColor('#1b2a41')
    .text('Gap Analysis Report', MARGIN, 200);
  doc.moveDown().font('Helvetica').fontSize(14).text(input.framework.title);
  doc.moveDown().fontSize(12).text(`${assessment.number}: ${assessment.title}`);
  doc.text(
    `Assessed on ${assessment.assessedOn} (${assessment.status === 'closed' ? 'closed snapshot' : 'open'})`,
  );
  doc.text(`Generated on ${today} from live Meridian data`);
  doc
    .moveDown(2)
    .fontSize(9)
    .fillColor('#555555')
    .text(
      'Guidance in this report is written in Meridian’s own words. It does not reproduce the text of the standard; read the clauses in your licensed copy.',
      { width },
    );

  // Executive summary.
  doc.addPage();
  heading('Executive summary');
  const sorted = [...scores.clauses].sort((a, b) => a.conformity - b.conformity);
  const weakest = sorted[0];
  const strongest = sorted.at(-1);
  const tasks = input.programme.tasks;
  const overdue = tasks.filter((t) => t.overdue);
  doc.text(
    `Overall conformity is ${pct(scores.overall.conformity)} across ${scores.overall.leafCount} requirements, with an average maturity of ${scores.overall.maturity.toFixed(2)} against an average target of ${scores.overall.targetMaturity.toFixed(2)}.`,
    { width },
  );
  doc
    .moveDown(0.5)
    .text(
      `${scores.overall.counts.conforming} requirements conform, ${scores.overall.counts.partially_conforming} partially conform, ${scores.overall.counts.nonconforming} do not conform and ${scores.overall.counts.not_assessed} are not assessed yet. ${gaps.length} gaps remain to be closed before certification.`,
      { width },
    );
  if (weakest && strongest)
    doc
      .moveDown(0.5)
      .text(
        `The strongest clause is ${strongest.clause} ${strongest.title} (${pct(strongest.conformity)}); the weakest is ${weakest.clause} ${weakest.title} (${pct(weakest.conformity)}).`,
        { width },
      );
  doc
    .moveDown(0.5)
    .text(
      `The implementation roadmap holds ${tasks.length} tasks, ${tasks.filter((t) => t.status === 'done').length} done and ${overdue.length} overdue.`,
      { width },
    );

  // Scores: table and bar chart.
  heading('Scores by clause');
  const cols = [MARGIN, MARGIN + 40, MARGIN + 260, MARGIN + 340, MARGIN + 420];
  doc.font('Helvetica-Bold');
  const headerY = doc.y;
  for (const [i, h] of ['Clause', 'Title', 'Conformity', 'Maturity', 'Gaps'].entries())
    doc.text(h, cols[i], headerY);
  doc.font('Helvetica');
  for (const c of [...scores.clauses, { ...scores.overall, clause: 'All', title: 'Overall' }]) {
    const y = doc.y + 2;
    doc.text(c.clause, cols[0], y);
    doc.text(c.title, cols[1], y, { width: 210 });
    const after = doc.y;
    doc.text(pct(c.conformity), cols[2], y);
    doc.text(c.maturity.toFixed(2), cols[3], y);
    doc.text(String(c.gaps), cols[4], y);
    doc.y = Math.max(after, doc.y);
  }
  doc.x = MARGIN;
  doc.moveDown();
  ensureSpace(230);
  doc.font('Helvetica-Bold').text('Conformity by clause', MARGIN);
  const chartTop = doc.y + 10;
  const chartHeight = 160;
  const barWidth = (width - 20) / Math.max(1, scores.clauses.length) - 14;
  doc
    .moveTo(MARGIN, chartTop)
    .lineTo(MARGIN, chartTop + chartHeight)
    .lineTo(MARGIN + width, chartTop + chartHeight)
    .stroke('#888888');
  for (const [i, tick] of [0, 0.5, 1].entries()) {
    const y = chartTop + chartHeight - tick * chartHeight;
    doc
      .font('Helvetica')
      .fontSize(7)
      .fillColor('#555555')
      .text(`${tick * 100}%`, MARGIN - 28, y - 4, { width: 24, align: 'right' });
    if (i > 0)
      doc
        .moveTo(MARGIN, y)
        .lineTo(MARGIN + width, y)
        .dash(2, { space: 3 })
        .stroke('#cccccc')
        .undash();
  }
  for (const [i, c] of scores.clauses.entries()) {
    const x = MARGIN + 14 + i * (barWidth + 14);
    const h = Math.max(1, c.conformity * chartHeight);
    doc
      .rect(x, chartTop + chartHeight - h, barWidth, h)
      .fill(BAND_COLOUR[c.conformity >= 0.8 ? 'green' : c.conformity >= 0.5 ? 'amber' : 'red']);
    doc
      .fillColor('#000000')
      .fontSize(8)
      .text(`Clause ${c.clause}`, x - 4, chartTop + chartHeight + 4, {
        width: barWidth + 8,
        align: 'center',
      });
    doc.text(pct(c.conformity), x - 4, chartTop + chartHeight - h - 11, {
      width: barWidth + 8,
      align: 'center',
    });
  }
  doc.fillColor('#000000').fontSize(10);
  doc.x = MARGIN;
  doc.y = chartTop + chartHeight + 24;

  // Heat map.
  doc.addPage();
  heading('Heat map');
  doc
    .fontSize(8)
    .text(
      'Each cell is a requirement: green conforming, amber partially conforming, red nonconforming or not assessed. The figure is the maturity against its target.',
      { width },
    );
  doc.moveDown(0.5);
  for (const row of scores.heatMap) {
    ensureSpace(60);
    const y = doc.y;
    doc.rect(MARGIN, y, 110, 14).fill(BAND_COLOUR[row.band]);
    doc
      .fillColor('#ffffff')
      .font('Helvetica-Bold')
      .fontSize(8)
      .text(
        `${row.clause} ${pct(row.conformity)} / ${row.maturity.toFixed(1)}`,
        MARGIN + 4,
        y + 3,
        { width: 104 },
      );
    let x = MARGIN + 116;
    let rowY = y;
    for (const cell of row.cells) {
      if (x + 48 > MARGIN + width) {
        x = MARGIN + 116;
        rowY += 18;
      }
      doc.rect(x, rowY, 46, 14).fill(SCORE_COLOUR(cell.score));
      doc
        .fillColor('#ffffff')
        .font('Helvetica')
        .fontSize(7)
        .text(`${cell.number} ${cell.maturity}/${cell.targetMaturity}`, x + 2, rowY + 4, {
          width: 44,
        });
      x += 48;
    }
    doc.fillColor('#000000');
    doc.x = MARGIN;
    doc.y = rowY + 22;
  }

  // Gaps.
  doc.addPage();
  heading(`Gaps (${gaps.length})`);
  const nodes = new Map(input.nodes.map((n) => [n.id, n]));
  const evidence = new Map(input.evidence.map((e) => [e.itemId, e]));
  const taskById = new Map(tasks.map((t) => [t.id, t]));
  for (const item of gaps) {
    ensureSpace(120);
    const node = nodes.get(item.requirementId);
    const ev = evidence.get(item.id);
    doc
      .font('Helvetica-Bold')
      .fontSize(11)
      .text(`${item.number} ${item.title}`, MARGIN, doc.y, { width });
    doc.font('Helvetica').fontSize(9);
    doc.text(
      `Current state: ${CONFORMITY_LABELS[item.conformity]}; maturity ${item.maturity} (${MATURITY_LABELS[item.maturity]}) against a target of ${item.targetMaturity} (${MATURITY_LABELS[item.targetMaturity]}). Owner: ${name(item.ownerId)}${item.dueDate ? `, due ${item.dueDate}` : ''}.`,
      { width },
    );
    if (item.notes) doc.text(`Assessor notes: ${item.notes}`, { width });
    const docs = (ev?.documents ?? []).map((d) => `${d.title ?? d.id} (${d.status ?? 'missing'})`);
    // A suggested source the assessor also linked is shown once, with the linked period.
    const linkedSources = new Set((ev?.linked ?? []).map((f) => f.source));
    const live = [
      ...(ev?.linked ?? []),
      ...(ev?.suggested ?? []).filter((f) => !linkedSources.has(f.source)),
    ]
      .filter((f) => f.available)
      .map((f) => `${f.source}: ${f.figure} (${f.period.from} to ${f.period.to})`);
    const files = (ev?.files ?? []).map((f) => `file ${f.fileName}`);
    doc.text(`Evidence: ${[...docs, ...files, ...live].join('; ') || 'none recorded'}`, {
      width,
    });
    const mandatory = (node?.documentedInformation ?? [])
      .filter((d) => d.mandatory)
      .map((d) => d.name);
    const recommended = [
      item.conformity !== 'conforming' && node?.intent
        ? `Put in place what the requirement asks: ${node.intent}`
        : '',
      mandatory.length
        ? `Establish and keep the mandatory documented information: ${mandatory.join('; ')}.`
        : '',
      item.maturity < item.targetMaturity
        ? `Raise maturity from ${item.maturity} to ${item.targetMaturity}.`
        : '',
      node?.auditEvidence.length ? `Be ready to show: ${node.auditEvidence.join('; ')}.` : '',
    ].filter(Boolean);
    doc.text(`Recommended action: ${recommended.join(' ')}`, { width });
    const planned = item.taskIds
      .map((id) => taskById.get(id))
      .filter((t): t is Task => t !== undefined);
    if (planned.length)
      doc.text(
        `Roadmap: ${planned.map((t) => `${t.number} ${t.title} (${t.status.replace('_', ' ')}${t.dueDate ? `, due ${t.dueDate}` : ''})`).join('; ')}`,
        { width },
      );
    doc.moveDown(0.6);
  }

  // Mandatory documented information.
  if (input.checklist.length) {
    ensureSpace(120);
    heading('Mandatory documented information');
    for (const entry of input.checklist)
      doc.text(
        `${entry.name} (${entry.requirement}): ${entry.approved ? 'approved' : entry.exists ? 'exists, not approved' : 'missing'}`,
        { width },
      );
  }

  // Roadmap summary.
  doc.addPage();
  heading('Roadmap summary');
  for (const phase of input.programme.phases) {
    const own = tasks.filter((t) => t.phaseId === phase.id);
    doc.font('Helvetica-Bold').text(`${phase.position}. ${phase.title}`);
    doc
      .font('Helvetica')
      .text(
        `${own.length} tasks: ${own.filter((t) => t.status === 'done').length} done, ${own.filter((t) => t.status === 'in_progress').length} in progress, ${own.filter((t) => t.overdue).length} overdue.${phase.startDate || phase.endDate ? ` ${phase.startDate ?? '?'} to ${phase.endDate ?? '?'}.` : ''}`,
        { width },
      );
    doc.moveDown(0.3);
  }
  if (overdue.length) {
    doc.moveDown(0.5).font('Helvetica-Bold').text('Overdue tasks');
    doc.font('Helvetica');
    for (const t of overdue)
      doc.text(
        `${t.number} ${t.title}: due ${t.dueDate}, owner ${name(t.ownerId)}, ${t.percentComplete}% complete`,
        { width },
      );
  }
  doc.end();
  return done;
}
