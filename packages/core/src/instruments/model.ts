/**
 * The instrument model: instrument -> version -> domains -> items -> response options with scores,
 * classification bands, and links to MiGOF elements and SDG series. Instruments are data: the
 * built-in ones are TypeScript literals checked against these types, and administrators load others
 * from JSON or YAML validated by {@link instrumentSchema} (published as JSON Schema).
 */
import { z } from 'zod';

/** The six official UN languages; English is required for every text. */
export const LANGUAGES = ['en', 'fr', 'es', 'ar', 'zh', 'ru'] as const;
export type Language = (typeof LANGUAGES)[number];

const decimalPattern = /^-?\d+(\.\d+)?$/;

export const localizedTextSchema = z
  .object({
    en: z.string().min(1),
    fr: z.string().min(1).optional(),
    es: z.string().min(1).optional(),
    ar: z.string().min(1).optional(),
    zh: z.string().min(1).optional(),
    ru: z.string().min(1).optional(),
  })
  .strict()
  .describe('A text in English and, where translated, the other UN languages');
export type LocalizedText = DeepReadonly<z.infer<typeof localizedTextSchema>>;

/** Instrument data is never mutated after validation; readonly types also let `as const` literals satisfy the model. */
export type DeepReadonly<T> = T extends (infer Element)[]
  ? readonly DeepReadonly<Element>[]
  : T extends object
    ? { readonly [Key in keyof T]: DeepReadonly<T[Key]> }
    : T;

/** MiGOF: three principles and three objectives (IOM Council resolution C/106/RES/1310, 2015). */
const MIGOF_ELEMENTS = ['P1', 'P2', 'P3', 'O1', 'O2', 'O3'] as const;

const responseOptionSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'lower-case letters, digits and hyphens'),
    label: localizedTextSchema,
    score: z
      .string()
      .regex(decimalPattern, 'an exact decimal such as "1" or "0.5"')
      .optional()
      .describe('Exact decimal score; absent for options that are not scored (e.g. not applicable)'),
    notApplicable: z.boolean().optional().describe('The item does not apply; it is left out of the domain'),
  })
  .strict();
export type ResponseOption = DeepReadonly<z.infer<typeof responseOptionSchema>>;

const wordingStatusSchema = z.enum(['official', 'unconfirmed', 'example']);

const itemSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9.-]*$/, 'lower-case letters, digits, dots and hyphens'),
    text: localizedTextSchema,
    wording: wordingStatusSchema.describe('Whether the text is the confirmed official wording'),
    note: localizedTextSchema.optional(),
    scale: z.string().describe('Id of a response scale of this version'),
    subArea: z.string().optional().describe('Sub-area within the domain (MGI-style instruments)'),
  })
  .strict();
export type Item = DeepReadonly<z.infer<typeof itemSchema>>;

const domainSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/),
    code: z.string().min(1).describe('Code used in exchange formats, e.g. DOMAIN1'),
    label: localizedTextSchema,
    migof: z.enum(MIGOF_ELEMENTS).optional(),
    sdmxBreakdown: z.string().optional().describe('SDMX COMPOSITE_BREAKDOWN code, e.g. PD_1'),
    items: z.array(itemSchema).min(1),
  })
  .strict();
export type Domain = DeepReadonly<z.infer<typeof domainSchema>>;

const classificationBandSchema = z
  .object({
    code: z.number().int(),
    label: localizedTextSchema,
    min: z.string().regex(decimalPattern).describe('Lowest score in the band (inclusive), on the 0-100 scale'),
    meets: z.boolean().describe('Counts as meeting the standard in aggregates (e.g. categories 3 and 4 of 10.7.2)'),
  })
  .strict();
export type ClassificationBand = DeepReadonly<z.infer<typeof classificationBandSchema>>;

const missingRuleSchema = z
  .enum(['incomplete', 'score-as-zero'])
  .describe('incomplete: a domain with a missing item is not scored; score-as-zero: a missing item counts 0');

const instrumentVersionSchema = z
  .object({
    $schema: z.string().optional(),
    instrument: z
      .string()
      .regex(/^[a-z0-9][a-z0-9-]*$/)
      .describe('Instrument id, e.g. sdg-10-7-2'),
    version: z.string().min(1).describe('Version id, e.g. 2019'),
    kind: z
      .enum(['scored', 'profile'])
      .describe('scored: domain and overall scores and categories; profile: no composite score'),
    title: localizedTextSchema,
    description: localizedTextSchema.optional(),
    source: z.string().optional(),
    validFrom: z.string().optional().describe('First round year this version applies to'),
    previousVersion: z.string().optional().describe('The version this one migrates from'),
    sdgIndicator: z.string().optional(),
    series: z.object({ country: z.string(), aggregate: z.string() }).strict().optional(),
    languages: z.array(z.enum(LANGUAGES)).min(1),
    scales: z
      .record(z.string(), z.array(responseOptionSchema).min(1))
      .describe('Response scales by id: the options an item offers'),
    domains: z.array(domainSchema).min(1),
    scoring: z
      .object({
        scale: z.string().regex(decimalPattern).describe('Maximum score, e.g. 100'),
        missing: missingRuleSchema,
        overall: z
          .literal('mean-of-items')
          .describe('Overall score: the unweighted mean of all applicable items x scale'),
        overallCode: z.string().describe('Code of the overall result in exchange formats, e.g. ALLDOMAINS'),
        overallSdmxBreakdown: z.string().optional(),
        bands: z.array(classificationBandSchema).min(1),
      })
      .strict()
      .optional(),
  })
  .strict();

/** A validated instrument version (its official translations merged into its texts, and kept with their sources). */
export type InstrumentVersion = DeepReadonly<z.infer<typeof instrumentFileSchema>>;

/** Responses to an instrument version: item id -> option id. Missing items are simply absent. */
export type Responses = Readonly<Record<string, string | undefined>>;

/** The languages an official translation may be supplied in: English is the instrument's own text. */
const translationLanguageSchema = z.enum(LANGUAGES).exclude(['en']);
/** A language of an official translation. @public (no reader yet) */
export type TranslationLanguage = z.infer<typeof translationLanguageSchema>;

const translationSourceSchema = z
  .object({
    publisher: z.string().min(1).describe('Who published the translation, e.g. "UN DESA Population Division"'),
    title: z.string().min(1).describe('The document that carries it, e.g. the questionnaire of a round'),
    date: z
      .string()
      .regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, 'YYYY, YYYY-MM or YYYY-MM-DD')
      .optional(),
    url: z.string().url().optional(),
  })
  .strict()
  .describe('Where an official translation was published');
export type TranslationSource = z.infer<typeof translationSourceSchema>;

const translationSchema = z
  .object({
    source: translationSourceSchema,
    title: z.string().min(1).describe('The title in this language'),
    description: z.string().min(1).optional(),
    domains: z.record(z.string(), z.string().min(1)).describe('Domain id -> label'),
    items: z
      .record(z.string(), z.object({ text: z.string().min(1), note: z.string().min(1).optional() }).strict())
      .describe('Item id -> text (and note)'),
    options: z.record(z.string(), z.record(z.string(), z.string().min(1))).describe('Scale id -> option id -> label'),
    bands: z
      .record(z.string(), z.string().min(1))
      .optional()
      .describe('Classification band code -> label (else the interface names the category)'),
  })
  .strict()
  .describe('An official translation of every text of the version into one language, with its source');
/** An official translation of a version. @public (no reader yet) */
export type Translation = DeepReadonly<z.infer<typeof translationSchema>>;

/** An instrument version with its official translations, as a file carries them. */
export const instrumentFileSchema = instrumentVersionSchema.extend({
  translations: z
    .partialRecord(translationLanguageSchema, translationSchema)
    .optional()
    .describe(
      'Official translations supplied apart from the texts, one per language with its source; every item, option and domain must be translated',
    ),
});

/** The zod schema for an instrument file (JSON or YAML), with cross-field checks. */
export const instrumentSchema = instrumentFileSchema.superRefine((value, context) => {
  const seenDomains = new Set<string>();
  const seenItems = new Set<string>();
  value.domains.forEach((domain, domainIndex) => {
    if (seenDomains.has(domain.id)) {
      context.addIssue({
        code: 'custom',
        path: ['domains', domainIndex, 'id'],
        message: `duplicate domain id "${domain.id}"`,
      });
    }
    seenDomains.add(domain.id);
    domain.items.forEach((item, itemIndex) => {
      if (seenItems.has(item.id)) {
        context.addIssue({
          code: 'custom',
          path: ['domains', domainIndex, 'items', itemIndex, 'id'],
          message: `duplicate item id "${item.id}"`,
        });
      }
      seenItems.add(item.id);
      if (!(item.scale in value.scales)) {
        context.addIssue({
          code: 'custom',
          path: ['domains', domainIndex, 'items', itemIndex, 'scale'],
          message: `unknown scale "${item.scale}" (scales: ${Object.keys(value.scales).join(', ')})`,
        });
      }
    });
  });
  for (const [scaleId, options] of Object.entries(value.scales)) {
    const ids = new Set<string>();
    options.forEach((option, optionIndex) => {
      if (ids.has(option.id)) {
        context.addIssue({
          code: 'custom',
          path: ['scales', scaleId, optionIndex, 'id'],
          message: `duplicate option id "${option.id}"`,
        });
      }
      ids.add(option.id);
      if (value.kind === 'scored' && option.score === undefined && !option.notApplicable) {
        context.addIssue({
          code: 'custom',
          path: ['scales', scaleId, optionIndex, 'score'],
          message: 'a scored instrument needs a score on every option that is not marked notApplicable',
        });
      }
    });
  }
  if (value.kind === 'scored') {
    if (!value.scoring) {
      context.addIssue({ code: 'custom', path: ['scoring'], message: 'a scored instrument needs a scoring section' });
      return;
    }
    const mins = value.scoring.bands.map((band) => Number(band.min));
    if (mins[0] !== 0) {
      context.addIssue({
        code: 'custom',
        path: ['scoring', 'bands', 0, 'min'],
        message: 'the first band must start at 0',
      });
    }
    for (let index = 1; index < mins.length; index += 1) {
      if (!((mins[index] ?? 0) > (mins[index - 1] ?? 0))) {
        context.addIssue({
          code: 'custom',
          path: ['scoring', 'bands', index, 'min'],
          message: 'bands must be in increasing order of min',
        });
      }
    }
  }
  for (const [language, translation] of Object.entries(value.translations ?? {})) {
    if (!translation) continue;
    const missing = (path: PropertyKey[], what: string) =>
      context.addIssue({
        code: 'custom',
        path: ['translations', language, ...path],
        message: `no ${language} text for ${what}`,
      });
    const extra = (path: PropertyKey[], what: string) =>
      context.addIssue({ code: 'custom', path: ['translations', language, ...path], message: `unknown ${what}` });
    const domainIds = new Set(value.domains.map((domain) => domain.id));
    const items = new Map(value.domains.flatMap((domain) => domain.items.map((item) => [item.id, item] as const)));
    for (const domain of value.domains)
      if (translation.domains[domain.id] === undefined) missing(['domains', domain.id], `domain ${domain.id}`);
    for (const id of Object.keys(translation.domains)) if (!domainIds.has(id)) extra(['domains', id], `domain "${id}"`);
    for (const item of items.values()) {
      const text = translation.items[item.id];
      if (text === undefined) missing(['items', item.id], `item ${item.id}`);
      else if (item.note && text.note === undefined) missing(['items', item.id, 'note'], `the note of item ${item.id}`);
    }
    for (const id of Object.keys(translation.items)) if (!items.has(id)) extra(['items', id], `item "${id}"`);
    const usedScales = new Set([...items.values()].map((item) => item.scale));
    for (const scaleId of usedScales)
      for (const option of value.scales[scaleId] ?? [])
        if (translation.options[scaleId]?.[option.id] === undefined)
          missing(['options', scaleId, option.id], `option ${option.id} of scale ${scaleId}`);
    for (const [scaleId, labels] of Object.entries(translation.options))
      for (const optionId of Object.keys(labels))
        if (!value.scales[scaleId]?.some((option) => option.id === optionId))
          extra(['options', scaleId, optionId], `option "${optionId}" of scale "${scaleId}"`);
    if (value.description && translation.description === undefined) missing(['description'], 'the description');
    for (const code of Object.keys(translation.bands ?? {}))
      if (!value.scoring?.bands.some((band) => String(band.code) === code)) extra(['bands', code], `band "${code}"`);
  }
  for (const language of value.languages) {
    if (language !== 'en' && value.title[language] === undefined && value.translations?.[language] === undefined) {
      context.addIssue({
        code: 'custom',
        path: ['title', language],
        message: `languages lists "${language}" but the title has no ${language} text`,
      });
    }
  }
});

/** Pick a text in the requested language, falling back to English. */
export function localize(text: LocalizedText, language: Language): string {
  return text[language] ?? text.en;
}
