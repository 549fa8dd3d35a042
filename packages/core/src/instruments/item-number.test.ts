import { describe, expect, it } from 'vitest';
import { itemNumber, itemNumbers } from './item-number.ts';
import { SDG_10_7_2_V2019 } from './sdg-10-7-2.data.ts';

describe('itemNumber', () => {
  it('numbers the 10.7.2 sub-categories as the questionnaire does (1a … 6e)', () => {
    for (const domain of SDG_10_7_2_V2019.domains)
      for (const item of domain.items) expect(itemNumber(SDG_10_7_2_V2019, item.id)).toBe(item.id);
    expect(itemNumber(SDG_10_7_2_V2019, '4b')).toBe('4b');
  });

  it('numbers any instrument by domain and place in the domain, past z', () => {
    const items = Array.from({ length: 28 }, (_, index) => ({ id: `q${index}` }));
    const instrument = { domains: [{ items: [{ id: 'first' }] }, { items }] } as never;
    expect(itemNumber(instrument, 'first')).toBe('1a');
    expect(itemNumber(instrument, 'q0')).toBe('2a');
    expect(itemNumber(instrument, 'q25')).toBe('2z');
    expect(itemNumber(instrument, 'q26')).toBe('2aa');
    expect(itemNumber(instrument, 'q27')).toBe('2ab');
    expect(itemNumber(instrument, 'missing')).toBeUndefined();
    expect(new Set(itemNumbers(instrument).values()).size).toBe(29);
  });
});
