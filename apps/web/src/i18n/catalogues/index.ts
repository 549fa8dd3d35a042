/** All six catalogues, registered for synchronous use (server-side rendering, tests). The browser loads them one by one (load.ts). */
import type { UiLanguage } from '../languages.ts';
import { en } from './en.ts';
import { fr } from './fr.ts';
import { es } from './es.ts';
import { ar } from './ar.ts';
import { zh } from './zh.ts';
import { ru } from './ru.ts';
import { registerCatalogue, type Catalogue } from './load.ts';

export type { Catalogue, MessageKey } from './load.ts';

export const CATALOGUES: Readonly<Record<UiLanguage, Catalogue>> = { en, fr, es, ar, zh, ru };

for (const [lang, catalogue] of Object.entries(CATALOGUES)) registerCatalogue(lang as UiLanguage, catalogue);
