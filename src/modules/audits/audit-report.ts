// The audit report (PDF, pdfkit): scope, team, the sample with each result and the evidence seen,
// the findings with their grades and the state of each corrective action, and the audit's
// success rate. Built from the audit's records only.
import PDFDocument from 'pdfkit';
import type { AuditView } from './audits.service.js';

const MARGIN = 50;
const RESULT_LABEL = {
  'not-audited': 'Not yet audited',
  conforming: 'Conforming',
  nonconforming: 'Nonconforming',
} as const;
const ACTION_LABEL = {
  none: 'No corrective action needed',
  'to-plan': 'Corrective action to plan',
  'in-progress': 'Corrective action in progress',
  done: 'Action done, effectiveness to verify',
  verified: 'Action verified effective',
} as const;
const TYPE_LABEL: Record<string, string> = {
  internal: 'Internal audit',
  'stage-1': 'Certification audit, stage 1',
  'stage-2': 'Certification audit, stage 2',
  surveillance: 'Surveillance audit',
  recertification: 'Recertification audit',
  special: 'Special audit',
  'follow-up': 'Follow-up audit',
};

export function auditReportPdf(v: AuditView, generatedAt: Date): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    info: { Title: `Audit report ${v.number}`, Author: 'Meridian', Subject: v.title },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const name = (id: string | null) => (id ? (v.names[id] ?? 'Unknown user') : 'Not assigned');
  const heading = (text: string) => {
    doc.moveDown(0.8).font('Helvetica-Bold').fontSize(14).fillColor('#1b2a41').text(text);
    doc.moveDown(0.3).font('Helvetica').fontSize(10).fillColor('#000000');
  };
  const line = (label: string, value: string) => {
    doc
      .font('Helvetica-Bold')
      .text(`${label}: `, { continued: true })
      .font('Helvetica')
      .text(value);
  };

  doc.font('Helvetica-Bold').fontSize(22).fillColor('#1b2a41').text(`Audit report ${v.number}`);
  doc.moveDown(0.3).font('Helvetica').fontSize(13).text(v.title);
  doc.moveDown(0.5).fontSize(10).fillColor('#000000');
  line('Type', TYPE_LABEL[v.type] ?? v.type);
  line('Programme', v.programmeName);
  line('Dates', `${v.plannedStart} to ${v.plannedEnd}`);
  line('Status', v.status);
  line('Generated', `${generatedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC`);

  heading('Scope');
  doc.text(v.scope || 'No scope recorded.');

  heading('Audit team');
  line('Lead auditor', name(v.leadAuditorId));
  line('Team', v.teamIds.length ? v.teamIds.map(name).join(', ') : 'No other member');
  for (const w of v.independence)
    doc
      .fillColor('#a15c00')
      .text(
        `Independence: ${w.userName} is ${w.relation === 'manager' ? 'the manager' : 'a member'} of the audited group ${w.groupName}.`,
      )
      .fillColor('#000000');

  heading('Success rate');
  const { audited, conforming, rate } = v.successRate;
  doc.text(
    rate === null
      ? 'No requirement has a recorded result yet.'
      : `${rate.toFixed(1)}% (${conforming} of ${audited} audited requirements conforming, without a major or minor nonconformity)`,
  );

  heading('Sampled requirements');
  if (!v.sample.length) doc.text('No requirement sampled.');
  for (const s of v.sample) {
    doc
      .font('Helvetica-Bold')
      .text(`${s.requirement} ${s.title}`, { continued: true })
      .font('Helvetica')
      .text(`: ${RESULT_LABEL[s.result]}`);
    if (s.evidence) doc.fillColor('#333333').text(`Evidence: ${s.evidence}`, { indent: 12 });
    for (const r of s.records) doc.text(`Record: ${r.label} (${r.ref})`, { indent: 12 });
    doc.fillColor('#000000');
  }

  heading('Findings');
  if (!v.findings.length) doc.text('No findings.');
  for (const f of v.findings) {
    doc.moveDown(0.3);
    doc.font('Helvetica-Bold').text(`${f.reference} ${f.gradeLabel}: ${f.title}`);
    doc.font('Helvetica');
    doc.text(`Requirements: ${f.requirements.join(', ')}`, { indent: 12 });
    doc.text(`Statement: ${f.statement}`, { indent: 12 });
    if (f.evidence) doc.text(`Evidence: ${f.evidence}`, { indent: 12 });
    doc.text(
      `Status: ${f.status === 'closed' ? `closed on ${f.closedAt?.slice(0, 10)}` : 'open'}`,
      {
        indent: 12,
      },
    );
    if (f.actionState !== 'none') {
      doc.text(
        `${ACTION_LABEL[f.actionState]}${f.overdue ? ' (OVERDUE)' : ''}; owner ${name(f.actionOwnerId)}; due ${f.actionDue ?? 'not set'}`,
        { indent: 12 },
      );
      if (f.correction) doc.text(`Correction: ${f.correction}`, { indent: 12 });
      if (f.rootCause) doc.text(`Root cause: ${f.rootCause}`, { indent: 12 });
      if (f.action) doc.text(`Corrective action: ${f.action}`, { indent: 12 });
      if (f.verifiedAt)
        doc.text(
          `Effectiveness verified by ${name(f.verifiedBy)} on ${f.verifiedAt.slice(0, 10)}: ${f.effective ? 'effective' : 'not effective'}${f.verificationNotes ? `. ${f.verificationNotes}` : ''}`,
          { indent: 12 },
        );
    }
  }
  doc.end();
  return done;
}
