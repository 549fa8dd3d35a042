/**
 * Prometheus metrics at GET /metrics with prom-client (decision 0411, docs/scaling.md): requests by
 * route pattern, method and status, with their durations (answers sent before the framework too); the
 * public cache's hits, misses and drops; the outbox by status; the database pool; the change
 * listener; and the process (CPU, memory, event loop delay, handles). Only when MIGOV_METRICS_TOKEN is
 * set, and only to a request with `Authorization: Bearer <token>`: nothing on the public port tells
 * anyone without it that there are metrics (401 like any unsigned request). Under `--workers` every
 * worker keeps its own registry and the answer is the primary's sum over every worker (prom-client's
 * AggregatorRegistry), whichever worker takes the request.
 */
import cluster from 'node:cluster';
import { timingSafeEqual } from 'node:crypto';
import { countOutbox } from '@migov/db';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import {
  AggregatorRegistry,
  Counter,
  Gauge,
  Histogram,
  Registry,
  collectDefaultMetrics,
  type PrometheusContentType,
} from 'prom-client';
import type { AppContext } from '../context.ts';
import { ApiError } from '../errors/api-error.ts';

/** The label of requests that matched no route (the URL itself would let anyone add series). */
const UNMATCHED = 'unmatched';

/** Whether the Authorization header carries the metrics token (compared in constant time). */
function hasToken(request: FastifyRequest, token: string): boolean {
  const match = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '');
  if (!match) return false;
  const given = Buffer.from(match[1]!);
  const expected = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** The registry of one app, with every metric; the request metrics are also fed by the public cache's direct answers. */
function createMetricsRegistry(context: AppContext): {
  registry: Registry;
  observe(route: string, method: string, status: number, seconds: number): void;
} {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const requests = new Counter({
    name: 'migov_http_requests_total',
    help: 'HTTP requests answered, by route pattern, method and status',
    labelNames: ['route', 'method', 'status'] as const,
    registers: [registry],
  });
  const durations = new Histogram({
    name: 'migov_http_request_duration_seconds',
    help: 'Time to answer an HTTP request, by route pattern, method and status',
    labelNames: ['route', 'method', 'status'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const cache = context.publicCache.stats;
  // Counters read from the cache's own tallies when scraped (the cache stays free of prom-client).
  const tally = (name: string, help: string, read: () => number) =>
    new Counter({
      name,
      help,
      registers: [registry],
      collect() {
        this.reset();
        this.inc(read());
      },
    });
  tally('migov_public_cache_hits_total', 'Public bodies found in the cache', () => cache.hits);
  tally('migov_public_cache_misses_total', 'Public bodies built because the cache had none', () => cache.misses);
  tally(
    'migov_public_cache_remembered_answers_total',
    'Public answers sent from those remembered by URL, without running the route',
    () => cache.rememberedAnswers,
  );
  tally(
    'migov_public_cache_drops_total',
    'Times the public cache was emptied (a change here, or announced by another process or instance)',
    () => cache.drops,
  );
  new Gauge({
    name: 'migov_outbox_messages',
    help: 'E-mails in the outbox by status (pending and sending are the backlog)',
    labelNames: ['status'] as const,
    registers: [registry],
    // Every worker reads the same table: the workers' values are one value, not a sum.
    aggregator: 'max',
    async collect() {
      const counts = await countOutbox(context.db);
      for (const [status, count] of Object.entries(counts)) this.set({ status }, count);
    },
  });
  new Gauge({
    name: 'migov_database_connections',
    help: 'Database pool connections by state (open, idle; waiting: queries waiting for a connection)',
    labelNames: ['state'] as const,
    registers: [registry],
    collect() {
      const pool = context.db.connections?.();
      if (!pool) return;
      this.set({ state: 'open' }, pool.total);
      this.set({ state: 'idle' }, pool.idle);
      this.set({ state: 'waiting' }, pool.waiting);
    },
  });
  const listener = context.shared.listener;
  if (listener) {
    new Gauge({
      name: 'migov_change_listener_connected',
      help: 'Whether the connection that hears public data changes from other instances is up (1) or being reopened (0)',
      registers: [registry],
      aggregator: 'min',
      collect() {
        this.set(listener.connected ? 1 : 0);
      },
    });
    tally(
      'migov_change_listener_reconnections_total',
      'Times the change listener reconnected (each empties the public cache)',
      () => listener.reconnections,
    );
  }
  return {
    registry,
    observe(route, method, status, seconds) {
      const labels = { route, method, status: String(status) };
      requests.inc(labels);
      durations.observe(labels, seconds);
    },
  };
}

/** In a worker of a cluster: the aggregator that answers the primary (one per process). */
let workerAggregator: AggregatorRegistry<PrometheusContentType> | undefined;

/** Count every request, and serve GET /metrics to the holder of the token. */
export function installMetrics(app: FastifyInstance, context: AppContext, token: string): void {
  const { registry, observe } = createMetricsRegistry(context);
  // A worker of a cluster answers the primary's requests for its metrics with this registry (making
  // an AggregatorRegistry is what starts prom-client's listener for those requests).
  if (cluster.isWorker) {
    workerAggregator ??= new AggregatorRegistry();
    AggregatorRegistry.setRegistries([registry]);
  }
  context.publicCache.onDirectAnswer = (route, status, seconds) => observe(route, 'GET', status, seconds);
  app.addHook('onResponse', async (request, reply) => {
    observe(request.routeOptions.url ?? UNMATCHED, request.method, reply.statusCode, reply.elapsedTime / 1000);
  });
  app.get(
    '/metrics',
    {
      // Not a role of the platform: the route checks its own token (a scraper needs no account).
      config: { access: { permission: 'public' } },
      schema: { hide: true },
    },
    async (request, reply) => {
      if (!hasToken(request, token))
        throw new ApiError(
          'unauthenticated',
          'the metrics need their bearer token',
          {},
          { 'www-authenticate': 'Bearer' },
        );
      const text = context.shared.clusterMetrics ? await context.shared.clusterMetrics() : await registry.metrics();
      return reply.header('content-type', registry.contentType).header('cache-control', 'no-store').send(text);
    },
  );
}
