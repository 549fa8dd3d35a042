import { LANGUAGES, type Language } from '@migov/core/instruments';

/** The six official UN languages the interface speaks: the languages of the instruments (core). */
export const UI_LANGUAGES = LANGUAGES;
export type UiLanguage = Language;

/** Right-to-left languages get `dir="rtl"` on the document. */
export function directionOf(lang: UiLanguage): 'ltr' | 'rtl' {
  return lang === 'ar' ? 'rtl' : 'ltr';
}

/** Each language named in itself, for the language menu. */
export const LANGUAGE_NAMES: Record<UiLanguage, string> = {
  en: 'English',
  fr: 'Français',
  es: 'Español',
  ar: 'العربية',
  zh: '中文',
  ru: 'Русский',
};

/** BCP 47 tags for Intl formatting (Arabic digits follow the UN's usage of Western digits). */
export const INTL_LOCALES: Record<UiLanguage, string> = {
  en: 'en',
  fr: 'fr',
  es: 'es',
  ar: 'ar-u-nu-latn',
  zh: 'zh-Hans',
  ru: 'ru',
};

/** Choose a language from a stored choice, then the browser's preferences, then English. */
export function pickLanguage(stored: string | null | undefined, preferred: readonly string[]): UiLanguage {
  const candidates = [stored ?? '', ...preferred.map((tag) => tag.toLowerCase().split('-')[0] ?? '')];
  return (
    (candidates.find((candidate) => (UI_LANGUAGES as readonly string[]).includes(candidate)) as
      UiLanguage | undefined) ?? 'en'
  );
}
