/** @migov/web: the browser app (built with Vite) and its server-side rendering for the static publication (`@migov/web/ssr`). */
export { UI_LANGUAGES, type UiLanguage } from './i18n/languages.ts';
