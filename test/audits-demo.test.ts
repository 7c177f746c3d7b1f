import { expect, it } from 'vitest';
import { DEMO_PASSWORD, DEMO_SEEDERS, type DemoWorkspace } from '../src/demo/demo.js';
import { describeEachDatabase } from './helpers/test-app.js';

const DAY = 86_400_000;

describeEachDatabase('audits demo', (get) => {
  it('shows the certification cycle: audits done and planned, the success rate, an unaudited requirement and the live evidence', async () => {
    const ctx = get();
    const workspace: DemoWorkspace = { users: {}, groups: {}, organisations: {} };
    for (const seeder of DEMO_SEEDERS)
      if (['accounts', 'audits'].includes(seeder.name))
        await seeder.seed(ctx.services, workspace, { tickets: 0 });
    const today = ctx.clock.now().toISOString().slice(0, 10);
    const yearAgo = new Date(Date.parse(`${today}T00:00:00Z`) - 364 * DAY)
      .toISOString()
      .slice(0, 10);
    const auditor = await ctx.login(workspace.users.auditor?.email ?? '', DEMO_PASSWORD);

    const programmes = await auditor.get('/api/v1/audits/programmes');
    expect(programmes.body).toHaveLength(1);
    const programme = await auditor.get(`/api/v1/audits/programmes/${programmes.body[0].id}`);
    expect(programme.body).toMatchObject({
      certificationBody: 'Certis Europe',
      gradeScheme: { name: 'Certis Europe' },
    });
    expect(
      programme.body.audits.map((a: { type: string; status: string }) => [a.type, a.status]),
    ).toEqual([
      ['internal', 'completed'],
      ['stage-1', 'completed'],
      ['stage-2', 'completed'],
      ['surveillance', 'planned'],
      ['surveillance', 'planned'],
      ['recertification', 'planned'],
    ]);
    expect(programme.body.unaudited.map((r: { requirement: string }) => r.requirement)).toEqual([
      '6.3',
      '8.7.3.2',
      '8.7.3.3',
    ]);

    // Internal 9 of 10 (the minor NC on 8.5.1.1), stage 1 7 of 7, stage 2 13 of 14 (minor on 7.2).
    const rate = await auditor.get('/api/v1/audits/success-rate', {
      query: { from: yearAgo, to: today },
    });
    expect(rate.body).toMatchObject({ audited: 31, conforming: 29, rate: 93.5 });

    const internal = await auditor.get(`/api/v1/audits/${programme.body.audits[0].number}`);
    expect(internal.body.leadAuditorId).toBe(workspace.users.auditor?.id);
    expect(
      internal.body.findings.map((f: { gradeKey: string; status: string; actionState: string }) => [
        f.gradeKey,
        f.status,
        f.actionState,
      ]),
    ).toEqual([
      ['minor', 'closed', 'verified'],
      ['ofi', 'open', 'none'],
      ['ofi', 'open', 'none'],
    ]);
    expect(Object.keys(workspace.auditFindings ?? {})).toEqual(
      expect.arrayContaining(['internalMinor', 'internalOfi1', 'internalOfi2']),
    );
    const open = await auditor.get('/api/v1/audits/actions', { query: { status: 'open' } });
    expect(open.body).toHaveLength(1);
    expect(open.body[0]).toMatchObject({
      gradeKey: 'minor',
      requirements: ['7.2'],
      overdue: false,
    });

    // The live evidence of 9.2 and 10.1 reads the same records.
    const manager = await ctx.login(workspace.users.manager?.email ?? '', DEMO_PASSWORD);
    const period = { from: yearAgo, to: today };
    const figure = await manager.get('/api/v1/compliance/evidence/audits.programme', {
      query: period,
    });
    expect(figure.status, figure.text).toBe(200);
    expect(figure.body).toMatchObject({
      available: true,
      figure: '3 audits completed, 93.5% of 31 audited requirements conforming',
      value: 93.5,
      count: 3,
    });
    const found = await manager.get('/api/v1/compliance/evidence/audits.findings', {
      query: period,
    });
    expect(found.body).toMatchObject({
      available: true,
      figure: '5 findings raised; 1 of 2 nonconformities closed after an effective verification',
      value: 50,
      count: 5,
    });
    const summary = await ctx.services.auditProgramme.summary(ctx.services.db, period);
    expect(summary).toMatchObject({
      audits: 3,
      successRate: 93.5,
      findingsByKind: {
        'minor-nonconformity': 2,
        'opportunity-for-improvement': 2,
        observation: 1,
      },
      openNonconformities: 1,
      overdueActions: 0,
    });
  });
});
