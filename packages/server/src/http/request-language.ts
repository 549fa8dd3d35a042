/** The language a request is in when its page does not say: the web app's and the browser's choice. */
import { LANGUAGES, type Language } from '@migov/core';

/** The cookie in which the web app keeps the language the reader last read in (apps/web/src/app/boot.ts). */
export const LANGUAGE_COOKIE = 'migov_lang';

/**
 * The language of a reader who did not name one: the one they last read in (the app's cookie), else
 * the first of the browser's languages (Accept-Language, by preference) that the interface speaks,
 * else English. The bare root sends them to it; the Excel template speaks it.
 */
export function languageFor(cookie: string | undefined, acceptLanguage: string | undefined): Language {
  const spoken = (tag: string) => (LANGUAGES as readonly string[]).includes(tag);
  if (cookie && spoken(cookie)) return cookie as Language;
  const preferred = (acceptLanguage ?? '')
    .split(',')
    .map((entry, index) => {
      const [tag = '', ...parameters] = entry.trim().split(';');
      const quality = parameters.map((parameter) => /^\s*q\s*=\s*([\d.]+)\s*$/.exec(parameter)?.[1]).find(Boolean);
      return { language: tag.trim().toLowerCase().split('-')[0] ?? '', quality: quality ? Number(quality) : 1, index };
    })
    .filter((entry) => entry.quality > 0 && spoken(entry.language))
    .sort((a, b) => b.quality - a.quality || a.index - b.index);
  return (preferred[0]?.language as Language | undefined) ?? 'en';
}
