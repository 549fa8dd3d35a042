/* @jsxRuntime automatic */
/** The active language for components. */
import { createContext, useContext } from 'react';
import { getTranslator, type Translator } from './translator.ts';

export const I18nContext = createContext<Translator>(getTranslator('en'));

/** The translator of the current language. */
export function useI18n(): Translator {
  return useContext(I18nContext);
}
