import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command, CommanderError } from 'commander';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { CliError, EXIT } from '../cli-error.ts';
import { runMigov } from '../run-cli.test-helper.ts';
import { registerIndicatorsCommands } from './indicators.ts';

const folder = mkdtempSync(join(tmpdir(), 'migov-indicators-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));
afterEach(() => vi.restoreAllMocks());
const fixtures = new URL('../../../core/src/indicators/fixtures/', import.meta.url);
const fixture = (name: string) => new URL(name, fixtures).pathname;

/** Run `migov indicators …` in process, with main's error handling: exit code, stdout and stderr. */
async function migov(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const capture =
    (append: (text: string) => void) => (chunk: string | Uint8Array, encoding?: unknown, callback?: unknown) => {
      append(typeof chunk === 'string' ? chunk : new TextDecoder().decode(chunk));
      const done = typeof encoding === 'function' ? encoding : callback;
      if (typeof done === 'function') done();
      return true;
    };
  vi.spyOn(process.stdout, 'write').mockImplementation(
    capture((text) => (stdout += text)) as typeof process.stdout.write,
  );
  vi.spyOn(process.stderr, 'write').mockImplementation(
    capture((text) => (stderr += text)) as typeof process.stderr.write,
  );
  const program = new Command('migov').exitOverride();
  registerIndicatorsCommands(program);
  for (const command of program.commands) {
    command.exitOverride();
    for (const sub of command.commands) sub.exitOverride();
  }
  let code: number = EXIT.ok;
  try {
    await program.parseAsync(['indicators', ...args], { from: 'user' });
  } catch (error) {
    if (error instanceof CliError) {
      stderr += `migov: ${error.message}\n`;
      code = error.exitCode;
    } else if (error instanceof CommanderError) code = error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    else throw error;
  } finally {
    vi.restoreAllMocks();
  }
  return { code, stdout, stderr };
}

describe('migov indicators', () => {
  it('lists the 18 indicators with current titles and tier flags', async () => {
    const run = await migov(['list', '--json']);
    expect(run.code).toBe(0);
    const rows = JSON.parse(run.stdout) as { id: string; title: string; tierStatus: string }[];
    expect(rows).toHaveLength(21);
    expect(rows.find((row) => row.id === '10.7.2')).toMatchObject({
      title: expect.stringMatching(/^Proportion of countries/),
      tierStatus: 'stale',
    });
    const text = await migov(['list']);
    expect(text.stdout.split('\n')[0]).toBe(
      '10.7.1   Recruitment cost borne by employee as a proportion of monthly income earned in country of destination  [ILO, World Bank]',
    );
  });

  it('shows an indicator with its titles by period, sources and flags', async () => {
    const run = await migov(['show', '10.7.1']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(
      '  2017–2019 [UNVERIFIED]  Recruitment cost borne by employee as a proportion of yearly income earned in country of destination',
    );
    expect(run.stdout).toContain(
      '  2020–now  Recruitment cost borne by employee as a proportion of monthly income earned in country of destination',
    );
    expect(run.stdout).toContain('Custodians: ILO, World Bank');
    const json = JSON.parse((await migov(['show', '10.C.1', '--json'])).stdout) as {
      id: string;
      tier: { status: string };
    };
    expect(json).toMatchObject({ id: '10.c.1', tier: { status: 'unverified' } });
  });

  it('shows the title in force in a year, and says when there was none', async () => {
    const run = await migov(['show', '10.7.2', '--year', '2019']);
    expect(run.code).toBe(0);
    expect(run.stdout.split('\n')[0]).toBe('Number of countries that have implemented well-managed migration policies');
    expect(run.stdout).toContain(
      '2017–2019 [UNVERIFIED]; source: public copies of the 2017 global indicator framework',
    );
    const none = await migov(['show', '10.7.3', '--year', '2018']);
    expect(none.code).toBe(EXIT.refused);
    expect(none.stderr).toBe('migov: 10.7.3 had no title in 2018: the catalogue dates its first wording from 2020\n');
    expect((await migov(['show', '10.7.3', '--year', 'soon'])).code).toBe(EXIT.usage);
  });

  it('reads a file in another encoding when told which', async () => {
    const path = join(folder, 'croatian.csv');
    // "Žene" (women) in windows-1250: Ž is 0x8E.
    writeFileSync(
      path,
      Buffer.concat([
        Buffer.from('Year,Series,Spol,Value\n2021,SM_POP_REFG_OR,'),
        Buffer.from([0x8e]),
        Buffer.from('ene,1.5\n'),
      ]),
    );
    const run = await migov(['import', '--dry-run', '--json', '--area', 'HRV', '--encoding', 'windows-1250', path]);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).datasets[0].dimensions).toEqual({ SPOL: ['Žene'] });
  });

  it('refuses an unknown indicator with exit code 2', async () => {
    const run = await migov(['show', '1.1.1']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^migov: unknown indicator: 1\.1\.1 \(the catalogue holds 10\.7\.1/);
  });

  it('validates a dataset file with --dry-run --json and summarises its series and disaggregations', async () => {
    const run = await migov(['import', '--dry-run', '--json', fixture('test-fixture-sdg-api-8-8-1.csv')]);
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as { format: string; datasets: unknown[]; problems: unknown[] };
    expect(report.format).toBe('sdg-api-csv');
    expect(report.problems).toEqual([]);
    expect(report.datasets).toEqual([
      {
        indicator: '8.8.1',
        series: 'SL_EMP_FTLINJUR',
        unit: 'PER_100000_EMP',
        observations: 7,
        areas: 2,
        years: [2019, 2020],
        dimensions: {
          MIGRATORY_STATUS: ['MIGRANT', 'NONMIGRANT'],
          REPORTING_TYPE: ['G'],
          SEX: ['BOTHSEX', 'FEMALE', 'MALE'],
        },
      },
      {
        indicator: '8.8.1',
        series: 'SL_EMP_INJUR',
        unit: 'PER_100000_EMP',
        observations: 2,
        areas: 1,
        years: [2019, 2019],
        dimensions: { MIGRATORY_STATUS: ['MIGRANT', 'NONMIGRANT'], REPORTING_TYPE: ['G'], SEX: ['MALE'] },
      },
    ]);
  });

  it('takes the indicator and an ISO area from options', async () => {
    const sdmx = await migov([
      'import',
      '--dry-run',
      '--json',
      '--indicator',
      '8.8.1',
      fixture('test-fixture-sdmx-csv-8-8-1.csv'),
    ]);
    expect(JSON.parse(sdmx.stdout).datasets[0]).toMatchObject({ indicator: '8.8.1', observations: 6 });
    const national = await migov(['import', '--dry-run', '--area', 'CAN', fixture('test-fixture-open-sdg-10-7-4.csv')]);
    expect(national.code).toBe(0);
    expect(national.stderr).toContain(
      '10.7.4 SM_POP_REFG_OR [PER_100000_POP]: 6 observation(s), 1 area(s), 2021–2022; by SEX (2)',
    );
  });

  it('reports every problem with exit code 1 and imports nothing', async () => {
    const path = join(folder, 'broken.csv');
    writeFileSync(
      path,
      'Goal,Target,Indicator,SeriesCode,GeoAreaCode,TimePeriod,Value\n10,10.7,10.7.4,SM_POP_REFG_OR,4,2021,x\n10,10.7,10.7.4,SM_POP_REFG_OR,1000,2021,1\n',
    );
    const run = await migov(['import', '--dry-run', '--json', path]);
    expect(run.code).toBe(EXIT.refused);
    const report = JSON.parse(run.stdout) as {
      datasets: unknown[];
      problems: { row: number; column: string; value: string }[];
    };
    expect(report.datasets).toEqual([]);
    expect(report.problems.map((problem) => `${problem.row} ${problem.column} ${problem.value}`)).toEqual([
      '2 Value x',
      '3 GeoAreaCode 1000',
    ]);
    expect(run.stderr).toBe(`migov: ${path}: 2 problem(s); nothing was imported\n`);
    const text = await migov(['import', '--dry-run', path]);
    expect(text.stderr).toContain(`${path}, row 2, column "Value", value "x": not a number`);
  });

  it('writes validated datasets as neutralised CSV with --out', async () => {
    const out = join(folder, 'out.csv');
    const run = await migov(['import', '--out', out, fixture('test-fixture-sdg-api-8-8-1.csv')]);
    expect(run.code).toBe(0);
    const csv = readFileSync(out, 'utf8');
    expect(csv.split('\r\n')[1]).toMatch(/^8,8\.8,8\.8\.1,SL_EMP_FTLINJUR,.*,40,Austria,2019,2\.1,PER_100000_EMP,/);
    expect(csv).toContain(`"Break in series, =not a formula"`);
  });

  it('stores datasets in the database, and a second import of the same file adds nothing', async () => {
    const url = `sqlite:${join(folder, 'indicators.sqlite')}`;
    const first = await migov(['import', '--database', url, fixture('test-fixture-sdg-api-8-8-1.csv')]);
    expect(first.code).toBe(0);
    expect(first.stderr).toMatch(/^stored [1-9]\d* new observation\(s\) \(0 replaced\) in 2 dataset\(s\)/m);
    const again = await migov(['import', '--database', url, fixture('test-fixture-sdg-api-8-8-1.csv')]);
    expect(again.code).toBe(0);
    expect(again.stderr).toMatch(/^stored 0 new observation\(s\) \(0 replaced\)/m);
    const { createDatabase, listIndicatorDatasets } = await import('@migov/db');
    const db = await createDatabase({ url });
    try {
      expect((await listIndicatorDatasets(db, {})).map((dataset) => `${dataset.indicator} ${dataset.series}`)).toEqual([
        '8.8.1 SL_EMP_FTLINJUR',
        '8.8.1 SL_EMP_INJUR',
      ]);
    } finally {
      await db.close();
    }
  });

  it('says which file is missing', async () => {
    const run = await migov(['import', '--dry-run', '/nonexistent/data.csv']);
    expect(run.code).toBe(EXIT.unavailable);
    expect(run.stderr).toBe('migov: /nonexistent/data.csv: no such file\n');
  });
});

describe('migov indicators (the real executable)', () => {
  it('prints the catalogue and exits 0, and exits 1 on a refused file with every problem listed', async () => {
    const list = await runMigov(['indicators', 'list', '--json']);
    expect(list.stderr).toBe('');
    expect(list.code).toBe(0);
    expect((JSON.parse(list.stdout) as { id: string }[]).map((row) => row.id)).toContain('10.7.4');
    const path = join(folder, 'refused.csv');
    writeFileSync(path, 'Year,Value\n2020,1\n');
    const refused = await runMigov(['indicators', 'import', '--dry-run', path]);
    expect(refused.code).toBe(EXIT.refused);
    expect(refused.stderr).toContain('the file has no series column');
    expect(refused.stderr).toContain('the file has no area column');
    expect(refused.stderr.trim().split('\n').at(-1)).toBe(`migov: ${path}: 2 problem(s); nothing was imported`);
  }, 30_000);

  it('validates a fixture with --dry-run --json', async () => {
    const run = await runMigov([
      'indicators',
      'import',
      '--dry-run',
      '--json',
      fixture('test-fixture-sdmx-ml-8-8-1.xml'),
      '--indicator',
      '8.8.1',
    ]);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({
      format: 'sdmx-ml-structure-specific',
      problems: [],
      datasets: [{ indicator: '8.8.1', series: 'SL_EMP_FTLINJUR', observations: 6, areas: 1 }],
    });
  }, 30_000);
});
