import { Readable, Writable } from 'node:stream';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MigovDatabase } from '../database.ts';
import { ConflictError, ValidationError } from '../errors.ts';
import { seedDemoData } from '../demo/seed-demo-data.ts';
import { TABLES, TABLE_NAMES, type ColumnKind } from '../schema/tables.ts';
import { TEST_DIALECTS, createTestDatabase, type TestDatabase } from '../testing/test-database.ts';
import { backupDatabase, encodeValue, readTableRows, restoreDatabase } from './backup.ts';
import { SCHEMA_VERSION } from '../database.ts';

/** Every row of every table in the neutral form: what "identical" means across dialects. */
async function dump(db: MigovDatabase): Promise<Record<string, unknown[][]>> {
  const result: Record<string, unknown[][]> = {};
  for (const table of TABLE_NAMES) {
    const columns = Object.entries(TABLES[table]) as [string, ColumnKind][];
    result[table] = [];
    for await (const page of readTableRows(db.kysely, table))
      for (const row of page) result[table].push(columns.map(([name, kind]) => encodeValue(db, kind, row[name])));
  }
  return result;
}

async function backupToBuffer(
  db: MigovDatabase,
  onProgress?: (table: string, done: number, total: number) => void,
): Promise<Buffer> {
  const chunks: Buffer[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      chunks.push(chunk);
      callback();
    },
  });
  await backupDatabase(db, sink, onProgress ? { onProgress } : {});
  return Buffer.concat(chunks);
}

/** The backup's lines without the header (which carries the time and source dialect). */
function body(backup: Buffer): string[] {
  return gunzipSync(backup).toString('utf8').trim().split('\n').slice(1);
}

describe('backup and restore', () => {
  const sources = new Map<string, { test: TestDatabase; backup: Buffer; dump: Record<string, unknown[][]> }>();
  const opened: TestDatabase[] = [];

  beforeAll(async () => {
    // Seeded once on SQLite; the PostgreSQL source is a restore of that backup (itself checked below).
    const sqlite = await createTestDatabase('sqlite');
    opened.push(sqlite);
    await seedDemoData(sqlite.db, { seed: 7, passwordHash: '$argon2id$v=19$m=65536,t=3,p=4$ZGVtb3NhbHQ$ZGVtb2hhc2g' });
    const sqliteBackup = await backupToBuffer(sqlite.db);
    sources.set('sqlite', { test: sqlite, backup: sqliteBackup, dump: await dump(sqlite.db) });
    const postgres = await createTestDatabase('postgres');
    opened.push(postgres);
    await restoreDatabase(postgres.db, Readable.from(sqliteBackup));
    sources.set('postgres', {
      test: postgres,
      backup: await backupToBuffer(postgres.db),
      dump: await dump(postgres.db),
    });
  }, 120_000);
  afterAll(async () => {
    for (const test of opened) await test.dispose();
  });

  async function fresh(dialect: (typeof TEST_DIALECTS)[number]): Promise<TestDatabase> {
    const test = await createTestDatabase(dialect);
    opened.push(test);
    return test;
  }

  it('restores the seeded SQLite database into PostgreSQL with every row equal', () => {
    expect(sources.get('postgres')!.dump).toEqual(sources.get('sqlite')!.dump);
    expect(sources.get('sqlite')!.dump.evidence!.length).toBeGreaterThan(0);
  });

  it.each(TEST_DIALECTS)('writes a header, every table and an end marker (%s)', (dialect) => {
    const lines = gunzipSync(sources.get(dialect)!.backup)
      .toString('utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines[0]).toMatchObject({
      format: 'migov-backup',
      formatVersion: 1,
      schemaVersion: SCHEMA_VERSION,
      sourceDialect: dialect,
    });
    expect(lines.filter((line) => typeof line.table === 'string').map((line) => line.table)).toEqual(TABLE_NAMES);
    expect(lines.at(-1)).toMatchObject({ end: true, rows: { users: 6, rounds: 3 } });
  });

  const pairs = TEST_DIALECTS.flatMap((from) => TEST_DIALECTS.map((to) => [from, to] as const));
  it.each(pairs)(
    'restores a %s backup into %s identically',
    async (from, to) => {
      const source = sources.get(from)!;
      const target = await fresh(to);
      const progress: string[] = [];
      const summary = await restoreDatabase(target.db, Readable.from(source.backup), {
        onProgress: (table) => progress.push(table),
      });
      expect(summary.rows.evidence).toBeGreaterThan(0);
      expect(progress).toContain('revisions');
      expect(await dump(target.db)).toEqual(source.dump);
      if (from === to) expect(body(await backupToBuffer(target.db))).toEqual(body(source.backup));
    },
    60_000,
  );

  it('refuses to restore over existing data', async () => {
    const source = sources.get('sqlite')!;
    await expect(restoreDatabase(source.test.db, Readable.from(source.backup))).rejects.toBeInstanceOf(ConflictError);
  });

  it.each(TEST_DIALECTS)('restores nothing from a truncated or foreign file (%s)', async (dialect) => {
    const target = await fresh(dialect);
    const lines = gunzipSync(sources.get('sqlite')!.backup).toString('utf8').split('\n');
    const truncated = gzipSync(lines.slice(0, Math.floor(lines.length * 0.8)).join('\n'));
    await expect(restoreDatabase(target.db, Readable.from(truncated))).rejects.toMatchObject({
      name: 'ValidationError',
      message: expect.stringContaining('truncated'),
    });
    expect((await dump(target.db)).users).toEqual([]);
    const foreign = gzipSync(
      `${JSON.stringify({ format: 'migov-backup', formatVersion: 1, schemaVersion: '0099-future' })}\n`,
    );
    await expect(restoreDatabase(target.db, Readable.from(foreign))).rejects.toBeInstanceOf(ValidationError);
    await expect(restoreDatabase(target.db, Readable.from(gzipSync('{"not":"a backup"}\n')))).rejects.toMatchObject({
      message: expect.stringContaining('not a migov backup'),
    });
  });
});
