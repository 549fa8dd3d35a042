/**
 * Shared state for several `migov serve` instances on one PostgreSQL database (docs/scaling.md): the
 * sign-in limits and pending sign-ins live in the database (shared_state, @migov/db), and change
 * notices go through PostgreSQL (NOTIFY, heard by a LISTEN on a dedicated connection). Within one
 * instance, the processes of `--workers` still tell each other through the primary as well
 * (`processes`), so a change's response waits until every worker of its own instance has acted on it;
 * the other instances act on the notice within milliseconds of the commit. When the listening
 * connection comes back after a failure, notices may have been missed: every listener runs, as for a
 * change, so each cache starts afresh.
 */
import {
  clearSharedCounter,
  listenForPublicDataChanges,
  notifyPublicDataChanged,
  putSharedValue,
  takeSharedValue,
  updateSharedCounter,
  type MigovDatabase,
  type PublicDataChangeListener,
} from '@migov/db';
import { countAttempt } from '../auth/ip-rate-limiter.ts';
import { admitAttempt } from '../auth/sign-in-throttle.ts';
import type { SharedState } from './shared-state.ts';

/** Shared state through the database, with its change listener. */
export interface DatabaseSharedState extends SharedState {
  /** The listening connection (for the metrics and tests). */
  readonly listener: Pick<PublicDataChangeListener, 'connected' | 'reconnections'>;
  /** Stop listening. */
  close(): Promise<void>;
}

/** What databaseSharedState needs. */
export interface DatabaseSharedStateOptions {
  db: MigovDatabase;
  /** The database URL, for the listening connection. */
  url: string;
  /** The state shared with this instance's other processes (a cluster worker's), for change notices. */
  processes: SharedState;
  /** Told when the listening connection fails (it reconnects by itself). */
  onListenerError?: (error: Error) => void;
  /** Waits of the listener (tests shorten them). */
  listen?: Parameters<typeof listenForPublicDataChanges>[2];
}

/** Start listening and return the shared state of an instance on PostgreSQL. */
export async function databaseSharedState(options: DatabaseSharedStateOptions): Promise<DatabaseSharedState> {
  const { db, processes } = options;
  if (db.dialect !== 'postgres') throw new Error('shared state through the database needs PostgreSQL');
  const listeners: (() => Promise<void>)[] = [];
  const changed = () => void Promise.allSettled(listeners.map((listener) => listener()));
  const listener = await listenForPublicDataChanges(
    options.url,
    {
      onChange: changed,
      onReconnect: changed,
      ...(options.onListenerError ? { onError: options.onListenerError } : {}),
    },
    options.listen,
  );
  return {
    hitAttempt: (key, limit, windowMs, now) =>
      updateSharedCounter(db, `attempt:${limit}/${windowMs}:${key}`, now, (current) => {
        const { window, wait } = countAttempt(
          current && { start: current.windowStart, count: current.count },
          limit,
          windowMs,
          now,
        );
        return {
          next: { count: window.count, windowStart: window.start, blockedUntil: 0, expiresAt: window.start + windowMs },
          result: wait,
        };
      }),
    signInAttempt: (key, policy, now) =>
      updateSharedCounter(db, `sign-in:${key}`, now, (current) => {
        const { pair, wait } = admitAttempt(
          current && { failures: current.count, blockedUntil: current.blockedUntil, forgetAt: current.expiresAt },
          policy,
          now,
        );
        return {
          next: { count: pair.failures, windowStart: 0, blockedUntil: pair.blockedUntil, expiresAt: pair.forgetAt },
          result: wait,
        };
      }),
    signInSucceeded: (key) => clearSharedCounter(db, `sign-in:${key}`),
    // A value takes over only rows that expired before its own expiry too.
    put: (key, value, expiresAt) =>
      putSharedValue(db, `value:${key}`, value, expiresAt, Math.min(Date.now(), expiresAt - 1)),
    take: (key, now) => takeSharedValue(db, `value:${key}`, now),
    async announceChange() {
      await Promise.all([notifyPublicDataChanged(db), processes.announceChange()]);
    },
    onChange(listener) {
      listeners.push(listener);
      processes.onChange(listener);
    },
    ...(processes.clusterMetrics ? { clusterMetrics: () => processes.clusterMetrics!() } : {}),
    listener,
    close: () => listener.close(),
  };
}
