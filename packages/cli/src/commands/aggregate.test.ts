import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { sharedData } from '../../../../test-support/shared-data.ts';
import { runMigov } from '../run-cli.test-helper.ts';

const countries = sharedData('un-sdg-10-7-2/sg_cpa_migrs_by_country.ddf.csv');
const published = new URL('../../../core/test/fixtures/sg_cpa_migrp_published.ddf.csv', import.meta.url).pathname;

describe('migov aggregate', () => {
  it('prints SG_CPA_MIGRP in the SDG API CSV shape, reproducing the published 2019 world figures', async () => {
    const run = await runMigov(['aggregate', countries, '--year', '2019', '--format', 'sdg-csv']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const rows: Record<string, string>[] = parse(run.stdout, { columns: true });
    expect(Object.keys(rows[0]!)).toEqual(
      expect.arrayContaining(['SeriesCode', 'GeoAreaCode', 'GeoAreaName', 'TimePeriod', 'Value', '[Policy Domains]']),
    );
    const world = rows.filter((row) => row.GeoAreaCode === '1');
    expect(world.map((row) => row['[Policy Domains]'])).toEqual([
      'ALLDOMAINS',
      'DOMAIN1',
      'DOMAIN2',
      'DOMAIN3',
      'DOMAIN4',
      'DOMAIN5',
      'DOMAIN6',
    ]);
    expect(world.map((row) => Number(row.Value).toFixed(1))).toEqual([
      '54.1',
      '55.0',
      '67.6',
      '79.3',
      '58.6',
      '62.2',
      '77.5',
    ]);
    expect(
      world.every(
        (row) => row.SeriesCode === 'SG_CPA_MIGRP' && row.TimePeriod === '2019' && row.GeoAreaName === 'World',
      ),
    ).toBe(true);
    const numeratorColumn = Object.keys(rows[0]!).find((column) => /numerator/i.test(column))!;
    const denominatorColumn = Object.keys(rows[0]!).find((column) => /denominator/i.test(column))!;
    expect(world.map((row) => `${row[numeratorColumn]}/${row[denominatorColumn]}`)[0]).toBe('60/111');
    // Every area it can compute: regions, sub-regions, SDG regions and groupings, not only the world.
    for (const code of ['2', '142', '150', '202', '419', '513', '543', '747', '753', '199', '432', '722'])
      expect(rows.some((row) => row.GeoAreaCode === code)).toBe(true);
  });

  it('prints the SDMX-CSV equivalent', async () => {
    const run = await runMigov(['aggregate', countries, '--year', '2019', '--format', 'sdmx-csv']);
    expect(run.code).toBe(0);
    const rows: Record<string, string>[] = parse(run.stdout, { columns: true });
    const worldTotal = rows.find((row) => row.REF_AREA === '1' && row.COMPOSITE_BREAKDOWN === '_T');
    expect(worldTotal).toMatchObject({ SERIES: 'SG_CPA_MIGRP', TIME_PERIOD: '2019', UNIT_MEASURE: 'PERCENT' });
    expect(Number(worldTotal!.OBS_VALUE).toFixed(1)).toBe('54.1');
  });

  it('reports why 2021 differs from the published figures: 89 of 138 responding countries published', async () => {
    const run = await runMigov([
      'aggregate',
      countries,
      '--year',
      '2021',
      '--published',
      published,
      '--compare',
      '--areas',
      '1',
    ]);
    expect(run.code).toBe(0);
    const world = run.stdout.split('\n').find((line) => line.includes('ALLDOMAINS'));
    expect(world).toContain('published 62.31884: differs');
    expect(world).toMatch(/89 of 138/);
  });

  it('refuses a bad --year and a missing file with usage and unavailable exit codes', async () => {
    expect((await runMigov(['aggregate', countries, '--year', '19'])).code).toBe(2);
    expect((await runMigov(['aggregate', '/nonexistent.csv'])).code).toBe(3);
  });
});
