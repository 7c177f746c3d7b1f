import { Histogram, Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { RequestDurations } from './metrics.js';

const NAME = 'meridian_http_request_duration_seconds';
const HELP = 'HTTP request duration by route template, method and status';
const BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

const observations: Array<[string, string, number, number]> = [
  ['GET', '/api/v1/me', 200, 0.0004],
  ['GET', '/api/v1/me', 200, 0.001],
  ['GET', '/api/v1/me', 200, 0.0123],
  ['POST', '/api/v1/organisations', 201, 0.02],
  ['GET', '/api/v1/me', 401, 0.0002],
  ['GET', 'unmatched', 404, 7.5],
  ['GET', '/api/v1/users/:id', 200, 0.3],
  ['GET', '/api/v1/me', 200, 2.5],
];

describe('request durations', () => {
  it('are exposed exactly as a prom-client Histogram exposes the same observations', async () => {
    const reference = new Registry();
    const histogram = new Histogram({
      name: NAME,
      help: HELP,
      labelNames: ['method', 'route', 'status'],
      buckets: BUCKETS,
      registers: [reference],
    });
    const ours = new Registry();
    const durations = new RequestDurations(NAME, HELP, BUCKETS);
    ours.registerMetric(durations as never);
    for (const [method, route, status, seconds] of observations) {
      histogram.labels(method, route, String(status)).observe(seconds);
      durations.observe(method, route, status, seconds);
    }
    expect(await ours.metrics()).toBe(await reference.metrics());
    expect(await ours.getMetricsAsJSON()).toEqual(await reference.getMetricsAsJSON());
    expect(await ours.metrics()).toContain(
      `${NAME}_bucket{le="0.001",method="GET",route="/api/v1/me",status="200"} 2`,
    );
  });

  it('start again from nothing when the registry resets them', async () => {
    const registry = new Registry();
    const durations = new RequestDurations(NAME, HELP, BUCKETS);
    registry.registerMetric(durations as never);
    durations.observe('GET', '/api/v1/me', 200, 0.001);
    registry.resetMetrics();
    expect(await registry.metrics()).not.toContain('/api/v1/me');
    durations.observe('GET', '/api/v1/me', 200, 0.001);
    expect(await registry.metrics()).toContain(
      `${NAME}_count{method="GET",route="/api/v1/me",status="200"} 1`,
    );
  });
});
