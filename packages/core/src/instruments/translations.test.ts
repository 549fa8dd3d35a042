import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { localize } from './model.ts';
import { instrumentJsonSchema, parseInstrument } from './registry.ts';
import { translationSource } from './translations.ts';

/** A small instrument that carries an Arabic translation apart from its texts (examples/translated-instrument.json). */
const EXAMPLE = JSON.parse(
  readFileSync(new URL('../../../../examples/translated-instrument.json', import.meta.url), 'utf8'),
) as Record<string, unknown> & { translations: { ar: Record<string, unknown> } };

describe('official translations of an instrument', () => {
  it('merges a supplied translation into every text, keeps its source, and leaves other languages in English', () => {
    const parsed = parseInstrument(EXAMPLE);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
    const instrument = parsed.instrument;
    expect(instrument.title.ar).toBe('أداة مثال مع ترجمة مرفقة');
    const domain = instrument.domains[0]!;
    expect(localize(domain.label, 'ar')).toBe('حقوق المهاجرين');
    expect(domain.items.map((item) => localize(item.text, 'ar'))).toEqual([
      'المساواة في الحصول على الخدمات الصحية',
      'المساواة في الحصول على التعليم',
    ]);
    expect(localize(domain.items[1]!.note!, 'ar')).toBe('المدارس الابتدائية والثانوية');
    expect(instrument.scales['yes-no']!.map((option) => localize(option.label, 'ar'))).toEqual(['نعم', 'لا']);
    expect(instrument.scoring!.bands.map((band) => localize(band.label, 'ar'))).toEqual([
      'يتطلب مزيدا من التقدم',
      'يستوفي',
    ]);
    expect(translationSource(instrument, 'ar')).toMatchObject({ publisher: 'migov', date: '2026-12' });
    // Russian was not supplied: English, as before, and no source to cite.
    expect(instrument.title.ru).toBeUndefined();
    expect(localize(domain.items[0]!.text, 'ru')).toBe('Equal access to health services');
    expect(translationSource(instrument, 'ru')).toBeUndefined();
  });

  it('keeps a text the instrument carries itself over one supplied apart', () => {
    const parsed = parseInstrument({ ...EXAMPLE, title: { en: 'Example', ar: 'عنوان الأداة نفسها' } });
    expect(parsed.ok && parsed.instrument.title.ar).toBe('عنوان الأداة نفسها');
  });

  it('refuses a translation that leaves a text out or names an item, option or domain the version lacks, with paths', () => {
    const ar = EXAMPLE.translations.ar as {
      items: Record<string, unknown>;
      options: Record<string, Record<string, string>>;
      domains: Record<string, string>;
    };
    const broken = {
      ...EXAMPLE,
      translations: {
        ar: {
          ...ar,
          items: { '1a': ar.items['1a'], '1b': { text: 'بلا ملاحظة' }, '9z': { text: 'زائد' } },
          options: { 'yes-no': { yes: 'نعم' } },
          domains: { rights: 'حقوق', other: 'أخرى' },
        },
        // English is the instrument's own text, never a translation.
        en: ar,
      },
    };
    const parsed = parseInstrument(broken);
    expect(parsed.ok).toBe(false);
    const problems = parsed.ok ? [] : parsed.problems.map((problem) => `${problem.path}: ${problem.message}`);
    expect(problems).toEqual(
      expect.arrayContaining([
        'translations.ar.items.1b.note: no ar text for the note of item 1b',
        'translations.ar.items.9z: unknown item "9z"',
        'translations.ar.options.yes-no.no: no ar text for option no of scale yes-no',
        'translations.ar.domains.other: unknown domain "other"',
      ]),
    );
    expect(problems.some((problem) => problem.startsWith('translations'))).toBe(true);
    expect(problems.length).toBe(5);
  });

  it('is described by the published JSON Schema', () => {
    const schema = instrumentJsonSchema() as {
      properties: Record<
        string,
        { propertyNames?: { enum?: string[] }; additionalProperties?: { required?: string[] } }
      >;
    };
    expect(schema.properties.translations?.propertyNames?.enum).toEqual(['fr', 'es', 'ar', 'zh', 'ru']);
    expect(schema.properties.translations?.additionalProperties?.required).toContain('source');
  });
});
