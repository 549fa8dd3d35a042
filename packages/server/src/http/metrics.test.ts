/**
 * GET /metrics: only with MIGOV_METRICS_TOKEN set and to its bearer; requests counted by route pattern
 * (answers sent before the framework too), the public cache's hits and misses, the outbox, the database
 * pool and the process. The sum over the workers of `--workers` is tested through the real command in
 * packages/cli/src/commands/serve.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MigovDatabase } from '@migov/db';
import { loadConfigFromEnv } from '../config.ts';
import { createTestApp, createTestDatabase, DIALECTS } from '../testing/test-app.ts';

const TOKEN = 'metrics-test-token-0123456789';
const AGGREGATES = '/api/v1/aggregates/2021';

/** The value of one sample of the exposition text, or undefined. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  for (const line of text.split('\n')) {
    const match = /^([a-z_:]+)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const found = Object.fromEntries(
      [...(match[2] ?? '').matchAll(/(\w+)="([^"]*)"/g)].map(([, key, value]) => [key!, value!]),
    );
    if (Object.entries(labels).every(([key, value]) => found[key] === value)) return Number(match[3]);
  }
  return undefined;
}

describe('the metrics token', () => {
  it('is read from MIGOV_METRICS_TOKEN and refused when short', () => {
    expect(loadConfigFromEnv({ MIGOV_METRICS_TOKEN: TOKEN }).metricsToken).toBe(TOKEN);
    expect(loadConfigFromEnv({}).metricsToken).toBeUndefined();
    expect(() => loadConfigFromEnv({ MIGOV_METRICS_TOKEN: 'short' })).toThrow(/MIGOV_METRICS_TOKEN.*16 characters/);
    // The refusal does not repeat the value.
    expect(() => loadConfigFromEnv({ MIGOV_METRICS_TOKEN: 'short' })).not.toThrow(/"short"/);
  });
});

describe.each(DIALECTS)('GET /metrics (%s)', (dialect) => {
  let db: MigovDatabase;
  let drop: () => Promise<void>;

  beforeAll(async () => {
    // No data needed: an empty year is a public answer like any other.
    ({ db, drop } = await createTestDatabase(dialect));
  });
  afterAll(async () => drop());

  it('does not exist without a token', async () => {
    const app = await createTestApp(db);
    try {
      const answer = await app.inject({ url: '/metrics', headers: { authorization: `Bearer ${TOKEN}` } });
      expect(answer.statusCode).toBe(404);
      expect(answer.body).not.toContain('migov_http_requests_total');
    } finally {
      await app.close();
    }
  });

  it('answers only the bearer of the token, in the Prometheus text format', async () => {
    const app = await createTestApp(db, { config: { metricsToken: TOKEN } });
    try {
      for (const authorization of [undefined, 'Bearer wrong', `Bearer ${TOKEN}x`, `Basic ${TOKEN}`]) {
        const refused = await app.inject({ url: '/metrics', headers: authorization ? { authorization } : {} });
        expect(refused.statusCode).toBe(401);
        expect(refused.headers['www-authenticate']).toBe('Bearer');
        expect(refused.body).not.toContain('migov_');
      }
      const answer = await app.inject({ url: '/metrics', headers: { authorization: `Bearer ${TOKEN}` } });
      expect(answer.statusCode).toBe(200);
      expect(answer.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
      expect(answer.headers['cache-control']).toBe('no-store');
      // Process metrics, the pool and the outbox are there from the start.
      expect(sample(answer.body, 'process_cpu_user_seconds_total')).toBeGreaterThan(0);
      expect(sample(answer.body, 'nodejs_eventloop_lag_seconds')).toBeDefined();
      expect(sample(answer.body, 'migov_database_connections', { state: 'open' })).toBeGreaterThanOrEqual(1);
      expect(sample(answer.body, 'migov_outbox_messages', { status: 'pending' })).toBe(0);
    } finally {
      await app.close();
    }
  });

  it('counts requests by route pattern and status, cache hits and misses, and answers sent before the framework', async () => {
    const app = await createTestApp(db, { config: { metricsToken: TOKEN } });
    const base = await app.listen({ host: '127.0.0.1', port: 0 });
    const metrics = async () =>
      (await fetch(`${base}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } })).text();
    try {
      // A miss (built), then answers remembered by URL: sent before the framework (request logs are off).
      for (let index = 0; index < 3; index += 1) expect((await fetch(`${base}${AGGREGATES}`)).status).toBe(200);
      expect(app.migov.publicCache.directAnswers).toBeGreaterThan(0);
      expect((await fetch(`${base}/api/v1/aggregates/1999`)).status).toBe(400);
      expect((await fetch(`${base}/no/such/route/${'x'.repeat(10)}`)).status).toBe(404);
      const text = await metrics();
      const labels = { route: '/api/v1/aggregates/:year', method: 'GET' };
      expect(sample(text, 'migov_http_requests_total', { ...labels, status: '200' })).toBe(3);
      expect(sample(text, 'migov_http_requests_total', { ...labels, status: '400' })).toBe(1);
      expect(sample(text, 'migov_http_request_duration_seconds_count', { ...labels, status: '200' })).toBe(3);
      // An unknown URL is one series, whatever the URL: nobody can add series by asking.
      expect(text).not.toContain('xxxxxxxxxx');
      expect(sample(text, 'migov_http_requests_total', { route: 'unmatched', status: '404' })).toBe(1);
      expect(sample(text, 'migov_public_cache_misses_total')).toBeGreaterThanOrEqual(1);
      expect(sample(text, 'migov_public_cache_remembered_answers_total')).toBeGreaterThanOrEqual(2);
      await app.migov.publicCache.invalidate();
      expect(sample(await metrics(), 'migov_public_cache_drops_total')).toBe(1);
    } finally {
      await app.close();
    }
  });
});
