// OpenAPI 3.1 at /api/openapi.json, built from the routes' TypeBox schemas, and a reference page.
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';

export async function registerApiDocs(app: FastifyInstance, version: string) {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Meridian API',
        version,
        description:
          "Service management for ISO/IEC 20000-1. Authenticate with a session cookie (browser) or a personal API token: `Authorization: Bearer mrd_…`. Errors are application/problem+json with a stable `code`. Lists use keyset paging (`limit`, `cursor`). Updates need `If-Match` with the record's ETag. POSTs accept `Idempotency-Key`.",
      },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer', description: 'Personal API token (mrd_…)' },
          session: { type: 'apiKey', in: 'cookie', name: 'meridian_session' },
        },
      },
      security: [{ bearer: [] }, { session: [] }],
    },
    refResolver: {
      buildLocalReference: (json, _baseUri, _fragment, i) => String(json.$id ?? `def-${i}`),
    },
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true });
  app.get('/api/openapi.json', { config: { public: true }, schema: { hide: true } }, async () =>
    app.swagger(),
  );
}
