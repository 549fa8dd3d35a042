// Import the benchmark's Parquet file into a SQLite database (the baseline cannot read Parquet):
// DuckDB only streams the rows out, better-sqlite3 inserts them in one transaction.
// Usage: tsx sqlite-import.ts <file.parquet> <db.sqlite>; prints one JSON line.
import Database from 'better-sqlite3';
import { existsSync, rmSync } from 'node:fs';
import { openSession } from '@migov/microdata';
import { quoteLiteral } from '@migov/microdata/sql';

const [file, dbPath] = process.argv.slice(2);
if (!file || !dbPath) throw new Error('usage: sqlite-import.ts <file.parquet> <db.sqlite>');
if (existsSync(dbPath)) rmSync(dbPath);
const started = performance.now();
const db = new Database(dbPath);
db.pragma('journal_mode = OFF');
db.pragma('synchronous = OFF');
db.exec(`CREATE TABLE persons (
  person_id INTEGER, household_id INTEGER, stratum INTEGER, psu INTEGER, weight REAL, sex INTEGER, age INTEGER,
  birth_country TEXT, citizenship TEXT, residence_5y_ago TEXT, years_since_arrival INTEGER, attending_education INTEGER, labour_status INTEGER)`);
const insert = db.prepare('INSERT INTO persons VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)');
const session = await openSession({ memoryLimit: '1GB', threads: 1 });
const result = await session.connection.stream(
  `SELECT person_id, household_id, stratum, psu, weight, sex, age, birth_country, citizenship, residence_5y_ago, years_since_arrival, attending_education, labour_status
   FROM read_parquet(${quoteLiteral(file)})`,
);
let rows = 0;
const insertChunk = db.transaction((chunk: unknown[][]) => {
  for (const row of chunk) insert.run(row.map((value) => (typeof value === 'bigint' ? Number(value) : value)));
});
for (;;) {
  const chunk = await result.fetchChunk();
  if (!chunk || chunk.rowCount === 0) break;
  insertChunk(chunk.getRows());
  rows += chunk.rowCount;
}
session.close();
db.close();
process.stdout.write(
  `${JSON.stringify({ engine: 'sqlite-import', rows, seconds: (performance.now() - started) / 1000, maxRssMb: process.resourceUsage().maxRSS / 1024, cpuSeconds: (process.resourceUsage().userCPUTime + process.resourceUsage().systemCPUTime) / 1e6 })}\n`,
);
