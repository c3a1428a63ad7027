import { Counter, Gauge, Histogram, Registry } from 'prom-client';

/** Prometheus metrics, one registry per app instance so tests never share counters. */
export class Metrics {
  readonly registry = new Registry();
  readonly httpRequests = new Counter({
    name: 'docsift_http_requests_total',
    help: 'HTTP requests by method, route and status code.',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [this.registry],
  });
  readonly httpDuration = new Histogram({
    name: 'docsift_http_request_duration_seconds',
    help: 'HTTP request duration.',
    labelNames: ['method', 'route'] as const,
    buckets: [0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5],
    registers: [this.registry],
  });
  readonly jobDuration = new Histogram({
    name: 'docsift_job_duration_seconds',
    help: 'Queue job run time by job name and outcome.',
    labelNames: ['name', 'outcome'] as const,
    buckets: [0.01, 0.05, 0.1, 0.5, 1, 2, 5, 10, 30, 60, 300],
    registers: [this.registry],
  });
  readonly queueDepth = new Gauge({
    name: 'docsift_queue_jobs',
    help: 'Jobs in the queue by state.',
    labelNames: ['state'] as const,
    registers: [this.registry],
  });
  readonly documents = new Gauge({
    name: 'docsift_documents',
    help: 'Documents by status.',
    labelNames: ['status'] as const,
    registers: [this.registry],
  });
}
