// Prometheus metrics at /metrics: request rate and latency per route, plus process metrics.
import type { FastifyInstance } from 'fastify';
import { collectDefaultMetrics, Gauge, type Metric, Registry } from 'prom-client';

const DURATION_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

interface Series {
  labels: { method: string; route: string; status: string };
  /** Per bucket, the observations at most its bound and above the one before (not cumulative). */
  counts: number[];
  sum: number;
  count: number;
}

/**
 * The request-duration histogram, exposed exactly as a prom-client Histogram with the labels
 * method, route and status would be. It is observed on every request: prom-client validates and
 * hashes the labels on each observation, even through a labelled child, which showed in profiles
 * of the most frequent requests. Here a series is found through maps keyed by values that are the
 * same on every request (route template, method, status number), then three numbers change.
 */
export class RequestDurations {
  readonly type = 'histogram';
  readonly aggregator = 'sum';
  private series: Series[] = [];
  private byRoute = new Map<string, Map<string, Map<number, Series>>>();

  constructor(
    readonly name: string,
    readonly help: string,
    private readonly bounds: readonly number[] = DURATION_BUCKETS,
  ) {}

  observe(method: string, route: string, status: number, seconds: number): void {
    const series = this.seriesFor(method, route, status);
    const bounds = this.bounds;
    const counts = series.counts;
    for (let i = 0; i < bounds.length; i++) {
      if (seconds <= (bounds[i] as number)) {
        counts[i] = (counts[i] as number) + 1;
        break;
      }
    }
    series.sum += seconds;
    series.count += 1;
  }

  private seriesFor(method: string, route: string, status: number): Series {
    let byMethod = this.byRoute.get(route);
    if (byMethod === undefined) {
      byMethod = new Map();
      this.byRoute.set(route, byMethod);
    }
    let byStatus = byMethod.get(method);
    if (byStatus === undefined) {
      byStatus = new Map();
      byMethod.set(method, byStatus);
    }
    let series = byStatus.get(status);
    if (series === undefined) {
      series = {
        labels: { method, route, status: String(status) },
        counts: this.bounds.map(() => 0),
        sum: 0,
        count: 0,
      };
      byStatus.set(status, series);
      this.series.push(series);
    }
    return series;
  }

  /** What prom-client's registry reads: the same values, in the same order, as its Histogram. */
  async get() {
    const values: Array<{
      labels: Record<string, string | number>;
      value: number;
      metricName: string;
      /** Exemplars are off, as in a Histogram created without enableExemplars. */
      exemplar?: null;
    }> = [];
    const bucket = `${this.name}_bucket`;
    for (const { labels, counts, sum, count } of this.series) {
      let cumulative = 0;
      this.bounds.forEach((le, i) => {
        cumulative += counts[i] as number;
        values.push({
          labels: { le, ...labels },
          value: cumulative,
          metricName: bucket,
          exemplar: null,
        });
      });
      values.push({
        labels: { le: '+Inf', ...labels },
        value: count,
        metricName: bucket,
        exemplar: null,
      });
      values.push({ labels: { ...labels }, value: sum, metricName: `${this.name}_sum` });
      values.push({ labels: { ...labels }, value: count, metricName: `${this.name}_count` });
    }
    return {
      name: this.name,
      help: this.help,
      type: this.type,
      values,
      aggregator: this.aggregator,
    };
  }

  reset(): void {
    this.series = [];
    this.byRoute.clear();
  }
}

export function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'meridian_' });
  const httpDuration = new RequestDurations(
    'meridian_http_request_duration_seconds',
    'HTTP request duration by route template, method and status',
  );
  // The registry only reads name, help, type, get() and reset(), which RequestDurations has.
  registry.registerMetric(httpDuration as unknown as Metric);
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
  app.addHook('onResponse', (request, reply, done) => {
    metrics.httpDuration.observe(
      request.method,
      request.routeOptions.url ?? 'unmatched',
      reply.statusCode,
      reply.elapsedTime / 1000,
    );
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
