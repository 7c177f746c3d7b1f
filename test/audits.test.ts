import { expect, it } from 'vitest';
import { fixture, ifMatch, type Signed } from './audits-fixtures.js';
import { runJobs } from './helpers/notification-fixtures.js';
import { describeEachDatabase } from './helpers/test-app.js';

describeEachDatabase('audits', (get) => {
  it('computes the compliance audit success rate exactly, per audit and per period', async () => {
    const ctx = get();
    ctx.clock.set('2026-03-02T09:00:00Z');
    const manager = (await ctx.as('manager')) as Signed;
    const auditor = (await ctx.as('auditor')) as Signed;
    const f = await fixture(ctx, manager, auditor);

    const rate = await manager.get('/api/v1/audits/success-rate?from=2026-03-01&to=2026-03-31');
    expect(rate.status).toBe(200);
    // Internal: 4.1, 5.1, 9.2 conforming (the observation and the OFI do not count against),
    // 8.6.1 (major) and 8.5.1.1 (minor) not; 10.1 has no result. Stage 2: 7.2 and 8.6.1 of 3.
    expect(rate.body).toMatchObject({ audited: 8, conforming: 5, rate: 62.5 });
    expect(
      rate.body.audits.map(
        (a: { number: string; audited: number; conforming: number; rate: number }) => [
          a.number,
          a.audited,
          a.conforming,
          a.rate,
        ],
      ),
    ).toEqual([
      [f.internal.number, 5, 3, 60],
      [f.stage2.number, 3, 2, 66.7],
    ]);
    const page = await manager.get(`/api/v1/audits/${f.internal.id}`);
    expect(page.body.successRate).toEqual({ audited: 5, conforming: 3, rate: 60 });
    // The minor nonconformity marked its requirement nonconforming although recorded conforming.
    expect(
      page.body.sample.find((s: { requirement: string }) => s.requirement === '8.5.1.1').result,
    ).toBe('nonconforming');

    const may = await manager.get('/api/v1/audits/success-rate?from=2026-05-01&to=2026-05-31');
    expect(may.body).toMatchObject({ audited: 1, conforming: 1, rate: 100 });
    const none = await manager.get('/api/v1/audits/success-rate?from=2025-01-01&to=2025-12-31');
    expect(none.body).toMatchObject({ audited: 0, conforming: 0, rate: null, audits: [] });
    const bad = await manager.get('/api/v1/audits/success-rate?from=2026-03-31&to=2026-03-01');
    expect(bad.status).toBe(400);

    // The contract other modules read, with a due date on the internal minor NC.
    const minor = await manager.patch(
      `/api/v1/audit-findings/${f.minor.id}/action`,
      { actionOwnerId: manager.user.id, actionDue: '2026-03-20' },
      ifMatch(f.minor.version),
    );
    expect(minor.status, minor.text).toBe(200);
    const summary = await ctx.services.auditProgramme.summary(ctx.services.db, {
      from: '2026-03-01',
      to: '2026-03-31',
    });
    expect(summary).toEqual({
      audits: 2,
      auditedRequirements: 8,
      conformingRequirements: 5,
      successRate: 62.5,
      findingsByKind: {
        'major-nonconformity': 1,
        'minor-nonconformity': 2,
        observation: 1,
        'opportunity-for-improvement': 1,
      },
      openNonconformities: 3,
      overdueActions: 1,
    });
  });

  it('refuses to close a nonconformity until correction, root cause, action and an effective verification are there', async () => {
    const ctx = get();
    ctx.clock.set('2026-03-02T09:00:00Z');
    const manager = (await ctx.as('manager')) as Signed;
    const auditor = (await ctx.as('auditor')) as Signed;
    const owner = (await ctx.as('agent')) as Signed;
    const otherAgent = (await ctx.as('agent')) as Signed;
    const { stage2Minor, ofi } = await fixture(ctx, manager, auditor);
    const url = `/api/v1/audit-findings/${stage2Minor.id}`;
    const current = async () => (await manager.get(url)).body;
    const tryClose = async () => {
      const before = await current();
      const closing = await auditor.post(`${url}/close`, undefined, ifMatch(before.version));
      expect(closing.status).toBe(409);
      expect(closing.headers['content-type']).toContain('application/problem+json');
      const after = await current();
      expect(after).toMatchObject({ status: 'open', version: before.version });
      return (closing.body.errors as { field: string }[]).map((e) => e.field);
    };

    expect(await tryClose()).toEqual([
      '/correction',
      '/rootCause',
      '/action',
      '/actionOwnerId',
      '/actionDue',
      '/actionDoneAt',
      '/effective',
    ]);
    const v = (await current()).version;
    let r = await auditor.patch(
      `${url}/action`,
      { correction: 'Briefed the two agents' },
      ifMatch(v),
    );
    expect(r.status).toBe(200);
    expect(await tryClose()).toEqual([
      '/rootCause',
      '/action',
      '/actionOwnerId',
      '/actionDue',
      '/actionDoneAt',
      '/effective',
    ]);
    r = await auditor.patch(
      `${url}/action`,
      { rootCause: 'No awareness session in the induction' },
      ifMatch(r.body.version),
    );
    expect(await tryClose()).toEqual([
      '/action',
      '/actionOwnerId',
      '/actionDue',
      '/actionDoneAt',
      '/effective',
    ]);

    // Only a manager assigns the owner and the due date.
    const refused = await auditor.patch(
      `${url}/action`,
      { actionOwnerId: owner.user.id, actionDue: '2026-04-15' },
      ifMatch(r.body.version),
    );
    expect(refused.status).toBe(403);
    r = await manager.patch(
      `${url}/action`,
      { actionOwnerId: owner.user.id, actionDue: '2026-04-15' },
      ifMatch(r.body.version),
    );
    expect(r.body).toMatchObject({ actionState: 'to-plan', actionOwnerName: owner.user.name });
    // The new owner is told, with a link to the audit.
    await runJobs(ctx);
    const told = await owner.get('/api/v1/notifications');
    expect(told.body.items).toEqual([
      expect.objectContaining({
        kind: 'corrective-action-assigned',
        title: `Corrective action for you: ${stage2Minor.reference}`,
        link: `/audits/${stage2Minor.reference.split('-')[0]}`,
      }),
    ]);
    // Another agent may not work on it; the owner may, without any audit permission.
    const stranger = await otherAgent.patch(
      `${url}/action`,
      { action: 'x' },
      ifMatch(r.body.version),
    );
    expect(stranger.status).toBe(403);
    r = await owner.patch(
      `${url}/action`,
      { action: 'Add the ISO 20000 awareness course to the induction' },
      ifMatch(r.body.version),
    );
    expect(r.body.actionState).toBe('in-progress');
    // Verifying before the action is done is refused.
    const early = await auditor.post(
      `${url}/verification`,
      { effective: true },
      ifMatch(r.body.version),
    );
    expect(early.status).toBe(409);
    expect(await tryClose()).toEqual(['/actionDoneAt', '/effective']);
    r = await owner.patch(`${url}/action`, { done: true }, ifMatch(r.body.version));
    expect(r.body.actionState).toBe('done');
    expect(await tryClose()).toEqual(['/effective']);

    // Not effective: the action reopens.
    r = await auditor.post(
      `${url}/verification`,
      { effective: false, notes: 'Two new starters missed it' },
      ifMatch(r.body.version),
    );
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({
      actionState: 'in-progress',
      effective: false,
      actionDoneAt: null,
    });
    expect(await tryClose()).toEqual(['/actionDoneAt', '/effective']);
    r = await owner.patch(`${url}/action`, { done: true }, ifMatch(r.body.version));
    r = await auditor.post(`${url}/verification`, { effective: true }, ifMatch(r.body.version));
    expect(r.body.actionState).toBe('verified');
    const closed = await auditor.post(`${url}/close`, undefined, ifMatch(r.body.version));
    expect(closed.status).toBe(200);
    expect(closed.body).toMatchObject({ status: 'closed', closedAt: expect.any(String) });

    // An opportunity for improvement closes without any of that.
    const ofiClosed = await auditor.post(
      `/api/v1/audit-findings/${ofi.id}/close`,
      undefined,
      ifMatch(ofi.version),
    );
    expect(ofiClosed.status).toBe(200);
  });

  it('flags overdue corrective actions in the tracker and on the audit', async () => {
    const ctx = get();
    ctx.clock.set('2026-03-02T09:00:00Z');
    const manager = (await ctx.as('manager')) as Signed;
    const auditor = (await ctx.as('auditor')) as Signed;
    const owner = (await ctx.as('agent')) as Signed;
    const f = await fixture(ctx, manager, auditor);
    await manager.patch(
      `/api/v1/audit-findings/${f.minor.id}/action`,
      { actionOwnerId: owner.user.id, actionDue: '2026-03-20', action: 'Complete the records' },
      ifMatch(f.minor.version),
    );
    await manager.patch(
      `/api/v1/audit-findings/${f.major.id}/action`,
      { actionOwnerId: manager.user.id, actionDue: '2026-04-30' },
      ifMatch(f.major.version),
    );
    ctx.clock.set('2026-03-25T09:00:00Z');
    const again = async (c: Signed) =>
      Object.assign(await ctx.login(c.user.email), { user: c.user }) as Signed;
    const later = await again(manager);
    const all = await later.get('/api/v1/audits/actions');
    const byRef = Object.fromEntries(
      all.body.map((x: { reference: string; overdue: boolean }) => [x.reference, x.overdue]),
    );
    expect(byRef).toMatchObject({
      [f.minor.reference]: true,
      [f.major.reference]: false,
      [f.stage2Minor.reference]: false,
    });
    // Only nonconformities are in the tracker.
    expect(all.body.map((x: { reference: string }) => x.reference)).not.toContain(f.ofi.reference);
    const overdue = await later.get('/api/v1/audits/actions?overdue=true');
    // Earlier tests of this file left overdue actions of their own: look at this fixture's.
    const ours = (list: { reference: string; auditId: string }[]) =>
      list
        .filter((x) => x.auditId === f.internal.id || x.auditId === f.stage2.id)
        .map((x) => x.reference);
    expect(ours(overdue.body)).toEqual([f.minor.reference]);
    expect(overdue.body.every((x: { overdue: boolean }) => x.overdue)).toBe(true);
    const mine = await (await again(owner)).get('/api/v1/audits/actions?mine=true');
    expect(mine.body.map((x: { reference: string }) => x.reference)).toEqual([f.minor.reference]);
    const page = await later.get(`/api/v1/audits/${f.internal.id}`);
    expect(
      page.body.findings
        .filter((x: { overdue: boolean }) => x.overdue)
        .map((x: { reference: string }) => x.reference),
    ).toEqual([f.minor.reference]);
  });
});
