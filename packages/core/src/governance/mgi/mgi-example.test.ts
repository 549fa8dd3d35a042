import { describe, expect, it } from 'vitest';
import { parseInstrument } from '../../instruments/registry.ts';
import { MGI_SUB_AREAS } from '../reference/mgi.data.ts';
import { MGI_DIMENSION_IDS, MGI_LOCAL_EXAMPLE, MGI_NATIONAL_EXAMPLE } from './mgi-example.data.ts';

describe('MGI example instruments', () => {
  it.each([MGI_NATIONAL_EXAMPLE, MGI_LOCAL_EXAMPLE])('validate as profile instruments ($instrument)', (instrument) => {
    const parsed = parseInstrument(instrument);
    expect(parsed.ok).toBe(true);
    expect(instrument.kind).toBe('profile');
    expect(instrument.scoring).toBeUndefined();
  });

  it('labels every item as example wording', () => {
    const items = MGI_NATIONAL_EXAMPLE.domains.flatMap((domain) => domain.items);
    expect(items.every((item) => item.wording === 'example')).toBe(true);
    expect(MGI_NATIONAL_EXAMPLE.title.en).toContain('EXAMPLE');
  });

  it('has the six MGI dimensions with one item per published sub-area', () => {
    expect(MGI_NATIONAL_EXAMPLE.domains.map((domain) => domain.id)).toEqual([...MGI_DIMENSION_IDS]);
    const subAreas = MGI_NATIONAL_EXAMPLE.domains.flatMap((domain) => domain.items.map((item) => item.subArea));
    expect(subAreas).toEqual(MGI_SUB_AREAS.map((row) => row.subArea));
    expect(MGI_NATIONAL_EXAMPLE.domains.map((domain) => domain.migof)).toEqual(['P1', 'P2', 'P3', 'O1', 'O2', 'O3']);
  });

  it('asks the local example of the local authority', () => {
    expect(MGI_LOCAL_EXAMPLE.domains[0]?.items[0]?.text.en).toContain('the local authority');
    expect(MGI_NATIONAL_EXAMPLE.domains[0]?.items[0]?.text.en).toContain('the government');
  });
});
