/**
 * A database of the real world's size: first start without demo content (schema, administrator, the
 * official snapshot), then `generateWorld` (packages/db/src/testing/world.ts) with its progress on
 * the terminal.
 */
import { sql } from 'kysely';
import { createDatabase, type MigovDatabase } from '@migov/db';
import { bootstrapDatabase } from '@migov/server';
import { generateWorld, type WorldSummary } from '@migov/db/testing';
import { emptyBenchDatabase, type BenchDialect } from '../server/bench-support.ts';

/** The administrator of a bench database (bench-support's seededDatabase uses the same password). */
export const BENCH_ADMIN = { email: 'admin@migov.local', password: 'bench administrator password' };

/** Progress on stderr: one line rewritten on a terminal, a line per part and every 10% otherwise. */
function terminalProgress(label: string): (part: string, done: number, total: number) => void {
  const started = Date.now();
  let lastPart = '';
  let lastTenth = -1;
  return (part, done, total) => {
    const seconds = ((Date.now() - started) / 1000).toFixed(0);
    const text = `${label}: ${part} ${done.toLocaleString('en')} / ${total.toLocaleString('en')} (${seconds} s)`;
    if (process.stderr.isTTY) {
      process.stderr.write(`\r${text.padEnd(78)}`);
      return;
    }
    const tenth = Math.floor((done / Math.max(total, 1)) * 10);
    if (part !== lastPart || tenth !== lastTenth) process.stderr.write(`${text}\n`);
    lastPart = part;
    lastTenth = tenth;
  };
}

/** Build a world-size database of the dialect; `drop` closes and removes it. */
export async function worldDatabase(
  dialect: BenchDialect,
  options: { seed: number; scale: number; url?: string },
): Promise<{ db: MigovDatabase; url: string; summary: WorldSummary; seconds: number; drop(): Promise<void> }> {
  const target = options.url ? { url: options.url, remove: async () => undefined } : await emptyBenchDatabase(dialect);
  const db = await createDatabase({ url: target.url, ...(dialect === 'postgres' ? { poolSize: 20 } : {}) });
  const started = Date.now();
  await bootstrapDatabase(db, { demo: false, adminPassword: BENCH_ADMIN.password });
  const summary = await generateWorld(db, {
    seed: options.seed,
    scale: options.scale,
    onProgress: terminalProgress(`world (${dialect}, seed ${options.seed}, scale ${options.scale})`),
  });
  if (process.stderr.isTTY) process.stderr.write('\n');
  // Ten years of growth would have let autovacuum set the statistics and visibility maps that a bulk
  // load has not had time for: without them PostgreSQL counts and plans as on an empty table.
  if (dialect === 'postgres') await sql`vacuum analyze`.execute(db.kysely);
  return {
    db,
    url: target.url,
    summary,
    seconds: (Date.now() - started) / 1000,
    async drop() {
      await db.close();
      await target.remove();
    },
  };
}
