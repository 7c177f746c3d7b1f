// Serves the built React app (dist/web) at "/", with index.html for client-side routes.
import fs from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { sendProblem } from './problem.js';

export async function registerWebApp(app: FastifyInstance, root: string) {
  const index = path.join(root, 'index.html');
  if (!fs.existsSync(index)) {
    app.log.warn(`web app not built (${index} missing): run "npm run build"`);
    app.get('/', { schema: { hide: true } }, async (_request, reply) =>
      reply
        .type('text/plain')
        .send('Meridian API is running. Build the web app with "npm run build".'),
    );
    return;
  }
  await app.register(fastifyStatic, {
    root,
    wildcard: false,
    index: false,
    maxAge: '1h',
    immutable: true,
  });
  const html = fs.readFileSync(index);
  const sendIndex = (_request: unknown, reply: import('fastify').FastifyReply) =>
    reply.header('cache-control', 'no-cache').type('text/html; charset=utf-8').send(html);
  app.get('/', { schema: { hide: true } }, sendIndex);
  app.setNotFoundHandler((request, reply) => {
    const pathname = request.url.split('?')[0] ?? '/';
    const isApi = /^\/(api|healthz|readyz|metrics)(\/|$)/.test(pathname);
    if (request.method === 'GET' && !isApi && !path.extname(pathname))
      return sendIndex(request, reply);
    return sendProblem(request, reply, 'NOT_FOUND', `No route ${request.method} ${pathname}.`);
  });
}
