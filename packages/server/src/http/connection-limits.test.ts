/**
 * Connection limits of the real server over loopback, with small configured limits: half-sent
 * headers and bodies time out with 408 problem+json, a stalled request is cut, a flood of slow
 * connections neither exhausts the process nor locks out a new client, and the largest evidence
 * file allowed still arrives over a slow link (both dialects: it is stored).
 */
import { once } from 'node:events';
import type { Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAssessment, createRound, type MigovDatabase } from '@migov/db';
import { createApp, type MigovApp } from '../app.ts';
import { loadConfigFromEnv } from '../config.ts';
import { createTestDatabase, createTestUser, DIALECTS, signIn, type SignedIn } from '../testing/test-app.ts';
import { openSocket, parseAnswer, rawGet, silentLog } from '../testing/raw-http.ts';
import { DEFAULT_CONNECTION_LIMITS, type ConnectionLimits } from './connection-limits.ts';

const LIMITS: ConnectionLimits = {
  headersTimeoutMs: 400,
  requestTimeoutMs: 4_000,
  idleTimeoutMs: 600,
  keepAliveTimeoutMs: 300,
  maxConnections: 40,
};
const MAX_EVIDENCE_BYTES = 1024 * 1024;
/** Everything a connection receives until it closes, and when it closed. */
async function untilClosed(socket: Socket): Promise<{ bytes: Buffer; closedAt: number }> {
  const chunks: Buffer[] = [];
  socket.on('data', (chunk: Buffer) => chunks.push(chunk));
  socket.on('error', () => undefined);
  if (!socket.closed) await once(socket, 'close');
  return { bytes: Buffer.concat(chunks), closedAt: Date.now() };
}

/** The time GET /health takes on a new connection, in ms. */
async function healthTime(port: number): Promise<number> {
  const started = Date.now();
  const answer = await rawGet(port, '/health');
  expect(answer.status).toBe(200);
  return Date.now() - started;
}

describe('connection limits: configuration', () => {
  it('reads every limit from the environment, with defaults that let the largest evidence file arrive at 1 Mbit/s', () => {
    const config = loadConfigFromEnv({
      MIGOV_HEADERS_TIMEOUT_MS: '1000',
      MIGOV_REQUEST_TIMEOUT_MS: '2000',
      MIGOV_IDLE_TIMEOUT_MS: '3000',
      MIGOV_KEEP_ALIVE_TIMEOUT_MS: '4000',
      MIGOV_MAX_CONNECTIONS: '50',
    });
    expect(config.connections).toEqual({
      headersTimeoutMs: 1000,
      requestTimeoutMs: 2000,
      idleTimeoutMs: 3000,
      keepAliveTimeoutMs: 4000,
      maxConnections: 50,
    });
    expect(() => loadConfigFromEnv({ MIGOV_MAX_CONNECTIONS: '0' })).toThrow(/MIGOV_MAX_CONNECTIONS/);
    expect(() => loadConfigFromEnv({ MIGOV_HEADERS_TIMEOUT_MS: '9000', MIGOV_REQUEST_TIMEOUT_MS: '8000' })).toThrow(
      /MIGOV_HEADERS_TIMEOUT_MS/,
    );
    const defaults = loadConfigFromEnv({});
    expect(defaults.connections).toEqual(DEFAULT_CONNECTION_LIMITS);
    const secondsAtOneMegabit = (defaults.maxEvidenceBytes * 8) / 1_000_000;
    expect(defaults.connections.requestTimeoutMs / 1000).toBeGreaterThan(secondsAtOneMegabit * 1.5);
  });
});

describe.each(DIALECTS)('connection limits over loopback (%s)', (dialect) => {
  let db: MigovDatabase;
  let drop: () => Promise<void>;
  let app: MigovApp;
  let port = 0;
  let focal: SignedIn;
  let assessmentId = '';

  beforeAll(async () => {
    ({ db, drop } = await createTestDatabase(dialect));
    app = await createApp({
      db,
      logger: { level: 'warn', stream: silentLog() },
      config: { connections: LIMITS, maxEvidenceBytes: MAX_EVIDENCE_BYTES },
    });
    // An answer that takes the server longer than the idle timeout to prepare (as a parse waiting for its thread).
    app.get('/test/slow-answer', { config: { access: { permission: 'public' } } }, async () => {
      await sleep(LIMITS.idleTimeoutMs * 2.5);
      return { prepared: true };
    });
    port = Number(new URL(await app.listen({ host: '127.0.0.1', port: 0 })).port);
    await createTestUser(db, 'focal@example.org', [{ role: 'focal-point', scope: { kind: 'area', area: '484' } }]);
    const round = await createRound(db, {
      year: 2019,
      instrument: 'sdg-10-7-2',
      version: '2019',
      opensOn: '2019-01-01',
      closesOn: '2019-12-31',
    });
    assessmentId = (await createAssessment(db, { jurisdiction: '484', roundId: round.id }, null)).id;
    focal = await signIn(app, 'focal@example.org');
  });
  afterAll(async () => {
    await app.close();
    await drop();
  });

  it('answers 408 problem+json to headers that do not arrive in time, and closes the connection', async () => {
    const socket = await openSocket(port);
    const opened = Date.now();
    socket.write('GET /health HTTP/1.1\r\nHost: x\r\n');
    const { bytes, closedAt } = await untilClosed(socket);
    const answer = parseAnswer(bytes);
    expect(answer.status).toBe(408);
    expect(answer.headers['content-type']?.[0]).toBe('application/problem+json; charset=utf-8');
    expect(JSON.parse(answer.body.toString())).toMatchObject({ code: 'request-timeout' });
    expect(closedAt - opened).toBeGreaterThanOrEqual(LIMITS.headersTimeoutMs - 50);
    expect(closedAt - opened).toBeLessThan(LIMITS.headersTimeoutMs + 1_500);
  });

  it('closes a connection whose request body stalls', async () => {
    const socket = await openSocket(port);
    const opened = Date.now();
    socket.write(
      `POST /api/v1/session HTTP/1.1\r\nHost: x\r\ncontent-type: application/json\r\ncontent-length: 100\r\n\r\n{"email":`,
    );
    const { closedAt } = await untilClosed(socket);
    expect(closedAt - opened).toBeLessThan(LIMITS.idleTimeoutMs + 1_500);
  });

  it('waits for an answer the server takes longer than the idle timeout to prepare', async () => {
    const answer = await rawGet(port, '/test/slow-answer');
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body.toString())).toEqual({ prepared: true });
  });

  it('keeps answering /health within a second while hundreds of slow connections arrive, and closes them', async () => {
    const slow: Socket[] = [];
    const times: number[] = [];
    for (let wave = 0; wave < 6; wave += 1) {
      const opened = await Promise.all(Array.from({ length: 50 }, () => openSocket(port).catch(() => undefined)));
      for (const socket of opened) {
        if (!socket) continue;
        socket.on('error', () => undefined);
        // Read what comes (a 408), so the end of the connection is seen.
        socket.resume();
        socket.write('GET /health HTTP/1.1\r\nHost: x\r\nX-Slow: ');
        slow.push(socket);
      }
      times.push(await healthTime(port));
    }
    expect(slow.length).toBeGreaterThanOrEqual(250);
    for (const time of times) expect(time).toBeLessThan(1_000);
    // The cap and the header timeout close every one of them.
    await Promise.all(
      slow.map((socket) => (socket.closed ? undefined : Promise.race([once(socket, 'close'), sleep(3_000)]))),
    );
    expect(slow.filter((socket) => !socket.closed)).toEqual([]);
    expect(await healthTime(port)).toBeLessThan(1_000);
  });

  it('answers 503 server-busy when every connection has a request in progress, and serves again once they end', async () => {
    const busy: Socket[] = [];
    for (let index = 0; index < LIMITS.maxConnections; index += 1) {
      const socket = await openSocket(port);
      socket.on('error', () => undefined);
      socket.write(
        `POST /api/v1/session HTTP/1.1\r\nHost: x\r\ncontent-type: application/json\r\ncontent-length: 1000\r\n\r\n{`,
      );
      busy.push(socket);
    }
    await sleep(100);
    const refused = await rawGet(port, '/health');
    expect(refused.status).toBe(503);
    expect(JSON.parse(refused.body.toString())).toMatchObject({ code: 'server-busy' });
    expect(refused.headers['retry-after']).toEqual(['5']);
    for (const socket of busy) socket.destroy();
    await sleep(50);
    expect(await healthTime(port)).toBeLessThan(1_000);
  });

  it('takes the largest evidence file allowed over a slow link: longer than the header and idle timeouts, within the request timeout', async () => {
    const boundary = 'migov-slow-upload';
    const pdf = Buffer.concat([
      Buffer.from('%PDF-1.4\n'),
      Buffer.alloc(MAX_EVIDENCE_BYTES - 200, 0x20),
      Buffer.from('\n%%EOF\n'),
    ]);
    const body = Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="itemId"\r\n\r\n1a\r\n--${boundary}\r\nContent-Disposition: form-data; name="title"\r\n\r\nLaw\r\n`,
      ),
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="law.pdf"\r\nContent-Type: application/pdf\r\n\r\n`,
      ),
      pdf,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const socket = await openSocket(port);
    const result = untilClosed(socket);
    const started = Date.now();
    socket.write(
      `POST /api/v1/assessments/${assessmentId}/evidence HTTP/1.1\r\nHost: x\r\nConnection: close\r\ncookie: ${focal.cookie}\r\nx-csrf-token: ${focal.csrfToken}\r\n` +
        `content-type: multipart/form-data; boundary=${boundary}\r\ncontent-length: ${body.length}\r\n\r\n`,
    );
    // About 2.4 seconds at 420 KiB/s (3.5 Mbit/s), in pieces a quarter of the idle timeout apart.
    const piece = 64 * 1024;
    for (let at = 0; at < body.length; at += piece) {
      socket.write(body.subarray(at, at + piece));
      await sleep(LIMITS.idleTimeoutMs / 4);
    }
    const answer = parseAnswer((await result).bytes);
    expect(Date.now() - started).toBeGreaterThan(LIMITS.idleTimeoutMs + LIMITS.headersTimeoutMs);
    expect(answer.status, answer.body.toString()).toBe(201);
    expect(JSON.parse(answer.body.toString())).toMatchObject({ kind: 'file', file: { size: pdf.length } });
  });
});
