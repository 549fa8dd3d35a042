/**
 * Prepared statements kept per SQL text for SQLite. Kysely's SQLite driver prepares every query
 * afresh; the same few hundred SQL texts come back all the time (a query's text holds `?` where its
 * values go), so each is prepared once and reused. better-sqlite3 re-prepares a statement by
 * itself after a schema change; a statement still being iterated is never handed out again.
 */
import type { Database, Statement } from 'better-sqlite3';
import type { SqliteDatabase } from 'kysely';

/** How many statements are kept; the least recently used one goes first. */
export const STATEMENT_CACHE_SIZE = 1000;

/** The connection as Kysely's SqliteDialect takes it, preparing each SQL text once. */
export function withStatementCache(
  connection: Database,
  size = STATEMENT_CACHE_SIZE,
): SqliteDatabase & { cachedStatements(): number } {
  const statements = new Map<string, Statement>();
  return {
    prepare(sql: string) {
      const cached = statements.get(sql);
      if (cached && !cached.busy) {
        // Move to the end: a Map keeps insertion order, so the first key is the least recently used.
        statements.delete(sql);
        statements.set(sql, cached);
        return cached;
      }
      const statement = connection.prepare(sql);
      if (!cached) {
        if (statements.size >= size) statements.delete(statements.keys().next().value!);
        statements.set(sql, statement);
      }
      return statement;
    },
    close() {
      statements.clear();
      connection.close();
    },
    cachedStatements: () => statements.size,
  };
}
