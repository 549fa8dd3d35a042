/** Shared pieces of the server benchmarks: a seeded database per dialect, a listening app, results output. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { createDatabase, type MigovDatabase } from '@migov/db';
import { bootstrapDatabase, createApp, type MigovApp } from '@migov/server';

export const repositoryRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const POSTGRES_URL =
  process.env.MIGOV_BENCH_POSTGRES_URL ??
  process.env.MIGOV_TEST_POSTGRES_URL ??
  'postgres://postgres@127.0.0.1:5432/postgres';
export type BenchDialect = 'sqlite' | 'postgres';

/** The dialects asked for on the command line (`--dialect sqlite`), default both. */
export function dialectsFromArgs(): BenchDialect[] {
  const index = process.argv.indexOf('--dialect');
  const value = index >= 0 ? process.argv[index + 1] : undefined;
  if (value === 'sqlite' || value === 'postgres') return [value];
  return ['sqlite', 'postgres'];
}

/** A number option from the command line (`--duration 10`). */
export function numberArg(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  const value = index >= 0 ? Number(process.argv[index + 1]) : Number.NaN;
  return Number.isFinite(value) && value > 0 ? value : fallback;
}

/** The URL of a new, empty database of the dialect (a SQLite file in a temporary folder, or a PostgreSQL database), and how to remove it. */
export async function emptyBenchDatabase(dialect: BenchDialect): Promise<{ url: string; remove(): Promise<void> }> {
  if (dialect === 'sqlite') {
    const folder = mkdtempSync(join(tmpdir(), 'migov-bench-'));
    return {
      url: `sqlite:${join(folder, 'bench.sqlite')}`,
      remove: async () => rmSync(folder, { recursive: true, force: true }),
    };
  }
  const name = `migov_bench_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: POSTGRES_URL });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(POSTGRES_URL);
  url.pathname = `/${name}`;
  return {
    url: url.href,
    async remove() {
      const client = new pg.Client({ connectionString: POSTGRES_URL });
      await client.connect();
      await client.query(`drop database if exists ${name} with (force)`);
      await client.end();
    },
  };
}

/** A fresh database of the dialect after first start (the official snapshot and the demo data), and its URL; `drop` removes it. */
export async function seededDatabase(
  dialect: BenchDialect,
  options: { poolSize?: number } = {},
): Promise<{ db: MigovDatabase; url: string; drop(): Promise<void> }> {
  const { url: databaseUrl, remove: cleanup } = await emptyBenchDatabase(dialect);
  const db = await createDatabase({
    url: databaseUrl,
    ...(dialect === 'postgres' ? { poolSize: options.poolSize ?? 20 } : {}),
  });
  // The official UN data comes with the snapshot loaded on first start; the demo adds publications.
  await bootstrapDatabase(db, { demo: true, adminPassword: 'bench administrator password' });
  return {
    db,
    url: databaseUrl,
    async drop() {
      await db.close();
      await cleanup();
    },
  };
}

/** Build the app and listen on a free loopback port. */
export async function listening(
  db: MigovDatabase,
  config: Parameters<typeof createApp>[0]['config'] = {},
): Promise<{ app: MigovApp; url: string }> {
  const app = await createApp({ db, config: { signInPerIpPerMinute: 1_000_000, ...config }, logger: false });
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  return { app, url };
}

/** Write results to bench/results/<name>-<time>.json (gitignored) and return the path. */
export function writeResults(name: string, results: unknown): string {
  const folder = resolve(repositoryRoot, 'bench/results');
  mkdirSync(folder, { recursive: true });
  const path = join(folder, `${name}-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  writeFileSync(path, `${JSON.stringify(results, null, 2)}\n`);
  return path;
}

/** Print rows as an aligned text table. */
export function printTable(rows: Record<string, string | number>[]): void {
  if (rows.length === 0) return;
  const columns = Object.keys(rows[0]!);
  const widths = columns.map((column) =>
    Math.max(column.length, ...rows.map((row) => String(row[column] ?? '').length)),
  );
  const line = (cells: string[]) => cells.map((cell, index) => cell.padEnd(widths[index]!)).join('  ');
  process.stdout.write(`${line(columns)}\n${line(widths.map((width) => '-'.repeat(width)))}\n`);
  for (const row of rows) process.stdout.write(`${line(columns.map((column) => String(row[column] ?? '')))}\n`);
}

/** Percentile of sorted numbers. */
export function percentile(sorted: readonly number[], fraction: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor(fraction * sorted.length))]!;
}
