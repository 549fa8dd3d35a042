import { describe, expect, it } from 'vitest';
import type { ChartLine } from '@migov/core';
import {
  areasOf,
  defaultChoices,
  dimensionsOf,
  EVERY_CODE,
  formatChoices,
  layoutIndicatorChart,
  niceTicks,
  parseChoices,
  resolveChoices,
  selectLines,
  styleOf,
  tableRows,
  varyingDimensions,
} from './indicator-chart-state.ts';

const line = (area: string, dimensions: Record<string, string>, points: [number, number | null][]): ChartLine => ({
  key: `${area}|${Object.entries(dimensions)
    .map(([id, code]) => `${id}=${code}`)
    .join(',')}`,
  area,
  dimensions,
  label: '',
  points: points.map(([year, value]) => ({ year, value })),
});

const lines: ChartLine[] = [];
for (const area of ['484', '76']) {
  for (const SEX of ['_T', 'F', 'M']) {
    for (const MIGRATORY_STATUS of ['_T', 'MIGRANT', 'NONMIGRANT'])
      lines.push(
        line(area, { SEX, MIGRATORY_STATUS }, [
          [2019, 1],
          [2020, 2],
        ]),
      );
  }
}

describe('indicator chart selection', () => {
  it('compares migratory status by default and holds sex at its total', () => {
    const dimensions = dimensionsOf(lines);
    expect(dimensions).toEqual({ SEX: ['_T', 'F', 'M'], MIGRATORY_STATUS: ['_T', 'MIGRANT', 'NONMIGRANT'] });
    expect(defaultChoices(dimensions)).toEqual({ MIGRATORY_STATUS: EVERY_CODE, SEX: '_T' });
    const kept = selectLines(lines, '484', defaultChoices(dimensions));
    expect(kept.map((entry) => entry.dimensions.MIGRATORY_STATUS)).toEqual(['_T', 'MIGRANT', 'NONMIGRANT']);
    expect(kept.every((entry) => entry.area === '484' && entry.dimensions.SEX === '_T')).toBe(true);
    expect(varyingDimensions(kept)).toEqual(['MIGRATORY_STATUS']);
  });

  it('compares every dimension without a total code, and none with a single code', () => {
    expect(defaultChoices({ SEX: ['F', 'M'], AGE: ['Y15T24', 'Y_GE25'], REPORTING_TYPE: ['G'] })).toEqual({
      SEX: EVERY_CODE,
      AGE: EVERY_CODE,
    });
    expect(defaultChoices({ POLICY_DOMAINS: ['ALLDOMAINS', 'DOMAIN1'] })).toEqual({ POLICY_DOMAINS: EVERY_CODE });
  });

  it('reads choices from the URL, keeps existing codes only and round-trips them', () => {
    const dimensions = dimensionsOf(lines);
    expect(parseChoices('SEX:*;MIGRATORY_STATUS:MIGRANT;bad')).toEqual({ SEX: '*', MIGRATORY_STATUS: 'MIGRANT' });
    expect(resolveChoices(dimensions, parseChoices('SEX:*;MIGRATORY_STATUS:MIGRANT'))).toEqual({
      MIGRATORY_STATUS: 'MIGRANT',
      SEX: '*',
    });
    expect(resolveChoices(dimensions, parseChoices('SEX:X;AGE:_T'))).toEqual(defaultChoices(dimensions));
    const choices = { MIGRATORY_STATUS: 'MIGRANT', SEX: '*' };
    expect(parseChoices(formatChoices(choices))).toEqual(choices);
    expect(selectLines(lines, '76', choices).map((entry) => entry.dimensions.SEX)).toEqual(['_T', 'F', 'M']);
    expect(areasOf({ lines })).toEqual(['484', '76']);
  });
});

describe('indicator chart layout', () => {
  it('rounds the value axis to nice steps that cover the data and zero', () => {
    expect(niceTicks(0, 9.3)).toEqual([0, 2.5, 5, 7.5, 10]);
    expect(niceTicks(-3, 7)).toEqual([-5, -2.5, 0, 2.5, 5, 7.5]);
    expect(niceTicks(0, 0)).toEqual([0, 0.25, 0.5, 0.75, 1]);
    expect(niceTicks(4, 4)).toEqual([0, 2, 4, 6]);
    expect(niceTicks(0, 100)).toEqual([0, 25, 50, 75, 100]);
  });

  it('places years on a linear axis and breaks a line at not-applicable points', () => {
    const layout = layoutIndicatorChart(
      [
        line('4', {}, [
          [2015, 0],
          [2017, 5],
          [2018, null],
          [2019, 10],
        ]),
      ],
      { kind: 'line', width: 416, height: 248 },
    );
    const [series] = layout.series;
    expect(layout.xTicks.map((tick) => [tick.year, tick.x])).toEqual([
      [2015, 56],
      [2017, 228],
      [2018, 314],
      [2019, 400],
    ]);
    expect(layout.yTicks.map((tick) => tick.value)).toEqual([0, 2.5, 5, 7.5, 10]);
    expect(series!.segments.map((segment) => segment.map((point) => point.year))).toEqual([[2015, 2017], [2019]]);
    // The top of the axis (10) is at the top of the plot, zero at its bottom.
    expect(series!.points.map((point) => point.y)).toEqual([216, 116, 16]);
  });

  it('groups bars by year, side by side, from zero up', () => {
    const layout = layoutIndicatorChart(
      [
        line('4', { SEX: 'F' }, [
          [2020, 5],
          [2021, 10],
        ]),
        line('4', { SEX: 'M' }, [[2020, 10]]),
      ],
      { kind: 'bar', width: 472, height: 248 },
    );
    expect(layout.xTicks).toEqual([
      { year: 2020, x: 156 },
      { year: 2021, x: 356 },
    ]);
    const [female, male] = layout.series;
    expect(female!.bars.map((bar) => [bar.year, bar.x, bar.width, bar.y, bar.height])).toEqual([
      [2020, 76, 80, 116, 100],
      [2021, 276, 80, 16, 200],
    ]);
    expect(male!.bars.map((bar) => [bar.x, bar.height])).toEqual([[156, 200]]);
  });

  it('styles series apart by more than colour, and tabulates every line by year', () => {
    expect(new Set(Array.from({ length: 8 }, (_, index) => styleOf(index).colour)).size).toBe(8);
    expect(styleOf(0).marker).not.toBe(styleOf(1).marker);
    expect(styleOf(8).dash).not.toBe(styleOf(0).dash);
    const rows = tableRows([
      line('4', {}, [[2019, 1]]),
      line('4', { SEX: 'F' }, [
        [2018, 2],
        [2019, null],
      ]),
    ]);
    expect(rows.map((row) => [row.year, row.cells.map((cell) => cell?.value)])).toEqual([
      [2018, [undefined, 2]],
      [2019, [1, null]],
    ]);
  });
});
