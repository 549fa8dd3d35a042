/**
 * Backup and restore in a dialect-neutral format: gzipped JSON lines. The first line is a header
 * naming the format and schema version, then one line per table (`{"table", "columns"}`) followed by
 * its rows as arrays (`{"r": [...]}`), and a last line with the row count of every table. Values are
 * neutral: timestamps as ISO strings, JSON columns as JSON, bytes as base64, numbers as numbers; so a
 * SQLite backup restores into PostgreSQL and back unchanged.
 */
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { pipeline } from 'node:stream/promises';
import type { Readable, Writable } from 'node:stream';
import { createGunzip, createGzip } from 'node:zlib';
import { sql, type Kysely } from 'kysely';
import { appliedSchemaVersion, inTransaction, type MigovDatabase } from '../database.ts';
import { ConflictError, ValidationError } from '../errors.ts';
import { readJson, readNumber, readTimestamp, writeJson } from '../schema/codec.ts';
import type { Schema } from '../schema/schema.ts';
import { TABLES, TABLE_NAMES, TABLE_ORDER_BY, type ColumnKind, type TableName } from '../schema/tables.ts';

/** The format name written in every backup header. */
const BACKUP_FORMAT = 'migov-backup';
/** The version of the backup format itself (not of the schema). */
const BACKUP_FORMAT_VERSION = 1;

/** The first line of a backup. */
interface BackupHeader {
  format: typeof BACKUP_FORMAT;
  formatVersion: number;
  schemaVersion: string;
  createdAt: string;
  sourceDialect: string;
  tables: string[];
}

/** What was written or restored: rows per table. */
export interface BackupSummary {
  schemaVersion: string;
  rows: Record<string, number>;
}

/** Options of backupDatabase and restoreDatabase. */
export interface BackupOptions {
  /** Called as rows are written or restored (e.g. to print progress for large tables). */
  onProgress?: (table: string, done: number, total: number) => void;
}

const PAGE = 1000;

/** Backup and restore walk tables by name from TABLES, so they see the schema as plain records. */
type DynamicSchema = Record<string, Record<string, unknown>>;

/** A stored value in the neutral form of backups. */
export function encodeValue(db: MigovDatabase, kind: ColumnKind, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  switch (kind) {
    case 'timestamp':
      return readTimestamp(value);
    case 'json':
      return readJson(db.dialect, value);
    case 'bytes':
      return Buffer.from(value as Uint8Array).toString('base64');
    case 'integer':
    case 'bigint':
    case 'decimal':
      return readNumber(value);
    default:
      return value;
  }
}

function decodeValue(kind: ColumnKind, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  switch (kind) {
    case 'json':
      return writeJson(value);
    case 'bytes':
      return Buffer.from(value as string, 'base64');
    default:
      return value;
  }
}

/** Rows of a table in key order, a page at a time (keyset pagination, so large tables stay linear). */
export async function* readTableRows(
  kysely: Kysely<Schema>,
  table: TableName,
): AsyncGenerator<Record<string, unknown>[]> {
  const keys = TABLE_ORDER_BY[table];
  let after: unknown[] | undefined;
  for (;;) {
    // The table name comes from the fixed schema list, never from input.
    let query = (kysely as unknown as Kysely<DynamicSchema>).selectFrom(table).selectAll();
    if (after) {
      const last = after;
      query = query.where(sql<boolean>`(${sql.join(keys.map((key) => sql.ref(key)))}) > (${sql.join(last)})`);
    }
    for (const key of keys) query = query.orderBy(sql.ref(key));
    const rows = await query.limit(PAGE).execute();
    if (rows.length === 0) return;
    yield rows;
    if (rows.length < PAGE) return;
    const lastRow = rows.at(-1) ?? {};
    after = keys.map((key) => lastRow[key]);
  }
}

async function inReadSnapshot<T>(db: MigovDatabase, work: (kysely: Kysely<Schema>) => Promise<T>): Promise<T> {
  if (db.dialect === 'postgres') {
    return db.kysely
      .transaction()
      .setIsolationLevel('repeatable read')
      .execute((trx) => work(trx));
  }
  // A deferred transaction reads one WAL snapshot without blocking writers.
  return db.kysely.connection().execute(async (connection) => {
    await sql`begin`.execute(connection);
    try {
      return await work(connection);
    } finally {
      await sql`commit`.execute(connection);
    }
  });
}

async function writeLine(stream: Writable, value: unknown): Promise<void> {
  if (!stream.write(`${JSON.stringify(value)}\n`)) await once(stream, 'drain');
}

/** Write a consistent backup of the whole database (one read snapshot) to `writable`, gzipped. */
export async function backupDatabase(
  db: MigovDatabase,
  writable: Writable,
  options: BackupOptions = {},
): Promise<BackupSummary> {
  const schemaVersion = await appliedSchemaVersion(db);
  if (!schemaVersion) throw new ConflictError('the database has no schema yet: run migrations first');
  const gzip = createGzip();
  const done = pipeline(gzip, writable);
  const rows: Record<string, number> = {};
  try {
    await inReadSnapshot(db, async (kysely) => {
      const header: BackupHeader = {
        format: BACKUP_FORMAT,
        formatVersion: BACKUP_FORMAT_VERSION,
        schemaVersion,
        createdAt: new Date().toISOString(),
        sourceDialect: db.dialect,
        tables: TABLE_NAMES,
      };
      await writeLine(gzip, header);
      for (const table of TABLE_NAMES) {
        const columns = Object.entries(TABLES[table]) as [string, ColumnKind][];
        const totalRow = await kysely
          .selectFrom(table as 'users')
          .select((eb) => eb.fn.countAll().as('count'))
          .executeTakeFirstOrThrow();
        const total = readNumber(totalRow.count);
        await writeLine(gzip, { table, columns: columns.map(([name]) => name), rows: total });
        let count = 0;
        for await (const page of readTableRows(kysely, table)) {
          for (const row of page)
            await writeLine(gzip, { r: columns.map(([name, kind]) => encodeValue(db, kind, row[name])) });
          count += page.length;
          options.onProgress?.(table, count, total);
        }
        rows[table] = count;
      }
      await writeLine(gzip, { end: true, rows });
    });
    gzip.end();
  } catch (error) {
    gzip.destroy(error as Error);
    await done.catch(() => undefined);
    throw error;
  }
  await done;
  return { schemaVersion, rows };
}

function invalid(line: number, message: string): ValidationError {
  return new ValidationError([{ field: `backup line ${line}`, message }]);
}

/**
 * Restore a backup into an empty, migrated database of either dialect, in one transaction: a
 * truncated or corrupt file restores nothing. The schema versions must match.
 */
export async function restoreDatabase(
  db: MigovDatabase,
  readable: Readable,
  options: BackupOptions = {},
): Promise<BackupSummary> {
  const schemaVersion = await appliedSchemaVersion(db);
  if (!schemaVersion) throw new ConflictError('the target database has no schema yet: run migrations first');
  for (const table of TABLE_NAMES) {
    const row = await db.kysely
      .selectFrom(table as 'users')
      .select((eb) => eb.fn.countAll().as('count'))
      .executeTakeFirstOrThrow();
    if (readNumber(row.count) > 0)
      throw new ConflictError(`restore needs an empty database, but table ${table} has rows`);
  }
  return inTransaction(db, async (trx) => {
    // Created only now: readline emits lines as soon as data flows, and lines emitted before the loop would be lost.
    const lines = createInterface({ input: readable.pipe(createGunzip()), crlfDelay: Number.POSITIVE_INFINITY });
    let lineNumber = 0;
    let header: BackupHeader | undefined;
    let table: TableName | undefined;
    let columns: [string, ColumnKind][] = [];
    let expected = 0;
    let batch: Record<string, unknown>[] = [];
    let batchBytes = 0;
    const rows: Record<string, number> = {};
    let finished = false;
    const flush = async () => {
      if (!table || batch.length === 0) return;
      await (trx as unknown as Kysely<DynamicSchema>).insertInto(table).values(batch).execute();
      rows[table] = (rows[table] ?? 0) + batch.length;
      options.onProgress?.(table, rows[table] ?? 0, expected);
      batch = [];
      batchBytes = 0;
    };
    for await (const text of lines) {
      lineNumber += 1;
      if (text.trim() === '') continue;
      let entry: Record<string, unknown>;
      try {
        entry = JSON.parse(text) as Record<string, unknown>;
      } catch {
        throw invalid(lineNumber, 'not JSON: the file is corrupt');
      }
      if (!header) {
        if (entry.format !== BACKUP_FORMAT)
          throw invalid(lineNumber, `not a migov backup (format ${String(entry.format)})`);
        if (entry.formatVersion !== BACKUP_FORMAT_VERSION)
          throw invalid(
            lineNumber,
            `backup format version ${String(entry.formatVersion)} is not supported (expected ${BACKUP_FORMAT_VERSION})`,
          );
        if (entry.schemaVersion !== schemaVersion)
          throw invalid(
            lineNumber,
            `backup schema ${String(entry.schemaVersion)} does not match this database's schema ${schemaVersion}`,
          );
        header = entry as unknown as BackupHeader;
        continue;
      }
      if (finished) throw invalid(lineNumber, 'content after the end marker');
      if (Array.isArray(entry.r)) {
        if (!table) throw invalid(lineNumber, 'a row before any table');
        const values = entry.r as unknown[];
        if (values.length !== columns.length)
          throw invalid(lineNumber, `a row of ${table} has ${values.length} values for ${columns.length} columns`);
        batch.push(Object.fromEntries(columns.map(([name, kind], index) => [name, decodeValue(kind, values[index])])));
        batchBytes += text.length;
        // Stay under both dialects' parameter limits and keep memory bounded for large files.
        if (batch.length * columns.length >= 20_000 || batchBytes > 8_000_000) await flush();
        continue;
      }
      if (typeof entry.table === 'string') {
        await flush();
        if (table && (rows[table] ?? 0) !== expected)
          throw invalid(lineNumber, `table ${table} has ${rows[table] ?? 0} rows, the backup announced ${expected}`);
        if (!(entry.table in TABLES)) throw invalid(lineNumber, `unknown table ${entry.table}`);
        table = entry.table as TableName;
        const known = TABLES[table] as Record<string, ColumnKind>;
        const names = entry.columns as unknown;
        if (
          !Array.isArray(names) ||
          names.some((name) => typeof name !== 'string' || !(name in known)) ||
          names.length !== Object.keys(known).length
        ) {
          throw invalid(lineNumber, `the columns of ${table} do not match the schema`);
        }
        columns = (names as string[]).map((name) => [name, known[name] as ColumnKind]);
        expected = Number(entry.rows ?? 0);
        rows[table] = 0;
        continue;
      }
      if (entry.end === true) {
        await flush();
        const announced = entry.rows as Record<string, number>;
        for (const name of Object.keys(announced ?? {})) {
          if ((rows[name] ?? 0) !== announced[name])
            throw invalid(
              lineNumber,
              `table ${name} has ${rows[name] ?? 0} rows, the backup recorded ${announced[name]}`,
            );
        }
        finished = true;
        continue;
      }
      throw invalid(lineNumber, 'unrecognised line');
    }
    if (!header) throw invalid(lineNumber, 'empty file: no backup header');
    if (!finished) throw invalid(lineNumber, 'the backup is truncated: no end marker');
    return { schemaVersion, rows };
  });
}
