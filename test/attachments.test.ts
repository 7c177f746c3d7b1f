import { expect, it } from 'vitest';
import { type Client, describeEachDatabase } from './helpers/test-app.js';

const PNG = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  Buffer.alloc(64, 7),
]);

describeEachDatabase(
  'ticket attachments',
  (get) => {
    async function ticketOf() {
      const ctx = get();
      const requester = await ctx.as('requester');
      const t = await requester.post('/api/v1/tickets', {
        type: 'incident',
        title: 'Screen flickers',
        description: '',
        category: 'hardware',
      });
      expect(t.status).toBe(201);
      return { ctx, requester, ticket: t.body };
    }
    const upload = (
      client: Client,
      id: string,
      name: string,
      content: Buffer,
      type = 'application/octet-stream',
    ) =>
      client.post(
        `/api/v1/tickets/${id}/attachments?fileName=${encodeURIComponent(name)}`,
        content,
        {
          headers: { 'content-type': type },
        },
      );

    it('stores a file with its sniffed type and serves it back as a download to who may see the ticket', async () => {
      const { ctx, requester, ticket } = await ticketOf();
      const sent = await upload(requester, ticket.id, 'écran "flou".txt', PNG, 'text/plain');
      expect(sent.status).toBe(201);
      expect(sent.body).toMatchObject({
        fileName: 'écran "flou".txt',
        mediaType: 'image/png',
        size: PNG.length,
      });

      const agent = await ctx.as('agent');
      expect(
        (await agent.get(`/api/v1/tickets/${ticket.id}/attachments`)).body.map(
          (a: { id: string }) => a.id,
        ),
      ).toEqual([sent.body.id]);
      const file = await agent.get(`/api/v1/attachments/${sent.body.id}`, { raw: true });
      expect(file.status).toBe(200);
      expect(Buffer.compare(file.body, PNG)).toBe(0);
      expect(file.headers['content-type']).toBe('image/png');
      expect(file.headers['content-disposition']).toMatch(
        /^attachment; filename="_cran _flou_.txt"; filename\*=UTF-8''%C3%A9cran/,
      );
      expect(file.headers['x-content-type-options']).toBe('nosniff');

      // Someone who may not see the ticket gets 404 for the file too.
      const stranger = await ctx.as('requester');
      expect((await stranger.get(`/api/v1/attachments/${sent.body.id}`)).status).toBe(404);
      expect((await stranger.get(`/api/v1/tickets/${ticket.id}/attachments`)).status).toBe(404);
    });

    it('answers 413 for a file over the limit and 415 for a refused kind, and keeps nothing', async () => {
      const { ctx, requester, ticket } = await ticketOf();
      const big = await upload(
        requester,
        ticket.id,
        'dump.txt',
        Buffer.alloc(1024 * 1024 + 10, 'a'),
      );
      expect(big.status).toBe(413);
      expect(big.headers['content-type']).toMatch(/problem\+json/);
      const exe = await upload(
        requester,
        ticket.id,
        'invoice.pdf',
        Buffer.from([0x4d, 0x5a, 0x90, 0, 3, 0]),
      );
      expect(exe.status).toBe(415);
      expect(exe.body.detail).toMatch(/executable/);
      const svg = await upload(
        requester,
        ticket.id,
        'logo.png',
        Buffer.from('<svg onload="alert(1)"></svg>'),
      );
      expect(svg.status).toBe(415);
      const rows = await ctx.services.db
        .selectFrom('attachments')
        .selectAll()
        .where('owner_id', '=', ticket.id)
        .execute();
      expect(rows).toEqual([]);
    });
  },
  { env: { MERIDIAN_MAX_ATTACHMENT_MB: '1' } },
);
