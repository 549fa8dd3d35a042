/**
 * One seeded synthetic census written in every format migov reads: CSV and Parquet (DuckDB COPY),
 * SPSS .sav (bytecode compressed) and big-endian uncompressed, Stata .dta 118 (with a strL column)
 * and 117/119, and an IPUMS-style DDI + fixed-width extract (gzipped, implied decimals on the weight).
 * The weight is called PERWT in the statistical files and named by their metadata (SPSS case weight,
 * Stata svyset, DDI wgt), so loading them with the default spec exercises the metadata default.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { join } from 'node:path';
import { createSyntheticTable, type SyntheticCensusDesign } from '../src/synthetic-census.ts';
import { queryRows } from '../src/session.ts';
import { writeDta, writeIpums, writeSav, type TestColumn } from './statistical-files.ts';

export interface CensusFiles {
  csv: string;
  parquet: string;
  sav: string;
  savBigEndian: string;
  dta: string;
  dta117: string;
  dta119: string;
  ipums: string;
  ipumsHierarchical: string;
  persons: number;
}

const LABELS = {
  sex: [
    [1, 'Male'],
    [2, 'Female'],
  ] as [number, string][],
  attending_education: [
    [1, 'Attending'],
    [2, 'Not attending'],
  ] as [number, string][],
  labour_status: [
    [1, 'Employed'],
    [2, 'Unemployed'],
    [3, 'Inactive'],
    [9, 'NIU (under 15)'],
  ] as [number, string][],
};

/** Write the census of `design` into `dir` in every format; the statistical files call the weight PERWT. */
export async function writeCensusFiles(
  connection: DuckDBConnection,
  dir: string,
  design: SyntheticCensusDesign,
): Promise<CensusFiles> {
  await createSyntheticTable(connection, 'census_for_files', design);
  const files: CensusFiles = {
    csv: join(dir, 'census.csv'),
    parquet: join(dir, 'census.parquet'),
    sav: join(dir, 'census.sav'),
    savBigEndian: join(dir, 'census-be.sav'),
    dta: join(dir, 'census.dta'),
    dta117: join(dir, 'census-117.dta'),
    dta119: join(dir, 'census-119.dta'),
    ipums: join(dir, 'census.xml'),
    ipumsHierarchical: join(dir, 'census-hier.xml'),
    persons: 0,
  };
  await connection.run(`COPY census_for_files TO '${files.csv}' (FORMAT csv, HEADER true)`);
  await connection.run(`COPY census_for_files TO '${files.parquet}' (FORMAT parquet)`);
  const rows = await queryRows(connection, 'SELECT * FROM census_for_files ORDER BY person_id');
  files.persons = rows.length;
  const names = Object.keys(rows[0] ?? {});
  const columns: TestColumn[] = names.map((name) => {
    const values = rows.map((row) => {
      const value = row[name];
      return value === null || value === undefined
        ? null
        : typeof value === 'bigint'
          ? Number(value)
          : (value as number | string);
    });
    const isString = values.some((value) => typeof value === 'string');
    const column: TestColumn = {
      name: name === 'weight' ? 'PERWT' : name,
      type: isString ? 'string' : 'number',
      values,
      label: name.replaceAll('_', ' '),
    };
    if (name in LABELS) column.valueLabels = LABELS[name as keyof typeof LABELS];
    if (name === 'age' || name === 'sex' || name === 'labour_status' || name === 'attending_education')
      column.stataType = name === 'age' ? 'int' : 'byte';
    if (name === 'birth_country') column.strL = true;
    return column;
  });
  writeSav(files.sav, columns, { compression: 'bytecode', weight: 'PERWT' });
  writeSav(files.savBigEndian, columns, { compression: 'none', littleEndian: false, weight: 'PERWT' });
  const svyset = { weight: 'PERWT', stratum: 'stratum', psu: 'psu' };
  writeDta(files.dta, columns, { release: 118, svyset });
  writeDta(
    files.dta117,
    columns.map((column) => ({ ...column, strL: false })),
    { release: 117, littleEndian: false, svyset },
  );
  writeDta(files.dta119, columns, { release: 119, littleEndian: false, svyset });
  writeIpums(join(dir, 'census'), columns, { decimals: { PERWT: 2 }, weight: 'PERWT', gzip: true });
  writeIpums(join(dir, 'census-hier'), columns, {
    decimals: { PERWT: 2 },
    weight: 'PERWT',
    household: { key: 'household_id', columns: ['household_id', 'stratum', 'psu'] },
  });
  await connection.run('DROP TABLE census_for_files');
  return files;
}
