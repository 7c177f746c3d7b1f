import { expect, it } from 'vitest';
import {
  act,
  actOk,
  HIGH,
  LOW,
  MEDIUM,
  makeGroup,
  policy,
  putPolicy,
  raise,
  review,
  service,
  setPolicy,
  vote,
} from './changes-fixtures.js';
import { runJobs } from './helpers/notification-fixtures.js';
import { describeEachDatabase, type TestContext } from './helpers/test-app.js';

async function team(ctx: TestContext, cab: Partial<Parameters<typeof policy>[0]> = {}) {
  const requester = await ctx.as('agent');
  const owner = await ctx.as('agent');
  const members = [await ctx.as('agent'), await ctx.as('agent'), await ctx.as('manager')];
  const outsider = await ctx.as('agent');
  const ecabMember = await ctx.as('manager');
  const cabId = await makeGroup(ctx, 'CAB', [...members.map((m) => m.user.id), requester.user.id]);
  const ecabId = await makeGroup(ctx, 'Emergency CAB', [ecabMember.user.id]);
  const serviceId = await service(ctx, 'Storefront', owner.user.id);
  await setPolicy(ctx, policy({ cab: cabId, ecab: ecabId, ...cab }));
  return { requester, owner, members, outsider, ecabMember, cabId, ecabId, serviceId };
}

describeEachDatabase('change approvals', (get) => {
  it('chooses the approval steps from type and risk', async () => {
    const ctx = get();
    const t = await team(ctx);
    const low = await raise(
      t.requester,
      ctx,
      { serviceIds: [t.serviceId], riskAnswers: LOW },
      [10, 11],
    );
    expect(low).toMatchObject({
      riskScore: 0,
      riskLevel: 'low',
      status: 'draft',
      approval: 'not_requested',
    });
    await actOk(t.requester, low, 'assess');
    const submitted = await actOk(t.requester, low, 'submit');
    expect(submitted.status).toBe('awaiting_approval');
    expect(submitted.steps.map((s: { name: string }) => s.name)).toEqual(['Service owner']);
    expect(submitted.steps[0]).toMatchObject({
      approverKind: 'service_owners',
      mode: 'all',
      required: 1,
      eligibleIds: [t.owner.user.id],
      status: 'active',
    });

    const high = await raise(
      t.requester,
      ctx,
      { serviceIds: [t.serviceId], riskAnswers: HIGH },
      [12, 13],
    );
    expect(high).toMatchObject({ riskScore: 10, riskLevel: 'high' });
    await actOk(t.requester, high, 'assess');
    const highSubmitted = await actOk(t.requester, high, 'submit');
    expect(
      highSubmitted.steps.map((s: { name: string; status: string }) => [s.name, s.status]),
    ).toEqual([
      ['Service owner', 'active'],
      ['CAB', 'waiting'],
    ]);
    // The requester is in the CAB but never approves their own change.
    expect(highSubmitted.steps[1].eligibleIds).not.toContain(t.requester.user.id);
    expect(highSubmitted.steps[1]).toMatchObject({ mode: 'n_of_m', required: 2 });

    const emergency = await raise(
      t.requester,
      ctx,
      { type: 'emergency', serviceIds: [t.serviceId], riskAnswers: MEDIUM },
      [14, 15],
    );
    const emergencySubmitted = await actOk(t.requester, emergency, 'submit');
    expect(emergencySubmitted.steps.map((s: { name: string }) => s.name)).toEqual([
      'Emergency CAB',
    ]);

    const preview = await t.requester.post('/api/v1/change-policy/preview', {
      type: 'normal',
      serviceIds: [t.serviceId],
      riskAnswers: MEDIUM,
    });
    expect(preview.body).toMatchObject({
      riskScore: 3,
      riskLevel: 'medium',
      ruleName: 'Medium and high risk',
    });
  });

  it('needs N of M CAB approvals, in order after the service owner, and lists them in the CAB inbox', async () => {
    const ctx = get();
    const t = await team(ctx);
    const change = await raise(
      t.requester,
      ctx,
      { serviceIds: [t.serviceId], riskAnswers: HIGH },
      [20, 21],
    );
    await actOk(t.requester, change, 'assess');
    await actOk(t.requester, change, 'submit');
    const [first, second, third] = t.members as [typeof t.owner, typeof t.owner, typeof t.owner];

    // The CAB step waits for the owner's step: CAB members cannot vote yet, nor see it in the inbox.
    expect((await vote(first, change, 'approve')).status).toBe(403);
    const ids = async (c: typeof first) =>
      (await c.get('/api/v1/change-approvals/inbox')).body.items.map(
        (i: { change: { id: string } }) => i.change.id,
      );
    expect(await ids(first)).not.toContain(change.id);
    expect(await ids(t.owner)).toContain(change.id);

    const owned = await vote(t.owner, change, 'approve', 'Fine by the storefront owner.');
    expect(owned.status).toBe(200);
    expect(owned.body.steps.map((s: { status: string }) => s.status)).toEqual([
      'approved',
      'active',
    ]);
    expect(await ids(first)).toContain(change.id);

    // Each step's approvers hear of it when it opens: the owner on submission, the CAB after them.
    await runJobs(ctx);
    const approvalNotices = async (c: typeof first) =>
      (await c.get('/api/v1/notifications')).body.items.filter(
        (n: { kind: string; subjectId: string }) =>
          n.kind === 'approval-requested' && n.subjectId === change.id,
      );
    expect(await approvalNotices(t.owner)).toEqual([
      expect.objectContaining({
        link: `/changes/${change.id}`,
        title: `Approval needed: ${change.number}`,
      }),
    ]);
    expect(await approvalNotices(first)).toHaveLength(1);
    expect(await approvalNotices(t.requester)).toHaveLength(0);

    const one = await vote(first, change, 'approve', 'Back-out plan is sound.');
    expect(one.body).toMatchObject({ status: 'awaiting_approval', approval: 'pending' });
    expect(await ids(first)).not.toContain(change.id);
    expect((await vote(first, change, 'approve')).body.code).toBe('ALREADY_ANSWERED');

    const two = await vote(second, change, 'approve', 'Agreed.');
    expect(two.body).toMatchObject({ status: 'scheduled', approval: 'approved' });
    expect(two.body.steps[1].votes.map((v: { voterId: string }) => v.voterId)).toEqual([
      first.user.id,
      second.user.id,
    ]);
    expect(await ids(third)).not.toContain(change.id);
    expect((await vote(third, change, 'approve')).status).toBe(409);

    const audit = await t.requester.get('/api/v1/audit-events', {
      query: { entity: `change:${change.id}` },
    });
    const votes = audit.body.items.filter((e: { action: string }) => e.action === 'vote');
    expect(votes).toHaveLength(3);
    expect(JSON.stringify(votes)).toContain('Back-out plan is sound.');
  });

  it('completes an "all" step only when every member approves, an "any" step on the first', async () => {
    const ctx = get();
    const all = await team(ctx, { cabMode: 'all' });
    const change = await raise(
      all.requester,
      ctx,
      { serviceIds: [all.serviceId], riskAnswers: MEDIUM },
      [30, 31],
    );
    await actOk(all.requester, change, 'assess');
    await actOk(all.requester, change, 'submit');
    await vote(all.owner, change, 'approve');
    for (const [i, member] of all.members.entries()) {
      const res = await vote(member, change, 'approve');
      expect(res.status).toBe(200);
      expect(res.body.status).toBe(i < all.members.length - 1 ? 'awaiting_approval' : 'scheduled');
    }

    const any = await team(ctx, { cabMode: 'any' });
    const other = await raise(
      any.requester,
      ctx,
      { serviceIds: [any.serviceId], riskAnswers: MEDIUM },
      [32, 33],
    );
    await actOk(any.requester, other, 'assess');
    await actOk(any.requester, other, 'submit');
    await vote(any.owner, other, 'approve');
    const done = await vote(any.members[2] as typeof any.owner, other, 'approve');
    expect(done.body).toMatchObject({ status: 'scheduled', approval: 'approved' });
  });

  it('ends the change on a rejection', async () => {
    const ctx = get();
    const t = await team(ctx);
    const change = await raise(
      t.requester,
      ctx,
      { serviceIds: [t.serviceId], riskAnswers: HIGH },
      [40, 41],
    );
    await actOk(t.requester, change, 'assess');
    await actOk(t.requester, change, 'submit');
    await vote(t.owner, change, 'approve');
    await vote(t.members[0] as typeof t.owner, change, 'approve');
    const rejected = await vote(
      t.members[1] as typeof t.owner,
      change,
      'reject',
      'Not before the sales.',
    );
    expect(rejected.status).toBe(200);
    expect(rejected.body).toMatchObject({ status: 'rejected', approval: 'rejected' });
    expect(rejected.body.steps[1].status).toBe('rejected');
    expect((await vote(t.members[2] as typeof t.owner, change, 'approve')).status).toBe(409);
    expect((await act(t.requester, change, 'start')).status).toBe(409);
    const approval = await ctx.services.changes.approvalStates(ctx.services.db, [change.id]);
    expect(approval.get(change.id)?.approved).toBe(false);
  });

  it('lets an emergency change be implemented first and closed only after retrospective approval', async () => {
    const ctx = get();
    const t = await team(ctx);
    const change = await raise(
      t.requester,
      ctx,
      {
        type: 'emergency',
        title: 'Patch the payment gateway certificate',
        serviceIds: [t.serviceId],
        riskAnswers: HIGH,
      },
      [1, 2],
    );
    await actOk(t.requester, change, 'submit');
    const started = await actOk(t.requester, change, 'start');
    expect(started).toMatchObject({
      status: 'implementing',
      approval: 'pending',
      retrospectiveApprovalRequired: true,
    });
    await actOk(t.requester, change, 'complete');
    expect((await review(t.requester, change)).status).toBe(200);
    const early = await act(t.requester, change, 'close', { closeCode: 'successful' });
    expect(early.status).toBe(409);
    expect(early.body.errors[0].field).toBe('/approval');
    const approved = await vote(t.ecabMember, change, 'approve', 'Retrospectively approved.');
    expect(approved.body).toMatchObject({ status: 'review', approval: 'approved' });
    const closed = await actOk(t.requester, change, 'close', { closeCode: 'successful' });
    expect(closed).toMatchObject({ status: 'closed', closeCode: 'successful' });
    const approval = await ctx.services.changes.approvalStates(ctx.services.db, [change.id]);
    expect(approval.get(change.id)).toMatchObject({ type: 'emergency', approved: true });

    // A normal change cannot start before approval.
    const normal = await raise(
      t.requester,
      ctx,
      { serviceIds: [t.serviceId], riskAnswers: LOW },
      [50, 51],
    );
    await actOk(t.requester, normal, 'assess');
    await actOk(t.requester, normal, 'submit');
    expect((await act(t.requester, normal, 'start')).status).toBe(409);
  });

  it('refuses votes from agents outside the CAB and from the requester; policy edits need changes.manage', async () => {
    const ctx = get();
    const t = await team(ctx);
    const change = await raise(
      t.requester,
      ctx,
      { serviceIds: [t.serviceId], riskAnswers: HIGH },
      [60, 61],
    );
    await actOk(t.requester, change, 'assess');
    await actOk(t.requester, change, 'submit');
    await vote(t.owner, change, 'approve');
    const outsider = await vote(t.outsider, change, 'approve', 'Me too');
    expect(outsider.status).toBe(403);
    expect(outsider.body.code).toBe('FORBIDDEN');
    expect((await vote(t.requester, change, 'approve')).status).toBe(403);
    expect((await t.outsider.get(`/api/v1/changes/${change.id}`)).body.canVote).toBe(false);
    expect((await t.members[0]?.get(`/api/v1/changes/${change.id}`))?.body.canVote).toBe(true);
    const after = await t.requester.get(`/api/v1/changes/${change.id}`);
    expect(after.body.steps[1].votes).toEqual([]);

    // Auditors read but cannot raise; requesters cannot even read.
    const auditor = await ctx.as('auditor');
    expect((await auditor.get(`/api/v1/changes/${change.id}`)).status).toBe(200);
    expect((await auditor.post('/api/v1/changes', { type: 'normal', title: 'x' })).status).toBe(
      403,
    );
    expect((await (await ctx.as('requester')).get('/api/v1/changes')).status).toBe(403);
    // Another agent may not move someone else's change.
    expect((await act(t.outsider, change, 'cancel')).status).toBe(403);

    const before = await t.outsider.get('/api/v1/change-policy');
    expect(before.status).toBe(200);
    const refused = await putPolicy(t.outsider, policy({ cab: t.cabId, ecab: t.ecabId }));
    expect(refused.status).toBe(403);
    const bad = policy({ cab: t.cabId, ecab: t.ecabId });
    (bad.approvalRules[2]?.steps[1] as { approvers: unknown }).approvers = {
      kind: 'group',
      groupId: 'nope',
    };
    const admin = await ctx.as('admin');
    const invalid = await putPolicy(admin, bad);
    expect(invalid.status).toBe(400);
    expect(invalid.headers['content-type']).toContain('application/problem+json');
    expect(invalid.body.errors[0].field).toBe('/approvalRules/2/steps/1/approvers/groupId');
    const thresholds = await putPolicy(admin, {
      ...policy({ cab: t.cabId, ecab: t.ecabId }),
      riskQuestionnaire: { questions: [], thresholds: { medium: 5, high: 5 } },
    });
    expect(thresholds.body.errors[0].field).toBe('/riskQuestionnaire/thresholds/high');
    expect((await admin.get('/api/v1/change-policy')).body.version).toBe(before.body.version);
  });
});
