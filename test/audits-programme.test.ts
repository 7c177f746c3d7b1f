import { expect, it } from 'vitest';
import { systemActor } from '../src/shared/actor.js';
import {
  finding,
  fixture,
  ifMatch,
  move,
  pdfText,
  plan,
  programme,
  type Signed,
} from './audits-fixtures.js';
import { countRows, insertTicket } from './helpers/notification-fixtures.js';
import { type Client, describeEachDatabase } from './helpers/test-app.js';

describeEachDatabase('audit programme', (get) => {
  it('warns about requirements no audit of the cycle covers', async () => {
    const ctx = get();
    ctx.clock.set('2026-03-02T09:00:00Z');
    const manager = (await ctx.as('manager')) as Signed;
    const p = await programme(manager);
    expect(p.unaudited).toHaveLength(57);
    const all = p.coverage.map((c: { requirement: string }) => c.requirement);
    const firstYear = all.slice(0, 30);
    const rest = all.slice(30, 56);
    const a = await plan(manager, p.id, {
      start: '2026-06-01',
      end: '2026-06-05',
      requirements: firstYear,
    });
    await plan(manager, p.id, {
      type: 'surveillance',
      start: '2027-06-01',
      end: '2027-06-05',
      requirements: rest,
    });
    const view = await manager.get(`/api/v1/audits/programmes/${p.id}`);
    expect(view.body.unaudited).toEqual([{ requirement: '10.2', title: expect.any(String) }]);
    expect(
      view.body.coverage.find((c: { requirement: string }) => c.requirement === all[0]).auditIds,
    ).toEqual([a.id]);
    // A cancelled audit covers nothing.
    await move(manager, a, 'cancelled');
    const after = await manager.get(`/api/v1/audits/programmes/${p.id}`);
    expect(after.body.unaudited).toHaveLength(31);
    // Unknown requirement numbers are refused.
    const bad = await manager.post('/api/v1/audits', {
      programmeId: p.id,
      type: 'internal',
      title: 'x',
      plannedStart: '2026-01-01',
      plannedEnd: '2026-01-02',
      requirements: ['4'],
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].field).toBe('/requirements');
  });

  it('warns when an auditor audits their own group', async () => {
    const ctx = get();
    ctx.clock.set('2026-03-02T09:00:00Z');
    const manager = (await ctx.as('manager')) as Signed;
    const auditor = (await ctx.as('auditor')) as Signed;
    const agent = (await ctx.as('agent')) as Signed;
    const outsider = (await ctx.as('auditor')) as Signed;
    const desk = await ctx.services.groups.create(systemActor(), {
      name: `Service desk ${Math.random()}`,
      memberIds: [auditor.user.id],
      managerId: agent.user.id,
    });
    const p = await programme(manager);
    const a = await plan(manager, p.id, {
      start: '2026-06-01',
      end: '2026-06-05',
      leadAuditorId: auditor.user.id,
      teamIds: [agent.user.id, outsider.user.id],
      areaGroupIds: [desk.id],
      requirements: ['8.6.1'],
    });
    expect(a.independence).toEqual([
      {
        userId: auditor.user.id,
        userName: auditor.user.name,
        groupId: desk.id,
        groupName: desk.name,
        relation: 'member',
      },
      {
        userId: agent.user.id,
        userName: agent.user.name,
        groupId: desk.id,
        groupName: desk.name,
        relation: 'manager',
      },
    ]);
    // A warning, not a block: the plan was saved. Without them, no warning.
    const fixed = await manager.patch(
      `/api/v1/audits/${a.id}`,
      { leadAuditorId: outsider.user.id, teamIds: [] },
      ifMatch(a.version),
    );
    expect(fixed.body.independence).toEqual([]);
  });

  it('writes the audit report PDF with scope, team, sample, findings and the success rate', async () => {
    const ctx = get();
    ctx.clock.set('2026-03-02T09:00:00Z');
    const manager = (await ctx.as('manager')) as Signed;
    const auditor = (await ctx.as('auditor')) as Signed;
    const f = await fixture(ctx, manager, auditor);
    const pdf = await manager.get(`/api/v1/audits/${f.internal.number}/report.pdf`, { raw: true });
    expect(pdf.status).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const text = await pdfText(pdf.body);
    expect(text).toContain(`Audit report ${f.internal.number}`);
    expect(text).toContain('Service desk and change management at the Paris head office');
    expect(text).toContain(`Lead auditor: ${auditor.user.name}`);
    expect(text).toContain('60.0% (3 of 5 audited requirements conforming');
    expect(text).toContain('8.6.1');
    expect(text).toContain(
      `${f.major.reference} Major nonconformity: Major incidents not reviewed`,
    );
    expect(text).toContain(`${f.minor.reference} Minor nonconformity: Change records incomplete`);
    expect(text).toContain('Corrective action to plan');
    expect(text).toContain('Not yet audited');
  });

  it('lets each role do only what it may', async () => {
    const ctx = get();
    ctx.clock.set('2026-03-02T09:00:00Z');
    const manager = (await ctx.as('manager')) as Signed;
    const auditor = (await ctx.as('auditor')) as Signed;
    const agent = (await ctx.as('agent')) as Signed;
    const requester = (await ctx.as('requester')) as Signed;
    const p = await programme(manager);
    const a = await plan(manager, p.id, {
      start: '2026-06-01',
      end: '2026-06-05',
      requirements: ['8.6.1', '8.6.2'],
    });
    await move(auditor, a, 'in-progress');
    const events = await countRows(ctx, 'audit_events');

    // An agent reads but records nothing.
    expect((await agent.get(`/api/v1/audits/${a.id}`)).status).toBe(200);
    const agentResult = await agent.request('PUT', `/api/v1/audits/${a.id}/results/8.6.1`, {
      body: { result: 'conforming' },
    });
    expect(agentResult.status).toBe(403);
    expect(agentResult.headers['content-type']).toContain('application/problem+json');
    const agentFinding = await agent.post(`/api/v1/audits/${a.id}/findings`, {
      gradeKey: 'minor',
      title: 't',
      statement: 's',
      requirements: ['8.6.1'],
    });
    expect(agentFinding.status).toBe(403);
    expect(
      (
        await agent.post('/api/v1/audits/programmes', {
          name: 'x',
          certificationBody: 'y',
          cycleStart: '2026-01-01',
          cycleEnd: '2026-12-31',
        })
      ).status,
    ).toBe(403);
    // An auditor neither plans audits nor defines grades.
    expect(
      (
        await auditor.post('/api/v1/audits', {
          programmeId: p.id,
          type: 'internal',
          title: 'x',
          plannedStart: '2026-01-01',
          plannedEnd: '2026-01-02',
        })
      ).status,
    ).toBe(403);
    expect(
      (
        await auditor.post('/api/v1/audits/grade-schemes', {
          name: 'Body',
          grades: [{ key: 'nc', label: 'NC', kind: 'major-nonconformity' }],
        })
      ).status,
    ).toBe(403);
    const cancel = await auditor.post(
      `/api/v1/audits/${a.id}/transitions`,
      { status: 'cancelled' },
      ifMatch(2),
    );
    expect(cancel.status).toBe(403);
    // A requester sees nothing.
    for (const url of [
      '/api/v1/audits',
      `/api/v1/audits/${a.id}`,
      '/api/v1/audits/programmes',
      `/api/v1/audits/programmes/${p.id}`,
      '/api/v1/audits/actions',
      '/api/v1/audits/grade-schemes',
      '/api/v1/audits/success-rate?from=2026-01-01&to=2026-12-31',
      `/api/v1/audits/${a.id}/report.pdf`,
    ])
      expect((await requester.get(url)).status, url).toBe(403);
    expect(await countRows(ctx, 'audit_events')).toBe(events);

    // The auditor records results and findings…
    const recorded = await auditor.request('PUT', `/api/v1/audits/${a.id}/results/8.6.1`, {
      body: {
        result: 'conforming',
        evidence: 'INC0000042 handled as documented',
        records: [{ label: 'Incident', ref: 'INC0000042' }],
      },
    });
    expect(recorded.status).toBe(200);
    expect(recorded.body.sample[0]).toMatchObject({
      result: 'conforming',
      records: [{ label: 'Incident', ref: 'INC0000042' }],
    });
    const raised = await auditor.post(`/api/v1/audits/${a.id}/findings`, {
      gradeKey: 'ofi',
      title: 'Knowledge articles could be linked',
      statement: 'Linking known errors would speed resolution',
      requirements: ['8.6.2'],
    });
    expect(raised.status).toBe(201);
    expect(raised.body.reference).toBe(`${a.number}-F1`);
    // …but cannot edit tickets.
    const ticket = await insertTicket(ctx, { requesterId: requester.user.id });
    const before = await manager.get(`/api/v1/tickets/${ticket.id}`);
    const edit = await auditor.patch(
      `/api/v1/tickets/${ticket.id}`,
      { title: 'Changed by the auditor' },
      ifMatch(before.body.version),
    );
    expect(edit.status).toBe(403);
    expect((await manager.get(`/api/v1/tickets/${ticket.id}`)).body.title).toBe(before.body.title);
  });

  it('grades findings with the certification body’s own scheme and refuses bad input', async () => {
    const ctx = get();
    ctx.clock.set('2026-03-02T09:00:00Z');
    const manager = (await ctx.as('manager')) as Signed;
    const auditor = (await ctx.as('auditor')) as Signed;
    const schemes = await manager.get('/api/v1/audits/grade-schemes');
    expect(
      schemes.body
        .find((s: { name: string }) => s.name === 'Default')
        .grades.map((g: { kind: string }) => g.kind),
    ).toEqual([
      'major-nonconformity',
      'minor-nonconformity',
      'observation',
      'opportunity-for-improvement',
    ]);
    const certis = await manager.post('/api/v1/audits/grade-schemes', {
      name: `Certis ${Math.random()}`,
      grades: [
        { key: 'nc-1', label: 'Category 1 NC', kind: 'major-nonconformity' },
        { key: 'nc-2', label: 'Category 2 NC', kind: 'minor-nonconformity' },
        { key: 'afi', label: 'Area for improvement', kind: 'opportunity-for-improvement' },
      ],
    });
    expect(certis.status).toBe(201);
    const dup = await manager.post('/api/v1/audits/grade-schemes', {
      name: 'Twice',
      grades: [
        { key: 'a', label: 'A', kind: 'observation' },
        { key: 'a', label: 'B', kind: 'observation' },
      ],
    });
    expect(dup.status).toBe(400);
    const p = await manager.post('/api/v1/audits/programmes', {
      name: 'Certis cycle',
      certificationBody: 'Certis Europe',
      gradeSchemeId: certis.body.id,
      cycleStart: '2026-01-01',
      cycleEnd: '2028-12-31',
    });
    const a = await plan(manager, p.body.id, {
      type: 'stage-2',
      start: '2026-06-01',
      end: '2026-06-05',
      requirements: ['8.6.1'],
    });
    // Findings wait for the audit to start.
    const early = await auditor.post(`/api/v1/audits/${a.id}/findings`, {
      gradeKey: 'nc-2',
      title: 't',
      statement: 's',
      requirements: ['8.6.1'],
    });
    expect(early.status).toBe(409);
    await move(auditor, a, 'in-progress');
    const wrongGrade = await auditor.post(`/api/v1/audits/${a.id}/findings`, {
      gradeKey: 'minor',
      title: 't',
      statement: 's',
      requirements: ['8.6.1'],
    });
    expect(wrongGrade.status).toBe(400);
    expect(wrongGrade.body.errors[0].field).toBe('/gradeKey');
    const outside = await auditor.post(`/api/v1/audits/${a.id}/findings`, {
      gradeKey: 'nc-2',
      title: 't',
      statement: 's',
      requirements: ['9.1'],
    });
    expect(outside.status).toBe(400);
    const ok = await finding(auditor, a.id, 'nc-2', ['8.6.1']);
    expect(ok).toMatchObject({
      gradeLabel: 'Category 2 NC',
      gradeKind: 'minor-nonconformity',
      actionState: 'to-plan',
    });
    // The refused attempts left the audit with this one finding only.
    expect((await manager.get(`/api/v1/audits/${a.id}`)).body.findings).toHaveLength(1);
  });

  it('keeps evidence files on a finding for auditors and the action’s owner, closed to others', async () => {
    const ctx = get();
    ctx.clock.set('2026-03-02T09:00:00Z');
    const manager = (await ctx.as('manager')) as Signed;
    const auditor = (await ctx.as('auditor')) as Signed;
    const owner = (await ctx.as('agent')) as Signed;
    const other = (await ctx.as('agent')) as Signed;
    const requester = (await ctx.as('requester')) as Signed;
    const p = await programme(manager);
    const a = await plan(manager, p.id, {
      start: '2026-03-02',
      end: '2026-03-03',
      requirements: ['8.5.1.1'],
    });
    await move(auditor, a, 'in-progress');
    const nc = await finding(auditor, a.id, 'minor', ['8.5.1.1']);
    await manager.patch(
      `/api/v1/audit-findings/${nc.id}/action`,
      { actionOwnerId: owner.user.id, actionDue: '2026-04-01' },
      ifMatch(nc.version),
    );
    const files = `/api/v1/attachments/of/audit-finding/${nc.reference}`;
    const upload = (client: Client, name: string) =>
      client.post(
        `${files}?fileName=${encodeURIComponent(name)}`,
        Buffer.from(`%PDF-1.4\n% ${name}\n%%EOF\n`),
        {
          headers: { 'content-type': 'application/octet-stream' },
        },
      );
    expect((await upload(auditor, 'Change records sampled.pdf')).status).toBe(201);
    expect((await upload(owner, 'Risk questionnaire made mandatory.pdf')).status).toBe(201);
    expect((await upload(other, 'Not mine.pdf')).status).toBe(403);
    expect((await requester.get(files)).status).toBe(403);
    const seen = await other.get(files);
    // Both uploaded at the same instant of the test clock: compare as a set.
    expect(seen.body.map((f: { fileName: string }) => f.fileName).sort()).toEqual([
      'Change records sampled.pdf',
      'Risk questionnaire made mandatory.pdf',
    ]);
  });
});
