/**
 * Build the official data snapshot shipped with migov from the UN data files (docs/official-data.md).
 * Run: npm run snapshot:build -- [--from <folder with un-sdg-10-7-2/ and un-sdg-migration/>] [--retrieved-on YYYY-MM-DD]
 * Without --from: $MIGOV_SHARED_DATA, else ../shared/data beside the repository. Without --retrieved-on:
 * the date of the snapshot already committed (rebuilding gives the same bytes), else today.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BUNDLED_SNAPSHOT_DIRECTORY, buildSnapshotFromDdf, encodeSnapshot } from '../src/official/snapshot-files.ts';

function option(name: string): string | undefined {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? process.argv[index + 1] : undefined;
}

const repositoryRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const from = option('from') ?? process.env.MIGOV_SHARED_DATA ?? resolve(repositoryRoot, '../shared/data');
const manifestPath = join(BUNDLED_SNAPSHOT_DIRECTORY, 'manifest.json');
const committed = existsSync(manifestPath)
  ? (JSON.parse(readFileSync(manifestPath, 'utf8')) as { retrievedOn?: string }).retrievedOn
  : undefined;
const retrievedOn = option('retrieved-on') ?? committed ?? new Date().toISOString().slice(0, 10);

const files = encodeSnapshot(buildSnapshotFromDdf(from, retrievedOn));
mkdirSync(BUNDLED_SNAPSHOT_DIRECTORY, { recursive: true });
for (const name of readdirSync(BUNDLED_SNAPSHOT_DIRECTORY))
  if (!files.has(name)) rmSync(join(BUNDLED_SNAPSHOT_DIRECTORY, name));
for (const [name, bytes] of files) writeFileSync(join(BUNDLED_SNAPSHOT_DIRECTORY, name), bytes);
process.stdout.write(
  `official snapshot ${retrievedOn} from ${from}: ${[...files.keys()].join(', ')} in ${BUNDLED_SNAPSHOT_DIRECTORY}\n`,
);
