/**
 * Fill a database to the real world's size (or a fraction of it) and leave it there.
 * Run: npx tsx bench/world/generate.ts --database sqlite:/tmp/world.sqlite [--seed 2019] [--scale 1]
 * (`--database postgres://…` for PostgreSQL; the database must be empty.)
 */
import { numberArg } from '../server/bench-support.ts';
import { worldDatabase } from './world-database.ts';

const index = process.argv.indexOf('--database');
const url = index >= 0 ? process.argv[index + 1] : undefined;
if (!url) {
  process.stderr.write('usage: npx tsx bench/world/generate.ts --database <url> [--seed N] [--scale 0..1]\n');
  process.exit(2);
}
const world = await worldDatabase(url.startsWith('postgres') ? 'postgres' : 'sqlite', {
  url,
  seed: numberArg('seed', 2019),
  scale: Math.min(1, numberArg('scale', 1)),
});
await world.db.close();
process.stdout.write(`${url}: ${JSON.stringify(world.summary.rows)} in ${world.seconds.toFixed(0)} s\n`);
