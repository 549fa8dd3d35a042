/** The route of the browser's address, and the language chosen before (kept in the browser). */
import { pickLanguage } from '../i18n/languages.ts';
import { parseRoute, type Route } from './routes.ts';

export const LANGUAGE_KEY = 'migov.language';

function storedLanguage(): string | null {
  try {
    return localStorage.getItem(LANGUAGE_KEY);
  } catch {
    return null;
  }
}

/** The route of the browser's location. */
export function currentRoute(): Route {
  return parseRoute(
    window.location.pathname,
    window.location.search,
    pickLanguage(storedLanguage(), navigator.languages ?? []),
  );
}
