/** `migov import` on files built to exhaust a parser: a clear problem and exit code 1, never a crash. Inputs generated here. */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_MAX_DEPTH, DEFAULT_MAX_ROWS } from '@migov/core';
import { runMigov } from '../run-cli.test-helper.ts';

describe('migov import past the structural bounds', () => {
  it.each([
    ['lines.csv', () => 'a\n'.repeat(DEFAULT_MAX_ROWS + 1), `more than ${DEFAULT_MAX_ROWS.toLocaleString('en')} lines`],
    [
      'deep.json',
      () =>
        `{"format":"migov-observations","version":1,"observations":${'['.repeat(1_000_000)}${']'.repeat(1_000_000)}}`,
      `deeper than ${DEFAULT_MAX_DEPTH} levels`,
    ],
    [
      'wide.xml',
      () => `<root><o ${Array.from({ length: 500_000 }, (_, index) => `a${index}="1"`).join(' ')}/></root>`,
      'more than 1,000 attributes',
    ],
  ])('refuses %s with the bound it exceeds and exits 1', async (name, make, message) => {
    const file = join(await mkdtemp(join(tmpdir(), 'migov-limits-')), name);
    await writeFile(file, make());
    const run = await runMigov(['import', '--dry-run', '--json', file]);
    expect(run.code, run.stderr).toBe(1);
    const json = JSON.parse(run.stdout) as { observations: unknown[]; problems: { file: string; message: string }[] };
    expect(json.observations).toEqual([]);
    expect(json.problems).toEqual([{ file, message: expect.stringContaining(message) }]);
  });
});
