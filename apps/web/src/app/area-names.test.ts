import { describe, expect, it } from 'vitest';
import { DEVELOPMENT_GROUPS, SDG_REGIONS } from '@migov/core';
import { UI_LANGUAGES } from '../i18n/languages.ts';
import { areaName, formatList, mapShapeName } from './localized.ts';

const OTHER_LANGUAGES = UI_LANGUAGES.filter((lang) => lang !== 'en');

describe('area names in the interface language', () => {
  it('names every SDG region and development group in every language, not in English', () => {
    const groups = [
      ...SDG_REGIONS.map((region) => ({ code: region.code, name: region.name, kind: 'sdg-region' })),
      ...DEVELOPMENT_GROUPS.map((group) => ({ code: group.id, name: group.name, kind: group.kind })),
    ];
    for (const lang of OTHER_LANGUAGES)
      for (const group of groups) expect(areaName(group, lang), `${group.code} in ${lang}`).not.toBe(group.name);
    expect(areaName({ code: '747', name: 'Northern Africa and Western Asia', kind: 'sdg-region' }, 'ru')).toBe(
      'Северная Африка и Западная Азия',
    );
  });

  it('names M49 regions by CLDR, whether the code is padded or not', () => {
    expect(areaName({ code: '2', m49: '002', name: 'Africa', kind: 'region' }, 'zh')).toBe('非洲');
    expect(areaName({ code: '150', name: 'Europe', kind: 'region' }, 'ar')).toBe('أوروبا');
    expect(areaName({ code: '484', alpha2: 'MX', name: 'Mexico', kind: 'country' }, 'ru')).toBe('Мексика');
    expect(areaName({ code: '2', name: 'Africa', kind: 'region' }, 'en')).toBe('Africa');
    expect(areaName({ code: '1', m49: '001', name: 'World', kind: 'world' }, 'ru')).toBe('Весь мир');
  });

  it('names map shapes without an M49 area, and joins lists the language’s way', () => {
    expect(mapShapeName('Kosovo', 'fr')).toBe('Kosovo');
    expect(mapShapeName('N. Cyprus', 'zh')).toBe('北塞浦路斯');
    expect(formatList(['A', 'B', 'C'], 'en')).toBe('A, B, and C');
    expect(formatList(['A', 'B'], 'zh')).toBe('A和B');
  });
});
