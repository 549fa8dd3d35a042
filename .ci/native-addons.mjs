// Loads each native dependency with the running Node and uses it once, so that CI states which
// Node version (and addon ABI) the installed binaries serve, and fails early when one does not load.
// Run from the root of a tree after `npm ci`: node .ci/native-addons.mjs
import { createRequire } from 'node:module';
import { resolve } from 'node:path';

const fromWorkspace = (workspace) => createRequire(resolve(workspace, 'package.json'));
const failures = [];
const check = async (name, workspace, use) => {
  try {
    const require = fromWorkspace(workspace);
    const { version } = require(`${name}/package.json`);
    const detail = await use(require);
    console.log(`  ${name} ${version}: ${detail}`);
  } catch (error) {
    failures.push(name);
    console.log(
      `  ${name}: does not load on Node ${process.version}: ${(error instanceof Error ? error.message : String(error)).replace(/\s*\n\s*/g, ' ')}`,
    );
  }
};

console.log(
  `Node ${process.version} (addon ABI ${process.versions.modules}, N-API ${process.versions.napi}) at ${process.execPath}`,
);

await check('better-sqlite3', 'packages/db', (require) => {
  const Database = require('better-sqlite3');
  const db = new Database(':memory:');
  const { version } = db.prepare('select sqlite_version() as version').get();
  db.close();
  return `loaded, SQLite ${version} (built for this Node's ABI)`;
});

await check('@node-rs/argon2', 'packages/server', async (require) => {
  const { hash, verify } = require('@node-rs/argon2');
  const digest = await hash('password', { memoryCost: 1024, timeCost: 1 });
  if (!(await verify(digest, 'password'))) throw new Error('a hash it made does not verify');
  return 'loaded, hash and verify (prebuilt, Node-API)';
});

await check('@duckdb/node-api', 'packages/microdata', async (require) => {
  const { DuckDBInstance } = await import(require.resolve('@duckdb/node-api'));
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  const reader = await connection.runAndReadAll('select version() as version');
  const [[version]] = reader.getRows();
  connection.closeSync();
  return `loaded, DuckDB ${version} (prebuilt, Node-API)`;
});

if (failures.length > 0) {
  console.log(`native dependencies that do not load: ${failures.join(', ')} (docs/node-versions.md)`);
  process.exit(1);
}
