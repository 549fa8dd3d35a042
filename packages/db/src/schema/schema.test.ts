import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SDG_10_7_2_V2019, type Observation } from '@migov/core';
import { appliedSchemaVersion, parseDatabaseUrl, SCHEMA_VERSION } from '../database.ts';
import { ConflictError, ValidationError } from '../errors.ts';
import {
  listInstrumentVersions,
  loadInstrumentRegistry,
  saveInstrumentVersion,
} from '../instruments/instruments.repository.ts';
import { createJurisdiction, findJurisdiction, listJurisdictions } from '../jurisdictions/jurisdictions.repository.ts';
import {
  importObservations,
  listObservationImports,
  listObservations,
} from '../observations/observations.repository.ts';
import { createRound, getRound, listRounds } from '../rounds/rounds.repository.ts';
import { makeUser } from '../testing/fixtures.ts';
import { TEST_DIALECTS, createTestDatabase, type TestDatabase } from '../testing/test-database.ts';
import { DIALECT_TYPES, TABLES } from './tables.ts';

const source = { name: 'UN SDG Global Database', format: 'sdg-api-csv', importedAt: '2024-06-01T00:00:00.000Z' };

describe('parseDatabaseUrl', () => {
  it.each([
    ['sqlite::memory:', { dialect: 'sqlite', filename: ':memory:' }],
    ['sqlite:./data/x.sqlite', { dialect: 'sqlite', filename: './data/x.sqlite' }],
    ['./.migov/migov.sqlite', { dialect: 'sqlite', filename: './.migov/migov.sqlite' }],
    ['postgres://u@h:5432/d', { dialect: 'postgres', connectionString: 'postgres://u@h:5432/d' }],
    ['postgresql://u@h/d', { dialect: 'postgres', connectionString: 'postgresql://u@h/d' }],
  ])('reads %s', (url, expected) => {
    expect(parseDatabaseUrl(url)).toEqual(expected);
  });

  it('names the unsupported value', () => {
    expect(() => parseDatabaseUrl('mysql://h/d')).toThrow('unsupported database url "mysql://h/d"');
    expect(() => parseDatabaseUrl(' ')).toThrow(/empty/);
  });
});

describe('the data layer source', () => {
  it('never deletes rows: no DELETE outside tests', () => {
    const offenders: string[] = [];
    const walk = (directory: string) => {
      for (const name of readdirSync(directory)) {
        const path = join(directory, name);
        if (statSync(path).isDirectory()) walk(path);
        else if (name.endsWith('.ts') && !name.endsWith('.test.ts') && !path.includes('/testing/')) {
          const text = readFileSync(path, 'utf8');
          if (/deleteFrom\(|\bdelete\s+from\b|\btruncate\b/i.test(text)) offenders.push(path);
        }
      }
    };
    walk(join(import.meta.dirname, '..'));
    expect(offenders).toEqual([]);
  });
});

describe.each(TEST_DIALECTS)('schema and reference data on %s', (dialect) => {
  let test: TestDatabase;

  beforeAll(async () => {
    test = await createTestDatabase(dialect);
  });
  afterAll(async () => test?.dispose());

  it('has exactly the tables and column types of the schema description', async () => {
    const tables = await test.db.kysely.introspection.getTables();
    const actual = Object.fromEntries(
      tables.map((table) => [
        table.name,
        Object.fromEntries(table.columns.map((column) => [column.name, column.dataType.toLowerCase()])),
      ]),
    );
    const expected = Object.fromEntries(
      Object.entries(TABLES).map(([table, columns]) => [
        table,
        Object.fromEntries(Object.entries(columns).map(([column, kind]) => [column, DIALECT_TYPES[dialect][kind]])),
      ]),
    );
    // PostgreSQL reports int4/int8 for integer/bigint.
    const normalise = (type: string) => ({ int4: 'integer', int8: 'bigint' })[type] ?? type;
    const normalised = Object.fromEntries(
      Object.entries(actual).map(([table, columns]) => [
        table,
        Object.fromEntries(Object.entries(columns).map(([column, type]) => [column, normalise(type)])),
      ]),
    );
    expect(normalised).toEqual(expected);
  });

  it('migrates idempotently and reports the schema version', async () => {
    await test.db.migrate();
    expect(await appliedSchemaVersion(test.db)).toBe(SCHEMA_VERSION);
  });

  it('creates sub-national jurisdictions under a country, validating code and parent', async () => {
    const city = await createJurisdiction(
      test.db,
      { code: '484-CMX', name: 'Demo Mexico City', level: 'city', parent: '484' },
      null,
    );
    expect(await findJurisdiction(test.db, '484-CMX')).toEqual(city);
    await expect(
      createJurisdiction(test.db, { code: '484-CMX', name: 'Again', level: 'city', parent: '484' }, null),
    ).rejects.toBeInstanceOf(ConflictError);
    await expect(
      createJurisdiction(test.db, { code: 'cmx', name: 'X', level: 'town' as never, parent: '484' }, null),
    ).rejects.toMatchObject({
      problems: [
        { field: 'code', value: 'cmx' },
        { field: 'level', value: 'town' },
      ],
    });
    await expect(
      createJurisdiction(test.db, { code: '484-GDL', name: 'X', level: 'city', parent: '76' }, null),
    ).rejects.toMatchObject({ problems: [{ field: 'parent', value: '76' }] });
    expect((await listJurisdictions(test.db, { parent: '484' })).map((item) => item.code)).toEqual(['484-CMX']);
  });

  it('creates rounds for known instrument versions only', async () => {
    const round = await createRound(
      test.db,
      { year: 2021, instrument: 'sdg-10-7-2', version: '2019', opensOn: '2021-02-01', closesOn: '2021-06-30' },
      null,
    );
    expect(await getRound(test.db, round.id)).toEqual(round);
    await expect(
      createRound(
        test.db,
        { year: 2021, instrument: 'sdg-10-7-2', version: '2019', opensOn: '2021-02-01', closesOn: '2021-06-30' },
        null,
      ),
    ).rejects.toMatchObject({ name: 'ConflictError', current: { id: round.id } });
    await expect(
      createRound(
        test.db,
        { year: 2023, instrument: 'sdg-10-7-2', version: '1999', opensOn: '2023-02-30', closesOn: '2023-01-01' },
        null,
      ),
    ).rejects.toMatchObject({
      problems: [
        { field: 'opensOn', value: '2023-02-30' },
        { field: 'version', value: 'sdg-10-7-2@1999' },
      ],
    });
    expect((await listRounds(test.db)).map((item) => item.year)).toEqual([2021]);
  });

  it('stores a loaded instrument version once and never overwrites it', async () => {
    const admin = await makeUser(test.db, 'Admin');
    const custom = {
      ...SDG_10_7_2_V2019,
      version: '2019-fr-wording',
      previousVersion: '2019',
      languages: ['en'],
      title: { en: 'Corrected wording' },
    };
    const stored = await saveInstrumentVersion(test.db, custom, admin.id);
    expect(stored).toMatchObject({ instrument: { version: '2019-fr-wording' }, createdBy: admin.id });
    await expect(
      saveInstrumentVersion(test.db, { ...custom, title: { en: 'Other' } }, admin.id),
    ).rejects.toBeInstanceOf(ConflictError);
    await expect(saveInstrumentVersion(test.db, SDG_10_7_2_V2019, admin.id)).rejects.toMatchObject({
      message: expect.stringContaining('built in'),
    });
    await expect(
      saveInstrumentVersion(test.db, { ...custom, version: 'bad', domains: [] }, admin.id),
    ).rejects.toMatchObject({ name: 'ValidationError', problems: [{ field: 'domains' }] });
    expect((await listInstrumentVersions(test.db)).map((entry) => entry.instrument)).toEqual([custom]);
    expect((await loadInstrumentRegistry(test.db)).find('sdg-10-7-2', '2019-fr-wording')?.title.en).toBe(
      'Corrected wording',
    );
  });

  it('imports observations all or nothing, keeping decimals, N values and the newest import', async () => {
    const observations: Observation[] = [
      {
        series: 'SG_CPA_MIGRS',
        area: '004',
        year: 2019,
        domain: 'DOMAIN1',
        value: 3,
        timeDetail: '2018-2019',
        nature: 'C',
      },
      {
        series: 'SG_CPA_MIGRS',
        area: '16',
        year: 2019,
        domain: 'ALLDOMAINS',
        value: 'N',
        footnote: 'Non-sovereign territory',
      },
      {
        series: 'SG_CPA_MIGRP',
        area: '1',
        year: 2019,
        domain: 'ALLDOMAINS',
        value: 54.12345,
        numerator: 60,
        denominator: 111,
        nature: 'G',
      },
    ];
    const first = await importObservations(test.db, { observations, source }, null);
    expect(first.observationCount).toBe(3);
    expect(await listObservations(test.db, { year: 2019 })).toEqual([
      {
        series: 'SG_CPA_MIGRP',
        area: '1',
        year: 2019,
        domain: 'ALLDOMAINS',
        value: 54.12345,
        numerator: 60,
        denominator: 111,
        nature: 'G',
      },
      {
        series: 'SG_CPA_MIGRS',
        area: '16',
        year: 2019,
        domain: 'ALLDOMAINS',
        value: 'N',
        footnote: 'Non-sovereign territory',
      },
      {
        series: 'SG_CPA_MIGRS',
        area: '4',
        year: 2019,
        domain: 'DOMAIN1',
        value: 3,
        timeDetail: '2018-2019',
        nature: 'C',
      },
    ]);
    const bad = importObservations(
      test.db,
      {
        observations: [...observations, { ...observations[0]!, domain: 'DOMAIN9' as never, value: Number.NaN }],
        source,
      },
      null,
    );
    await expect(bad).rejects.toBeInstanceOf(ValidationError);
    await expect(bad).rejects.toMatchObject({
      problems: [{ field: 'observations[3].domain', value: 'DOMAIN9' }, { field: 'observations[3].value' }],
    });
    expect(await listObservationImports(test.db)).toHaveLength(1);
    await importObservations(
      test.db,
      { observations: [{ ...observations[0]!, value: 4 }], source: { ...source, importedAt: '2025-01-01T00:00:00Z' } },
      null,
    );
    expect((await listObservations(test.db, { series: 'SG_CPA_MIGRS', area: '4' })).map((item) => item.value)).toEqual([
      4,
    ]);
    expect((await listObservations(test.db, { importId: first.id })).length).toBe(3);
  });
});

describe('docs/database.md', () => {
  it('describes every table and column of the schema', () => {
    const document = readFileSync(join(import.meta.dirname, '../../../../docs/database.md'), 'utf8');
    const text = document.slice(document.indexOf('## Schema'));
    for (const [table, columns] of Object.entries(TABLES)) {
      const row = text.split('\n').find((line) => line.startsWith(`| ${table} |`));
      expect(row, `a row for ${table}`).toBeDefined();
      for (const column of Object.keys(columns)) expect(row, `${table}.${column}`).toContain(column);
    }
  });
});
