/**
 * Throwaway databases for tests: SQLite in a temporary file, or a fresh PostgreSQL database
 * (`migov_test_<random>`) on the server named by MIGOV_TEST_POSTGRES_URL, dropped afterwards.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { createDatabase, type Dialect, type MigovDatabase } from '../database.ts';

/** The dialects every repository test runs on. */
export const TEST_DIALECTS: readonly Dialect[] = ['sqlite', 'postgres'];

/** The PostgreSQL server for tests (an administrative connection that may create databases). */
function testPostgresUrl(): string {
  return process.env.MIGOV_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
}

/** A test database: its URL (to open more connections, e.g. from child processes) and how to dispose of it. */
export interface TestDatabase {
  db: MigovDatabase;
  url: string;
  dialect: Dialect;
  /** Close the connection and remove the database (file or PostgreSQL database). */
  dispose(): Promise<void>;
}

async function withAdmin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: testPostgresUrl() });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Create an empty database URL of a dialect (no schema) and a function that removes it. */
export async function createEmptyTestDatabaseUrl(
  dialect: Dialect,
): Promise<{ url: string; remove: () => Promise<void> }> {
  if (dialect === 'sqlite') {
    const directory = mkdtempSync(join(tmpdir(), 'migov-db-'));
    return {
      url: `sqlite:${join(directory, 'test.sqlite')}`,
      remove: async () => rmSync(directory, { recursive: true, force: true }),
    };
  }
  const name = `migov_test_${randomBytes(6).toString('hex')}`;
  await withAdmin(async (client) => {
    await client.query(`create database ${name}`);
    // Test databases are thrown away: skipping the commit flush keeps the suite fast on shared machines.
    await client.query(`alter database ${name} set synchronous_commit = off`);
  });
  const url = new URL(testPostgresUrl());
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    remove: async () => {
      await withAdmin((client) => client.query(`drop database if exists ${name} with (force)`));
    },
  };
}

/** Open a fresh, migrated test database of a dialect. */
export async function createTestDatabase(
  dialect: Dialect,
  options: { poolSize?: number; migrate?: boolean } = {},
): Promise<TestDatabase> {
  const { url, remove } = await createEmptyTestDatabaseUrl(dialect);
  const db = await createDatabase({ url, ...(options.poolSize ? { poolSize: options.poolSize } : {}) });
  if (options.migrate !== false) await db.migrate();
  return {
    db,
    url,
    dialect,
    async dispose() {
      await db.close();
      await remove();
    },
  };
}
