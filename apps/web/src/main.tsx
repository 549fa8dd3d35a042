/* @jsxRuntime automatic */
/**
 * The browser entry, kept small: it starts the first page's API reads and the world map download,
 * then loads the app (React and the pages; index.html preloads that chunk alongside this one). A page
 * drawn on the server carries its answers, so nothing is read for it: the app takes it over once it
 * has been painted.
 */
import { currentRoute } from './app/browser-location.ts';
import { prefetchFirstPage } from './app/first-page.ts';
import { PAGE_DATA_ID } from './app/public-loads.ts';
import { loadCatalogue } from './i18n/catalogues/load.ts';
import './styles.css';

if (document.getElementById(PAGE_DATA_ID)) {
  // A drawn page is shown first: the app's code runs once the browser has painted it (or soon, in a hidden tab).
  await new Promise<void>((painted) => {
    requestAnimationFrame(() => setTimeout(painted, 0));
    setTimeout(painted, 200);
  });
} else prefetchFirstPage();
// The page's language is ready before the first render (language links reload the page).
const [{ renderApp }] = await Promise.all([
  import('./app/render-app.tsx'),
  loadCatalogue(currentRoute().lang).catch(() => undefined),
]);
await renderApp(document.getElementById('root')!);
