import { expect, it } from 'vitest';
import { DEMO_PASSWORD, DEMO_SEEDERS, type DemoWorkspace } from '../src/demo/demo.js';
import { describeEachDatabase } from './helpers/test-app.js';

const DAY = 86_400_000;

describeEachDatabase('training demo', (get) => {
  it('shows the retailer’s 95% training completion over the last 90 days, with courses to do next', async () => {
    const ctx = get();
    const workspace: DemoWorkspace = { users: {}, groups: {}, organisations: {} };
    // The seeders training needs (people, groups, the CAB), without the desk history.
    for (const seeder of DEMO_SEEDERS) {
      if (
        [
          'accounts',
          'service levels',
          'service catalogue',
          'change calendar',
          'changes',
          'training',
        ].includes(seeder.name)
      )
        await seeder.seed(ctx.services, workspace, { tickets: 0 });
    }
    const today = ctx.clock.now().toISOString().slice(0, 10);
    const from = new Date(Date.parse(`${today}T00:00:00Z`) - 89 * DAY).toISOString().slice(0, 10);

    const auditor = await ctx.login(workspace.users.auditor?.email ?? '', DEMO_PASSWORD);
    const kpi = await auditor.get('/api/v1/training/completion', { query: { from, to: today } });
    expect(kpi.status).toBe(200);
    expect(kpi.body).toMatchObject({ due: 40, completedOnTime: 38, rate: 95 });
    expect(
      kpi.body.byGroup.find((g: { groupName: string }) => g.groupName === 'Service Desk'),
    ).toMatchObject({
      rate: expect.any(Number),
    });

    const matrix = await auditor.get('/api/v1/training/matrix');
    expect(matrix.body.courses.map((c: { code: string }) => c.code)).toEqual(
      expect.arrayContaining(['ISO20K-AWARE', 'INC-PROCESS', 'CHG-CAB']),
    );
    expect(matrix.body.totals.overdue).toBe(1);

    // Marco has the new version of the incident course to do in the coming weeks.
    const marco = await ctx.login(workspace.users.agent?.email ?? '', DEMO_PASSWORD);
    const mine = await marco.get('/api/v1/training/my');
    const open = mine.body.filter((a: { status: string }) => a.status === 'assigned');
    expect(
      open.map(
        (a: { courseCode: string; courseVersion: number }) => `${a.courseCode} v${a.courseVersion}`,
      ),
    ).toEqual(expect.arrayContaining(['INC-PROCESS v2']));
    for (const a of open) expect(a.dueOn > today).toBe(true);
    // Lucie, in a boutique, sees her own completed courses.
    const lucie = await ctx.login(workspace.users.requester?.email ?? '', DEMO_PASSWORD);
    const hers = await lucie.get('/api/v1/training/my');
    expect(
      hers.body
        .map((a: { courseCode: string; status: string }) => `${a.courseCode} ${a.status}`)
        .sort(),
    ).toEqual(['DATA-BOUTIQUE completed', 'ISO20K-AWARE completed', 'SEC-ESSENTIALS completed']);
  });
});
