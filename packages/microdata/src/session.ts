import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';

/** An open DuckDB database and connection for microdata work; `close()` releases both. */
export interface MicrodataSession {
  connection: DuckDBConnection;
  close(): void;
}

/** Options for {@link openSession}. */
export interface SessionOptions {
  /** A database file for data larger than memory; `:memory:` (the default) otherwise. */
  path?: string;
  /** DuckDB `memory_limit`, e.g. `'2GB'`; DuckDB spills to `temp_directory` beyond it. */
  memoryLimit?: string;
  /** Worker threads; DuckDB's default is the number of cores. */
  threads?: number;
  /** Where DuckDB spills intermediate results when over the memory limit. */
  tempDirectory?: string;
}

/** Open a DuckDB session configured for microdata (bounded memory, optional thread count). */
export async function openSession(options: SessionOptions = {}): Promise<MicrodataSession> {
  const config: Record<string, string> = {};
  if (options.memoryLimit) config['memory_limit'] = options.memoryLimit;
  if (options.threads) config['threads'] = String(options.threads);
  if (options.tempDirectory) config['temp_directory'] = options.tempDirectory;
  const instance = await DuckDBInstance.create(options.path ?? ':memory:', config);
  const connection = await instance.connect();
  return {
    connection,
    close() {
      connection.closeSync();
      instance.closeSync();
    },
  };
}

/** Run a query and return its rows as plain JavaScript objects (BIGINT as bigint, DOUBLE as number). */
export async function queryRows(connection: DuckDBConnection, sql: string): Promise<Record<string, unknown>[]> {
  const reader = await connection.runAndReadAll(sql);
  return reader.getRowObjectsJS() as Record<string, unknown>[];
}
