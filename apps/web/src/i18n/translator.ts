/** Messages (ICU MessageFormat through FormatJS intl-messageformat), numbers and dates for one language. */
import { IntlMessageFormat } from 'intl-messageformat';
import { findCatalogue, type MessageKey } from './catalogues/load.ts';
import { directionOf, INTL_LOCALES, type UiLanguage } from './languages.ts';

type MessageValues = Record<string, string | number | Date | undefined>;

/** Everything a component needs to speak one language. */
export interface Translator {
  lang: UiLanguage;
  dir: 'ltr' | 'rtl';
  t(key: MessageKey, values?: MessageValues): string;
  /** A message whose values may be elements (a text marked as English, a link): its parts in order. */
  parts<Part>(key: MessageKey, values: Record<string, string | number | Part>): (string | Part)[];
  formatNumber(value: number, options?: Intl.NumberFormatOptions): string;
  /** 0-100 as a percentage with at most one decimal. */
  formatPercent(value: number): string;
  formatDate(iso: string): string;
}

const translators = new Map<UiLanguage, Translator>();

/** The (cached) translator of a language. */
export function getTranslator(lang: UiLanguage): Translator {
  const hit = translators.get(lang);
  if (hit) return hit;
  const catalogue = findCatalogue(lang);
  // Until a language's catalogue is loaded, speak English (never a broken page); loaded ones are cached.
  if (!catalogue) return getTranslator('en');
  const locale = INTL_LOCALES[lang];
  const formats = new Map<MessageKey, IntlMessageFormat>();
  const percent = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 });
  const dates = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' });
  const numberFormats = new Map<string, Intl.NumberFormat>();
  const translator: Translator = {
    lang,
    dir: directionOf(lang),
    t(key, values) {
      let format = formats.get(key);
      if (!format) {
        format = new IntlMessageFormat(catalogue[key], locale);
        formats.set(key, format);
      }
      return String(format.format(values as Record<string, string | number | Date>));
    },
    parts<Part>(key: MessageKey, values: Record<string, string | number | Part>) {
      let format = formats.get(key);
      if (!format) {
        format = new IntlMessageFormat(catalogue[key], locale);
        formats.set(key, format);
      }
      const formatted = format.format<Part>(values);
      return Array.isArray(formatted) ? formatted : [formatted];
    },
    formatNumber: (value, options) => {
      // Building a NumberFormat costs far more than using one: tables and charts format thousands of values.
      const key = options ? JSON.stringify(options) : '';
      let format = numberFormats.get(key);
      if (!format) {
        format = new Intl.NumberFormat(locale, options);
        numberFormats.set(key, format);
      }
      return format.format(value);
    },
    formatPercent: (value) => percent.format(value / 100),
    formatDate: (iso) => {
      const date = new Date(iso);
      return Number.isNaN(date.getTime()) ? iso : dates.format(date);
    },
  };
  translators.set(lang, translator);
  return translator;
}
