import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readDdfSeries } from '@migov/core';
import { sharedDataDirectory } from '../../../../test-support/shared-data.ts';
import {
  BUNDLED_SNAPSHOT_DIRECTORY,
  buildSnapshotFromDdf,
  decodeSnapshot,
  encodeSnapshot,
  readBundledSnapshot,
  SnapshotError,
} from './snapshot-files.ts';

const committed = readBundledSnapshot();

describe('the official data snapshot shipped with migov', () => {
  it('is what rebuilding it from the UN files gives, byte for byte (npm run snapshot:build)', () => {
    const rebuilt = encodeSnapshot(buildSnapshotFromDdf(sharedDataDirectory(), committed.manifest.retrievedOn));
    expect([...rebuilt.keys()].sort()).toEqual(readdirSync(BUNDLED_SNAPSHOT_DIRECTORY).sort());
    for (const [name, bytes] of rebuilt)
      expect(bytes.equals(readFileSync(join(BUNDLED_SNAPSHOT_DIRECTORY, name))), name).toBe(true);
  });

  it('names its source and retrieval date, and holds every row of the UN files', () => {
    expect(committed.manifest).toMatchObject({
      id: `official-${committed.manifest.retrievedOn}`,
      source: 'UN SDG Global Database',
      sourceDetail: expect.stringContaining('e0117e9'),
    });
    const rows = Object.fromEntries(committed.manifest.series.map((entry) => [entry.series, entry.rows]));
    expect(rows).toEqual({
      SG_CPA_MIGRS: 1750,
      SG_CPA_MIGRP: 532,
      SL_EMP_FTLINJUR: 3577,
      SL_EMP_INJUR: 3618,
      SL_LBR_NTLCPL: 1563,
      SM_DTH_MIGR: 818,
      SM_POP_REFG_OR: 6049,
      SI_RMT_COST: 754,
      BX_TRF_PWKR: 7778,
    });
    const migrants = committed.series
      .find((series) => series.series === 'SL_EMP_FTLINJUR')
      ?.rows.filter((row) => row.dimensions.MIGRATORY_STATUS === 'MIGPER');
    expect(migrants?.length).toBeGreaterThan(0);
    expect(committed.manifest.coverage).toContainEqual(
      expect.objectContaining({ area: '1', year: 2021, responding: 138, publishedPerCountry: 89 }),
    );
  });

  it('refuses files whose checksum or row count does not match the manifest', () => {
    const files = encodeSnapshot(committed);
    const tampered = new Map(files);
    const other = encodeSnapshot({
      ...committed,
      series: committed.series.map((series) =>
        series.series === 'SG_CPA_MIGRS' ? { ...series, rows: series.rows.slice(1) } : series,
      ),
    });
    tampered.set('sg_cpa_migrs.csv.gz', other.get('sg_cpa_migrs.csv.gz') as Buffer);
    expect(() => decodeSnapshot((name) => tampered.get(name) as Buffer)).toThrow(SnapshotError);
    expect(() => decodeSnapshot((name) => tampered.get(name) as Buffer)).toThrow(
      'sg_cpa_migrs.csv.gz: checksum does not match the manifest',
    );
    expect(decodeSnapshot((name) => files.get(name) as Buffer).series.map((series) => series.rows.length)).toEqual(
      committed.series.map((series) => series.rows.length),
    );
  });

  it('reports every bad row of a DDF file, with the row and column, and builds nothing', () => {
    const read = readDdfSeries({
      name: 'x.csv',
      text: 'geo_area,nature,units,year,si_rmt_cost\n1,g,percent,2011,9.3\nXYZ,g,percent,20x1,abc\n',
    });
    expect(read.series).toBeUndefined();
    expect(read.problems).toEqual([
      { file: 'x.csv', row: 3, column: 'geo_area', value: 'XYZ', message: 'not an M49 code' },
      { file: 'x.csv', row: 3, column: 'year', value: '20x1', message: 'not a year' },
      { file: 'x.csv', row: 3, column: 'si_rmt_cost', value: 'abc', message: 'not a number or N' },
    ]);
    expect(
      readDdfSeries({ name: 'y.csv', text: 'geo_area,color,year,si_rmt_cost\n1,red,2011,9\n' }).problems[0],
    ).toMatchObject({ column: 'color', message: expect.stringContaining('unknown DDF column') });
  });
});
