/**
 * Catalogues by language. English ships with the app; the browser loads another language's
 * catalogue as its own small chunk before rendering (`loadCatalogue`); the static renderer and the
 * tests register all six (`catalogues/index.ts`).
 */
import type { UiLanguage } from '../languages.ts';
import { en, type MessageKey } from './en.ts';

export type { MessageKey };
export type Catalogue = Readonly<Record<MessageKey, string>>;

const registered = new Map<UiLanguage, Catalogue>([['en', en]]);

const loaders: Record<Exclude<UiLanguage, 'en'>, () => Promise<Catalogue>> = {
  fr: () => import('./fr.ts').then((module) => module.fr),
  es: () => import('./es.ts').then((module) => module.es),
  ar: () => import('./ar.ts').then((module) => module.ar),
  zh: () => import('./zh.ts').then((module) => module.zh),
  ru: () => import('./ru.ts').then((module) => module.ru),
};

/** Make a catalogue available. */
export function registerCatalogue(lang: UiLanguage, catalogue: Catalogue): void {
  registered.set(lang, catalogue);
}

/** The catalogue of a language, if loaded. */
export function findCatalogue(lang: UiLanguage): Catalogue | undefined {
  return registered.get(lang);
}

/** Load (once) the catalogue of a language. */
export async function loadCatalogue(lang: UiLanguage): Promise<void> {
  if (registered.has(lang) || lang === 'en') return;
  registerCatalogue(lang, await loaders[lang]());
}
