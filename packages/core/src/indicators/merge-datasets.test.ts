import { describe, expect, it } from 'vitest';
import type { IndicatorDataset } from './dataset.ts';
import { fixture } from './fixtures.test-helpers.ts';
import { formatDimensionKey, mergeDatasets, observationKey } from './merge-datasets.ts';
import { readIndicatorDatasets } from './read-indicator-datasets.ts';

const refugees = (observations: [string, number, number][]): IndicatorDataset => ({
  indicator: '10.7.4',
  series: 'SM_POP_REFG_OR',
  unit: 'PER_100000_POP',
  observations: observations.map(([area, year, value]) => ({ area, year, value, dimensions: {}, attributes: {} })),
});

describe('formatDimensionKey and observationKey', () => {
  it('write a disaggregation in one canonical form whatever the key order', () => {
    expect(formatDimensionKey({ SEX: 'F', AGE: '_T' })).toBe('AGE=_T,SEX=F');
    expect(formatDimensionKey({})).toBe('');
    expect(observationKey({ area: '4', year: 2021, dimensions: { SEX: 'F', AGE: '_T' } })).toBe('4|2021|AGE=_T,SEX=F');
  });
});

describe('mergeDatasets', () => {
  it('adds new points and keeps identical ones once, leaving the inputs unchanged', () => {
    const existing = [refugees([['4', 2021, 10]])];
    const result = mergeDatasets(existing, [
      refugees([
        ['4', 2021, 10],
        ['4', 2022, 11],
      ]),
    ]);
    expect(result).toEqual({
      ok: true,
      added: 1,
      replaced: 0,
      datasets: [
        refugees([
          ['4', 2021, 10],
          ['4', 2022, 11],
        ]),
      ],
    });
    expect(existing).toEqual([refugees([['4', 2021, 10]])]);
  });

  it('refuses different values for the same point unless told to replace them', () => {
    const refused = mergeDatasets([refugees([['4', 2021, 10]])], [refugees([['4', 2021, 12]])]);
    expect(refused).toMatchObject({
      ok: false,
      conflicts: [
        { series: 'SM_POP_REFG_OR', area: '4', year: 2021, existing: { value: 10 }, incoming: { value: 12 } },
      ],
    });
    expect(
      mergeDatasets([refugees([['4', 2021, 10]])], [refugees([['4', 2021, 12]])], { onConflict: 'replace' }),
    ).toEqual({ ok: true, added: 0, replaced: 1, datasets: [refugees([['4', 2021, 12]])] });
  });

  it('keeps series and units apart, and merges a national file into a global download', () => {
    const global = readIndicatorDatasets(fixture('test-fixture-sdg-api-10-7-4.csv')).datasets;
    const national = readIndicatorDatasets(fixture('test-fixture-open-sdg-10-7-4.csv'), { area: '124' }).datasets;
    const result = mergeDatasets(global, national);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.added).toBe(6);
    expect(result.datasets).toHaveLength(1);
    expect(new Set(result.datasets[0]?.observations.map((observation) => observation.area))).toEqual(
      new Set(['4', '760', '36', '531', '124']),
    );
    const otherUnit = mergeDatasets(global, [{ ...refugees([['4', 2021, 1]]), unit: 'NUMBER' }]);
    expect(otherUnit.ok && otherUnit.datasets.map((dataset) => dataset.unit)).toEqual(['PER_100000_POP', 'NUMBER']);
  });
});
