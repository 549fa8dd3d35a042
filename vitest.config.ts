import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { defineConfig } from 'vitest/config';
import { hasSharedData, repositoryRoot, sharedDataDirectory } from './test-support/shared-data.ts';

const include = [
  'packages/*/src/**/*.test.ts',
  'packages/*/test/**/*.test.ts',
  'apps/*/src/**/*.test.{ts,tsx}',
  'apps/*/test/**/*.test.ts',
  'bench/**/*.test.ts',
];
const exclude = ['**/node_modules/**', '**/dist/**'];

/** Test files that read the public test data (directly or through the shared-file helpers). */
function testsNeedingSharedData(): string[] {
  const found: string[] = [];
  const walk = (folder: string): void => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      if (entry.name === 'node_modules' || entry.name === 'dist' || entry.name.startsWith('.')) continue;
      const path = join(folder, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (
        /\.test\.tsx?$/.test(entry.name) &&
        /shared-data\.ts|shared-files\.test-helpers/.test(readFileSync(path, 'utf8'))
      )
        found.push(relative(repositoryRoot, path));
    }
  };
  for (const top of ['packages', 'apps', 'bench']) walk(join(repositoryRoot, top));
  return found.sort();
}

// Without the public test data (a clone with no ../shared beside it), the tests that read it are
// listed and left out, with the reason; CI sets MIGOV_REQUIRE_SHARED_DATA so that it never runs without them.
if (!hasSharedData()) {
  if (process.env.MIGOV_REQUIRE_SHARED_DATA)
    throw new Error(`the public test data is missing: ${sharedDataDirectory()} (MIGOV_REQUIRE_SHARED_DATA is set)`);
  const left = testsNeedingSharedData();
  exclude.push(...left);
  process.stderr.write(
    `\nThe public test data is not at ${sharedDataDirectory()} (set MIGOV_SHARED_DATA to the shared data folder).\n` +
      `These ${left.length} test files read it and are not run:\n${left.map((file) => `  ${file}`).join('\n')}\n\n`,
  );
}

export default defineConfig({
  test: {
    include,
    exclude,
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
