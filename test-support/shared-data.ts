// Tests read public data from the shared folder beside the repository (../shared/data), never from copies.
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repositoryRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** The folder of public test data: $MIGOV_SHARED_DATA, else ../shared/data beside the repository. */
export function sharedDataDirectory(): string {
  return process.env.MIGOV_SHARED_DATA ?? resolve(repositoryRoot, '../shared/data');
}

/** Whether the public test data is there. */
export function hasSharedData(): boolean {
  return existsSync(resolve(sharedDataDirectory(), 'un-sdg-10-7-2'));
}

/** Absolute path of a file under the public test data folder. */
export function sharedData(relativePath: string): string {
  const path = resolve(sharedDataDirectory(), relativePath);
  if (!existsSync(path))
    throw new Error(`shared data file not found: ${path} (set MIGOV_SHARED_DATA to the shared data folder)`);
  return path;
}

export { repositoryRoot };
