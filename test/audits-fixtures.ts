// Shared by the audits integration tests: a programme, audits planned and moved through their
// life cycle over HTTP, results and findings, and the hand-made March 2026 fixture.
import { createRequire } from 'node:module';
import path from 'node:path';
import { expect } from 'vitest';
import type { Client, TestContext } from './helpers/test-app.js';

export const ifMatch = (version: number) => ({ headers: { 'if-match': `"${version}"` } });
export type Signed = Client & { user: { id: string; name: string; email: string } };

export async function pdfText(bytes: Buffer): Promise<string> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const fonts = `${path.dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'))}/standard_fonts/`;
  const doc = await pdfjs.getDocument({ data: new Uint8Array(bytes), standardFontDataUrl: fonts })
    .promise;
  const pages: string[] = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const content = await (await doc.getPage(n)).getTextContent();
    pages.push(content.items.map((i) => ('str' in i ? i.str : '')).join(' '));
  }
  return pages.join('\n').replace(/\s+/g, ' ');
}

export async function programme(manager: Client, name = `Cycle ${Math.random()}`) {
  const created = await manager.post('/api/v1/audits/programmes', {
    name,
    certificationBody: 'Certis Europe',
    cycleStart: '2026-01-01',
    cycleEnd: '2028-12-31',
  });
  expect(created.status).toBe(201);
  return created.body;
}

export async function plan(
  manager: Client,
  programmeId: string,
  input: {
    type?: string;
    title?: string;
    start: string;
    end: string;
    requirements: string[];
  } & Record<string, unknown>,
) {
  const { start, end, ...rest } = input;
  const created = await manager.post('/api/v1/audits', {
    programmeId,
    type: 'internal',
    title: 'Internal audit',
    plannedStart: start,
    plannedEnd: end,
    ...rest,
  });
  expect(created.status, created.text).toBe(201);
  return created.body;
}

export async function move(client: Client, audit: { id: string }, status: string) {
  const current = await client.get(`/api/v1/audits/${audit.id}`);
  const moved = await client.post(
    `/api/v1/audits/${audit.id}/transitions`,
    { status },
    ifMatch(current.body.version),
  );
  expect(moved.status, moved.text).toBe(200);
  return moved.body;
}

export async function result(client: Client, auditId: string, requirement: string, value: string) {
  const r = await client.request('PUT', `/api/v1/audits/${auditId}/results/${requirement}`, {
    body: { result: value, evidence: `Seen for ${requirement}` },
  });
  expect(r.status, r.text).toBe(200);
  return r.body;
}

export async function finding(
  client: Client,
  auditId: string,
  gradeKey: string,
  requirements: string[],
  title = `Finding ${gradeKey}`,
) {
  const r = await client.post(`/api/v1/audits/${auditId}/findings`, {
    gradeKey,
    title,
    statement: `Statement of ${title}`,
    evidence: 'Records sampled on site',
    requirements,
  });
  expect(r.status, r.text).toBe(201);
  return r.body;
}

/**
 * March 2026: an internal audit (5 of 6 sampled requirements audited; a major NC on 8.6.1, a minor
 * on 8.5.1.1, an observation on 9.2, an OFI on 4.1) and a stage 2 audit (3 audited, a minor on
 * 7.3), both completed; a surveillance audit completed in May and one still in progress in March.
 */
export async function fixture(_ctx: TestContext, manager: Signed, auditor: Signed) {
  const p = await programme(manager);
  const internal = await plan(manager, p.id, {
    start: '2026-03-02',
    end: '2026-03-10',
    leadAuditorId: auditor.user.id,
    scope: 'Service desk and change management at the Paris head office',
    requirements: ['4.1', '5.1', '8.6.1', '8.5.1.1', '9.2', '10.1'],
  });
  await move(auditor, internal, 'in-progress');
  for (const [r, v] of [
    ['4.1', 'conforming'],
    ['5.1', 'conforming'],
    ['8.6.1', 'nonconforming'],
    ['8.5.1.1', 'conforming'],
    ['9.2', 'conforming'],
  ] as const)
    await result(auditor, internal.id, r, v);
  const major = await finding(
    auditor,
    internal.id,
    'major',
    ['8.6.1'],
    'Major incidents not reviewed',
  );
  const minor = await finding(
    auditor,
    internal.id,
    'minor',
    ['8.5.1.1'],
    'Change records incomplete',
  );
  const observation = await finding(auditor, internal.id, 'observation', ['9.2']);
  const ofi = await finding(auditor, internal.id, 'ofi', ['4.1']);
  await move(auditor, internal, 'completed');

  const stage2 = await plan(manager, p.id, {
    type: 'stage-2',
    title: 'Certification audit stage 2',
    start: '2026-03-16',
    end: '2026-03-20',
    requirements: ['7.2', '7.3', '8.6.1'],
  });
  await move(auditor, stage2, 'in-progress');
  for (const r of ['7.2', '7.3', '8.6.1']) await result(auditor, stage2.id, r, 'conforming');
  const stage2Minor = await finding(
    auditor,
    stage2.id,
    'minor',
    ['7.3'],
    'Awareness not evidenced',
  );
  await move(auditor, stage2, 'completed');

  const may = await plan(manager, p.id, {
    type: 'surveillance',
    title: 'Surveillance 1',
    start: '2026-05-04',
    end: '2026-05-10',
    requirements: ['4.2'],
  });
  await move(auditor, may, 'in-progress');
  await result(auditor, may.id, '4.2', 'conforming');
  await move(auditor, may, 'completed');

  const running = await plan(manager, p.id, {
    type: 'special',
    title: 'Still running',
    start: '2026-03-25',
    end: '2026-03-28',
    requirements: ['8.1'],
  });
  await move(auditor, running, 'in-progress');
  await result(auditor, running.id, '8.1', 'conforming');
  return { p, internal, stage2, may, running, major, minor, observation, ofi, stage2Minor };
}
