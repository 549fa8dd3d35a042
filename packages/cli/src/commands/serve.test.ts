/**
 * `migov serve --workers 2` through the real executable: the first-start work runs once, a sign-in
 * limit counts across workers, a publication through one worker is read through every other at
 * once, and SIGTERM stops every process cleanly. Requests go over fresh connections, which the
 * cluster hands to its workers in turn, so consecutive requests reach different workers.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { request } from 'node:http';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase, createEmptyTestDatabaseUrl, listUsers, TEST_DIALECTS } from '@migov/db';

const bin = fileURLToPath(new URL('../../bin/migov.js', import.meta.url));
const ADMIN_PASSWORD = 'cluster administrator password';
const SIGN_IN_LIMIT = 6;
const METRICS_TOKEN = 'cluster-metrics-token-0123456789';

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** One request on its own connection (no keep-alive), so the cluster picks the next worker. */
function fetchFresh(
  url: string,
  options: { method?: string; headers?: Record<string, string>; body?: unknown } = {},
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const payload = options.body === undefined ? undefined : JSON.stringify(options.body);
    const outgoing = request(
      url,
      {
        method: options.method ?? 'GET',
        agent: false,
        headers: {
          connection: 'close',
          ...(payload ? { 'content-type': 'application/json' } : {}),
          ...options.headers,
        },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            headers: response.headers,
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
      },
    );
    outgoing.on('error', reject);
    outgoing.end(payload);
  });
}

/** The pids of the migov processes whose parent is `pid` (Linux /proc). */
async function workerPids(pid: number): Promise<number[]> {
  const { readFile, readdir } = await import('node:fs/promises');
  const pids: number[] = [];
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = await readFile(`/proc/${entry}/stat`, 'utf8').catch(() => '');
    // The parent pid is the 4th field, after the command in parentheses.
    const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    const command = await readFile(`/proc/${entry}/cmdline`, 'utf8').catch(() => '');
    if (parent === pid && command.includes('migov.js')) pids.push(Number(entry));
  }
  return pids;
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe.each(TEST_DIALECTS)('migov serve --workers 2 (%s)', (dialect) => {
  let server: ChildProcess;
  let output = '';
  let url = '';
  let database: { url: string; remove: () => Promise<void> };
  let exited: Promise<number | null>;

  beforeAll(async () => {
    database = await createEmptyTestDatabaseUrl(dialect);
    server = spawn(process.execPath, [bin, 'serve', '--workers', '2', '--port', '0', '--database', database.url], {
      env: {
        ...process.env,
        MIGOV_ADMIN_PASSWORD: ADMIN_PASSWORD,
        MIGOV_SIGN_IN_PER_IP_PER_MINUTE: String(SIGN_IN_LIMIT),
        MIGOV_METRICS_TOKEN: METRICS_TOKEN,
        MIGOV_LOG_LEVEL: 'warn',
        MIGOV_UN_DATA: '/nonexistent',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    exited = new Promise((resolve) => server.once('exit', (code) => resolve(code)));
    server.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    server.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const deadline = Date.now() + 120_000;
    while (!/migov is running/.test(output)) {
      if (server.exitCode !== null || Date.now() > deadline) throw new Error(`the server did not start:\n${output}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    url = /open (http:\/\/\S+?)\/ /.exec(output)?.[1] ?? '';
  }, 150_000);

  afterAll(async () => {
    if (server.exitCode === null) server.kill('SIGKILL');
    await database.remove();
  });

  it('does the first-start work once, in the primary, and runs two workers', async () => {
    expect(output).toContain('with 2 worker processes');
    expect(output.match(/Created the administrator/g)).toHaveLength(1);
    expect(output.match(/Added DEMO data/g)).toHaveLength(1);
    expect(await workerPids(server.pid!)).toHaveLength(2);
    const db = await createDatabase({ url: database.url });
    try {
      const admins = await listUsers(db, { search: 'admin@migov.local' });
      expect(admins.total).toBe(1);
    } finally {
      await db.close();
    }
  });

  it('publishes through one worker and serves the publication through every worker at once', async () => {
    const before = await Promise.all(
      Array.from({ length: 4 }, () => fetchFresh(`${url}/api/v1/published/2023?limit=200`)),
    );
    const totalBefore = (JSON.parse(before[0]!.body) as { total: number }).total;
    expect(new Set(before.map((answer) => answer.headers.etag)).size).toBe(1);

    const signIn = await fetchFresh(`${url}/api/v1/session`, {
      method: 'POST',
      body: { email: 'admin@migov.local', password: ADMIN_PASSWORD },
    });
    expect(signIn.status, signIn.body).toBe(200);
    const cookie = String(signIn.headers['set-cookie']).split(';')[0]!;
    const headers = { cookie, 'x-csrf-token': (JSON.parse(signIn.body) as { csrfToken: string }).csrfToken };
    const list = await fetchFresh(`${url}/api/v1/assessments?state=validated&limit=50`, { headers });
    const validated = (JSON.parse(list.body) as { items: { id: string; lockVersion: number; jurisdiction: string }[] })
      .items[0];
    expect(validated, list.body).toBeDefined();
    const published = await fetchFresh(`${url}/api/v1/assessments/${validated!.id}/publish`, {
      method: 'POST',
      headers: { ...headers, 'if-match': `"${validated!.lockVersion}"` },
      body: {},
    });
    expect(published.status, published.body).toBe(200);

    const after = await Promise.all(
      Array.from({ length: 6 }, () => fetchFresh(`${url}/api/v1/published/2023?limit=200`)),
    );
    for (const answer of after) {
      const body = JSON.parse(answer.body) as { total: number; items: { jurisdiction: string }[] };
      expect(body.total).toBe(totalBefore + 1);
      expect(body.items.map((item) => item.jurisdiction)).toContain(validated!.jurisdiction);
    }
    expect(new Set(after.map((answer) => answer.headers.etag)).size).toBe(1);
    expect(after[0]!.headers.etag).not.toBe(before[0]!.headers.etag);
  });

  it('counts sign-in attempts per address across workers', async () => {
    // The sign-in above was one attempt from this address within the minute.
    const attempts: number[] = [];
    for (let attempt = 0; attempt < SIGN_IN_LIMIT + 1; attempt += 1) {
      const answer = await fetchFresh(`${url}/api/v1/session`, {
        method: 'POST',
        body: { email: 'nobody@example.org', password: 'not a password' },
      });
      attempts.push(answer.status);
    }
    expect(attempts.slice(0, SIGN_IN_LIMIT - 1)).toEqual(Array(SIGN_IN_LIMIT - 1).fill(401));
    expect(attempts.slice(SIGN_IN_LIMIT - 1)).toEqual([429, 429]);
  });

  it('gives the metrics of every worker summed, whichever worker is asked', async () => {
    const healthCount = async () => {
      const answer = await fetchFresh(`${url}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
      expect(answer.status, answer.body).toBe(200);
      const line = answer.body
        .split('\n')
        .find((text) => /^migov_http_requests_total\{.*route="\/health".*\} /.test(text));
      return Number(line?.split(' ').at(-1) ?? 0);
    };
    const before = await healthCount();
    // Fresh connections go to the workers in turn: each worker answers some of them.
    for (let index = 0; index < 6; index += 1) expect((await fetchFresh(`${url}/health`)).status).toBe(200);
    // The next two scrapes reach different workers; each says how many the server answered in all.
    expect(await healthCount()).toBe(before + 6);
    expect(await healthCount()).toBe(before + 6);
    expect((await fetchFresh(`${url}/metrics`)).status).toBe(401);
  });

  it('replaces a worker that dies and keeps answering', async () => {
    const [victim, survivor] = await workerPids(server.pid!);
    process.kill(victim!, 'SIGKILL');
    const deadline = Date.now() + 60_000;
    let workers = await workerPids(server.pid!);
    while (workers.length < 2 || workers.includes(victim!)) {
      if (Date.now() > deadline) throw new Error(`no replacement worker:\n${output}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
      workers = await workerPids(server.pid!);
    }
    expect(workers).toContain(survivor);
    expect(output).toContain(`worker ${victim} exited (SIGKILL); starting a replacement`);
    // Connections go to the workers that listen: none is refused while the replacement starts.
    const answers = await Promise.all(Array.from({ length: 6 }, () => fetchFresh(`${url}/api/v1/published/2023`)));
    expect(answers.map((answer) => answer.status)).toEqual(Array(6).fill(200));
  });

  it('keeps every worker through hostile query strings sent to each of them, twice', async () => {
    const before = (await workerPids(server.pid!)).sort();
    const targets = [
      '/api/v1/downloads/2023/csv?instrument=a%01b',
      '/api/v1/downloads/2023/csv?instrument=x%22%3B%20filename%3D%22evil.html',
      '/api/v1/published/2023?instrument=%ED%A0%80',
      '/api/v1/%E0%A4%A',
    ];
    // Fresh connections go to the workers in turn: each worker gets every request more than once.
    for (let round = 0; round < 4; round += 1) {
      for (const target of targets) {
        const answer = await fetchFresh(`${url}${target}`);
        expect(answer.status, target).toBe(400);
        expect(answer.headers['content-type'], target).toBe('application/problem+json; charset=utf-8');
      }
    }
    expect((await workerPids(server.pid!)).sort()).toEqual(before);
    expect(output).not.toMatch(/ERR_INVALID_CHAR|exited \(exit code/);
    expect((await fetchFresh(`${url}/health`)).status).toBe(200);
  });

  it('stops every process on SIGTERM after finishing', async () => {
    const workers = await workerPids(server.pid!);
    expect(workers).toHaveLength(2);
    server.kill('SIGTERM');
    expect(await exited).toBe(0);
    for (const pid of workers) expect(alive(pid), `process ${pid}`).toBe(false);
  });
});
