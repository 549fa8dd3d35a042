/**
 * Limits on connections, so that slow or half-sent requests cannot hold the server: timeouts for the
 * request headers, the whole request, an idle connection and a kept-alive one, and a cap on open
 * connections per process. At the cap a new connection takes the place of the oldest one that has
 * no request in progress (still sending its headers, or idle between requests): a flood of slow
 * connections cannot lock clients out, and requests in progress (a large upload) are never cut for
 * it. When every connection has a request in progress, the new one is answered 503 server-busy.
 */
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { writeRawProblem } from './last-resort.ts';

/** The connection limits (docs/security.md lists them with their environment variables). */
export interface ConnectionLimits {
  /** Time to receive the complete request headers, in ms. */
  headersTimeoutMs: number;
  /** Time to receive the complete request, body included, in ms. */
  requestTimeoutMs: number;
  /** Time a connection may stay without any traffic while a request or its answer is on its way, in ms (not while the server prepares the answer). */
  idleTimeoutMs: number;
  /** Time an idle kept-alive connection is kept open for the next request, in ms. */
  keepAliveTimeoutMs: number;
  /** Open connections per process. */
  maxConnections: number;
}

/**
 * The defaults. A request, body included, may take 5 minutes: the largest evidence file allowed by
 * default (20 MiB) arrives in time at 0.6 Mbit/s; a stalled connection goes after a minute without
 * traffic; request headers take a few hundred bytes and get 20 seconds.
 */
export const DEFAULT_CONNECTION_LIMITS: ConnectionLimits = {
  headersTimeoutMs: 20_000,
  requestTimeoutMs: 300_000,
  idleTimeoutMs: 60_000,
  // Above the 60-second idle timeout of common reverse proxies and load balancers, so they close first.
  keepAliveTimeoutMs: 72_000,
  maxConnections: 1_000,
};

/** The environment variable of each limit. */
export const CONNECTION_LIMIT_VARIABLES: Record<keyof ConnectionLimits, string> = {
  headersTimeoutMs: 'MIGOV_HEADERS_TIMEOUT_MS',
  requestTimeoutMs: 'MIGOV_REQUEST_TIMEOUT_MS',
  idleTimeoutMs: 'MIGOV_IDLE_TIMEOUT_MS',
  keepAliveTimeoutMs: 'MIGOV_KEEP_ALIVE_TIMEOUT_MS',
  maxConnections: 'MIGOV_MAX_CONNECTIONS',
};

/** How often Node checks the header and request timeouts: often enough for the shortest limit to hold. */
export function checkingIntervalMs(limits: Pick<ConnectionLimits, 'headersTimeoutMs' | 'requestTimeoutMs'>): number {
  return Math.max(25, Math.min(1_000, Math.floor(Math.min(limits.headersTimeoutMs, limits.requestTimeoutMs) / 4)));
}

/** Counters of the cap (for tests and diagnostics). */
export interface ConnectionStats {
  open: number;
  /** Connections closed to make room for a new one. */
  evicted: number;
  /** Connections answered 503 because every open one had a request in progress. */
  refused: number;
}

/**
 * Apply the limits to a server created with `connectionsCheckingInterval: checkingIntervalMs(limits)`.
 * Returns `track`, to call from the request listener for each request, and the counters.
 */
export function applyConnectionLimits(
  server: Server,
  limits: ConnectionLimits,
): { track(request: IncomingMessage, response: ServerResponse): void; stats: ConnectionStats } {
  server.headersTimeout = limits.headersTimeoutMs;
  server.requestTimeout = limits.requestTimeoutMs;
  server.keepAliveTimeout = limits.keepAliveTimeoutMs;
  server.setTimeout(limits.idleTimeoutMs);
  // Open connections, oldest first (a Set iterates in insertion order). Each connection carries the
  // number of its requests in progress and its latest exchange, on the socket itself: no allocation
  // nor closure per request.
  const open = new Set<Socket>();
  // A connection without traffic for the idle timeout is closed, unless its request has arrived whole
  // and the server is still preparing the answer (a parse waiting for its thread, a large export):
  // the client is not the one being slow. Once the answer is being sent, a client that does not read
  // it is cut like one that does not send.
  server.on('timeout', (socket: Socket) => {
    const response = (socket as TrackedSocket)[LATEST];
    if (response && response.req.complete && !response.headersSent && !response.writableEnded) {
      socket.setTimeout(limits.idleTimeoutMs);
      return;
    }
    socket.destroy();
  });
  const stats: ConnectionStats = { open: 0, evicted: 0, refused: 0 };
  server.on('connection', (socket: Socket) => {
    if (open.size >= limits.maxConnections) {
      let victim: Socket | undefined;
      for (const candidate of open) {
        if (!((candidate as TrackedSocket)[IN_PROGRESS]! > 0)) {
          victim = candidate;
          break;
        }
      }
      if (victim) {
        open.delete(victim);
        stats.evicted += 1;
        victim.destroy();
      } else {
        stats.refused += 1;
        writeRawProblem(
          socket,
          'server-busy',
          `the server has ${limits.maxConnections} requests in progress (MIGOV_MAX_CONNECTIONS); try again shortly`,
          { 'retry-after': '5' },
        );
        socket.destroySoon();
        return;
      }
    }
    (socket as TrackedSocket)[IN_PROGRESS] = 0;
    (socket as TrackedSocket)[LATEST] = undefined;
    open.add(socket);
    stats.open = open.size;
    socket.once('close', () => {
      open.delete(socket);
      (socket as TrackedSocket)[LATEST] = undefined;
      stats.open = open.size;
    });
  });
  return {
    stats,
    track(request, response) {
      const socket = request.socket as TrackedSocket;
      socket[IN_PROGRESS] = (socket[IN_PROGRESS] ?? 0) + 1;
      socket[LATEST] = response;
      (response as TrackedResponse)[SOCKET] = socket;
      response.on('close', responseClosed);
    },
  };
}

const IN_PROGRESS = Symbol('requests in progress');
const LATEST = Symbol('latest response');
const SOCKET = Symbol('tracked socket');
type TrackedSocket = Socket & { [IN_PROGRESS]?: number; [LATEST]?: ServerResponse | undefined };
type TrackedResponse = ServerResponse & { [SOCKET]?: TrackedSocket };

/** A tracked response closed: its request is no longer in progress (one function for every response). */
function responseClosed(this: TrackedResponse): void {
  const socket = this[SOCKET];
  if (!socket) return;
  if (socket[LATEST] === this) socket[LATEST] = undefined;
  socket[IN_PROGRESS] = Math.max(0, (socket[IN_PROGRESS] ?? 1) - 1);
}
