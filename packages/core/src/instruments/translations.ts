/**
 * Official translations supplied apart from an instrument's texts (`translations` of an instrument
 * file): merged into the texts once validated, so that every reader (the form, the API, `migov score
 * --language`) shows them, and kept with their source. Where a language has neither a text of its
 * own nor an official translation, readers fall back to English and say so.
 */
import type { DeepReadonly, InstrumentVersion, Language, LocalizedText, TranslationSource } from './model.ts';

type Mutable<T> = { -readonly [Key in keyof T]: T[Key] };

function withText(text: LocalizedText, language: Language, value: string | undefined): LocalizedText {
  // A text the instrument itself carries in the language wins over one supplied apart.
  if (value === undefined || text[language] !== undefined) return text;
  return { ...text, [language]: value };
}

/** The instrument with each official translation merged into its texts (the `translations` block is kept, for its sources). */
export function applyTranslations(instrument: InstrumentVersion): InstrumentVersion {
  const entries = Object.entries(instrument.translations ?? {}).filter(
    (entry): entry is [Exclude<Language, 'en'>, NonNullable<(typeof entry)[1]>] => entry[1] !== undefined,
  );
  if (entries.length === 0) return instrument;
  let result = instrument;
  for (const [language, translation] of entries) {
    const next: Mutable<InstrumentVersion> = { ...result };
    next.title = withText(result.title, language, translation.title);
    if (result.description) next.description = withText(result.description, language, translation.description);
    next.domains = result.domains.map((domain) => ({
      ...domain,
      label: withText(domain.label, language, translation.domains[domain.id]),
      items: domain.items.map((item) => ({
        ...item,
        text: withText(item.text, language, translation.items[item.id]?.text),
        ...(item.note ? { note: withText(item.note, language, translation.items[item.id]?.note) } : {}),
      })),
    }));
    next.scales = Object.fromEntries(
      Object.entries(result.scales).map(([scaleId, options]) => [
        scaleId,
        options.map((option) => ({
          ...option,
          label: withText(option.label, language, translation.options[scaleId]?.[option.id]),
        })),
      ]),
    );
    if (result.scoring)
      next.scoring = {
        ...result.scoring,
        bands: result.scoring.bands.map((band) => ({
          ...band,
          label: withText(band.label, language, translation.bands?.[String(band.code)]),
        })),
      };
    result = next;
  }
  return result;
}

/** Where the official text of a language comes from: the translation's source, or undefined when the instrument carries the text itself or has none. */
export function translationSource(
  instrument: InstrumentVersion,
  language: Language,
): DeepReadonly<TranslationSource> | undefined {
  return language === 'en' ? undefined : instrument.translations?.[language]?.source;
}
