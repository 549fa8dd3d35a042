// One lint for the whole tree. The layering rules (docs/architecture.md) are enforced here:
// core is pure (no node:*, no other migov package); db sits on core; server and cli sit on db and core;
// nothing imports the cli, and only the cli's publish command imports the web app's static renderer;
// the web app runs in the browser (its globals, no node:*, no db, values from core's browser entries only).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import prettier from 'eslint-config-prettier';

const forbid = (patterns, message) => ({
  'no-restricted-imports': ['error', { patterns: patterns.map((group) => ({ group: [group], message })) }],
});

// The web app's own code; its tests and test helpers run in Node.
const webApp = ['apps/web/src/**/*.{ts,tsx}'];
const webTests = ['apps/web/src/**/*.test.{ts,tsx}', 'apps/web/src/**/*.test-helpers.ts'];

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', 'coverage/**', 'test-output/**', 'bench/results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  { ignores: webApp, languageOptions: { globals: { ...globals.node } } },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['packages/core/src/**/*.ts'],
    ignores: ['packages/core/src/**/*.test.ts', 'packages/core/src/**/*.test-helpers.ts'],
    languageOptions: { globals: {} },
    rules: forbid(
      ['node:*', 'fs', 'path', 'http', '@migov/*', '!@migov/core'],
      'core is pure: no I/O and no other migov package (docs/architecture.md)',
    ),
  },
  {
    files: ['packages/db/src/**/*.ts'],
    rules: forbid(['@migov/server', '@migov/cli', '@migov/web'], 'db sits under server and cli (docs/architecture.md)'),
  },
  {
    files: ['packages/briefs/src/**/*.ts', 'packages/microdata/src/**/*.ts'],
    rules: forbid(
      ['@migov/db', '@migov/server', '@migov/cli', '@migov/web'],
      'briefs and microdata sit on core only (docs/architecture.md)',
    ),
  },
  {
    files: ['packages/server/src/**/*.ts'],
    rules: forbid(['@migov/cli', '@migov/web'], 'nothing imports the cli or the web app (docs/architecture.md)'),
  },
  { files: webTests, languageOptions: { globals: { ...globals.node } } },
  {
    files: webApp,
    ignores: webTests,
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: '@migov/core',
              allowTypeImports: true,
              message:
                "the web app takes values from core's browser entries (@migov/core/scoring, /instruments, /observations, /crosswalks): the whole core carries the file readers (docs/architecture.md)",
            },
            {
              name: '@migov/server',
              allowTypeImports: true,
              message: 'the web app talks to the API only; it may use the server’s types (docs/architecture.md)',
            },
          ],
          patterns: [
            { group: ['node:*'], message: 'the web app runs in the browser: no Node modules (docs/architecture.md)' },
            {
              group: ['@migov/db', '@migov/db/*', '@migov/cli', '@migov/briefs', '@migov/microdata'],
              message: 'the web app talks to the API only (docs/architecture.md)',
            },
            {
              group: ['@migov/server/*'],
              allowTypeImports: true,
              message: 'the web app talks to the API only; it may use the types of its answers (docs/architecture.md)',
            },
          ],
        },
      ],
    },
  },
  // Layout is Prettier's (npm run format); no lint rule argues with it.
  prettier,
);
