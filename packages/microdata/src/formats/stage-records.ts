/**
 * Stream decoded records into a DuckDB table through its appender, one data chunk (2,048 records)
 * at a time: JavaScript never holds more than one chunk of the file.
 */
import { DOUBLE, DuckDBDataChunk, VARCHAR, type DuckDBConnection } from '@duckdb/node-api';
import type { RecordSink } from './file-metadata.ts';
import { quoteIdent } from '../sql.ts';

const CHUNK_ROWS = 2048;

/** A column of the staging table. */
export interface StagedColumn {
  name: string;
  type: 'number' | 'string';
}

/** The attached in-memory database staged files go to: compressed (DuckDB compresses it at each checkpoint). */
const STAGING_CATALOG = 'migov_staging';
/** Records between checkpoints by default: the uncompressed tail DuckDB holds is at most this many records. */
const ROWS_PER_CHECKPOINT = CHUNK_ROWS * 128;

/**
 * A sink appending records to `table` (created or replaced) in the compressed staging database;
 * call `finish()` at the end. Returns the qualified table name to read.
 */
export async function createStagingSink(
  connection: DuckDBConnection,
  table: string,
  columns: readonly StagedColumn[],
  rowsPerCheckpoint = ROWS_PER_CHECKPOINT,
): Promise<RecordSink & { finish(): void; rows: number; qualifiedName: string }> {
  await connection.run(`ATTACH IF NOT EXISTS ':memory:' AS ${STAGING_CATALOG} (COMPRESS)`);
  const qualifiedName = `${STAGING_CATALOG}.main.${quoteIdent(table)}`;
  const definition = columns
    .map((column) => `${quoteIdent(column.name)} ${column.type === 'number' ? 'DOUBLE' : 'VARCHAR'}`)
    .join(', ');
  await connection.run(`CREATE OR REPLACE TABLE ${qualifiedName} (${definition})`);
  const appender = await connection.createAppender(table, 'main', STAGING_CATALOG);
  const types = columns.map((column) => (column.type === 'number' ? DOUBLE : VARCHAR));
  const values: (number | string | null)[][] = columns.map(() =>
    new Array<number | string | null>(CHUNK_ROWS).fill(null),
  );
  let count = 0;
  let rows = 0;
  const flush = () => {
    if (count === 0) return;
    const chunk = DuckDBDataChunk.create(types, count);
    for (let column = 0; column < columns.length; column++) {
      const cells = values[column]!;
      chunk.setColumnValues(column, count === CHUNK_ROWS ? cells : cells.slice(0, count));
    }
    appender.appendDataChunk(chunk);
    count = 0;
  };
  return {
    qualifiedName,
    get rows() {
      return rows;
    },
    number(column, value) {
      values[column]![count] = value;
    },
    string(column, value) {
      values[column]![count] = value;
    },
    endRecord() {
      rows++;
      if (++count === CHUNK_ROWS) {
        flush();
        // Compress what has been appended, so that DuckDB holds about `rowsPerCheckpoint` records uncompressed at most.
        if (rows % rowsPerCheckpoint < CHUNK_ROWS) {
          appender.flushSync();
          return connection.run(`CHECKPOINT ${STAGING_CATALOG}`).then(() => undefined);
        }
      }
      return undefined;
    },
    finish() {
      flush();
      appender.flushSync();
      appender.closeSync();
    },
  };
}
