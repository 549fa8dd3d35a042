import { describe, expect, it } from 'vitest';
import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { CATALOGUES } from './catalogues/index.ts';
import { en } from './catalogues/en.ts';
import { UI_LANGUAGES } from './languages.ts';
import { getTranslator } from './translator.ts';
import { findCatalogue, loadCatalogue } from './catalogues/load.ts';

/** The argument names a message uses (placeholders, plurals, selects), recursively. */
function argumentsOf(elements: MessageFormatElement[], into = new Set<string>()): Set<string> {
  for (const element of elements) {
    if (element.type === TYPE.argument || element.type === TYPE.number || element.type === TYPE.date)
      into.add(element.value);
    if (element.type === TYPE.plural || element.type === TYPE.select) {
      into.add(element.value);
      for (const option of Object.values(element.options)) argumentsOf(option.value, into);
    }
  }
  return into;
}

describe('the message catalogues', () => {
  const keys = Object.keys(en).sort();

  it.each(UI_LANGUAGES)('%s has exactly the English keys', (lang) => {
    const catalogue = CATALOGUES[lang] as Record<string, string>;
    const missing = keys.filter((key) => !(key in catalogue) || catalogue[key]!.trim() === '');
    const extra = Object.keys(catalogue).filter((key) => !(key in en));
    expect({ missing, extra }).toEqual({ missing: [], extra: [] });
  });

  it.each(UI_LANGUAGES)('%s messages parse as ICU and use the same arguments as English', (lang) => {
    const catalogue = CATALOGUES[lang] as Record<string, string>;
    const mismatches: string[] = [];
    for (const key of keys) {
      const expected = [...argumentsOf(parse((en as Record<string, string>)[key]!))].sort();
      const actual = [...argumentsOf(parse(catalogue[key]!))].sort();
      if (expected.join() !== actual.join()) mismatches.push(`${key}: ${actual.join()} instead of ${expected.join()}`);
    }
    expect(mismatches).toEqual([]);
  });

  it('formats plurals by the rules of each language', () => {
    expect(getTranslator('en').t('common.countries', { count: 1 })).toBe('1 country');
    expect(getTranslator('en').t('common.countries', { count: 3 })).toBe('3 countries');
    expect(getTranslator('ru').t('common.countries', { count: 3 })).toBe('3 страны');
    expect(getTranslator('ru').t('common.countries', { count: 5 })).toBe('5 стран');
    expect(getTranslator('fr').t('common.countries', { count: 0 })).toBe('aucun pays');
  });

  it('formats numbers, percentages and dates for the language', () => {
    expect(getTranslator('fr').formatPercent(42.5)).toBe('42,5\u00a0%');
    expect(getTranslator('en').formatPercent(42.5)).toBe('42.5%');
    expect(getTranslator('en').formatDate('2026-03-01T10:00:00Z')).toBe('Mar 1, 2026');
    expect(getTranslator('ar').dir).toBe('rtl');
    expect(getTranslator('zh').dir).toBe('ltr');
  });

  it('loads a catalogue on demand and falls back to English before', async () => {
    expect(findCatalogue('ru')).toBe(CATALOGUES.ru);
    await loadCatalogue('ru');
    expect(getTranslator('ru').t('nav.data')).toBe('Данные');
  });
});
