/** Names and labels in the interface language: instrument texts, area names (CLDR through Intl.DisplayNames), categories. */
import type { AreaSummary, LocalizedText } from '@migov/server/api';
import { AREA_NAMES_NOT_IN_CLDR, MAP_SHAPE_NAMES } from '../i18n/area-names.ts';
import { CLDR_COUNTRY_NAMES } from '../i18n/cldr-country-names.data.ts';
import { CLDR_M49_REGION_NAMES } from '../i18n/cldr-region-names.data.ts';
import { INTL_LOCALES, type UiLanguage } from '../i18n/languages.ts';
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

/**
 * CLDR's name of a region code: from the tables generated with Node.js's full ICU data first, so that
 * a page names areas the same on the server and in any browser, else from this engine's data.
 */
function cldrName(code: string, lang: UiLanguage): string | undefined {
  if (lang === 'en') return undefined;
  const known = /^\d+$/.test(code) ? CLDR_M49_REGION_NAMES[String(Number(code))] : CLDR_COUNTRY_NAMES[code];
  if (known) return known[lang];
  try {
    return regionNames(lang)?.of(code);
  } catch {
    return undefined;
  }
}

/**
 * The name of an area in a language: CLDR's name for its ISO alpha-2 or M49 region code when there
 * is one, else the product's own translation of a UN grouping CLDR lacks (i18n/area-names.ts), else
 * the UN English name.
 */
export function areaName(
  area: Pick<AreaSummary, 'name' | 'kind' | 'm49'> & { alpha2?: string; code?: string },
  lang: UiLanguage,
): string {
  if (lang === 'en') return area.name;
  if (area.alpha2) return cldrName(area.alpha2, lang) ?? area.name;
  // An area without an ISO code that a map names (Kosovo: XK in CLDR).
  if (area.kind === 'country' && area.name in MAP_SHAPE_NAMES) return mapShapeName(area.name, lang);
  const code = area.m49 ?? area.code;
  if (!code || !/^\d{1,3}$/.test(code)) return area.name;
  // Keyed without leading zeros, as migov stores M49 codes (the API may pad them: 002).
  const m49 = String(Number(code));
  const own = AREA_NAMES_NOT_IN_CLDR[m49]?.[lang];
  if (own) return own;
  // CLDR names the M49 regions by their three-digit codes (002 Africa, 419 Latin America and the Caribbean).
  if (area.kind === 'country') return area.name;
  const cldr = cldrName(m49.padStart(3, '0'), lang) ?? CLDR_M49_REGION_NAMES[m49]?.[lang];
  // CLDR writes some names as they run in a sentence ("весь мир"); a name standing alone starts with a capital.
  return cldr ? cldr.charAt(0).toLocaleUpperCase(INTL_LOCALES[lang]) + cldr.slice(1) : area.name;
}

/** The name of a map shape that has no M49 area of its own (the atlas names it in English). */
export function mapShapeName(atlasName: string, lang: UiLanguage): string {
  if (lang === 'en') return atlasName;
  const known = MAP_SHAPE_NAMES[atlasName];
  if (typeof known === 'string') return cldrName(known, lang) ?? atlasName;
  return known?.[lang] ?? atlasName;
}

/** A list in the language's own way: "A, B and C", "A، وB وC", "A、B和C". */
export function formatList(items: readonly string[], lang: UiLanguage): string {
  return new Intl.ListFormat(INTL_LOCALES[lang], { type: 'conjunction' }).format(items);
}

/**
 * A domain's label: the instrument's own text in the language, else the interface's name of an SDG
 * 10.7.2 domain by its code (the product's own translation where the UN publishes none), else English.
 */
export function domainLabel(t: Translator, domain: { code: string; label: LocalizedText } | undefined): string {
  if (!domain) return '';
  if (domain.label[t.lang] !== undefined || t.lang === 'en') return pickText(domain.label, t.lang);
  return t.t('domain.name', { code: domain.code }) || domain.label.en;
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
