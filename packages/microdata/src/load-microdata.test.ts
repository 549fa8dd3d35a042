import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSession, queryRows, type MicrodataSession } from './session.ts';
import { formatProblem } from '@migov/core';
import { loadMicrodata, MicrodataError } from './load-microdata.ts';
import { parseSpec } from './spec.ts';
import { sourceOf, tabulate } from './estimate.ts';
import { createTempDir, DEFAULT_COLUMNS, person, writeCsv, type PersonRow } from '../test/files.ts';
import { quoteLiteral } from './sql.ts';
import { writeDta, writeSav, type TestColumn } from '../test/statistical-files.ts';

const temp = createTempDir();
let session: MicrodataSession;

beforeAll(async () => {
  session = await openSession({ threads: 1 });
});
afterAll(() => {
  session.close();
  temp.cleanup();
});

async function problemsOf(path: string, options: Parameters<typeof loadMicrodata>[2] = {}): Promise<MicrodataError> {
  try {
    await loadMicrodata(session.connection, path, options);
  } catch (error) {
    if (error instanceof MicrodataError) return error;
    throw error;
  }
  throw new Error(`${path} loaded without problems`);
}

const good = (count: number): PersonRow[] =>
  Array.from({ length: count }, (_, i) => person({ person_id: i + 1, psu: 1 + (i % 2) }));

describe('loadMicrodata', () => {
  it('names file, spreadsheet row, column, value and reason for each bad cell of a CSV', async () => {
    const rows = good(6);
    rows[1] = { ...rows[1], age: 250 };
    rows[2] = { ...rows[2], sex: 7 };
    rows[3] = { ...rows[3], weight: null };
    rows[4] = { ...rows[4], weight: -2 };
    rows[5] = { ...rows[5], birth_country: null, weight: 'abc' };
    const path = temp.path('bad.csv');
    writeCsv(path, DEFAULT_COLUMNS, rows);
    const error = await problemsOf(path);
    expect(error.total).toBe(6);
    expect(error.problems.map(formatProblem)).toEqual([
      'bad.csv, row 3, column "age", value "250": impossible age: outside 0..120',
      'bad.csv, row 4, column "sex", value "7": impossible sex code: allowed 1 (male), 2 (female)',
      'bad.csv, row 5, column "weight", value "": missing weight',
      'bad.csv, row 6, column "weight", value "-2": non-positive weight: must be > 0',
      'bad.csv, row 7, column "weight", value "abc": weight is not a number',
      'bad.csv, row 7, column "birth_country", value "": empty cell: a country of birth is required',
    ]);
    expect(error.message).toMatch(/^6 problems in microdata:\nbad\.csv, row 3/);
  });

  it('rejects zero weights, fractional ages, unknown labour codes and missing labour status at working age', async () => {
    const rows = good(4);
    rows[0] = { ...rows[0], weight: 0 };
    rows[1] = { ...rows[1], age: 12.5 };
    rows[2] = { ...rows[2], labour_status: 4 };
    rows[3] = { ...rows[3], labour_status: 9, age: 40 };
    const path = temp.path('codes.csv');
    writeCsv(path, DEFAULT_COLUMNS, rows);
    const error = await problemsOf(path);
    expect(error.problems.map((problem) => [problem.row, problem.column, problem.message])).toEqual([
      [2, 'weight', 'non-positive weight: must be > 0'],
      [3, 'age', 'age is not a whole number'],
      [
        4,
        'labour_status',
        'impossible labour-force status code: allowed 1 (employed), 2 (unemployed), 3 (inactive), 9 (notApplicable)',
      ],
      [5, 'labour_status', 'labour-force status "not applicable" for a person aged 15 or over'],
    ]);
  });

  it('counts every problem but lists only the first ones', async () => {
    const rows = good(50).map((row) => ({ ...row, sex: 3 }));
    const path = temp.path('many.csv');
    writeCsv(path, DEFAULT_COLUMNS, rows);
    const error = await problemsOf(path, { maxProblems: 5 });
    expect(error.total).toBe(50);
    expect(error.problems).toHaveLength(5);
    expect(error.message).toMatch(/… and 45 more$/);
  });

  it('reports Parquet rows as 1-based record numbers', async () => {
    const rows = good(5);
    rows[3] = { ...rows[3], age: 250 };
    const csvPath = temp.path('for-parquet.csv');
    writeCsv(csvPath, DEFAULT_COLUMNS, rows);
    const parquetPath = temp.path('bad.parquet');
    await session.connection.run(
      `COPY (SELECT * FROM read_csv(${quoteLiteral(csvPath)})) TO ${quoteLiteral(parquetPath)} (FORMAT parquet)`,
    );
    const error = await problemsOf(parquetPath);
    expect(error.problems.map(formatProblem)).toEqual([
      'bad.parquet, row 4, column "age", value "250": impossible age: outside 0..120',
    ]);
  });

  it('names missing columns and lists the columns the file has', async () => {
    const path = temp.path('missing.csv');
    writeCsv(
      path,
      DEFAULT_COLUMNS.filter((column) => column !== 'weight'),
      good(2),
    );
    const error = await problemsOf(path);
    expect(error.problems).toHaveLength(1);
    expect(error.problems[0]?.column).toBe('weight');
    expect(error.problems[0]?.message).toMatch(
      /^column not found \(the file has: person_id, household_id, stratum, psu, sex/,
    );
  });

  it('refuses missing files and unknown file types', async () => {
    await expect(loadMicrodata(session.connection, temp.path('nope.csv'))).rejects.toThrow(/file not found/);
    const path = temp.path('data.xlsx');
    writeCsv(path, ['a'], []);
    await expect(loadMicrodata(session.connection, path)).rejects.toThrow(/unsupported file type/);
  });

  it('maps a national office’s own column names and codes onto the same estimates', async () => {
    const rows = good(40).map((row, i): PersonRow => ({
      ...row,
      labour_status: i % 5 === 0 ? 2 : 1,
      birth_country: i % 3 === 0 ? 'UKR' : 'XSY',
      weight: 1 + (i % 7),
      stratum: 1 + (i % 2),
      psu: i % 4,
    }));
    const defaultPath = temp.path('default-layout.csv');
    writeCsv(defaultPath, DEFAULT_COLUMNS, rows);
    // the same persons as a national office might code them: other names, letters for sex, ISO numeric countries
    const national = rows.map((row) => ({
      REGION: row['stratum'],
      EA: row['psu'],
      PWGT: row['weight'],
      SEXO: row['sex'] === 1 ? 'H' : 'M',
      EDAD: row['age'],
      PAIS_NAC: row['birth_country'] === 'XSY' ? '999' : '804',
      NACIONALIDAD: '999',
      RES5: '999',
      ASISTE: row['attending_education'] === 1 ? 'S' : 'N',
      CONDACT: row['labour_status'] === 1 ? 'OC' : 'DES',
    }));
    const nationalPath = temp.path('national.csv');
    writeCsv(nationalPath, Object.keys(national[0] ?? {}), national);
    const spec = parseSpec({
      countryOfEnumeration: '999',
      columns: {
        stratum: 'REGION',
        psu: 'EA',
        weight: 'PWGT',
        sex: 'SEXO',
        age: 'EDAD',
        birthCountry: 'PAIS_NAC',
        citizenship: 'NACIONALIDAD',
        residence5yAgo: 'RES5',
        attendingEducation: 'ASISTE',
        labourStatus: 'CONDACT',
      },
      codes: {
        sex: { male: ['H'], female: ['M'] },
        attendingEducation: { yes: ['S'], no: ['N'] },
        labourStatus: { employed: ['OC'], unemployed: ['DES'], inactive: ['INA'], notApplicable: ['NA'] },
      },
    });
    const fromDefault = await loadMicrodata(session.connection, defaultPath, { name: 'default_layout' });
    const fromNational = await loadMicrodata(session.connection, nationalPath, { name: 'national', spec });
    const options = { indicator: 'unemployment-rate', by: ['migratory-status', 'sex'] as const, minN: 1 };
    const expected = await tabulate(session.connection, sourceOf(fromDefault), { ...options, by: [...options.by] });
    const actual = await tabulate(session.connection, sourceOf(fromNational), { ...options, by: [...options.by] });
    expect(actual.cells).toEqual(expected.cells);
    expect(expected.cells.filter((cell) => cell.status === 'estimated').length).toBeGreaterThan(0);
  });

  it('derives foreign-born, non-citizen and recent-migrant status from birth, citizenship and residence five years ago', async () => {
    const rows = [
      person({ birth_country: 'XSY', citizenship: 'XSY', residence_5y_ago: 'XSY' }),
      person({ birth_country: 'SYR', citizenship: 'XSY', residence_5y_ago: 'XSY' }),
      person({ birth_country: 'SYR', citizenship: 'SYR', residence_5y_ago: 'SYR' }),
      person({ birth_country: 'XSY', citizenship: 'XSY', residence_5y_ago: 'USA' }),
      person({ birth_country: 'SYR', citizenship: 'SYR', residence_5y_ago: 'NIU', age: 3, labour_status: 9 }),
    ];
    const path = temp.path('status.csv');
    writeCsv(path, DEFAULT_COLUMNS, rows);
    const loaded = await loadMicrodata(session.connection, path, { name: 'status' });
    const derived = await queryRows(
      session.connection,
      `SELECT foreign_born, non_citizen, recent_migrant FROM status ORDER BY source_row`,
    );
    expect(derived.map((row) => [row['foreign_born'], row['non_citizen'], row['recent_migrant']])).toEqual([
      [false, false, false],
      [true, false, false],
      [true, true, true],
      [false, false, true],
      [true, true, false],
    ]);
    expect(loaded.rows).toBe(5);
  });
});

describe('loadMicrodata on statistical files', () => {
  /** The default layout as statistical-file columns, with a weight declared missing when 0 and value labels on sex. */
  const columnsOf = (rows: PersonRow[]): TestColumn[] =>
    DEFAULT_COLUMNS.map((name) => {
      const values = rows.map((row) => (row[name] === undefined ? null : (row[name] as number | string | null)));
      const type = values.some((value) => typeof value === 'string') ? 'string' : 'number';
      return {
        name: name === 'weight' ? 'WT' : name,
        type,
        values,
        ...(name === 'weight' ? { missing: { values: [0] } } : {}),
        ...(name === 'sex'
          ? {
              valueLabels: [
                [1, 'Male'],
                [2, 'Female'],
              ] as [number, string][],
            }
          : {}),
      };
    });

  it('reads declared missing codes as empty cells, so validation names the record; the weight comes from the metadata', async () => {
    const rows = good(4);
    rows[2] = { ...rows[2], weight: 0 };
    const path = temp.path('missing-weight.sav');
    writeSav(path, columnsOf(rows), { compression: 'bytecode', weight: 'WT' });
    const error = await problemsOf(path);
    expect(error.problems.map(formatProblem)).toEqual([
      'missing-weight.sav, row 3, column "WT", value "": missing weight',
    ]);
  });

  it('stages a statistical file in the compressed staging database of DuckDB, checkpointing as it goes, with every record in order', async () => {
    const rows = Array.from({ length: 5000 }, (_, i) =>
      person({ person_id: i + 1, psu: 1 + (i % 7), age: i % 100, weight: 1 + (i % 13) / 4 }),
    );
    const path = temp.path('staged.sav');
    writeSav(path, columnsOf(rows), { compression: 'bytecode', weight: 'WT' });
    const loaded = await loadMicrodata(session.connection, path, { name: 'staged', stagingCheckpointRows: 2048 });
    expect(loaded.rows).toBe(5000);
    const [where] = await queryRows(
      session.connection,
      "SELECT database_name FROM duckdb_tables() WHERE table_name = 'staged_raw'",
    );
    expect(where).toEqual({ database_name: 'migov_staging' });
    const read = await queryRows(session.connection, 'SELECT source_row, age, weight FROM staged ORDER BY source_row');
    expect(read.map((row) => [Number(row['source_row']), row['age'], row['weight']])).toEqual(
      rows.map((row, i) => [i + 1, row['age'], row['weight']]),
    );
  });

  it('takes codes written as value labels, and keeps an explicit weight column it cannot find', async () => {
    const path = temp.path('labels.dta');
    writeDta(path, columnsOf(good(4)), { svyset: { weight: 'WT' } });
    const spec = parseSpec({ codes: { sex: { male: ['male'], female: ['Female'] } } });
    const loaded = await loadMicrodata(session.connection, path, { spec, name: 'labels' });
    expect(loaded.rows).toBe(4);
    expect(await queryRows(session.connection, 'SELECT DISTINCT sex, weight FROM labels')).toEqual([
      { sex: 'M', weight: 1 },
    ]);
    const explicit = await problemsOf(path, { explicitColumns: ['weight'] });
    expect(explicit.problems[0]).toMatchObject({
      file: 'labels.dta',
      column: 'weight',
      message: expect.stringMatching(/^column not found \(the file has: person_id, household_id, stratum, psu, WT,/),
    });
  });
});

describe('parseSpec', () => {
  it('names the offending key', () => {
    expect(() => parseSpec({ colums: {} })).toThrow('invalid microdata spec: colums: unknown key');
    expect(() => parseSpec({ columns: { wieght: 'W' } })).toThrow(/columns\.wieght: unknown variable/);
    expect(() => parseSpec({ codes: { sex: { male: [] } } })).toThrow(
      /codes\.sex\.male: a non-empty list of codes is required/,
    );
    expect(() => parseSpec({ replicateWeights: { method: 'fay', columns: ['a', 'b'] } })).toThrow(/fayRho/);
    expect(() => parseSpec({ ageRange: [10, 5] })).toThrow(/ageRange/);
  });

  it('fills what the mapping leaves out from the default layout', () => {
    const spec = parseSpec({ columns: { weight: 'PWGT' }, replicateWeights: { method: 'jk1', columns: ['R1', 'R2'] } });
    expect(spec.columns.weight).toBe('PWGT');
    expect(spec.columns.age).toBe('age');
    expect(spec.replicateWeights).toEqual({ method: 'jk1', columns: ['R1', 'R2'] });
  });
});
