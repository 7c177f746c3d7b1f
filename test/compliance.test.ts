import { expect, it } from 'vitest';
import { describeEachDatabase, type TestContext } from './helpers/test-app.js';

const LICENSED = 'LICENSED-STANDARD-TEXT-do-not-export';

async function library(ctx: TestContext) {
  const manager = await ctx.as('manager');
  const tree = await manager.get('/api/v1/compliance/library');
  expect(tree.status).toBe(200);
  return { manager, tree: tree.body };
}

async function newAssessment(ctx: TestContext, title = 'Baseline') {
  const manager = await ctx.as('manager');
  const created = await manager.post('/api/v1/compliance/assessments', { title });
  expect(created.status).toBe(201);
  return { manager, assessment: created.body };
}

type Item = { id: string; number: string; version: number; clause: string };

async function assess(
  client: Awaited<ReturnType<TestContext['as']>>,
  assessmentId: string,
  item: Item,
  patch: Record<string, unknown>,
) {
  const res = await client.patch(
    `/api/v1/compliance/assessments/${assessmentId}/items/${item.id}`,
    patch,
    {
      headers: { 'if-match': `"${item.version}"` },
    },
  );
  expect(res.status, res.text).toBe(200);
  return res.body;
}

describeEachDatabase('compliance library and assessments', (get) => {
  it('loads the ISO/IEC 20000-1:2018 library: 57 leaf requirements of clauses 4–10 with edition and guidance', async () => {
    const ctx = get();
    const { manager, tree } = await library(ctx);
    expect(tree.framework).toMatchObject({
      framework: 'iso20000-1',
      edition: '2018',
      leafCount: 57,
    });
    const leaves = tree.nodes.filter((n: { leaf: boolean }) => n.leaf);
    expect(leaves).toHaveLength(57);
    expect(
      tree.nodes
        .filter((n: { depth: number }) => n.depth === 0)
        .map((n: { number: string }) => n.number),
    ).toEqual(['4', '5', '6', '7', '8', '9', '10']);
    expect(tree.nodes.every((n: { edition: string }) => n.edition === '2018')).toBe(true);
    const incident = tree.nodes.find((n: { number: string }) => n.number === '8.6.1');
    expect(incident.intent).toEqual(expect.any(String));
    expect(incident.auditEvidence.length).toBeGreaterThan(0);
    expect(incident.meridianEvidence.map((m: { source: string }) => m.source)).toContain(
      'tickets.incidents',
    );
    expect(incident.hasLicensedText).toBe(false);
    // Loading again is idempotent: still one library.
    const frameworks = await manager.get('/api/v1/compliance/frameworks');
    expect(frameworks.body.items).toHaveLength(1);
    await ctx.services.compliance.library.ensureLoaded();
    const again = await manager.get('/api/v1/compliance/library');
    expect(again.body.nodes.map((n: { id: string }) => n.id)).toEqual(
      tree.nodes.map((n: { id: string }) => n.id),
    );
  });

  it('keeps the licensed text for managers only, out of the library and the audit trail', async () => {
    const ctx = get();
    const { manager, tree } = await library(ctx);
    const node = tree.nodes.find((n: { number: string }) => n.number === '8.6.1');
    const url = `/api/v1/compliance/library/requirements/${node.id}/licensed-text`;
    const read = await manager.get(url);
    expect(read.body).toMatchObject({ text: null, version: 1 });
    const put = await manager.request('PUT', url, {
      body: { text: LICENSED },
      headers: { 'if-match': '"1"' },
    });
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({ text: LICENSED, version: 2, updatedById: manager.user.id });
    const stale = await manager.request('PUT', url, {
      body: { text: 'x' },
      headers: { 'if-match': '"1"' },
    });
    expect(stale.status).toBe(412);
    const agent = await ctx.as('agent');
    expect((await agent.get(url)).status).toBe(403);
    expect(
      (await agent.request('PUT', url, { body: { text: 'x' }, headers: { 'if-match': '"2"' } }))
        .status,
    ).toBe(403);
    for (const client of [manager, agent]) {
      const lib = await client.get('/api/v1/compliance/library');
      expect(lib.text).not.toContain(LICENSED);
      expect(lib.body.nodes.find((n: { id: string }) => n.id === node.id).hasLicensedText).toBe(
        true,
      );
    }
    const trail = await manager.get('/api/v1/audit-events', {
      query: { entity: `compliance-requirement:${node.id}` },
    });
    expect(trail.status).toBe(200);
    expect(trail.body.items).toHaveLength(1);
    expect(trail.text).not.toContain(LICENSED);
  });

  it('creates an assessment covering every leaf requirement and refuses exclusions or "not applicable"', async () => {
    const ctx = get();
    const { manager, assessment } = await newAssessment(ctx);
    expect(assessment).toMatchObject({
      number: expect.stringMatching(/^ASM\d{7}$/),
      status: 'open',
      version: 1,
    });
    expect(assessment.items).toHaveLength(57);
    expect(new Set(assessment.items.map((i: Item) => i.number)).size).toBe(57);
    expect(
      assessment.items.every((i: { conformity: string }) => i.conformity === 'not_assessed'),
    ).toBe(true);
    const count = async () =>
      Number(
        (
          await ctx.services.db
            .selectFrom('compliance_assessments')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = await count();
    const skipping = await manager.post('/api/v1/compliance/assessments', {
      title: 'Without 8.7',
      excludedRequirements: [assessment.items[0].requirementId],
    });
    expect(skipping.status).toBe(400);
    expect(skipping.body.errors[0].field).toBe('/excludedRequirements');
    const na = await manager.patch(
      `/api/v1/compliance/assessments/${assessment.id}/items/${assessment.items[0].id}`,
      { conformity: 'not_applicable' },
      { headers: { 'if-match': '"1"' } },
    );
    expect(na.status).toBe(400);
    const removed = await manager.delete(
      `/api/v1/compliance/assessments/${assessment.id}/items/${assessment.items[0].id}`,
    );
    expect(removed.status).toBe(404);
    expect(await count()).toBe(before);
    const again = await manager.get(`/api/v1/compliance/assessments/${assessment.id}`);
    expect(again.body.items).toHaveLength(57);
    expect(again.body.items[0].conformity).toBe('not_assessed');
  });

  it('records conformity, maturity, owner, due date and evidence with optimistic concurrency', async () => {
    const ctx = get();
    const { manager, assessment } = await newAssessment(ctx);
    const item = assessment.items.find((i: Item) => i.number === '8.6.1');
    const url = `/api/v1/compliance/assessments/${assessment.id}/items/${item.id}`;
    const missing = await manager.patch(url, { maturity: 2 });
    expect(missing.status).toBe(428);
    const done = await assess(manager, assessment.id, item, {
      conformity: 'partially_conforming',
      maturity: 2,
      targetMaturity: 4,
      notes: 'Incidents are logged but major incidents have no procedure.',
      ownerId: manager.user.id,
      dueDate: '2027-03-31',
      liveLinks: [{ source: 'tickets.incidents', from: '2026-01-01', to: '2026-03-31' }],
    });
    expect(done).toMatchObject({
      conformity: 'partially_conforming',
      maturity: 2,
      targetMaturity: 4,
      gap: true,
      version: 2,
    });
    const stale = await manager.patch(url, { maturity: 3 }, { headers: { 'if-match': '"1"' } });
    expect(stale.status).toBe(412);
    const badMaturity = await manager.patch(
      url,
      { maturity: 6 },
      { headers: { 'if-match': '"2"' } },
    );
    expect(badMaturity.status).toBe(400);
    const badOwner = await manager.patch(
      url,
      { ownerId: 'nobody' },
      { headers: { 'if-match': '"2"' } },
    );
    expect(badOwner.status).toBe(400);
    const badAttachment = await manager.patch(
      url,
      { attachmentIds: ['nope'] },
      { headers: { 'if-match': '"2"' } },
    );
    expect(badAttachment.status).toBe(400);
    expect(badAttachment.body.errors[0].field).toBe('/attachmentIds');
    const badPeriod = await manager.patch(
      url,
      { liveLinks: [{ source: 'complaints', from: '2026-05-01', to: '2026-04-01' }] },
      { headers: { 'if-match': '"2"' } },
    );
    expect(badPeriod.status).toBe(400);
    expect(badPeriod.body.errors[0].field).toBe('/liveLinks/0/to');
    const read = await manager.get(`/api/v1/compliance/assessments/${assessment.id}`);
    expect(read.body.items.find((i: Item) => i.id === item.id)).toMatchObject({
      version: 2,
      maturity: 2,
    });
    const trail = await manager.get('/api/v1/audit-events', {
      query: { entity: `compliance-assessment-item:${item.id}` },
    });
    expect(trail.body.items).toHaveLength(1);
  });

  it('rolls scores up per clause and overall as documented, with a heat map', async () => {
    const ctx = get();
    const { manager, assessment } = await newAssessment(ctx, 'Scoring');
    const clause4 = assessment.items.filter((i: Item) => i.clause === '4');
    // Clause 4 has 4.1, 4.2, 4.3 and 4.4 as leaves.
    expect(clause4.map((i: Item) => i.number)).toEqual(['4.1', '4.2', '4.3', '4.4']);
    const answers = [
      { conformity: 'conforming', maturity: 4 },
      { conformity: 'partially_conforming', maturity: 2 },
      { conformity: 'nonconforming', maturity: 1 },
      { conformity: 'not_assessed', maturity: 0 },
    ];
    for (const [i, item] of clause4.entries()) {
      if (answers[i]?.conformity === 'not_assessed') continue;
      await assess(manager, assessment.id, item, answers[i] as Record<string, unknown>);
    }
    const scores = await manager.get(`/api/v1/compliance/assessments/${assessment.id}/scores`);
    expect(scores.status).toBe(200);
    const four = scores.body.clauses.find((c: { clause: string }) => c.clause === '4');
    // (1 + 0.5 + 0 + 0) / 4 = 0.375; maturity (4 + 2 + 1 + 0) / 4 = 1.75
    expect(four).toMatchObject({
      title: 'Context of the organization',
      conformity: 0.375,
      maturity: 1.75,
      leafCount: 4,
      counts: { conforming: 1, partially_conforming: 1, nonconforming: 1, not_assessed: 1 },
      gaps: 3, // 4.1 conforms at maturity 4 over its target 3: not a gap
    });
    expect(scores.body.clauses.map((c: { clause: string }) => c.clause)).toEqual([
      '4',
      '5',
      '6',
      '7',
      '8',
      '9',
      '10',
    ]);
    // Overall: 1.5 conformity points over 57 leaves; 7 maturity points over 57.
    expect(scores.body.overall).toMatchObject({
      conformity: Math.round((1.5 / 57) * 1000) / 1000,
      maturity: Math.round((7 / 57) * 100) / 100,
      leafCount: 57,
    });
    const heat = scores.body.heatMap.find((h: { clause: string }) => h.clause === '4');
    expect(heat.band).toBe('red');
    expect(heat.cells.map((c: { score: number }) => c.score)).toEqual([1, 0.5, 0, 0]);
  });
});
