// The Continual Improvement Playbook (PDF, pdfkit), generated from the live register: how
// opportunities are prioritised, the register by priority, and the completed improvements with
// their measured effect (before and after). The standard PDF fonts cover Windows-1252 only, so
// the texts keep to it (no minus sign or arrows).
import PDFDocument from 'pdfkit';
import { type Improvement, OPEN_STATUSES, PRIORITY_BANDS, type Priority } from './improvements.js';

export interface PlaybookItem extends Improvement {
  priority: Priority | null;
  overdue: boolean;
  ownerName: string | null;
}

const MARGIN = 50;
const BAND_COLOUR: Record<string, string> = {
  P1: '#d64545',
  P2: '#e0a020',
  P3: '#3a7bd5',
  P4: '#7a8699',
};

export const SOURCE_LABELS: Record<Improvement['source'], string> = {
  'audit-finding': 'Audit finding',
  complaint: 'Complaint',
  survey: 'Satisfaction survey',
  problem: 'Problem',
  kpi: 'KPI off target',
  'management-review': 'Management review',
  suggestion: 'Staff suggestion',
};

export const STATUS_LABELS: Record<Improvement['status'], string> = {
  proposed: 'Proposed',
  approved: 'Approved',
  in_progress: 'In progress',
  implemented: 'Implemented',
  closed: 'Closed',
  rejected: 'Rejected',
};

export function playbookPdf(input: { items: PlaybookItem[]; generatedAt: Date }): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    info: { Title: 'Continual Improvement Playbook', Author: 'Meridian' },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const width = doc.page.width - 2 * MARGIN;
  const today = input.generatedAt.toISOString().slice(0, 10);
  const heading = (text: string) => {
    doc.moveDown(0.5).font('Helvetica-Bold').fontSize(16).fillColor('#1b2a41').text(text, MARGIN);
    doc.moveDown(0.3).font('Helvetica').fontSize(10).fillColor('#000000');
  };
  const ensureSpace = (height: number) => {
    if (doc.y + height > doc.page.height - MARGIN) doc.addPage();
  };
  const { items } = input;
  const open = items.filter((i) => OPEN_STATUSES.includes(i.status));
  const completed = items.filter((i) => i.status === 'implemented' || i.status === 'closed');
  const measured = completed.filter((i) => i.outcome.measure && i.outcome.after);

  // Cover.
  doc
    .font('Helvetica-Bold')
    .fontSize(28)
    .fillColor('#1b2a41')
    .text('Continual Improvement Playbook', MARGIN, 200, { width });
  doc.moveDown().font('Helvetica').fontSize(12).fillColor('#000000');
  doc.text(`Generated on ${today} from live Meridian data`);
  doc.moveDown();
  doc.text(
    `The register holds ${items.length} improvement opportunities: ${open.length} open, ${completed.length} completed (${measured.length} with a measured effect) and ${items.filter((i) => i.status === 'rejected').length} rejected. ${items.filter((i) => i.overdue).length} open ones are past their target date.`,
    { width },
  );

  // Criteria.
  doc.addPage();
  heading('How opportunities are prioritised');
  doc.text(
    'Every opportunity, whatever its source (audit finding, complaint, satisfaction survey, problem, KPI off target, management review or staff suggestion), is scored on three criteria from 1 to 5:',
    { width },
  );
  doc.moveDown(0.5);
  for (const [name, what] of [
    ['Benefit', 'what the change brings to customers, users or the service provider (5: a lot).'],
    [
      'Impact',
      'how much it matters for compliance with the service management system or for customers (5: decisive).',
    ],
    ['Effort', 'what it costs to deliver, in people, money and time (5: the most).'],
  ] as const) {
    doc.font('Helvetica-Bold').text(`${name}: `, { continued: true, width });
    doc.font('Helvetica').text(what, { width });
  }
  doc.moveDown(0.5);
  doc.font('Helvetica-Bold').text('Priority score = (benefit + impact) × (6 - effort)', { width });
  doc.font('Helvetica').text('The score runs from 2 to 50; the band follows from it:', { width });
  doc.moveDown(0.3);
  const bandText: Record<string, string> = {
    P1: 'start now',
    P2: 'plan for this quarter',
    P3: 'plan when capacity allows',
    P4: 'keep in the register; revisit at the next management review',
  };
  for (const [i, b] of PRIORITY_BANDS.entries()) {
    const upper = i === 0 ? 50 : (PRIORITY_BANDS[i - 1]?.min ?? 51) - 1;
    doc.text(`${b.band}: score ${b.min === 0 ? 2 : b.min} to ${upper}, ${bandText[b.band]}.`, {
      width,
    });
  }
  doc.moveDown(0.5);
  doc.text(
    'An opportunity is approved only once it is scored; work starts once it has an owner; it is closed only when its effect has been measured (the measure, the value before, the value after and the date).',
    { width },
  );

  // Register by priority.
  heading('The register by priority');
  const cols = [MARGIN, MARGIN + 62, MARGIN + 240, MARGIN + 320, MARGIN + 385, MARGIN + 440];
  const header = () => {
    doc.font('Helvetica-Bold').fontSize(9);
    const y = doc.y;
    for (const [i, h] of ['Number', 'Title', 'Source', 'Status', 'Priority', 'Target'].entries())
      doc.text(h, cols[i], y);
    doc.font('Helvetica');
  };
  header();
  if (items.length === 0) doc.text('The register is empty.', MARGIN);
  for (const item of items) {
    ensureSpace(30);
    if (doc.y < MARGIN + 5) header();
    const y = doc.y + 3;
    doc.fillColor('#000000').text(item.number, cols[0], y);
    doc.text(item.title, cols[1], y, { width: 170 });
    const after = doc.y;
    doc.text(SOURCE_LABELS[item.source], cols[2], y, { width: 75 });
    const afterSource = doc.y;
    doc.text(STATUS_LABELS[item.status], cols[3], y);
    if (item.priority)
      doc
        .fillColor(BAND_COLOUR[item.priority.band] ?? '#000000')
        .text(`${item.priority.band} (${item.priority.score})`, cols[4], y)
        .fillColor('#000000');
    else doc.text('Not scored', cols[4], y);
    doc.text(`${item.targetDate ?? '—'}${item.overdue ? ' overdue' : ''}`, cols[5], y);
    doc.y = Math.max(after, afterSource, doc.y);
  }
  doc.x = MARGIN;
  doc.fontSize(10);

  // Completed with their effect.
  heading('Completed improvements and their measured effect');
  if (completed.length === 0) doc.text('No improvement has been completed yet.', { width });
  for (const item of completed) {
    ensureSpace(80);
    doc
      .font('Helvetica-Bold')
      .text(`${item.number} ${item.title}`, MARGIN, doc.y, { width })
      .font('Helvetica');
    doc.text(
      `${SOURCE_LABELS[item.source]}${item.sourceLabel ? ` (${item.sourceLabel})` : ''}; owner ${item.ownerName ?? 'unassigned'}; ${STATUS_LABELS[item.status].toLowerCase()} on ${(item.implementedAt ?? '').slice(0, 10)}.`,
      { width },
    );
    const o = item.outcome;
    if (o.measure && o.after)
      doc.text(
        `Effect: ${o.measure}: from ${o.before ?? '—'} to ${o.after}, measured on ${o.measuredOn ?? '—'}.`,
        { width },
      );
    else doc.text('Effect: not measured yet.', { width });
    if (o.notes) doc.fillColor('#555555').text(o.notes, { width }).fillColor('#000000');
    doc.moveDown(0.5);
  }
  doc.end();
  return done;
}
