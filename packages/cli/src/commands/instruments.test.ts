import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { instrumentJsonSchema, SDG_10_7_2_V2019 } from '@migov/core';
import { describe, expect, it } from 'vitest';
import { runMigov } from '../run-cli.test-helper.ts';

describe('migov instruments', () => {
  it('lists the built-in versions', async () => {
    const run = await runMigov(['instruments', 'list', '--json']);
    expect(run.code).toBe(0);
    expect(
      JSON.parse(run.stdout).map(
        (row: { instrument: string; version: string; items: number }) =>
          `${row.instrument}@${row.version}:${row.items}`,
      ),
    ).toEqual(['sdg-10-7-2@2019:30', 'sdg-10-7-2@2025:30']);
  });

  it('validates a corrected wording loaded from YAML, and refuses a broken file with paths and exit code 1', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'migov-instruments-'));
    const corrected = JSON.parse(JSON.stringify(SDG_10_7_2_V2019));
    corrected.version = '2019-corrected';
    corrected.domains[5].items[4].text.en = 'Official wording of 6e';
    corrected.domains[5].items[4].wording = 'official';
    const { stringify } = await import('yaml');
    await writeFile(join(dir, 'corrected.yaml'), stringify(corrected));
    const ok = await runMigov(['instruments', 'validate', join(dir, 'corrected.yaml')]);
    expect(ok.stdout).toContain('valid scored instrument sdg-10-7-2@2019-corrected');
    expect(ok.code).toBe(0);

    corrected.scales['yes-no'][0].score = 'one';
    delete corrected.domains[0].items[1].scale;
    await writeFile(join(dir, 'broken.json'), JSON.stringify(corrected));
    const refused = await runMigov(['instruments', 'validate', join(dir, 'broken.json'), '--json']);
    expect(refused.code).toBe(1);
    expect(
      JSON.parse(refused.stdout)
        .problems.map((problem: { path: string }) => problem.path)
        .sort(),
    ).toEqual(['domains[0].items[1].scale', 'scales.yes-no[0].score']);
  });

  it('says which file is missing', async () => {
    const run = await runMigov(['instruments', 'validate', '/nonexistent/instrument.yaml']);
    expect(run.code).toBe(3);
    expect(run.stderr).toBe('migov: /nonexistent/instrument.yaml: no such file\n');
  });

  it('publishes the same JSON Schema as docs/schema/instrument.schema.json', async () => {
    const published = JSON.parse(
      await readFile(new URL('../../../../docs/schema/instrument.schema.json', import.meta.url), 'utf8'),
    );
    expect(published).toEqual(instrumentJsonSchema());
  });
});
