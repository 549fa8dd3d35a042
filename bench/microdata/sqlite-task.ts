// One benchmark run of the SQLite baseline in its own process: the same validation and the same three
// indicators with Taylor standard errors, as plain SQLite SQL (sqlite-queries.ts).
// Usage: tsx sqlite-task.ts <db.sqlite>; prints one JSON line.
import Database from 'better-sqlite3';
import { CANONICAL_VIEW_SQL, VALIDATION_SQL, createPsuCounts, sqliteParity, sqliteRatio } from './sqlite-queries.ts';

const [dbPath] = process.argv.slice(2);
if (!dbPath) throw new Error('usage: sqlite-task.ts <db.sqlite>');
const db = new Database(dbPath);
db.pragma('temp_store = FILE');
db.pragma('cache_size = -262144'); // 256 MB page cache
db.exec('DROP VIEW IF EXISTS microdata');
db.exec(CANONICAL_VIEW_SQL);
const timings: Record<string, number> = {};
const started = performance.now();
let lap = started;
const mark = (label: string) => {
  const now = performance.now();
  timings[label] = (now - lap) / 1000;
  lap = now;
};
const { problems } = db.prepare(VALIDATION_SQL).get() as { problems: number };
if (problems !== 0) throw new Error(`${problems} problems in the SQLite copy`);
createPsuCounts(db);
mark('validate');
const neet = sqliteRatio(db, 'neet');
mark('neet');
const unemployment = sqliteRatio(db, 'unemployment-rate');
mark('unemployment-rate');
const parity = sqliteParity(db);
mark('attendance-parity');
const cells = { neet, 'unemployment-rate': unemployment, 'attendance-parity': parity };
const total = (performance.now() - started) / 1000;
const { rows } = db.prepare('SELECT count(*) AS rows FROM persons').get() as { rows: number };
db.close();
process.stdout.write(
  `${JSON.stringify({ engine: 'sqlite', rows, timings, total, maxRssMb: process.resourceUsage().maxRSS / 1024, cpuSeconds: (process.resourceUsage().userCPUTime + process.resourceUsage().systemCPUTime) / 1e6, cells })}\n`,
);
