import { describe, expect, it } from 'vitest';
import { layoutBars } from './bar-chart-state.ts';

describe('layoutBars', () => {
  it.each([
    [0, 0],
    [50, 190],
    [100, 380],
    [130, 380],
    [-5, 0],
  ])('draws %s%% as a bar %s wide on a 380-wide plot', (value, width) => {
    const layout = layoutBars([{ key: 'a', label: 'A', value }], { width: 640, labelWidth: 200 });
    expect(layout.plotWidth).toBe(380);
    expect(layout.bars[0]!.width).toBeCloseTo(width);
  });

  it('stacks rows and leaves rows without a figure empty', () => {
    const layout = layoutBars(
      [
        { key: 'a', label: 'A', value: 10 },
        { key: 'b', label: 'B', value: undefined },
      ],
      { rowHeight: 30 },
    );
    expect(layout.bars.map((bar) => [bar.y, bar.width])).toEqual([
      [24, expect.any(Number)],
      [54, 0],
    ]);
    expect(layout.height).toBe(24 + 60 + 8);
    expect(layout.ticks.map((tick) => tick.value)).toEqual([0, 25, 50, 75, 100]);
  });

  it('refuses a width that leaves no room for bars', () => {
    expect(() => layoutBars([], { width: 200, labelWidth: 180 })).toThrow('invalid width: 200');
  });
});
