/**
 * Opening a database: SQLite through better-sqlite3 (WAL, foreign keys, busy timeout) or PostgreSQL
 * through a pg Pool, both behind one Kysely instance typed with the schema.
 */
import { closeSync, mkdirSync, openSync } from 'node:fs';
import { dirname } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, Migrator, PostgresDialect, SqliteDialect, sql, type Transaction } from 'kysely';
import pg from 'pg';
import { migrationProvider, LATEST_MIGRATION } from './migrations/migrations.ts';
import type { Schema } from './schema/schema.ts';
import { STATEMENT_CACHE_SIZE, withStatementCache } from './sqlite-statements.ts';

/** The two supported databases. */
export type Dialect = 'sqlite' | 'postgres';

/** An open migov database. */
export interface MigovDatabase {
  kysely: Kysely<Schema>;
  dialect: Dialect;
  /** Apply every pending migration (idempotent). */
  migrate(): Promise<void>;
  /** The connections of the pool now: open, idle, and requests waiting for one (SQLite: one connection). */
  connections?(): { total: number; idle: number; waiting: number };
  close(): Promise<void>;
}

/** Options of createDatabase. */
export interface CreateDatabaseOptions {
  /** `sqlite::memory:`, `sqlite:<path>`, a bare file path, or `postgres://…` / `postgresql://…`. */
  url: string;
  /** PostgreSQL pool size (default 10). */
  poolSize?: number;
  /** How long SQLite waits for a lock held by another connection, in ms (default 15000). */
  busyTimeoutMs?: number;
  /** SQLite: how many prepared statements are kept for reuse (default STATEMENT_CACHE_SIZE; 0 prepares every query afresh). */
  statementCacheSize?: number;
}

/** What a database URL points at. */
export type DatabaseLocation =
  { dialect: 'sqlite'; filename: string } | { dialect: 'postgres'; connectionString: string };

/** Parse a database URL; throws a RangeError naming the value for anything else. */
export function parseDatabaseUrl(url: string): DatabaseLocation {
  const text = url.trim();
  if (text === '')
    throw new RangeError('database url is empty: expected sqlite::memory:, sqlite:<path>, a file path or postgres://…');
  if (/^postgres(ql)?:\/\//i.test(text)) return { dialect: 'postgres', connectionString: text };
  if (text === 'sqlite::memory:' || text === ':memory:') return { dialect: 'sqlite', filename: ':memory:' };
  if (text.startsWith('sqlite://')) return { dialect: 'sqlite', filename: text.slice('sqlite://'.length) };
  if (text.startsWith('sqlite:')) return { dialect: 'sqlite', filename: text.slice('sqlite:'.length) };
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(text))
    throw new RangeError(`unsupported database url "${text}": expected sqlite: or postgres://`);
  return { dialect: 'sqlite', filename: text };
}

/** The product's default database when neither a flag nor DATABASE_URL names one. */
export const DEFAULT_DATABASE_URL = './.migov/migov.sqlite';

/** Create an empty file readable and writable by its owner only, unless it exists. */
function createOwnerOnly(filename: string): void {
  try {
    closeSync(openSync(filename, 'wx', 0o600));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
}

/** Open a database (SQLite or PostgreSQL) from a URL; call `migrate()` before first use. */
export async function createDatabase(options: CreateDatabaseOptions): Promise<MigovDatabase> {
  const location = parseDatabaseUrl(options.url);
  let kysely: Kysely<Schema>;
  let connections: () => { total: number; idle: number; waiting: number } = () => ({ total: 1, idle: 1, waiting: 0 });
  if (location.dialect === 'sqlite') {
    // A new directory and a new database are owner-only: the database holds password hashes and
    // evidence files. SQLite would create the file 0644; created here first, 0600, it keeps that
    // mode, and SQLite gives its -wal and -shm files the mode of the database file.
    if (location.filename !== ':memory:') {
      mkdirSync(dirname(location.filename), { recursive: true, mode: 0o700 });
      createOwnerOnly(location.filename);
    }
    const connection = new BetterSqlite3(location.filename, { timeout: options.busyTimeoutMs ?? 15_000 });
    if (location.filename !== ':memory:') connection.pragma('journal_mode = WAL');
    connection.pragma('foreign_keys = ON');
    // With WAL, NORMAL is durable against application crashes (only an OS crash may lose the last commits).
    connection.pragma('synchronous = NORMAL');
    const cacheSize = options.statementCacheSize ?? STATEMENT_CACHE_SIZE;
    kysely = new Kysely<Schema>({
      dialect: new SqliteDialect({ database: cacheSize > 0 ? withStatementCache(connection, cacheSize) : connection }),
    });
  } else {
    const pool = new pg.Pool({ connectionString: location.connectionString, max: options.poolSize ?? 10 });
    // An idle client losing its connection must not crash the process; the next query reconnects.
    pool.on('error', () => undefined);
    connections = () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount });
    kysely = new Kysely<Schema>({ dialect: new PostgresDialect({ pool }) });
  }
  const dialect = location.dialect;
  return {
    kysely,
    dialect,
    connections: () => connections(),
    async migrate() {
      const migrator = new Migrator({ db: kysely, provider: migrationProvider(dialect) });
      const { error, results } = await migrator.migrateToLatest();
      if (error) {
        const failed = results?.find((result) => result.status === 'Error');
        throw new Error(
          `migration ${failed?.migrationName ?? ''} failed: ${error instanceof Error ? error.message : String(error)}`,
          { cause: error },
        );
      }
    },
    async close() {
      await kysely.destroy();
    },
  };
}

/** The name of the latest migration this code knows: the schema version of backups. */
export const SCHEMA_VERSION = LATEST_MIGRATION;

/** The name of the latest migration applied to a database, or undefined for an empty one. */
export async function appliedSchemaVersion(db: MigovDatabase): Promise<string | undefined> {
  const migrator = new Migrator({ db: db.kysely, provider: migrationProvider(db.dialect) });
  const migrations = await migrator.getMigrations();
  return migrations.filter((migration) => migration.executedAt).at(-1)?.name;
}

/**
 * Run `work` in one transaction. On SQLite it starts with BEGIN IMMEDIATE so a writer takes the write
 * lock first and waits (busy timeout) instead of failing when another process writes at the same time.
 */
export async function inTransaction<T>(db: MigovDatabase, work: (trx: Kysely<Schema>) => Promise<T>): Promise<T> {
  if (db.dialect === 'postgres') return db.kysely.transaction().execute((trx: Transaction<Schema>) => work(trx));
  return db.kysely.connection().execute(async (connection) => {
    await sql`begin immediate`.execute(connection);
    try {
      const result = await work(connection);
      await sql`commit`.execute(connection);
      return result;
    } catch (error) {
      await sql`rollback`.execute(connection);
      throw error;
    }
  });
}
