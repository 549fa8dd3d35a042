/** The six catalogues. Only the chosen one is used; they are small enough to ship together. */
import type { UiLanguage } from '../languages.ts';
import { en, type MessageKey } from './en.ts';
import { fr } from './fr.ts';
import { es } from './es.ts';
import { ar } from './ar.ts';
import { zh } from './zh.ts';
import { ru } from './ru.ts';

export type { MessageKey };
export type Catalogue = Readonly<Record<MessageKey, string>>;

export const CATALOGUES: Readonly<Record<UiLanguage, Catalogue>> = { en, fr, es, ar, zh, ru };
