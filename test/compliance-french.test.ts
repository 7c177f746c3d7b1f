// The compliance workspace in French: the library's guidance follows Accept-Language (French
// when asked for and translated, English otherwise, titles always as published), and every live
// evidence figure carries a message key with its numbers so that the web can word it in French.
import { expect, it } from 'vitest';
import { systemActor } from '../src/shared/actor.js';
import { uuidv7 } from '../src/shared/ids.js';
import { insertTicket } from './helpers/notification-fixtures.js';
import { describeEachDatabase, type TestContext } from './helpers/test-app.js';

type Node = {
  number: string;
  title: string;
  leaf: boolean;
  intent: string | null;
  documentedInformation: { key: string | null; name: string; mandatory: boolean }[];
  auditEvidence: string[];
  meridianEvidence: { source: string; description: string }[];
  meridianGap: string | null;
};

/** Three incidents on 10 March 2041, two of them resolved within their target. */
async function threeIncidents(ctx: TestContext) {
  const system = systemActor('test');
  ctx.clock.set('2041-03-10T08:00:00Z');
  const calendar = await ctx.services.calendars.create(system, {
    name: `Always ${uuidv7()}`,
    spec: {
      timeZone: 'UTC',
      week: Object.fromEntries(
        ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, [['00:00', '24:00']]]),
      ),
    },
  });
  const minutes = (m: number) =>
    Object.fromEntries(['P1', 'P2', 'P3', 'P4'].map((p) => [p, { kind: 'minutes', minutes: m }]));
  const policy = await ctx.services.policies.create(system, {
    name: `French ${uuidv7()}`,
    order: 901,
    calendarId: calendar.id,
    targets: { first_response: minutes(60), resolution: minutes(240) },
    thresholds: [100],
    pauseOn: { first_response: [], resolution: [] },
  });
  const requester = await ctx.createUser('requester');
  for (const breached of [false, true, false]) {
    ctx.clock.advance(3_600_000);
    const ticket = await insertTicket(ctx, {
      requesterId: requester.id,
      type: 'incident',
      status: 'resolved',
    });
    const at = ctx.clock.now().toISOString();
    const due = new Date(ctx.clock.now().getTime() + 240 * 60_000).toISOString();
    await ctx.services.db
      .insertInto('sla_clocks')
      .values({
        id: uuidv7(),
        subject_type: 'ticket',
        subject_id: ticket.id,
        clock: 'resolution',
        policy_id: policy.id,
        calendar_id: calendar.id,
        selection_reason: 'test',
        target: JSON.stringify({ kind: 'minutes', minutes: 240 }),
        target_minutes: 240,
        ledger: '[]',
        state: 'stopped',
        due_at: due,
        breached_at: breached ? due : null,
        fired: '{}',
        revision: 1,
        created_at: at,
        updated_at: at,
      })
      .execute();
  }
}

describeEachDatabase('compliance workspace in French', (get) => {
  it('serves the guidance in French to a French reader, English otherwise, titles unchanged', async () => {
    const ctx = get();
    const auditor = await ctx.as('auditor');
    const french = await auditor.get('/api/v1/compliance/library', {
      headers: { 'accept-language': 'fr' },
    });
    expect(french.status, french.text).toBe(200);
    expect(french.body.language).toBe('fr-FR');
    expect(french.body.framework.title).toBe('ISO/IEC 20000-1:2018, articles 4 à 10');
    expect(french.headers['content-language']).toBe('fr-FR');
    expect(String(french.headers.vary)).toMatch(/accept-language/i);
    const english = await auditor.get('/api/v1/compliance/library', {
      headers: { 'accept-language': 'en-GB,en;q=0.9' },
    });
    expect(english.body.language).toBe('en-GB');
    expect(english.headers['content-language']).toBe('en-GB');

    const fr = new Map<string, Node>(french.body.nodes.map((n: Node) => [n.number, n]));
    const en = new Map<string, Node>(english.body.nodes.map((n: Node) => [n.number, n]));
    expect(fr.size).toBe(77);
    // The clause titles are the standard's, as published: never translated.
    for (const [number, node] of en) expect(fr.get(number)?.title, number).toBe(node.title);

    const audit = fr.get('9.2');
    expect(audit?.intent).toMatch(/^Menez des audits internes à intervalles planifiés/);
    expect(audit?.documentedInformation).toEqual([
      { key: null, name: 'Programme d’audit', mandatory: true },
      { key: null, name: 'Rapports et résultats d’audit', mandatory: true },
    ]);
    expect(audit?.meridianEvidence.map((m) => m.source)).toEqual(
      en.get('9.2')?.meridianEvidence.map((m) => m.source),
    );
    expect(fr.get('8.7.2')?.meridianGap).toBe(
      'Les plans doivent rester utilisables lorsque Meridian lui-même est indisponible ; conservez-en une copie hors ligne et soyez prêt à la montrer.',
    );
    // The checklist keys of the documented information survive the translation.
    expect(fr.get('4.3')?.documentedInformation).toEqual([
      { key: 'scope', name: 'Déclaration du périmètre du SMS', mandatory: true },
    ]);
    expect(en.get('9.2')?.intent).toMatch(/^Run internal audits/);
    // Every leaf is in French.
    const leaves = [...fr.values()].filter((n) => n.leaf);
    expect(leaves).toHaveLength(57);
    for (const leaf of leaves)
      expect(leaf.intent, leaf.number).not.toBe(en.get(leaf.number)?.intent);
  });

  it('picks the first language it offers by quality; English without a header', async () => {
    const ctx = get();
    const manager = await ctx.as('manager');
    const language = async (header?: string) =>
      (
        await manager.get('/api/v1/compliance/library', {
          headers: header ? { 'accept-language': header } : {},
        })
      ).body.language;
    expect(await language()).toBe('en-GB');
    expect(await language('de-DE,fr;q=0.8,en;q=0.5')).toBe('fr-FR');
    expect(await language('en;q=0.4,fr-CA;q=0.9')).toBe('fr-FR');
    expect(await language('de-DE')).toBe('en-GB');
    expect(await language('fr;q=0')).toBe('en-GB');
  });

  it('refuses the library to a requester, in any language, and changes nothing', async () => {
    const ctx = get();
    const requester = await ctx.as('requester');
    const refused = await requester.get('/api/v1/compliance/library', {
      headers: { 'accept-language': 'fr' },
    });
    expect(refused.status).toBe(403);
    expect(String(refused.headers['content-type'])).toContain('application/problem+json');
  });

  it('gives each figure a message key and its numbers, and a key for each reason', async () => {
    const ctx = get();
    await threeIncidents(ctx);
    ctx.clock.set('2041-03-12T12:00:00Z');
    const manager = await ctx.as('manager');
    const period = { from: '2041-03-01', to: '2041-03-31' };
    const incidents = await manager.get('/api/v1/compliance/evidence/tickets.incidents', {
      query: period,
    });
    expect(incidents.status, incidents.text).toBe(200);
    expect(incidents.body).toMatchObject({
      available: true,
      figure: '3 incidents, 66.7% resolution SLA met',
      key: 'incidents',
      params: { count: 3, share: 66.7 },
      reason: null,
      reasonKey: null,
    });
    const attainment = await manager.get('/api/v1/compliance/evidence/sla.attainment', {
      query: period,
    });
    expect(attainment.body).toMatchObject({
      figure: '66.7% of 3 SLA targets met',
      key: 'slaAttainment',
      params: { count: 3, share: 66.7 },
    });

    // Complaints raised in the period: 2, none resolved.
    for (const summary of ['Parcel never arrived', 'Refund still pending'])
      expect((await manager.post('/api/v1/complaints', { summary })).status).toBe(201);
    const complaints = await manager.get('/api/v1/compliance/evidence/complaints', {
      query: period,
    });
    expect(complaints.body).toMatchObject({
      figure: '2 complaints, 0 resolved',
      key: 'complaints',
      params: { count: 2, resolved: 0 },
    });

    // People by role: one parameter per role, adding up to the count.
    const users = await manager.get('/api/v1/compliance/evidence/users.roles', { query: period });
    expect(users.body.key).toBe('usersRoles');
    const roles = Object.entries(users.body.params as Record<string, number>).filter(([k]) =>
      k.startsWith('role:'),
    );
    expect(users.body.params.roles).toBe(roles.length);
    expect(roles.reduce((n, [, v]) => n + v, 0)).toBe(users.body.params.count);
    expect(roles.map(([k]) => k)).toContain('role:manager');

    // Not available: a planned module, and a live source with nothing in the period.
    const planned = await manager.get('/api/v1/compliance/evidence/suppliers');
    expect(planned.body).toMatchObject({
      available: false,
      figure: 'No live evidence in Meridian yet',
      key: 'none',
      params: {},
      reasonKey: 'planned',
    });
    const empty = await manager.get('/api/v1/compliance/evidence/tickets.incidents', {
      query: { from: '2041-01-01', to: '2041-01-31' },
    });
    expect(empty.body).toMatchObject({
      available: false,
      key: 'incidentsNoOutcome',
      params: { count: 0 },
      reason: 'No records in the period.',
      reasonKey: 'noRecords',
    });

    // Every source says what it is with a key or, failing that, in English.
    const all = await manager.get('/api/v1/compliance/evidence', { query: period });
    expect(all.status).toBe(200);
    for (const figure of all.body.items) {
      expect(typeof figure.figure, figure.source).toBe('string');
      expect(figure.key === null || typeof figure.key === 'string', figure.source).toBe(true);
      if (!figure.available) expect(figure.reasonKey, figure.source).not.toBeNull();
    }
    const keyed = all.body.items.filter((f: { key: string | null }) => f.key !== null);
    expect(keyed.length).toBeGreaterThanOrEqual(23);
  });
});
