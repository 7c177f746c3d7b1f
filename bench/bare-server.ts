// The baseline for bench/http.bench.ts: Fastify with the same version as Meridian, logger off, no
// plugins or hooks, so the difference to Meridian is what Meridian itself adds per request.
import Fastify from 'fastify';

const app = Fastify({ logger: false });
app.get('/hello', async () => ({ hello: 'world' }));
// A JSON body in and 201 out: the baseline for a write, without any database work.
app.post('/hello', async (request, reply) => {
  const body = request.body as { name?: unknown };
  return reply.status(201).send({ id: 1, name: body.name ?? null });
});

const address = await app.listen({ host: '127.0.0.1', port: Number(process.env.PORT ?? 0) });
console.log(`bare Fastify listening on ${address}/`);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void app.close().then(() => process.exit(0));
  });
}
