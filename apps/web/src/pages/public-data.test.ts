import { describe, expect, it } from 'vitest';
import { pickRound, type ShownRound } from './public-data.ts';

const round = (year: number, official: number, national: number, demo: number): ShownRound => ({
  year,
  instrument: 'sdg-10-7-2',
  version: '2019',
  official,
  national,
  demo,
});

describe('the round a page opens on', () => {
  it.each([
    ['the requested year, whatever it holds', [round(2023, 0, 0, 2), round(2021, 89, 0, 3)], 2023, 2023],
    ['nothing for a year without a round', [round(2021, 89, 0, 0)], 2020, undefined],
    [
      'the latest with official values, not a later demo-only round',
      [round(2023, 0, 0, 2), round(2021, 89, 0, 3), round(2019, 111, 0, 0)],
      undefined,
      2021,
    ],
    [
      'a later national round before an earlier official one',
      [round(2024, 0, 1, 0), round(2021, 89, 0, 0)],
      undefined,
      2024,
    ],
    ['a demo round when nothing else has values', [round(2024, 0, 0, 0), round(2023, 0, 0, 2)], undefined, 2023],
    ['the latest round when none has values', [round(2024, 0, 0, 0), round(2023, 0, 0, 0)], undefined, 2024],
  ])('%s', (_, rounds, year, expected) => {
    expect(pickRound(rounds, year)?.year).toBe(expected);
  });
});
