/* @jsxRuntime automatic */
/** The six languages as the options of a select, each named in itself (an invitation's or an account's e-mail language). */
import { LANGUAGE_NAMES, UI_LANGUAGES } from '../i18n/languages.ts';

export function LanguageOptions() {
  return (
    <>
      {UI_LANGUAGES.map((code) => (
        <option key={code} value={code} lang={code}>
          {LANGUAGE_NAMES[code]}
        </option>
      ))}
    </>
  );
}
