/**
 * Notices that public data changed, between the programs using one PostgreSQL database: every
 * statement that writes a public table sends one (triggers of migration 0012), and a server may send
 * one itself (`notifyPublicDataChanged`). A server listens on a dedicated connection (a pooled one
 * would drop its LISTEN when returned); when that connection fails it reconnects with growing waits
 * and reports `onReconnect`, since notices sent while it was away are lost and every cache must be
 * emptied. A quiet connection is checked with a query every `checkMs`, so a connection dead without a
 * word (a network cut) is noticed too. SQLite has no notices: one machine, one server (docs/scaling.md).
 */
import { sql } from 'kysely';
import pg from 'pg';
import type { MigovDatabase } from '../database.ts';
import { PUBLIC_DATA_CHANNEL } from '../migrations/0012-shared-state-and-change-notices.ts';

/** Tell every listener on the database that public data changed (PostgreSQL; nothing on SQLite). */
export async function notifyPublicDataChanged(db: MigovDatabase): Promise<void> {
  if (db.dialect !== 'postgres') return;
  await sql`select pg_notify(${PUBLIC_DATA_CHANNEL}, '')`.execute(db.kysely);
}

/** What a listener does. */
export interface PublicDataChangeHandlers {
  /** Public data changed (a notice arrived). */
  onChange(): void;
  /** The connection came back after a failure: notices may have been missed. */
  onReconnect(): void;
  /** The connection failed (it is being reopened); for the log. */
  onError?(error: Error): void;
}

/** A running listener. */
export interface PublicDataChangeListener {
  /** Whether the listening connection is up now. */
  readonly connected: boolean;
  /** How many times the connection came back after a failure. */
  readonly reconnections: number;
  /** Stop listening and close the connection. */
  close(): Promise<void>;
}

/** Options of listenForPublicDataChanges (tests shorten the waits). */
export interface ListenOptions {
  /** The first wait before reconnecting, doubled up to `maxRetryMs`. */
  retryMs?: number;
  maxRetryMs?: number;
  /** How often a quiet connection is checked. */
  checkMs?: number;
}

/**
 * Listen for public data changes on a PostgreSQL database (`url`, postgres://…). Resolves once the
 * first connection listens; rejects when it cannot be made (the server then does not start).
 */
export async function listenForPublicDataChanges(
  url: string,
  handlers: PublicDataChangeHandlers,
  options: ListenOptions = {},
): Promise<PublicDataChangeListener> {
  const retryMs = options.retryMs ?? 250;
  const maxRetryMs = options.maxRetryMs ?? 5_000;
  const checkMs = options.checkMs ?? 30_000;
  let client: pg.Client | undefined;
  let closed = false;
  let connected = false;
  let reconnections = 0;
  let retryTimer: NodeJS.Timeout | undefined;
  let checkTimer: NodeJS.Timeout | undefined;
  let wait = retryMs;

  const connect = async (): Promise<void> => {
    const next = new pg.Client({ connectionString: url, keepAlive: true, application_name: 'migov listener' });
    next.on('notification', (message) => {
      if (message.channel === PUBLIC_DATA_CHANNEL) handlers.onChange();
    });
    next.on('error', (error) => lost(next, error));
    next.on('end', () => lost(next, new Error('the listening connection closed')));
    try {
      await next.connect();
      await next.query(`listen ${PUBLIC_DATA_CHANNEL}`);
    } catch (error) {
      next.removeAllListeners('end');
      next.on('error', () => undefined);
      await next.end().catch(() => undefined);
      throw error;
    }
    if (closed) {
      // Closed while connecting: this connection is not wanted any more.
      next.removeAllListeners('end');
      await next.end().catch(() => undefined);
      return;
    }
    client = next;
    connected = true;
    wait = retryMs;
    checkTimer = setInterval(() => {
      next.query('select 1').catch((error: unknown) => lost(next, error as Error));
    }, checkMs);
    checkTimer.unref();
  };

  const lost = (which: pg.Client, error: Error) => {
    if (closed || which !== client) return;
    client = undefined;
    connected = false;
    clearInterval(checkTimer);
    which.removeAllListeners('end');
    which.on('error', () => undefined);
    void which.end().catch(() => undefined);
    handlers.onError?.(error);
    scheduleReconnect();
  };

  const scheduleReconnect = () => {
    if (closed || retryTimer) return;
    retryTimer = setTimeout(() => {
      retryTimer = undefined;
      connect().then(
        () => {
          if (closed) return;
          reconnections += 1;
          handlers.onReconnect();
        },
        (error: unknown) => {
          handlers.onError?.(error as Error);
          wait = Math.min(maxRetryMs, wait * 2);
          scheduleReconnect();
        },
      );
    }, wait);
    retryTimer.unref();
  };

  await connect();
  return {
    get connected() {
      return connected;
    },
    get reconnections() {
      return reconnections;
    },
    async close() {
      closed = true;
      clearTimeout(retryTimer);
      clearInterval(checkTimer);
      const last = client;
      client = undefined;
      connected = false;
      if (last) {
        last.removeAllListeners('end');
        last.on('error', () => undefined);
        await last.end().catch(() => undefined);
      }
    },
  };
}
