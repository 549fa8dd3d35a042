/**
 * Chaos: the real server (startServer, over loopback, small configured limits) under hostile load,
 * while GET /health is asked every 100 ms on a new connection. Every case must leave the server
 * serving, with every /health answered 200 in under a second during the case and after it.
 *
 * A case is an entry of CHAOS_CASES: a name, optional server settings, and `run`, which sends its
 * load and resolves when done (it is cut after CASE_TIME_LIMIT_MS). Add cases for new attack
 * surfaces here (oversize uploads, decompression bombs and the like belong in this list too).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Socket } from 'node:net';
import { Writable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from './start-server.ts';
import type { ServerConfig } from './config.ts';
import { DEFAULT_CONNECTION_LIMITS } from './http/connection-limits.ts';
import { openSocket, rawGet } from './testing/raw-http.ts';
import { expectWellFormed, HOSTILE_QUERIES, publicGetPaths } from './testing/hostile-input.ts';

/** What a case gets: the running server and its port. */
export interface ChaosTarget {
  server: RunningServer;
  url: string;
  port: number;
}

/** One hostile load. */
export interface ChaosCase {
  name: string;
  run(target: ChaosTarget): Promise<void>;
}

/** The limits the server runs with here: small, so that their effect shows within seconds. */
const CHAOS_CONFIG: Partial<ServerConfig> = {
  connections: { ...DEFAULT_CONNECTION_LIMITS, headersTimeoutMs: 500, requestTimeoutMs: 3_000, idleTimeoutMs: 800, keepAliveTimeoutMs: 500, maxConnections: 120 },
};
const CASE_TIME_LIMIT_MS = 12_000;
const HEALTH_EVERY_MS = 100;
const HEALTH_WITHIN_MS = 1_000;

/** Slow connections that send part of a request and then as little as possible. */
async function slowConnections(port: number, count: number, start: string, drip: string, everyMs: number, forMs: number): Promise<void> {
  const sockets: Socket[] = [];
  for (let index = 0; index < count; index += 25) {
    const opened = await Promise.all(Array.from({ length: Math.min(25, count - index) }, () => openSocket(port).catch(() => undefined)));
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

export const CHAOS_CASES: ChaosCase[] = [
  {
    name: 'hostile query strings on the public GET routes, 8 at a time for 5 seconds',
    async run({ server, port }) {
      // Every query on every route, each twice (the second is answered from memory), queries first.
      const targets = HOSTILE_QUERIES.flatMap((query) => publicGetPaths(server.app).map((path) => Buffer.concat([Buffer.from(`${path}?`), Buffer.isBuffer(query) ? query : Buffer.from(query)])));
      const until = Date.now() + 5_000;
      let next = 0;
      const client = async () => {
        while (Date.now() < until && next < targets.length) {
          const target = targets[next++]!;
          for (let attempt = 0; attempt < 2; attempt += 1) expectWellFormed(await rawGet(port, target), `GET ${target.toString('latin1').slice(0, 80)}`);
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
    run: ({ port }) => slowConnections(port, 80, 'POST /api/v1/session HTTP/1.1\r\nHost: x\r\ncontent-type: application/json\r\ncontent-length: 100000\r\n\r\n{"email":"', 'a', 300, 2_500),
  },
];

/** Ask /health every HEALTH_EVERY_MS on a new connection until stopped; the time of each answer, or Infinity without a 200. */
function watchHealth(port: number): { stop(): Promise<number[]> } {
  const times: number[] = [];
  let running = true;
  const loop = (async () => {
    while (running) {
      const started = Date.now();
      const answer = await Promise.race([rawGet(port, '/health').catch(() => undefined), sleep(HEALTH_WITHIN_MS * 3).then(() => undefined)]);
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

  beforeAll(async () => {
    server = await startServer({ databaseUrl: `sqlite:${join(folder, 'chaos.sqlite')}`, host: '127.0.0.1', port: 0, demo: false, logger: { level: 'warn', stream: new Writable({ write: (_chunk, _encoding, done) => done() }) }, config: CHAOS_CONFIG, report: () => undefined });
    port = Number(new URL(server.url).port);
  });
  afterAll(async () => {
    await server.close();
    rmSync(folder, { recursive: true, force: true });
  });

  it.each(CHAOS_CASES.map((chaos) => [chaos.name, chaos] as const))('survives %s, answering /health within a second throughout', async (_name, chaos) => {
    const health = watchHealth(port);
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        chaos.run({ server, url: server.url, port }),
        new Promise((_resolve, reject) => (timer = setTimeout(() => reject(new Error(`the case ran longer than ${CASE_TIME_LIMIT_MS} ms`)), CASE_TIME_LIMIT_MS))),
      ]);
    } finally {
      clearTimeout(timer);
    }
    const times = await health.stop();
    expect(times.length).toBeGreaterThan(0);
    expect(Math.max(...times), `health answer times: ${times.join(', ')}`).toBeLessThan(HEALTH_WITHIN_MS);
    expect((await rawGet(port, '/health')).status).toBe(200);
  }, CASE_TIME_LIMIT_MS + 5_000);
});
