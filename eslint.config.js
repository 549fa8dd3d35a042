// One lint for the whole tree. The layering rules (docs/architecture.md) are enforced here:
// core is pure (no node:*, no other migov package); db sits on core; server and cli sit on db and core;
// nothing imports the cli, and only the cli's publish command imports the web app's static renderer.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import prettier from 'eslint-config-prettier';

const forbid = (patterns, message) => ({
  'no-restricted-imports': ['error', { patterns: patterns.map((group) => ({ group: [group], message })) }],
});

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', 'coverage/**', 'test-output/**', 'bench/results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
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
  // Layout is Prettier's (npm run format); no lint rule argues with it.
  prettier,
);
