/**
 * Start the app: the first page's reads (unless the page came drawn, with its answers named), the
 * page's language, then the app itself (render-app.tsx, which takes a drawn page over).
 */
import { loadCatalogue } from '../i18n/catalogues/load.ts';
import { currentRoute } from './browser-location.ts';
import { prefetchFirstPage } from './first-page.ts';

export async function boot(drawn: boolean): Promise<void> {
  if (!drawn) prefetchFirstPage();
  // The page's language is ready before the first render (language links reload the page).
  const [{ renderApp }] = await Promise.all([
    import('./render-app.tsx'),
    loadCatalogue(currentRoute().lang).catch(() => undefined),
  ]);
  await renderApp(document.getElementById('root')!);
}
