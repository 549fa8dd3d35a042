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

/** A sink appending records to `table` (created or replaced); call `finish()` at the end. */
export async function createStagingSink(connection: DuckDBConnection, table: string, columns: readonly StagedColumn[]): Promise<RecordSink & { finish(): void; rows: number }> {
  const definition = columns.map((column) => `${quoteIdent(column.name)} ${column.type === 'number' ? 'DOUBLE' : 'VARCHAR'}`).join(', ');
  await connection.run(`CREATE OR REPLACE TABLE ${quoteIdent(table)} (${definition})`);
  const appender = await connection.createAppender(table);
  const types = columns.map((column) => (column.type === 'number' ? DOUBLE : VARCHAR));
  const values: (number | string | null)[][] = columns.map(() => new Array<number | string | null>(CHUNK_ROWS).fill(null));
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
      if (++count === CHUNK_ROWS) flush();
    },
    finish() {
      flush();
      appender.flushSync();
      appender.closeSync();
    },
  };
}
