import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sharedData } from '../../../../test-support/shared-data.ts';
import { runMigov } from '../run-cli.test-helper.ts';

interface DryRun {
  observations: { series: string; area: string; year: number; domain: string; value: number | string }[];
  problems: { file: string; row?: number; column?: string; message: string }[];
}

async function dryRun(args: string[]): Promise<{ code: number; json: DryRun }> {
  const run = await runMigov(['import', '--dry-run', '--json', ...args]);
  return { code: run.code, json: JSON.parse(run.stdout) as DryRun };
}

const asTuples = (json: DryRun) =>
  json.observations.map(
    (observation) =>
      `${observation.series} ${observation.area} ${observation.year} ${observation.domain} ${observation.value}`,
  );

describe('migov import --dry-run --json', () => {
  it("imports Canada's Open SDG file for the area given by ISO code", async () => {
    const { code, json } = await dryRun([
      '--area',
      'CAN',
      sharedData('un-sdg-10-7-2/open-sdg_canada_indicator_10-7-2.csv'),
    ]);
    expect(code).toBe(0);
    expect(json.problems).toEqual([]);
    expect(asTuples(json).sort()).toEqual(
      [
        ...['ALLDOMAINS 3', 'DOMAIN1 3', 'DOMAIN2 4', 'DOMAIN3 4', 'DOMAIN4 4', 'DOMAIN5 4', 'DOMAIN6 4'].map(
          (entry) => `SG_CPA_MIGRS 124 2021 ${entry}`,
        ),
        ...['ALLDOMAINS 3', 'DOMAIN1 3', 'DOMAIN2 4', 'DOMAIN3 4', 'DOMAIN4 4', 'DOMAIN5 4', 'DOMAIN6 4'].map(
          (entry) => `SG_CPA_MIGRS 124 2019 ${entry}`,
        ),
      ].sort(),
    );
  });

  it("imports Croatia's wide file with Croatian labels as the 2021 round", async () => {
    const { code, json } = await dryRun([
      '--area',
      '191',
      sharedData('un-sdg-10-7-2/open-sdg_croatia_indicator_10-7-2.csv'),
    ]);
    expect(code).toBe(0);
    expect(asTuples(json)).toEqual(
      ['ALLDOMAINS 3', 'DOMAIN1 3', 'DOMAIN2 2', 'DOMAIN3 3', 'DOMAIN4 3', 'DOMAIN5 3', 'DOMAIN6 4'].map(
        (entry) => `SG_CPA_MIGRS 191 2021 ${entry}`,
      ),
    );
  });

  it("imports Malta's file given by M49 code with leading zeros", async () => {
    const { code, json } = await dryRun([
      '--area',
      '470',
      sharedData('un-sdg-10-7-2/open-sdg_malta_indicator_10-7-2.csv'),
    ]);
    expect(code).toBe(0);
    expect(asTuples(json)).toEqual(
      ['ALLDOMAINS 2', 'DOMAIN1 2', 'DOMAIN2 2', 'DOMAIN3 4', 'DOMAIN4 2', 'DOMAIN5 4', 'DOMAIN6 4'].map(
        (entry) => `SG_CPA_MIGRS 470 2019 ${entry}`,
      ),
    );
  });

  it("takes Kyrgyzstan's area from its SDMX-ML file", async () => {
    const { code, json } = await dryRun([sharedData('un-sdg-10-7-2/sdmx-ml_kyrgyzstan_10-7-2.xml')]);
    expect(code).toBe(0);
    expect(new Set(json.observations.map((observation) => `${observation.area} ${observation.year}`))).toEqual(
      new Set(['417 2019']),
    );
    expect(json.observations).toHaveLength(7);
  });

  it('lists every problem with file, row and column, and exits non-zero', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'migov-import-'));
    const file = join(dir, 'bad.csv');
    await writeFile(
      file,
      'geo_area,nature,policy_domains,units,year,sg_cpa_migrs\n4,c,alldomains,number,2021,5\n9999,c,domain1,number,2021,3\n4,c,domain9,number,2021,3\n',
    );
    const { code, json } = await dryRun([file]);
    expect(code).toBe(1);
    expect(json.observations).toEqual([]);
    expect(json.problems).toHaveLength(3);
    expect(json.problems.map((problem) => `${problem.row}:${problem.column}`)).toEqual([
      '2:sg_cpa_migrs',
      '3:geo_area',
      '4:policy_domains',
    ]);
    expect(json.problems.every((problem) => problem.file === file && problem.message.length > 0)).toBe(true);
  });

  it('asks for --area when a national file has no area column', async () => {
    const { code, json } = await dryRun([sharedData('un-sdg-10-7-2/open-sdg_malta_indicator_10-7-2.csv')]);
    expect(code).toBe(1);
    expect(json.problems[0]!.message).toMatch(/area/);
  });
});

describe('migov import of national tables', () => {
  it('reads a French file with its own labels and rounds, and reports the placeholders it skipped', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'migov-import-fr-'));
    const file = join(dir, 'fr.csv');
    await writeFile(
      file,
      'Année,Domaine de la politique migratoire,Valeur,Remarque\n2018/2019,Ensemble des domaines,3,\n2018/2019,(1) Droits des migrants,2,\n2020/2021,Ensemble des domaines,..,Cycle non encore publié\n',
    );
    const { code, json } = await dryRun(['--area', 'FRA', file]);
    expect(code).toBe(0);
    expect(asTuples(json)).toEqual(['SG_CPA_MIGRS 250 2019 ALLDOMAINS 3', 'SG_CPA_MIGRS 250 2019 DOMAIN1 2']);
    expect((json as DryRun & { skipped: unknown[] }).skipped).toEqual([
      { file, row: 4, column: 'Valeur', value: '..', message: 'skipped: ".." marks a value not reported' },
    ]);
    const text = await runMigov(['import', '--dry-run', '--area', 'FRA', file]);
    expect(text.stderr).toContain(`${file}: open-sdg-long, 2 observation(s), 1 placeholder(s) skipped (not reported)`);
    expect(text.stderr).toContain(
      `skipped: ${file}, row 4, column "Valeur", value "..": ".." marks a value not reported`,
    );
  });

  it('refuses seven unnamed value columns with the mapping to save, and imports them with that mapping given to --labels', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'migov-import-ambiguous-'));
    const file = join(dir, 'wide.csv');
    await writeFile(file, 'Godina,V1,V2,V3,V4,V5,V6,V7\n2020/2021,3,3,2,3,3,3,4\n');
    const refused = await runMigov(['import', '--dry-run', '--area', 'HRV', file]);
    expect(refused.code).toBe(1);
    const lines = refused.stderr.split('\n');
    const start = lines.indexOf('label,code');
    expect(lines[start - 1]).toBe(
      `${file}: if the proposed mapping is right, save these lines as a file (e.g. labels.csv) and import again with --labels labels.csv after the files:`,
    );
    const mapping = lines.slice(start, start + 8);
    expect(mapping).toEqual([
      'label,code',
      'V1,ALLDOMAINS',
      'V2,DOMAIN1',
      'V3,DOMAIN2',
      'V4,DOMAIN3',
      'V5,DOMAIN4',
      'V6,DOMAIN5',
      'V7,DOMAIN6',
    ]);
    const labels = join(dir, 'labels.csv');
    await writeFile(labels, `${mapping.join('\n')}\n`);
    const { code, json } = await dryRun(['--area', 'HRV', file, '--labels', labels]);
    expect(code).toBe(0);
    expect(asTuples(json)).toEqual(
      ['ALLDOMAINS 3', 'DOMAIN1 3', 'DOMAIN2 2', 'DOMAIN3 3', 'DOMAIN4 3', 'DOMAIN5 3', 'DOMAIN6 4'].map(
        (entry) => `SG_CPA_MIGRS 191 2021 ${entry}`,
      ),
    );
  });
});

describe('migov import into a database', () => {
  it('stores every observation of a valid file, and nothing of an invalid one', async () => {
    const { createDatabase, listObservations } = await import('@migov/db');
    const dir = await mkdtemp(join(tmpdir(), 'migov-import-db-'));
    const url = `sqlite:${join(dir, 'migov.sqlite')}`;
    const stored = await runMigov([
      'import',
      '--database',
      url,
      '--area',
      'MLT',
      sharedData('un-sdg-10-7-2/open-sdg_malta_indicator_10-7-2.csv'),
    ]);
    expect(stored.stderr).toContain('imported 7 observation(s)');
    expect(stored.code).toBe(0);
    const bad = join(dir, 'bad.csv');
    await writeFile(
      bad,
      'geo_area,nature,policy_domains,units,year,sg_cpa_migrs\n4,c,alldomains,number,2021,3\n4,c,domain1,number,2021,7\n',
    );
    const refused = await runMigov(['import', '--database', url, bad]);
    expect(refused.code).toBe(1);
    const db = await createDatabase({ url });
    try {
      const rows = await listObservations(db, {});
      expect(rows).toHaveLength(7);
      expect(rows.every((observation) => observation.area === '470' && observation.year === 2019)).toBe(true);
    } finally {
      await db.close();
    }
  });
});
