/**
 * What the processes serving one database must agree on beyond the database itself: sign-in attempt
 * counts per address, failed sign-ins per email and address, pending organisation sign-ins, and notice that public data changed (so every
 * process drops its cached public bodies and reloads instruments). In one process it is all in
 * memory; under `migov serve --workers N` the primary process holds it and the workers ask it over
 * the cluster's IPC channel, so limits count across workers and a change made through one worker is
 * seen through every other before the change's response is sent.
 */
import type { Cluster, Worker } from 'node:cluster';
import { AggregatorRegistry, type PrometheusContentType } from 'prom-client';
import { AttemptLimiter } from '../auth/ip-rate-limiter.ts';
import { SignInThrottle, type ThrottlePolicy } from '../auth/sign-in-throttle.ts';

/** The state shared by the processes of one server. */
export interface SharedState {
  /** Count an attempt under `key` in a fixed window; the seconds to wait when over `limit`, else 0. */
  hitAttempt(key: string, limit: number, windowMs: number, now: number): Promise<number>;
  /** Admit a sign-in attempt of a pair of email and address (auth/sign-in-throttle.ts), counted as a failure until it succeeds: 0; or the seconds it must still wait. */
  signInAttempt(key: string, policy: ThrottlePolicy, now: number): Promise<number>;
  /** Forget a pair's failed sign-ins (it signed in). */
  signInSucceeded(key: string): Promise<void>;
  /** Keep a value until `expiresAt` (ms since the epoch). */
  put(key: string, value: unknown, expiresAt: number): Promise<void>;
  /** Take a value (it is removed); undefined when unknown or expired at `now`. */
  take(key: string, now: number): Promise<unknown>;
  /** Tell the other processes that public data changed; resolves once every one has acted on it. */
  announceChange(): Promise<void>;
  /** What this process does when another one announces a change. */
  onChange(listener: () => Promise<void>): void;
  /** The metrics of every process of the server, summed by the primary (a cluster's workers; http/metrics.ts). */
  clusterMetrics?(): Promise<string>;
  /** The connection that hears changes made through other instances (on PostgreSQL; cluster/database-shared-state.ts). */
  readonly listener?: { readonly connected: boolean; readonly reconnections: number };
}

/** Most values kept at once (pending sign-ins are few and short-lived). */
const MAX_VALUES = 10_000;

/** The in-memory store behind both kinds of shared state. */
class StateStore {
  private limiters = new Map<string, AttemptLimiter>();
  private values = new Map<string, { value: unknown; expiresAt: number }>();
  readonly signIns = new SignInThrottle();

  hitAttempt(key: string, limit: number, windowMs: number, now: number): number {
    const name = `${limit}/${windowMs}`;
    let limiter = this.limiters.get(name);
    if (!limiter) this.limiters.set(name, (limiter = new AttemptLimiter(limit, windowMs)));
    return limiter.hit(key, now);
  }

  put(key: string, value: unknown, expiresAt: number): void {
    if (this.values.size >= MAX_VALUES) {
      const now = Date.now();
      for (const [other, entry] of this.values) if (entry.expiresAt <= now) this.values.delete(other);
      // Still full: the oldest go first (a Map keeps insertion order).
      for (const other of this.values.keys()) if (this.values.size >= MAX_VALUES) this.values.delete(other);
    }
    this.values.set(key, { value, expiresAt });
  }

  take(key: string, now: number): unknown {
    const entry = this.values.get(key);
    this.values.delete(key);
    return entry && entry.expiresAt > now ? entry.value : undefined;
  }
}

/** Shared state for a server of one process. */
export function localSharedState(): SharedState {
  const store = new StateStore();
  return {
    hitAttempt: async (key, limit, windowMs, now) => store.hitAttempt(key, limit, windowMs, now),
    signInAttempt: async (key, policy, now) => store.signIns.attempt(key, policy, now),
    signInSucceeded: async (key) => store.signIns.clear(key),
    put: async (key, value, expiresAt) => store.put(key, value, expiresAt),
    take: async (key, now) => store.take(key, now),
    announceChange: async () => undefined,
    onChange: () => undefined,
  };
}

/** Messages between the primary and the workers; every one carries `migov: 'shared-state'`. */
type Request =
  | { op: 'hit'; key: string; limit: number; windowMs: number; now: number }
  | { op: 'sign-in-attempt'; key: string; policy: ThrottlePolicy; now: number }
  | { op: 'sign-in-succeeded'; key: string }
  | { op: 'put'; key: string; value: unknown; expiresAt: number }
  | { op: 'take'; key: string; now: number }
  | { op: 'announce' }
  | { op: 'metrics' };
type Message =
  | { migov: 'shared-state'; kind: 'request'; id: number; request: Request }
  | { migov: 'shared-state'; kind: 'reply'; id: number; value?: unknown; error?: string }
  | { migov: 'shared-state'; kind: 'change'; id: number }
  | { migov: 'shared-state'; kind: 'change-done'; id: number };

function isMessage(message: unknown): message is Message {
  return typeof message === 'object' && message !== null && (message as { migov?: unknown }).migov === 'shared-state';
}

/** How long a worker waits for the primary, and the primary for the workers acting on a change. */
const ANSWER_TIMEOUT_MS = 10_000;

/**
 * Hold the shared state in the primary of a cluster and answer its workers. A change announced by one
 * worker is passed to every other live worker; the announcing worker hears back when they have all
 * acted on it (or exited, or the timeout passed).
 */
export function hostSharedState(cluster: Cluster): void {
  const store = new StateStore();
  let metrics: AggregatorRegistry<PrometheusContentType> | undefined;
  let nextChange = 0;
  const waiting = new Map<number, { pending: Set<number>; done: () => void }>();
  const settle = (changeId: number, workerId: number) => {
    const change = waiting.get(changeId);
    if (!change) return;
    change.pending.delete(workerId);
    if (change.pending.size === 0) {
      waiting.delete(changeId);
      change.done();
    }
  };
  const reply = (worker: Worker, id: number, value?: unknown, error?: string) => {
    if (worker.isConnected())
      worker.send({
        migov: 'shared-state',
        kind: 'reply',
        id,
        ...(value === undefined ? {} : { value }),
        ...(error ? { error } : {}),
      } satisfies Message);
  };
  cluster.on('exit', (worker) => {
    for (const changeId of [...waiting.keys()]) settle(changeId, worker.id);
  });
  cluster.on('message', (worker, message: unknown) => {
    if (!isMessage(message)) return;
    if (message.kind === 'change-done') return settle(message.id, worker.id);
    if (message.kind !== 'request') return;
    const { id, request } = message;
    try {
      switch (request.op) {
        case 'hit':
          return reply(worker, id, store.hitAttempt(request.key, request.limit, request.windowMs, request.now));
        case 'sign-in-attempt':
          return reply(worker, id, store.signIns.attempt(request.key, request.policy, request.now));
        case 'sign-in-succeeded':
          store.signIns.clear(request.key);
          return reply(worker, id);
        case 'put':
          store.put(request.key, request.value, request.expiresAt);
          return reply(worker, id);
        case 'take':
          return reply(worker, id, store.take(request.key, request.now));
        case 'metrics':
          // prom-client asks every worker for its registry and sums what they answer.
          metrics ??= new AggregatorRegistry();
          return void metrics.clusterMetrics().then(
            (text: string) => reply(worker, id, text),
            (error: unknown) => reply(worker, id, undefined, (error as Error).message),
          );
        case 'announce': {
          const others = Object.values(cluster.workers ?? {}).filter(
            (other): other is Worker => other !== undefined && other.id !== worker.id && other.isConnected(),
          );
          if (others.length === 0) return reply(worker, id);
          const changeId = (nextChange += 1);
          const timer = setTimeout(() => {
            waiting.delete(changeId);
            reply(worker, id);
          }, ANSWER_TIMEOUT_MS);
          waiting.set(changeId, {
            pending: new Set(others.map((other) => other.id)),
            done: () => {
              clearTimeout(timer);
              reply(worker, id);
            },
          });
          for (const other of others)
            other.send({ migov: 'shared-state', kind: 'change', id: changeId } satisfies Message);
          return;
        }
      }
    } catch (error) {
      reply(worker, id, undefined, (error as Error).message);
    }
  });
}

/** Shared state in a worker of a cluster: every operation asks the primary. */
export function workerSharedState(channel: NodeJS.Process = process): SharedState {
  if (!channel.send) throw new Error('workerSharedState needs a process started by node:cluster');
  const send = channel.send.bind(channel);
  let nextId = 0;
  const answers = new Map<
    number,
    { resolve: (value: unknown) => void; reject: (error: Error) => void; timer: NodeJS.Timeout }
  >();
  const listeners: (() => Promise<void>)[] = [];
  channel.on('message', (message: unknown) => {
    if (!isMessage(message)) return;
    if (message.kind === 'reply') {
      const answer = answers.get(message.id);
      if (!answer) return;
      answers.delete(message.id);
      clearTimeout(answer.timer);
      if (message.error) answer.reject(new Error(`shared state: ${message.error}`));
      else answer.resolve(message.value);
    } else if (message.kind === 'change') {
      // Acknowledge even when a listener fails: the change is acted on as far as it can be.
      void Promise.allSettled(listeners.map((listener) => listener())).then(() => {
        if (channel.connected) send({ migov: 'shared-state', kind: 'change-done', id: message.id } satisfies Message);
      });
    }
  });
  const ask = (request: Request) =>
    new Promise<unknown>((resolve, reject) => {
      const id = (nextId += 1);
      const timer = setTimeout(() => {
        answers.delete(id);
        reject(
          new Error(`shared state: the primary process did not answer ${request.op} within ${ANSWER_TIMEOUT_MS} ms`),
        );
      }, ANSWER_TIMEOUT_MS);
      answers.set(id, { resolve, reject, timer });
      send({ migov: 'shared-state', kind: 'request', id, request } satisfies Message);
    });
  return {
    hitAttempt: async (key, limit, windowMs, now) => Number(await ask({ op: 'hit', key, limit, windowMs, now })),
    signInAttempt: async (key, policy, now) => Number(await ask({ op: 'sign-in-attempt', key, policy, now })),
    signInSucceeded: async (key) => void (await ask({ op: 'sign-in-succeeded', key })),
    put: async (key, value, expiresAt) => void (await ask({ op: 'put', key, value, expiresAt })),
    take: (key, now) => ask({ op: 'take', key, now }),
    announceChange: async () => void (await ask({ op: 'announce' })),
    onChange: (listener) => void listeners.push(listener),
    clusterMetrics: async () => String(await ask({ op: 'metrics' })),
  };
}
