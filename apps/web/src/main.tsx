/* @jsxRuntime automatic */
/**
 * The browser entry, kept small: it starts the first page's API reads and the world map download,
 * then loads the app (React and the pages; index.html preloads that chunk alongside this one).
 */
import { currentRoute, prefetchFirstPage } from './app/first-page.ts';
import { loadCatalogue } from './i18n/catalogues/load.ts';
import './styles.css';

prefetchFirstPage();
// The page's language is ready before the first render (language links reload the page).
const [{ renderApp }] = await Promise.all([
  import('./app/render-app.tsx'),
  loadCatalogue(currentRoute().lang).catch(() => undefined),
]);
renderApp(document.getElementById('root')!);
