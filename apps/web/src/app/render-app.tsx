/* @jsxRuntime automatic */
/**
 * Render the browser app into its root element (loaded by main.tsx once the first reads are under way).
 * A page drawn on the server carries the API answers it was drawn from: the app reads its first page
 * from them (no request) and takes the drawn markup over (hydration) instead of drawing it again.
 */
import { StrictMode } from 'react';
import { createRoot, hydrateRoot } from 'react-dom/client';
import type { ApiClient } from '../api/api-client.ts';
import { ClientApp, type PageSource } from './ClientApp.tsx';
import { currentRoute } from './browser-location.ts';
import { api, dashboardData, loadWorldMap, readyDashboard } from './first-page.ts';
import { PAGE_DATA_ID, sameAnswer, type PageData } from './drawn-page.ts';
import { isPublicRoute, loadPublicPage, type PublicRoute } from './public-loads.ts';
import { formatRoute, type Route } from './routes.ts';

/**
 * The data of a page drawn on the server, read from the answers it was drawn from (preloaded by the
 * page, or carried in it); undefined when it is not one, or when an answer has changed since it was
 * drawn (a publication in between): the app then renders the page afresh.
 */
async function drawnPageData(root: HTMLElement, route: Route): Promise<{ data: unknown } | undefined> {
  const carried = document.getElementById(PAGE_DATA_ID)?.textContent;
  if (!carried || !root.firstElementChild || !isPublicRoute(route)) return undefined;
  try {
    const page = JSON.parse(carried) as PageData;
    if (page.url !== formatRoute(route)) return undefined;
    const answered: ApiClient = {
      async request(path, options) {
        const drawnWith = (options?.method ?? 'GET') === 'GET' ? page.answers[path] : undefined;
        if (drawnWith && 'body' in drawnWith) return drawnWith as { body: never };
        const response = await api.request(path, options);
        if (drawnWith && !sameAnswer(response.etag, drawnWith.etag)) throw new Error(`${path} changed`);
        return response as never;
      },
    };
    return { data: await loadPublicPage({ api: answered, loadWorldMap }, route) };
  } catch {
    return undefined;
  }
}

export async function renderApp(root: HTMLElement): Promise<void> {
  const route = currentRoute();
  const drawn = await drawnPageData(root, route);
  const firstKey = formatRoute(route);
  const source: PageSource = {
    api,
    route,
    load: ((next: PublicRoute) =>
      next.view === 'dashboard'
        ? dashboardData(next)
        : loadPublicPage({ api, loadWorldMap }, next)) as PageSource['load'],
    ready(next: PublicRoute) {
      if (drawn && formatRoute(next) === firstKey) return drawn.data as never;
      return (next.view === 'dashboard' ? readyDashboard(next) : undefined) as never;
    },
  };
  const app = (
    <StrictMode>
      <ClientApp source={source} />
    </StrictMode>
  );
  if (drawn) hydrateRoot(root, app);
  else {
    root.replaceChildren();
    createRoot(root).render(app);
  }
}
