/** Names and labels in the interface language: instrument texts, area names (CLDR through Intl.DisplayNames), categories. */
import type { AreaSummary, LocalizedText } from '../api/api-types.ts';
import type { UiLanguage } from '../i18n/languages.ts';
import type { Translator } from '../i18n/translator.ts';

/** A localized instrument text, falling back to English. */
export function pickText(text: LocalizedText | undefined, lang: UiLanguage): string {
  if (!text) return '';
  return text[lang] ?? text.en;
}

const displayNames = new Map<UiLanguage, Intl.DisplayNames | undefined>();

function regionNames(lang: UiLanguage): Intl.DisplayNames | undefined {
  if (!displayNames.has(lang)) {
    let names: Intl.DisplayNames | undefined;
    try {
      names = new Intl.DisplayNames([lang === 'zh' ? 'zh-Hans' : lang], { type: 'region', fallback: 'none' });
    } catch {
      names = undefined;
    }
    displayNames.set(lang, names);
  }
  return displayNames.get(lang);
}

/** The name of an area in a language: CLDR's name for its ISO alpha-2 or M49 region code when there is one, else the UN English name. */
export function areaName(
  area: Pick<AreaSummary, 'name' | 'kind' | 'm49'> & { alpha2?: string },
  lang: UiLanguage,
): string {
  if (lang === 'en') return area.name;
  const names = regionNames(lang);
  const code = area.alpha2 ?? (area.kind !== 'country' && area.m49 ? area.m49 : undefined);
  if (!names || !code) return area.name;
  try {
    return names.of(code) ?? area.name;
  } catch {
    return area.name;
  }
}

/** The label of a classification band: the instrument's text in the language, else the catalogue's name of the category code. */
export function categoryLabel(t: Translator, code: number, label?: LocalizedText): string {
  if (label && (label[t.lang] || t.lang === 'en')) return pickText(label, t.lang);
  return t.t('category.name', { code });
}

const SIZE_UNITS = [
  { unit: 'megabyte', bytes: 1024 * 1024 },
  { unit: 'kilobyte', bytes: 1024 },
] as const;

/** A file size in the language's number format: "12.5 kB", "1.2 MB", "300 byte". */
export function formatFileSize(t: Translator, bytes: number): string {
  const scale = SIZE_UNITS.find((entry) => bytes >= entry.bytes);
  return t.formatNumber(scale ? bytes / scale.bytes : bytes, {
    style: 'unit',
    unit: scale?.unit ?? 'byte',
    unitDisplay: 'short',
    maximumFractionDigits: 1,
  });
}
