import { Command } from 'commander';
import { parse } from 'csv-parse/sync';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { designForPersons, openSession } from '@migov/microdata';
import { writeCensusFiles, type CensusFiles } from '../../../microdata/test/census-files.ts';
import { CliError } from '../cli-error.ts';
import { registerIndicatorsCommands } from './indicators.ts';
import { registerMicrodataCommands } from './microdata.ts';

const dir = mkdtempSync(join(tmpdir(), 'migov-cli-microdata-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Run `migov microdata …` in process and collect what it writes. */
async function run(args: string[]): Promise<{ stdout: string; stderr: string }> {
  const program = new Command('migov').exitOverride();
  registerMicrodataCommands(program);
  registerIndicatorsCommands(program);
  for (const command of program.commands) {
    command.exitOverride();
    for (const sub of command.commands) sub.exitOverride();
  }
  let stdout = '';
  let stderr = '';
  const out = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((stdout += String(chunk)), true));
  const err = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => ((stderr += String(chunk)), true));
  try {
    await program.parseAsync(['node', 'migov', ...(args[0] === 'indicators' ? args : ['microdata', ...args])]);
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
  return { stdout, stderr };
}

describe('migov microdata', () => {
  const file = join(dir, 'census.parquet');

  it('synth writes the requested persons and reports progress on stderr', async () => {
    const result = await run(['synth', '--persons', '3000', '--seed', '9', '--out', file, '--replicates', '5']);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/generating 3,000 persons/);
    expect(result.stderr).toMatch(/wrote 3,000 persons in \d+\.\d s/);
  });

  it('tabulate prints estimate, standard error, bounds and unweighted n per cell', async () => {
    const result = await run(['tabulate', file, '--indicator', 'unemployment-rate', '--by', 'migratory-status,sex']);
    const rows: Record<string, string>[] = parse(result.stdout, { columns: true });
    expect(rows.map((row) => `${row['migratory_status']} ${row['sex']}`)).toEqual([
      'foreign-born F',
      'foreign-born M',
      'native-born F',
      'native-born M',
    ]);
    for (const row of rows) {
      expect(Number(row['lower'])).toBeLessThan(Number(row['estimate']));
      expect(Number(row['upper'])).toBeGreaterThan(Number(row['estimate']));
      expect(Number(row['standard_error'])).toBeGreaterThan(0);
      expect(Number(row['n'])).toBeGreaterThanOrEqual(30);
    }
  });

  it('tabulate writes a JSON chart table, uses replicate weights and flags small cells', async () => {
    const result = await run([
      'tabulate',
      file,
      '--indicator',
      'neet',
      '--by',
      'migratory-status,sex,age-group',
      '--format',
      'json',
      '--replicates',
      '5',
      '--min-n',
      '60',
    ]);
    const table = JSON.parse(result.stdout);
    expect(table.indicator.sdg).toBe('8.6.1');
    expect(table.variance).toBe('jk1');
    expect(table.rows).toHaveLength(8);
    const suppressed = table.rows.filter((row: { status: string }) => row.status === 'suppressed');
    expect(suppressed.length).toBeGreaterThan(0);
    for (const row of suppressed) expect(row.estimate).toBeNull();
  });

  it('tabulate writes SDMX-CSV rows with the SDG series code', async () => {
    const result = await run([
      'tabulate',
      file,
      '--indicator',
      'neet',
      '--by',
      'sex',
      '--format',
      'sdmx-csv',
      '--area',
      '999',
      '--period',
      '2026',
    ]);
    const rows: Record<string, string>[] = parse(result.stdout, { columns: true });
    expect(
      rows.map((row) => [
        row['SERIES'],
        row['REF_AREA'],
        row['TIME_PERIOD'],
        row['SEX'],
        row['MIGRATORY_STATUS'],
        row['UNIT_MEASURE'],
        row['OBS_STATUS'],
      ]),
    ).toEqual([
      ['SL_TLF_NEET', '999', '2026', 'F', '_T', 'PT', 'A'],
      ['SL_TLF_NEET', '999', '2026', 'M', '_T', 'PT', 'A'],
    ]);
  });

  it('refuses bad microdata with the file, row, column and value', async () => {
    const bad = join(dir, 'bad.csv');
    writeFileSync(
      bad,
      'stratum,psu,weight,sex,age,birth_country,citizenship,residence_5y_ago,attending_education,labour_status\n1,1,2,1,30,XSY,XSY,XSY,2,1\n1,2,2,7,30,XSY,XSY,XSY,2,1\n',
    );
    await expect(run(['tabulate', bad, '--indicator', 'neet'])).rejects.toThrow(
      /bad\.csv, row 3, column "sex", value "7": impossible sex code/,
    );
  });

  it('refuses unknown options values as usage errors', async () => {
    await expect(run(['tabulate', file, '--indicator', 'neet', '--by', 'region'])).rejects.toThrow(
      /invalid dimension: region/,
    );
    await expect(run(['tabulate', file, '--indicator', 'neet', '--format', 'xml'])).rejects.toThrow(CliError);
    await expect(run(['synth', '--persons', 'many', '--out', file])).rejects.toThrow(/invalid --persons: many/);
    await expect(run(['synth', '--persons', '10', '--out', join(dir, 'x.json')])).rejects.toThrow(/\.csv or \.parquet/);
  });
});

describe('migov microdata tabulate reads the formats statistical offices hand out', () => {
  let files: CensusFiles;
  beforeAll(async () => {
    const session = await openSession({ threads: 1 });
    try {
      files = await writeCensusFiles(session.connection, dir, designForPersons(2500, 23));
    } finally {
      session.close();
    }
  });

  const formats = ['csv', 'sav', 'savBigEndian', 'dta', 'dta117', 'dta119', 'ipums', 'ipumsHierarchical'] as const;
  it.each(['8.6.1', '8.5.2', '4.5.1'])(
    'gives the estimates and standard errors of the Parquet file, to the last digit, from every format (%s)',
    async (indicator) => {
      const args = [
        '--indicator',
        indicator,
        '--by',
        'migratory-status,sex,age-group',
        '--threads',
        '1',
        '--min-n',
        '5',
      ];
      const baseline = await run(['tabulate', files.parquet, ...args]);
      const rows: Record<string, string>[] = parse(baseline.stdout, { columns: true });
      expect(rows.length).toBeGreaterThanOrEqual(6);
      expect(rows.filter((row) => row['status'] === 'estimated').length).toBeGreaterThan(4);
      for (const format of formats) {
        const result = await run(['tabulate', files[format], ...args]);
        expect({ format, output: result.stdout }).toEqual({ format, output: baseline.stdout });
      }
    },
  );

  it('takes the weight from the metadata of the file, accepts --weight, and codes given as value labels', async () => {
    // the statistical files call the weight PERWT: without metadata the default spec would not find it
    await expect(run(['tabulate', files.sav, '--indicator', 'neet', '--weight', 'weight'])).rejects.toThrow(
      /census\.sav, column "weight": column not found/,
    );
    const explicit = await run(['tabulate', files.dta, '--indicator', 'neet', '--weight', 'PERWT', '--threads', '1']);
    const implicit = await run(['tabulate', files.dta, '--indicator', 'neet', '--threads', '1']);
    expect(explicit.stdout).toBe(implicit.stdout);
    const spec = join(dir, 'labels.json');
    writeFileSync(
      spec,
      JSON.stringify({
        codes: {
          sex: { male: ['Male'], female: ['Female'] },
          labourStatus: {
            employed: ['Employed'],
            unemployed: ['Unemployed'],
            inactive: ['Inactive'],
            notApplicable: ['NIU (under 15)'],
          },
        },
      }),
    );
    const labelled = await run([
      'tabulate',
      files.sav,
      '--indicator',
      'unemployment-rate',
      '--spec',
      spec,
      '--threads',
      '1',
    ]);
    const coded = await run(['tabulate', files.sav, '--indicator', 'unemployment-rate', '--threads', '1']);
    expect(labelled.stdout).toBe(coded.stdout);
  });

  it('describe lists variables, labels, value labels and the weight of an SPSS, Stata and IPUMS file', async () => {
    const sav = await run(['describe', files.sav]);
    expect(sav.stdout).toMatch(/SPSS system file, bytecode compressed/);
    expect(sav.stdout).toMatch(/weight: PERWT/);
    expect(sav.stdout).toMatch(/ {2}sex \(number\) {2}sex\n {6}1 = Male\n {6}2 = Female/);
    const dta = JSON.parse((await run(['describe', files.dta, '--json'])).stdout);
    expect(dta).toMatchObject({ format: 'dta', weight: 'PERWT', stratum: 'stratum', psu: 'psu', rows: files.persons });
    expect(dta.variables.find((variable: { name: string }) => variable.name === 'labour_status').valueLabels).toEqual({
      1: 'Employed',
      2: 'Unemployed',
      3: 'Inactive',
      9: 'NIU (under 15)',
    });
    expect((await run(['describe', files.ipums])).stdout).toMatch(
      /DDI codebook with rectangular fixed-width data census\.dat\.gz/,
    );
    await expect(run(['describe', files.csv])).rejects.toThrow(/no metadata to describe/);
  });
});

describe('from microdata to the indicator datasets', () => {
  it('tabulate --format sdmx-csv imports with `migov indicators import` as a dataset of 8.6.1, standard errors and suppression flags kept', async () => {
    const census = join(dir, 'for-import.parquet');
    await run(['synth', '--persons', '3000', '--seed', '5', '--out', census]);
    const output = join(dir, 'neet-sdmx.csv');
    const tabulated = await run([
      'tabulate',
      census,
      '--indicator',
      '8.6.1',
      '--by',
      'migratory-status,sex',
      '--format',
      'sdmx-csv',
      '--area',
      'MEX',
      '--period',
      '2026',
      '--min-n',
      '40',
    ]);
    writeFileSync(output, tabulated.stdout);
    const rows: Record<string, string>[] = parse(tabulated.stdout, { columns: true });
    expect(rows.map((row) => row['OBS_STATUS']).sort()).toEqual(['A', 'A', 'O', 'O']);
    const url = `sqlite:${join(dir, 'indicators.sqlite')}`;
    await run(['indicators', 'import', '--database', url, output]);
    const { createDatabase, findIndicatorDataset, listIndicatorDatasets } = await import('@migov/db');
    const db = await createDatabase({ url });
    try {
      const [summary] = await listIndicatorDatasets(db, { indicator: '8.6.1' });
      expect(summary).toMatchObject({ indicator: '8.6.1', series: 'SL_TLF_NEET', unit: 'PT' });
      const stored = await findIndicatorDataset(db, summary!.id);
      const observations = stored!.dataset.observations;
      expect(observations).toHaveLength(4);
      for (const row of rows) {
        const observation = observations.find(
          (candidate) =>
            candidate.dimensions['MIGRATORY_STATUS'] === row['MIGRATORY_STATUS'] &&
            candidate.dimensions['SEX'] === row['SEX'],
        );
        expect(observation).toMatchObject({ area: '484', year: 2026, dimensions: { AGE: '_T' } });
        expect(Object.keys(observation!.dimensions).sort()).toEqual(['AGE', 'MIGRATORY_STATUS', 'SEX']);
        if (row['OBS_STATUS'] === 'O') {
          expect(observation!.value).toBeNull();
          expect(observation!.attributes).toMatchObject({
            OBS_STATUS: 'O',
            COMMENT_OBS: row['COMMENT_OBS'],
            UNWEIGHTED_N: row['UNWEIGHTED_N'],
          });
        } else {
          expect(observation!.value).toBe(Number(row['OBS_VALUE']));
          expect(observation!.attributes).toMatchObject({
            STANDARD_ERROR: row['STANDARD_ERROR'],
            LOWER_BOUND: row['LOWER_BOUND'],
            UPPER_BOUND: row['UPPER_BOUND'],
            OBS_STATUS: 'A',
          });
        }
      }
    } finally {
      await db.close();
    }
  });
});
