/**
 * Child process for the SQLite concurrency test: opens its own connection to the file database and
 * increments the counter `count` times with `parallel` concurrent savers. Prints the conflicts met.
 * Usage: tsx increment-saver.child.ts <url> <assessmentId> <count> <parallel>
 */
import { createDatabase } from '../database.ts';
import { incrementCounter } from './increment-saver.ts';

const [url, assessmentId, countText, parallelText] = process.argv.slice(2);
if (!url || !assessmentId) throw new Error('usage: increment-saver.child.ts <url> <assessmentId> <count> <parallel>');
const db = await createDatabase({ url });
const count = Number(countText ?? '1');
const parallel = Number(parallelText ?? '1');
let conflicts = 0;
let remaining = count;
await Promise.all(
  Array.from({ length: parallel }, async () => {
    while (remaining > 0) {
      remaining -= 1;
      conflicts += await incrementCounter(db, assessmentId, null);
    }
  }),
);
await db.close();
process.stdout.write(`${JSON.stringify({ conflicts })}\n`);
