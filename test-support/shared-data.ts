// Tests read public data from the shared folder beside the repository (../shared/data), never from copies.
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repositoryRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** Absolute path of a file under ../shared/data (or $MIGOV_SHARED_DATA). */
export function sharedData(relativePath: string): string {
  const base = process.env.MIGOV_SHARED_DATA ?? resolve(repositoryRoot, '../shared/data');
  const path = resolve(base, relativePath);
  if (!existsSync(path)) throw new Error(`shared data file not found: ${path} (set MIGOV_SHARED_DATA to the shared data folder)`);
  return path;
}

export { repositoryRoot };
