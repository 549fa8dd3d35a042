import { describe, expect, it } from 'vitest';
import { SDG_10_7_2_V2019 } from './sdg-10-7-2.data.ts';
import { optionLabel } from './option-label.ts';

describe('optionLabel', () => {
  const item = SDG_10_7_2_V2019.domains[1]!.items[0]!;
  const scale = SDG_10_7_2_V2019.scales[item.scale]!;

  it("gives the label of an option of the item's scale", () => {
    for (const option of scale) expect(optionLabel(SDG_10_7_2_V2019, item.id, option.id)).toBe(option.label);
  });

  it('gives nothing for an unknown item, an unknown option or no answer', () => {
    expect(optionLabel(SDG_10_7_2_V2019, 'no-such-item', scale[0]!.id)).toBeUndefined();
    expect(optionLabel(SDG_10_7_2_V2019, item.id, 'no-such-option')).toBeUndefined();
    expect(optionLabel(SDG_10_7_2_V2019, item.id, undefined)).toBeUndefined();
    expect(optionLabel(SDG_10_7_2_V2019, item.id, null)).toBeUndefined();
  });
});
