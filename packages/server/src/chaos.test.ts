/**
 * Chaos: the real server (startServer, over loopback, small configured limits) under hostile load,
 * while GET /health is asked every 100 ms on a new connection. Every case must leave the server
 * serving, with every /health answered 200 in under a second during the case and after it.
 *
 * A case is an entry of CHAOS_CASES: a name, optional server settings, and `run`, which sends its
 * load and resolves when done (it is cut after CASE_TIME_LIMIT_MS). Add cases for new attack
 * surfaces here: hostile query strings, slow-request floods, decompression bombs and oversize
 * imports are in it now.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from './start-server.ts';
import type { ServerConfig } from './config.ts';
import { zipSync } from 'fflate';
import { createAssessment, createRound } from '@migov/db';
import { DEFAULT_CONNECTION_LIMITS } from './http/connection-limits.ts';
import { DEFAULT_PARSING_LIMITS } from './parsing/limits.ts';
import { seededSdgApiCsv } from '../../../test-support/seeded-files.ts';
import { openSocket, rawGet, silentLog } from './testing/raw-http.ts';
import { expectWellFormed, HOSTILE_QUERIES, publicGetPaths } from './testing/hostile-input.ts';

/** What a case gets: the running server, its port, a signed-in administrator and an assessment to upload to. */
export interface ChaosTarget {
  server: RunningServer;
  url: string;
  port: number;
  /** Headers of the administrator's requests (session cookie and CSRF token). */
  admin: Record<string, string>;
  assessmentId: string;
}

/** One hostile load: `prepare` builds its inputs before /health is watched (this test runs in the server's process), `run` sends them. */
export interface ChaosCase {
  name: string;
  prepare?(): void;
  run(target: ChaosTarget): Promise<void>;
}

const MiB = 1024 * 1024;

/** The limits the server runs with here: small, so that their effect shows within seconds. */
const CHAOS_CONFIG: Partial<ServerConfig> = {
  connections: {
    ...DEFAULT_CONNECTION_LIMITS,
    headersTimeoutMs: 500,
    requestTimeoutMs: 3_000,
    idleTimeoutMs: 800,
    keepAliveTimeoutMs: 500,
    maxConnections: 120,
  },
  parsing: {
    ...DEFAULT_PARSING_LIMITS,
    maxInflatedBytes: 4 * MiB,
    maxRows: 20_000,
    maxXmlAttributes: 20_000,
    maxXmlElements: 20_000,
    parseTimeoutMs: 2_000,
  },
};
const ADMIN_PASSWORD = 'chaos administrator password';
const CASE_TIME_LIMIT_MS = 25_000;
const HEALTH_EVERY_MS = 100;
const HEALTH_WITHIN_MS = 1_000;

/** Slow connections that send part of a request and then as little as possible. */
async function slowConnections(
  port: number,
  count: number,
  start: string,
  drip: string,
  everyMs: number,
  forMs: number,
): Promise<void> {
  const sockets: Socket[] = [];
  for (let index = 0; index < count; index += 25) {
    const opened = await Promise.all(
      Array.from({ length: Math.min(25, count - index) }, () => openSocket(port).catch(() => undefined)),
    );
    for (const socket of opened) {
      if (!socket) continue;
      socket.on('error', () => undefined);
      socket.resume();
      socket.write(start);
      sockets.push(socket);
    }
  }
  const until = Date.now() + forMs;
  while (Date.now() < until) {
    await sleep(everyMs);
    for (const socket of sockets) if (!socket.destroyed) socket.write(drip);
  }
  for (const socket of sockets) socket.destroy();
}

/** Send the same upload `times` at once; every answer must be a refusal of the catalogue (never 5xx, never a success). */
async function uploads(
  url: string,
  times: number,
  request: () => { path: string; method: string; headers: Record<string, string>; body: Uint8Array | string },
  refusals: readonly number[],
): Promise<void> {
  const answers = await Promise.all(
    Array.from({ length: times }, async () => {
      const { path, method, headers, body } = request();
      const response = await fetch(`${url}${path}`, {
        method,
        headers,
        body: typeof body === 'string' ? body : Buffer.from(body),
      });
      return { status: response.status, type: response.headers.get('content-type'), body: await response.text() };
    }),
  );
  for (const answer of answers) {
    expect(refusals, answer.body).toContain(answer.status);
    expect(answer.type).toMatch(/^application\/problem\+json/);
  }
}

let bomb = new Uint8Array();

export const CHAOS_CASES: ChaosCase[] = [
  {
    name: 'hostile query strings on the public GET routes, 8 at a time for 5 seconds',
    async run({ server, port }) {
      // Every query on every route, each twice (the second is answered from memory), queries first.
      const targets = HOSTILE_QUERIES.flatMap((query) =>
        publicGetPaths(server.app).map((path) =>
          Buffer.concat([Buffer.from(`${path}?`), Buffer.isBuffer(query) ? query : Buffer.from(query)]),
        ),
      );
      const until = Date.now() + 5_000;
      let next = 0;
      const client = async () => {
        while (Date.now() < until && next < targets.length) {
          const target = targets[next++]!;
          for (let attempt = 0; attempt < 2; attempt += 1)
            expectWellFormed(await rawGet(port, target), `GET ${target.toString('latin1').slice(0, 80)}`);
        }
      };
      await Promise.all(Array.from({ length: 8 }, client));
      expect(next).toBeGreaterThan(HOSTILE_QUERIES.length);
    },
  },
  {
    name: 'a flood of 300 connections that never finish their headers',
    run: ({ port }) => slowConnections(port, 300, 'GET /health HTTP/1.1\r\nHost: x\r\n', 'X-a: b\r\n', 200, 2_500),
  },
  {
    name: '80 requests whose bodies trickle in, below the connection cap',
    run: ({ port }) =>
      slowConnections(
        port,
        80,
        'POST /api/v1/session HTTP/1.1\r\nHost: x\r\ncontent-type: application/json\r\ncontent-length: 100000\r\n\r\n{"email":"',
        'a',
        300,
        2_500,
      ),
  },
  {
    name: 'four decompression bombs dressed as workbooks at once (32 MiB of one byte in a few kB)',
    prepare() {
      bomb = zipSync({
        '[Content_Types].xml': new TextEncoder().encode('<Types/>'),
        'xl/worksheets/sheet1.xml': [new Uint8Array(32 * MiB).fill(0x20), { level: 6 }],
      });
      expect(bomb.length).toBeLessThan(MiB);
    },
    async run({ url, admin, assessmentId }) {
      // 413 upload-limit-exceeded, or 503 parser-busy past the parsing queue.
      await uploads(
        url,
        4,
        () => ({
          path: `/api/v1/assessments/${assessmentId}/workbook`,
          method: 'PUT',
          headers: { ...admin, 'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
          body: bomb,
        }),
        [413, 503],
      );
    },
  },
  {
    name: 'oversize imports at once: CSV past the row bound, SDMX-ML with an attribute flood, JSON nested past the depth bound',
    async run({ url, admin }) {
      const files: { name: string; type: string; body: string }[] = [
        { name: 'rows.csv', type: 'text/csv', body: seededSdgApiCsv(25_000, 11) },
        { name: 'tiny-rows.csv', type: 'text/csv', body: 'a\n'.repeat(200_000) },
        {
          name: 'attributes.xml',
          type: 'application/xml',
          body: `<?xml version="1.0"?><message:GenericData xmlns:message="x"><Obs ${Array.from({ length: 30_000 }, (_, index) => `a${index}="1"`).join(' ')}/></message:GenericData>`,
        },
        { name: 'deep.json', type: 'application/json', body: `${'['.repeat(100_000)}${']'.repeat(100_000)}` },
      ];
      let next = 0;
      await uploads(
        url,
        files.length,
        () => {
          const file = files[next++ % files.length]!;
          return {
            path: `/api/v1/imports?name=${file.name}`,
            method: 'POST',
            headers: { ...admin, 'content-type': file.type },
            body: file.body,
          };
        },
        [400, 413, 415, 422, 503],
      );
    },
  },
];

/** Ask /health every HEALTH_EVERY_MS on a new connection until stopped; the time of each answer, or Infinity without a 200. */
function watchHealth(port: number): { stop(): Promise<number[]> } {
  const times: number[] = [];
  let running = true;
  const loop = (async () => {
    while (running) {
      const started = Date.now();
      const answer = await Promise.race([
        rawGet(port, '/health').catch(() => undefined),
        sleep(HEALTH_WITHIN_MS * 3).then(() => undefined),
      ]);
      times.push(answer?.status === 200 ? Date.now() - started : Infinity);
      await sleep(HEALTH_EVERY_MS);
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      return times;
    },
  };
}

describe('chaos: the real server under hostile load', () => {
  const folder = mkdtempSync(join(tmpdir(), 'migov-chaos-'));
  let server: RunningServer;
  let port = 0;
  let admin: Record<string, string> = {};
  let assessmentId = '';

  beforeAll(async () => {
    server = await startServer({
      databaseUrl: `sqlite:${join(folder, 'chaos.sqlite')}`,
      host: '127.0.0.1',
      port: 0,
      demo: false,
      adminPassword: ADMIN_PASSWORD,
      logger: { level: 'warn', stream: silentLog() },
      config: CHAOS_CONFIG,
      report: () => undefined,
    });
    port = Number(new URL(server.url).port);
    const round = await createRound(server.database, {
      year: 2021,
      instrument: 'sdg-10-7-2',
      version: '2019',
      opensOn: '2021-01-01',
      closesOn: '2021-12-31',
    });
    assessmentId = (await createAssessment(server.database, { jurisdiction: '276', roundId: round.id }, null)).id;
    const signIn = await fetch(`${server.url}/api/v1/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'admin@migov.local', password: ADMIN_PASSWORD }),
    });
    expect(signIn.status).toBe(200);
    admin = {
      cookie: signIn.headers.get('set-cookie')!.split(';')[0]!,
      'x-csrf-token': ((await signIn.json()) as { csrfToken: string }).csrfToken,
    };
  });
  afterAll(async () => {
    await server.close();
    rmSync(folder, { recursive: true, force: true });
  });

  it.each(CHAOS_CASES.map((chaos) => [chaos.name, chaos] as const))(
    'survives %s, answering /health within a second throughout',
    async (_name, chaos) => {
      chaos.prepare?.();
      const health = watchHealth(port);
      let timer: NodeJS.Timeout | undefined;
      try {
        await Promise.race([
          chaos.run({ server, url: server.url, port, admin, assessmentId }),
          new Promise(
            (_resolve, reject) =>
              (timer = setTimeout(
                () => reject(new Error(`the case ran longer than ${CASE_TIME_LIMIT_MS} ms`)),
                CASE_TIME_LIMIT_MS,
              )),
          ),
        ]);
      } finally {
        clearTimeout(timer);
      }
      const times = await health.stop();
      expect(times.length).toBeGreaterThan(0);
      expect(Math.max(...times), `health answer times: ${times.join(', ')}`).toBeLessThan(HEALTH_WITHIN_MS);
      expect((await rawGet(port, '/health')).status).toBe(200);
    },
    CASE_TIME_LIMIT_MS + 5_000,
  );
});
