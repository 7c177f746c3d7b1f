import JSZip from 'jszip';
import { expect, it } from 'vitest';
import { countRows, fakeMailer, runJobs } from './helpers/notification-fixtures.js';
import { type Client, describeEachDatabase, type TestContext } from './helpers/test-app.js';

const mailer = fakeMailer();
const ifMatch = (version: number) => ({ headers: { 'if-match': `"${version}"` } });

async function documentRows(ctx: TestContext) {
  const db = ctx.services.db;
  const count = async (table: 'documents' | 'document_versions' | 'acknowledgement_campaigns') =>
    Number(
      (
        await db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  return {
    documents: await count('documents'),
    versions: await count('document_versions'),
    campaigns: await count('acknowledgement_campaigns'),
    audit: await countRows(ctx, 'audit_events'),
  };
}

type Signed = Client & { user: { id: string; email: string; name: string } };
/** Signs in again after the test clock moved past the session's lifetime. */
const again = async <C extends Signed>(ctx: TestContext, c: C): Promise<C> =>
  Object.assign(await ctx.login(c.user.email), { user: c.user }) as C;

/** Writes a document and takes it through review to approval by a second manager. */
async function approved(
  author: Client,
  approver: Client,
  input: Record<string, unknown> & { title: string; body: string },
) {
  const created = await author.post('/api/v1/documents', { kind: 'policy', ...input });
  expect(created.status).toBe(201);
  const id = created.body.id;
  const submitted = await author.post(`/api/v1/documents/${id}/submit`, {}, ifMatch(1));
  expect(submitted.status).toBe(200);
  const done = await approver.post(`/api/v1/documents/${id}/approve`, {}, ifMatch(2));
  expect(done.status).toBe(200);
  return done.body;
}

describeEachDatabase(
  'documents',
  (get) => {
    it('takes a document from draft through review to approval, keeping every approved version', async () => {
      const ctx = get();
      const author = await ctx.as('manager');
      const approver = await ctx.as('manager');
      const created = await author.post('/api/v1/documents', {
        kind: 'policy',
        title: 'Change management policy',
        body: '# Purpose\n\nEvery change is assessed.',
        requirements: ['8.5.1.1', '8.5.1.2'],
        checklistKey: 'change-management-policy',
      });
      expect(created.status).toBe(201);
      expect(created.headers.etag).toBe('"1"');
      expect(created.body).toMatchObject({
        number: expect.stringMatching(/^DOC\d{7}$/),
        status: 'draft',
        currentVersion: 1,
        approvedVersion: null,
        ownerId: author.user.id,
        requirements: ['8.5.1.1', '8.5.1.2'],
      });
      const url = `/api/v1/documents/${created.body.id}`;

      // A draft is edited in place.
      const edited = await author.patch(
        url,
        { body: '# Purpose\n\nEvery change is assessed and approved.' },
        ifMatch(1),
      );
      expect(edited.body).toMatchObject({ status: 'draft', currentVersion: 1, version: 2 });
      const submitted = await author.post(
        `${url}/submit`,
        { reviewerId: approver.user.id },
        ifMatch(2),
      );
      expect(submitted.body.status).toBe('in_review');
      // In review, the text is frozen.
      const frozen = await author.patch(url, { body: 'sneaky' }, ifMatch(3));
      expect(frozen.status).toBe(409);

      // The author cannot approve their own version.
      const self = await author.post(`${url}/approve`, {}, ifMatch(3));
      expect(self.status).toBe(403);
      expect(self.body.code).toBe('FORBIDDEN');
      // A rejection needs a reason and sends the version back to draft.
      const noReason = await approver.post(`${url}/reject`, { comment: '' }, ifMatch(3));
      expect(noReason.status).toBe(400);
      const rejected = await approver.post(
        `${url}/reject`,
        { comment: 'Name the CAB.' },
        ifMatch(3),
      );
      expect(rejected.body.status).toBe('draft');
      await author.patch(
        url,
        { body: '# Purpose\n\nThe CAB assesses every normal change.' },
        ifMatch(4),
      );
      await author.post(`${url}/submit`, {}, ifMatch(5));
      ctx.clock.advance(60_000);
      const ok = await approver.post(`${url}/approve`, { comment: 'Good.' }, ifMatch(6));
      expect(ok.status).toBe(200);
      expect(ok.body).toMatchObject({
        status: 'approved',
        approvedVersion: 1,
        approvedAt: ctx.clock.now().toISOString(),
        reviewOverdue: false,
      });
      // A review falls due a year after approval by default.
      expect(ok.body.nextReviewAt.slice(0, 4)).toBe(String(ctx.clock.now().getUTCFullYear() + 1));

      // Editing an approved document starts version 2; version 1 stays as approved.
      const v2 = await author.patch(
        url,
        { body: '# Purpose\n\nRevised text.', changeNote: 'CAB renamed' },
        ifMatch(7),
      );
      expect(v2.body).toMatchObject({ status: 'draft', currentVersion: 2, approvedVersion: 1 });
      const detail = await author.get(url);
      expect(
        detail.body.versions.map((v: { number: number; status: string }) => [v.number, v.status]),
      ).toEqual([
        [2, 'draft'],
        [1, 'approved'],
      ]);
      expect(detail.body.versions[1]).toMatchObject({
        body: '# Purpose\n\nThe CAB assesses every normal change.',
        approvedBy: approver.user.id,
        approvedByName: approver.user.name,
      });
      expect(
        detail.body.comments.map((c: { decision: string; body: string }) => [c.decision, c.body]),
      ).toEqual([
        ['reject', 'Name the CAB.'],
        ['approve', 'Good.'],
      ]);
      // Version 2 approved: version 1 is superseded, its text unchanged.
      await author.post(`${url}/submit`, {}, ifMatch(8));
      await approver.post(`${url}/approve`, {}, ifMatch(9));
      const after = await author.get(url);
      expect(after.body.approvedVersion).toBe(2);
      expect(after.body.versions[1]).toMatchObject({
        number: 1,
        status: 'superseded',
        body: '# Purpose\n\nThe CAB assesses every normal change.',
      });

      // Approval records are in the audit trail: who and when.
      const audit = await author.get('/api/v1/audit-events', {
        query: { entity: `document:${created.body.id}` },
      });
      const actions = audit.body.items.map((e: { action: string }) => e.action);
      expect(actions.filter((a: string) => a === 'approve')).toHaveLength(2);
      const approval = audit.body.items.find((e: { action: string }) => e.action === 'approve');
      expect(approval.actorId).toBe(approver.user.id);

      // Retired: no more edits.
      const retired = await author.post(`${url}/retire`, {}, ifMatch(10));
      expect(retired.body.status).toBe('retired');
      expect((await author.patch(url, { title: 'Again' }, ifMatch(11))).status).toBe(409);
    });

    it('refuses bad input with a problem naming the field, and changes nothing', async () => {
      const ctx = get();
      const manager = await ctx.as('manager');
      const before = await documentRows(ctx);
      const cases: [Record<string, unknown>, string][] = [
        [{ kind: 'policy', title: 'x', requirements: ['4.9'] }, '/requirements/0'],
        [{ kind: 'policy', title: 'x', requirements: ['8.5'] }, '/requirements/0'],
        [{ kind: 'policy', title: 'x', checklistKey: 'not-a-key' }, '/checklistKey'],
        [{ kind: 'memo', title: 'x' }, '/kind'],
        [{ kind: 'policy', title: '   ' }, '/title'],
        [{ kind: 'policy', title: 'x', nextReviewAt: '2020-01-01T00:00:00.000Z' }, '/nextReviewAt'],
        [{ kind: 'policy', title: 'x', ownerId: 'nobody' }, '/ownerId'],
      ];
      for (const [body, field] of cases) {
        const refused = await manager.post('/api/v1/documents', body);
        expect(refused.status, JSON.stringify(body)).toBe(400);
        expect(refused.headers['content-type']).toContain('application/problem+json');
        expect(JSON.stringify(refused.body.errors)).toContain(field);
      }
      const doc = await manager.post('/api/v1/documents', {
        kind: 'plan',
        title: 'SMS plan',
        body: '',
      });
      const url = `/api/v1/documents/${doc.body.id}`;
      const mid = await documentRows(ctx);
      expect((await manager.patch(url, { requirements: ['99'] }, ifMatch(1))).status).toBe(400);
      expect((await manager.patch(url, { title: 'y' })).status).toBe(428);
      expect((await manager.patch(url, { title: 'y' }, ifMatch(7))).status).toBe(412);
      // An empty draft cannot go to review.
      expect((await manager.post(`${url}/submit`, {}, ifMatch(1))).status).toBe(400);
      // Not in review: nothing to approve.
      expect((await manager.post(`${url}/approve`, {}, ifMatch(1))).status).toBe(409);
      // Only approved documents get campaigns.
      const early = await manager.post(`${url}/campaigns`, {
        roles: ['agent'],
        dueAt: '2027-01-01T00:00:00.000Z',
      });
      expect(early.status).toBe(409);
      expect(await documentRows(ctx)).toEqual(mid);
      expect((await manager.get(url)).body).toMatchObject({
        version: 1,
        title: 'SMS plan',
        status: 'draft',
      });
      expect(mid.documents).toBe(before.documents + 1);
    });

    it('refuses the wrong roles: agents and auditors read but cannot manage, requesters see nothing', async () => {
      const ctx = get();
      const manager = await ctx.as('manager');
      const doc = await manager.post('/api/v1/documents', {
        kind: 'process',
        title: 'Incident management process',
        body: 'Text',
      });
      const url = `/api/v1/documents/${doc.body.id}`;
      const agent = await ctx.as('agent');
      const auditor = await ctx.as('auditor');
      const requester = await ctx.as('requester');
      const before = await documentRows(ctx);
      for (const client of [agent, auditor]) {
        expect((await client.get(url)).status).toBe(200);
        expect((await client.get('/api/v1/documents')).status).toBe(200);
        expect(
          (await client.post('/api/v1/documents', { kind: 'policy', title: 'Mine' })).status,
        ).toBe(403);
        expect((await client.patch(url, { title: 'Mine' }, ifMatch(1))).status).toBe(403);
        expect((await client.post(`${url}/submit`, {}, ifMatch(1))).status).toBe(403);
        expect((await client.post(`${url}/comments`, { body: 'hi' })).status).toBe(403);
      }
      expect((await requester.get(url)).status).toBe(404);
      expect((await requester.get('/api/v1/documents')).status).toBe(404);
      expect((await requester.get('/api/v1/documents/checklist')).status).toBe(404);
      expect((await requester.get('/api/v1/documents/process-guidelines.docx')).status).toBe(404);
      expect((await requester.patch(url, { title: 'x' }, ifMatch(1))).status).toBe(403);
      expect(await documentRows(ctx)).toEqual(before);
    });

    it('lists with filters and flags documents overdue for review', async () => {
      const ctx = get();
      let a = await ctx.as('manager');
      const b = await ctx.as('manager');
      const tag = `T${Date.now()}`;
      const policy = await approved(a, b, {
        title: `${tag} Information security policy`,
        body: 'Protect information.',
        requirements: ['8.7.3.1'],
        nextReviewAt: new Date(ctx.clock.now().getTime() + 86_400_000).toISOString(),
      });
      await a.post('/api/v1/documents', {
        kind: 'procedure',
        title: `${tag} Backup procedure`,
        body: 'x',
        requirements: ['8.7.3.1'],
      });
      const byRequirement = await a.get('/api/v1/documents', {
        query: { requirement: '8.7.3.1', q: tag },
      });
      expect(byRequirement.body.items.map((d: { title: string }) => d.title)).toEqual([
        `${tag} Backup procedure`,
        `${tag} Information security policy`,
      ]);
      const approvedOnly = await a.get('/api/v1/documents', {
        query: { status: 'approved', kind: 'policy', q: tag },
      });
      expect(approvedOnly.body.items.map((d: { id: string }) => d.id)).toEqual([policy.id]);
      expect(approvedOnly.body.items[0].reviewOverdue).toBe(false);
      ctx.clock.advance(2 * 86_400_000);
      a = await again(ctx, a);
      const overdue = await a.get('/api/v1/documents', {
        query: { reviewOverdue: 'true', q: tag },
      });
      expect(overdue.body.items).toHaveLength(1);
      expect(overdue.body.items[0]).toMatchObject({ id: policy.id, reviewOverdue: true });
      const paged = await a.get('/api/v1/documents', { query: { q: tag, limit: '1' } });
      expect(paged.body.items).toHaveLength(1);
      const next = await a.get('/api/v1/documents', {
        query: { q: tag, limit: '1', cursor: paged.body.nextCursor },
      });
      expect(next.body.items[0].title).toBe(`${tag} Information security policy`);
      expect((await a.get('/api/v1/documents', { query: { cursor: 'nope' } })).status).toBe(400);
    });

    it('shows the mandatory checklist: which exist, which are approved and in date', async () => {
      const ctx = get();
      const a = await ctx.as('manager');
      const b = await ctx.as('manager');
      const keys = (await a.get('/api/v1/documents/checklist')).body.map(
        (i: { key: string }) => i.key,
      );
      expect(keys).toEqual(
        expect.arrayContaining([
          'scope',
          'sms-policy',
          'change-management-policy',
          'slas',
          'process-documents',
          'information-security-policy',
        ]),
      );
      const scope = await approved(a, b, {
        kind: 'plan',
        title: 'SMS scope',
        body: 'Stores and web shop.',
        checklistKey: 'scope',
      });
      await a.post('/api/v1/documents', {
        kind: 'plan',
        title: 'Continuity plan',
        body: 'x',
        checklistKey: 'continuity-plans',
      });
      const list = (await a.get('/api/v1/documents/checklist')).body;
      const item = (key: string) => list.find((i: { key: string }) => i.key === key);
      expect(item('scope')).toMatchObject({
        requirement: '4.3',
        exists: true,
        approved: true,
        status: 'approved',
      });
      expect(item('scope').documents.map((d: { id: string }) => d.id)).toContain(scope.id);
      expect(item('continuity-plans')).toMatchObject({
        exists: true,
        approved: false,
        status: 'not_approved',
      });
      expect(item('supplier-contracts')).toMatchObject({
        exists: false,
        approved: false,
        status: 'missing',
        documents: [],
      });
      // The same through the service contract the compliance module uses.
      const viaService = await ctx.services.documents.mandatoryChecklist(ctx.services.db);
      expect(viaService.find((i) => i.key === 'scope')?.approved).toBe(true);
      const summaries = await ctx.services.documents.summaries(ctx.services.db, [
        scope.id,
        'missing',
      ]);
      expect(summaries.get(scope.id)).toMatchObject({
        title: 'SMS scope',
        kind: 'plan',
        status: 'approved',
        version: 1,
      });
      expect(summaries.has('missing')).toBe(false);
      const served = await ctx.services.documents.forRequirements(ctx.services.db, [
        '8.5.1.1',
        '9.2',
      ]);
      expect(served.get('9.2')).toEqual([]);
    });

    it('runs an acknowledgement campaign: targets notified, acknowledge once, completion tracked, others refused', async () => {
      const ctx = get();
      let a = await ctx.as('manager');
      const b = await ctx.as('manager');
      const doc = await approved(a, b, {
        title: 'Change management policy (ack)',
        body: 'Read me.',
      });
      const admin = await ctx.as('admin');
      let inGroup = await ctx.as('agent');
      const requester = await ctx.as('requester');
      const outsider = await ctx.as('requester');
      const group = await admin.post('/api/v1/groups', {
        name: `Store IT ${Date.now()}`,
        memberIds: [inGroup.user.id, requester.user.id],
      });
      const dueAt = new Date(ctx.clock.now().getTime() + 7 * 86_400_000).toISOString();
      const bad = await a.post(`/api/v1/documents/${doc.id}/campaigns`, {
        roles: [],
        groupIds: [],
        dueAt,
      });
      expect(bad.status).toBe(400);
      const badGroup = await a.post(`/api/v1/documents/${doc.id}/campaigns`, {
        groupIds: ['nope'],
        dueAt,
      });
      expect(badGroup.body.errors).toEqual([{ field: '/groupIds/0', message: 'is not a group' }]);
      expect(
        (
          await inGroup.post(`/api/v1/documents/${doc.id}/campaigns`, {
            groupIds: [group.body.id],
            dueAt,
          })
        ).status,
      ).toBe(403);

      const launched = await a.post(`/api/v1/documents/${doc.id}/campaigns`, {
        groupIds: [group.body.id],
        dueAt,
      });
      expect(launched.status).toBe(201);
      expect(launched.body).toMatchObject({
        versionNumber: 1,
        targeted: 2,
        acknowledged: 0,
        percent: 0,
        overdue: false,
      });
      expect(launched.body.missing.map((m: { userId: string }) => m.userId).sort()).toEqual(
        [inGroup.user.id, requester.user.id].sort(),
      );
      const campaignId = launched.body.id;

      await runJobs(ctx);
      const notes = await requester.get('/api/v1/notifications');
      expect(notes.body.items[0]).toMatchObject({
        kind: 'acknowledgement-requested',
        link: `/acknowledgements/${campaignId}`,
      });

      // The requester sees it in "My acknowledgements" and reads the version asked for.
      const mine = await requester.get('/api/v1/acknowledgements');
      expect(mine.body).toEqual([
        expect.objectContaining({ campaignId, documentId: doc.id, acknowledgedAt: null }),
      ]);
      const reading = await requester.get(`/api/v1/acknowledgements/${campaignId}`);
      expect(reading.body).toMatchObject({ body: 'Read me.', versionNumber: 1 });
      // …but still not the register.
      expect((await requester.get(`/api/v1/documents/${doc.id}`)).status).toBe(404);

      // A non-target cannot read or acknowledge it.
      expect((await outsider.get(`/api/v1/acknowledgements/${campaignId}`)).status).toBe(404);
      const refused = await outsider.post(`/api/v1/acknowledgements/${campaignId}`);
      expect(refused.status).toBe(403);
      expect((await b.post(`/api/v1/acknowledgements/${campaignId}`)).status).toBe(403);

      ctx.clock.advance(3_600_000);
      const acked = await requester.post(`/api/v1/acknowledgements/${campaignId}`);
      expect(acked.status).toBe(200);
      expect(acked.body).toMatchObject({
        acknowledgedAt: ctx.clock.now().toISOString(),
        acknowledgedVersion: 1,
      });
      const twice = await requester.post(`/api/v1/acknowledgements/${campaignId}`);
      expect(twice.status).toBe(409);

      const progress = await a.get(`/api/v1/acknowledgement-campaigns/${campaignId}`);
      expect(progress.body).toMatchObject({
        targeted: 2,
        acknowledged: 1,
        percent: 50,
        overdue: false,
      });
      expect(progress.body.missing).toEqual([{ userId: inGroup.user.id, name: inGroup.user.name }]);
      ctx.clock.advance(8 * 86_400_000);
      a = await again(ctx, a);
      inGroup = await again(ctx, inGroup);
      const late = await a.get(`/api/v1/documents/${doc.id}/campaigns`);
      expect(late.body[0]).toMatchObject({ id: campaignId, overdue: true, percent: 50 });
      expect((await inGroup.get('/api/v1/acknowledgements')).body[0].overdue).toBe(true);
      const audit = await a.get('/api/v1/audit-events', {
        query: { entity: `document:${doc.id}` },
      });
      expect(audit.body.items.map((e: { action: string }) => e.action)).toEqual(
        expect.arrayContaining(['launch-campaign', 'acknowledge']),
      );
    });

    it('assembles the approved process documents into the Process Guidelines DOCX, drafts left out', async () => {
      const ctx = get();
      const a = await ctx.as('manager');
      const b = await ctx.as('manager');
      await approved(a, b, {
        kind: 'process',
        title: 'Incident management process',
        body: '## Logging\n\nEvery incident is **logged** with its impact.\n\n- classify\n- prioritise\n\n1. restore\n2. close\n\n<script>alert(1)</script>',
      });
      const procedure = await approved(a, b, {
        kind: 'procedure',
        title: 'Major incident procedure',
        body: 'Call the bridge.',
      });
      // A new draft of an approved procedure: the guidelines keep the version in force.
      const redraft = await a.patch(
        `/api/v1/documents/${procedure.id}`,
        { body: 'Unapproved revision.' },
        ifMatch(procedure.version),
      );
      expect(redraft.body).toMatchObject({ status: 'draft', approvedVersion: 1 });
      await a.post('/api/v1/documents', {
        kind: 'process',
        title: 'Problem management process (draft)',
        body: 'Secret draft text.',
      });
      const response = await a.get('/api/v1/documents/process-guidelines.docx', { raw: true });
      expect(response.status).toBe(200);
      expect(response.headers['content-type']).toContain('wordprocessingml');
      expect(response.headers['content-disposition']).toContain('.docx');
      const zip = await JSZip.loadAsync(response.body as Buffer);
      const xml = (await zip.file('word/document.xml')?.async('string')) ?? '';
      const text = xml.replace(/<[^>]+>/g, ' ');
      expect(text).toContain('IT Service Management Process Guidelines');
      expect(text).toContain('Incident management process');
      expect(text).toContain('Major incident procedure');
      expect(text).toContain('Every incident is');
      expect(text).toContain('Call the bridge.');
      expect(text).toContain('prioritise');
      expect(text).not.toContain('Problem management process (draft)');
      expect(text).not.toContain('Secret draft text.');
      expect(text).not.toContain('Unapproved revision.');
      // A table of contents, and the headings it lists.
      expect(xml).toContain('TOC \\h \\o');
      expect(xml).toContain('Heading1');
      // Raw HTML is text, escaped.
      expect(xml).toContain('&lt;script&gt;');
      // Agents may download it too (documents.read).
      const agent = await ctx.as('agent');
      expect(
        (await agent.get('/api/v1/documents/process-guidelines.docx', { raw: true })).status,
      ).toBe(200);
    });
  },
  { mailer: () => mailer },
);
