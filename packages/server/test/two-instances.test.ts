/**
 * Two `migov serve` instances (separate processes, started by the real executable) behind nginx on
 * loopback, over one throwaway PostgreSQL database (docs/scaling.md): a change made through one
 * instance, and one made by `migov import` from another program, is served by the other instance and
 * through nginx within a second (each instance had the old answer cached for 10 s); failed sign-ins
 * split across the two instances count together; the metrics are not readable on the public port
 * without their token. nginx runs as this test's own process, with its own configuration, prefix,
 * pid file and temporary folders in a temporary directory.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEmptyTestDatabaseUrl } from '@migov/db';

const bin = fileURLToPath(new URL('../../cli/bin/migov.js', import.meta.url));
const NGINX = process.env.MIGOV_TEST_NGINX ?? '/usr/sbin/nginx';
const ADMIN_PASSWORD = 'two instances administrator password';
const METRICS_TOKEN = 'two-instances-metrics-token';
const LOCKOUT_THRESHOLD = 4;
/** How soon every instance must serve a change (the public cache alone would take up to 10 s). */
const WITHIN_MS = 1_000;
const YEAR = 2031;
const CSV_HEADER =
  'Goal,Target,Indicator,SeriesCode,SeriesDescription,GeoAreaCode,GeoAreaName,TimePeriod,Value,Time_Detail,Nature,Source,FootNote,Units,[Policy Domains]';

/** One SG_CPA_MIGRP value for an area in YEAR, as an SDG API CSV file. */
const csvOf = (area: string, value: number) =>
  `${CSV_HEADER}\n10,10.7,10.7.2,SG_CPA_MIGRP,Migration policies,${area},Area,${YEAR},${value},${YEAR},G,Test,,PERCENT,ALLDOMAINS\n`;

/** A free loopback port (nginx cannot listen on port 0 and say which it took). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** A child process with its output kept, and a wait for a line matching a pattern. */
function start(command: string, args: string[], env: Record<string, string> = {}) {
  const child = spawn(command, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    child,
    exited,
    output: () => output,
    async waitFor(pattern: RegExp, ms: number): Promise<RegExpExecArray> {
      const deadline = Date.now() + ms;
      for (;;) {
        const match = pattern.exec(output);
        if (match) return match;
        if (child.exitCode !== null || Date.now() > deadline)
          throw new Error(`${command} ${args[0] ?? ''}: no ${pattern} in its output:\n${output}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
  };
}

/** One request on its own connection, so that nginx and the instances see each one afresh. */
async function get(url: string, headers: Record<string, string> = {}) {
  const response = await fetch(url, { headers: { connection: 'close', ...headers } });
  return { status: response.status, headers: response.headers, body: await response.text() };
}

/** The SG_CPA_MIGRP value published for an area in YEAR, as an answer of `base` shows it. */
async function publishedValue(base: string, area: string): Promise<number | undefined> {
  const answer = await get(`${base}/api/v1/aggregates/${YEAR}`);
  const { published } = JSON.parse(answer.body) as { published: { area: string; value: number }[] };
  return published.find((row) => row.area === area)?.value;
}

/** Poll `check` until it holds; fails once `ms` have passed since `since`. */
async function within(ms: number, since: number, check: () => Promise<boolean>, what: string): Promise<number> {
  for (;;) {
    if (await check()) return Date.now() - since;
    if (Date.now() - since > ms) throw new Error(`${what}: not seen within ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('two migov instances behind nginx on one PostgreSQL database', () => {
  let database: { url: string; remove: () => Promise<void> };
  let directory: string;
  const processes: ReturnType<typeof start>[] = [];
  let first = '';
  let second = '';
  let proxy = '';

  const env = () => ({
    MIGOV_ADMIN_PASSWORD: ADMIN_PASSWORD,
    MIGOV_LOCKOUT_THRESHOLD: String(LOCKOUT_THRESHOLD),
    MIGOV_LOG_LEVEL: 'warn',
    MIGOV_METRICS_TOKEN: METRICS_TOKEN,
  });
  const serve = () => {
    const instance = start(
      process.execPath,
      [bin, 'serve', '--no-demo', '--port', '0', '--database', database.url],
      env(),
    );
    processes.push(instance);
    return instance;
  };
  const urlOf = async (instance: ReturnType<typeof start>) =>
    (await instance.waitFor(/open (http:\/\/\S+?)\/ /, 90_000))[1]!;

  beforeAll(async () => {
    database = await createEmptyTestDatabaseUrl('postgres');
    directory = mkdtempSync(join(tmpdir(), 'migov-two-instances-'));
    // The first instance migrates, loads the official snapshot and creates the administrator; the
    // second starts once that is done, and finds it done.
    const starting = serve();
    await starting.waitFor(/Created the administrator/, 90_000);
    [first, second] = await Promise.all([urlOf(starting), urlOf(serve())]);
    const port = await freePort();
    writeFileSync(
      join(directory, 'nginx.conf'),
      `daemon off;
worker_processes 1;
pid ${directory}/nginx.pid;
error_log stderr warn;
events { worker_connections 256; }
http {
  access_log off;
  client_body_temp_path ${directory}/client-body;
  proxy_temp_path ${directory}/proxy;
  fastcgi_temp_path ${directory}/fastcgi;
  uwsgi_temp_path ${directory}/uwsgi;
  scgi_temp_path ${directory}/scgi;
  upstream migov {
    server ${new URL(first).host};
    server ${new URL(second).host};
  }
  server {
    listen 127.0.0.1:${port};
    location / {
      proxy_pass http://migov;
      proxy_set_header Host $host;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
    }
  }
}
`,
    );
    const nginx = start(NGINX, ['-p', directory, '-c', join(directory, 'nginx.conf'), '-e', 'stderr']);
    processes.push(nginx);
    proxy = `http://127.0.0.1:${port}`;
    const deadline = Date.now() + 10_000;
    while (
      !(await get(`${proxy}/health`).then(
        (answer) => answer.status === 200,
        () => false,
      ))
    ) {
      if (nginx.child.exitCode !== null || Date.now() > deadline)
        throw new Error(`nginx did not start:\n${nginx.output()}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }, 120_000);

  afterAll(async () => {
    for (const { child, exited } of processes.reverse()) {
      if (child.exitCode === null) child.kill('SIGTERM');
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5_000))]);
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    }
    if (directory) rmSync(directory, { recursive: true, force: true });
    await database?.remove();
  }, 30_000);

  /** Sign in as the administrator through `base`: the headers of its later requests. */
  const signIn = async (base: string) => {
    const response = await fetch(`${base}/api/v1/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'admin@migov.local', password: ADMIN_PASSWORD }),
    });
    expect(response.status).toBe(200);
    const { csrfToken } = (await response.json()) as { csrfToken: string };
    return { cookie: response.headers.get('set-cookie')!.split(';')[0]!, 'x-csrf-token': csrfToken };
  };

  /** Every place that must serve a change: the other instance, and nginx (twice, which reaches both). */
  const everywhere = (area: string, value: number) => async () =>
    (await publishedValue(second, area)) === value &&
    (await publishedValue(first, area)) === value &&
    (await publishedValue(proxy, area)) === value &&
    (await publishedValue(proxy, area)) === value;

  it('serves an import made through one instance from the other, and through nginx, within a second', async () => {
    const headers = await signIn(first);
    // Every instance caches the answer without the value first (it would keep it for 10 s).
    for (const base of [first, second, proxy, proxy]) expect(await publishedValue(base, '1')).toBeUndefined();
    const response = await fetch(`${first}/api/v1/imports?name=world.csv`, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'text/csv' },
      body: csvOf('1', 57),
    });
    expect(response.status, await response.clone().text()).toBe(201);
    await within(WITHIN_MS, Date.now(), everywhere('1', 57), 'the import through the first instance');
  });

  it('serves an import made by `migov import` from another program, from both instances and nginx, within a second', async () => {
    for (const base of [first, second, proxy, proxy]) expect(await publishedValue(base, '2')).toBeUndefined();
    const file = join(directory, 'africa.csv');
    writeFileSync(file, csvOf('2', 61));
    const cli = start(process.execPath, [bin, 'import', file, '--database', database.url]);
    expect(await cli.exited, cli.output()).toBe(0);
    await within(WITHIN_MS, Date.now(), everywhere('2', 61), 'the import by migov import');
  }, 30_000);

  it('counts failed sign-ins split across both instances together', async () => {
    const attempt = (base: string) =>
      fetch(`${base}/api/v1/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'admin@migov.local', password: 'a wrong password' }),
      });
    const statuses: number[] = [];
    for (let index = 0; index < LOCKOUT_THRESHOLD; index += 1)
      statuses.push((await attempt(index % 2 === 0 ? first : second)).status);
    expect(statuses).toEqual(Array.from({ length: LOCKOUT_THRESHOLD }, () => 401));
    // The pair (email, 127.0.0.1) now waits, on either instance and through nginx.
    for (const base of [first, second, proxy]) {
      const refused = await attempt(base);
      expect(refused.status).toBe(429);
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    }
  });

  it('keeps the metrics behind their token, and gives them with it', async () => {
    expect((await get(`${proxy}/metrics`)).status).toBe(401);
    expect((await get(`${proxy}/metrics`, { authorization: 'Bearer wrong' })).status).toBe(401);
    const metrics = await get(`${second}/metrics`, { authorization: `Bearer ${METRICS_TOKEN}` });
    expect(metrics.status).toBe(200);
    expect(metrics.body).toMatch(/^migov_http_requests_total\{.*route="\/api\/v1\/aggregates\/:year".*\} \d+/m);
    expect(metrics.body).toMatch(/^migov_change_listener_connected 1$/m);
  });
});
