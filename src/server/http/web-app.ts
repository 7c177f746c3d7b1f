// Serves the built React app (dist/web) at "/"; client-side routes get index.html through the
// not-found handler (src/server/http/problem.ts), which keeps API 404s as problems.
import fs from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

export type AppShell = (request: FastifyRequest, reply: FastifyReply) => FastifyReply;

/** Returns the handler that answers with index.html, or null when the web app is not built. */
export async function registerWebApp(app: FastifyInstance, root: string): Promise<AppShell | null> {
  const index = path.join(root, 'index.html');
  if (!fs.existsSync(index)) {
    app.log.warn(`web app not built (${index} missing): run "npm run build"`);
    app.get('/', { schema: { hide: true } }, async (_request, reply) =>
      reply
        .type('text/plain')
        .send('Meridian API is running. Build the web app with "npm run build".'),
    );
    return null;
  }
  await app.register(fastifyStatic, {
    root,
    wildcard: false,
    index: false,
    maxAge: '1h',
    immutable: true,
  });
  const html = fs.readFileSync(index);
  const appShell: AppShell = (_request, reply) =>
    reply.header('cache-control', 'no-cache').type('text/html; charset=utf-8').send(html);
  app.get('/', { schema: { hide: true } }, appShell);
  return appShell;
}
