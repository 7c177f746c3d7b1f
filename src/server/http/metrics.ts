// Prometheus metrics at /metrics: request rate and latency per route, plus process metrics.
import type { FastifyInstance } from 'fastify';
import { collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

export function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'meridian_' });
  const httpDuration = new Histogram({
    name: 'meridian_http_request_duration_seconds',
    help: 'HTTP request duration by route template, method and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  const jobs = new Gauge({
    name: 'meridian_jobs',
    help: 'Background jobs by status',
    labelNames: ['status'] as const,
    registers: [registry],
  });
  return { registry, httpDuration, jobs };
}

export type Metrics = ReturnType<typeof createMetrics>;

export function registerMetrics(
  app: FastifyInstance,
  metrics: Metrics,
  jobCounts: () => Promise<Record<string, number>>,
) {
  // One labelled child per method, route and status, looked up by a plain key: prom-client's own
  // label hashing on every request showed in profiles.
  const children = new Map<string, ReturnType<Metrics['httpDuration']['labels']>>();
  app.addHook('onResponse', (request, reply, done) => {
    const route = request.routeOptions.url ?? 'unmatched';
    const key = `${request.method} ${route} ${reply.statusCode}`;
    let child = children.get(key);
    if (!child) {
      child = metrics.httpDuration.labels(request.method, route, String(reply.statusCode));
      children.set(key, child);
    }
    child.observe(reply.elapsedTime / 1000);
    done();
  });
  app.get(
    '/metrics',
    { config: { public: true }, schema: { hide: true } },
    async (_request, reply) => {
      const counts = await jobCounts();
      for (const status of ['pending', 'running', 'done', 'dead'])
        metrics.jobs.labels(status).set(counts[status] ?? 0);
      reply.type(metrics.registry.contentType);
      return metrics.registry.metrics();
    },
  );
}
