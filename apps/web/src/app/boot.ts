/**
 * Start the app: the first page's reads (unless the page came drawn, with its answers named), the
 * page's language, then the app itself (render-app.tsx, which takes a drawn page over).
 */
import { loadCatalogue } from '../i18n/catalogues/load.ts';
import { currentRoute } from './browser-location.ts';
import { prefetchFirstPage } from './first-page.ts';

/**
 * Keep the page's language where the server reads it (LANGUAGE_COOKIE of the server's web.routes.ts):
 * a reader opening the bare root is sent to the dashboard in the language they last read in.
 * Language links reload the page, so every change of language passes here.
 */
function rememberLanguage(lang: string): void {
  try {
    document.cookie = `migov_lang=${lang}; path=/; max-age=31536000; samesite=lax${window.location.protocol === 'https:' ? '; secure' : ''}`;
  } catch {
    // A sandboxed document refuses cookies: the address still carries the language.
  }
}

export async function boot(drawn: boolean): Promise<void> {
  if (!drawn) prefetchFirstPage();
  const { lang } = currentRoute();
  rememberLanguage(lang);
  // The page's language is ready before the first render (language links reload the page).
  const [{ renderApp }] = await Promise.all([import('./render-app.tsx'), loadCatalogue(lang).catch(() => undefined)]);
  await renderApp(document.getElementById('root')!);
}
