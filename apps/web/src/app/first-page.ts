/**
 * What the first page needs, started as early as possible. A small entry script (src/prefetch.ts,
 * loaded before the app's main script) calls {@link prefetchFirstPage}, so the dashboard's API reads
 * and the projected world map download while React and the pages still load and evaluate; the app
 * then takes the same promises through {@link dashboardData}. Module instances are shared, so both
 * scripts see one API client and one pending read.
 */
import worldMapUrl from 'virtual:migov-world-map';
import { createFetchClient } from '../api/api-client.ts';
import type { WorldMapGeometry } from '../charts/world-map-state.ts';
import { loadDashboard, type DashboardData } from '../pages/public-data.ts';
import { currentRoute } from './browser-location.ts';
import { formatRoute, type Route } from './routes.ts';

/** The one API client of the browser app. */
export const api = createFetchClient();

let worldMap: Promise<WorldMapGeometry> | undefined;
/** The world map projected at build time (one download per page load). */
export const loadWorldMap = () =>
  (worldMap ??= fetch(worldMapUrl).then((response) => response.json() as Promise<WorldMapGeometry>));

/** The dashboard's data started before the app rendered, for the first route only. */
interface EarlyRead {
  key: string;
  data: Promise<DashboardData>;
  /** Set when the data has arrived. */
  ready?: DashboardData;
}
let firstDashboard: EarlyRead | undefined;

/** The dashboard's data: the early read when it is for this route, else a new one. */
export function dashboardData(route: Extract<Route, { view: 'dashboard' }>) {
  const key = formatRoute(route);
  if (firstDashboard?.key === key) {
    const { data } = firstDashboard;
    firstDashboard = undefined;
    return data;
  }
  return loadDashboard(api, route.year, loadWorldMap);
}

/** The early read's data when it has already arrived for this route (taken once), so the app renders it at once. */
export function readyDashboard(route: Extract<Route, { view: 'dashboard' }>): DashboardData | undefined {
  if (firstDashboard?.key !== formatRoute(route) || !firstDashboard.ready) return undefined;
  const { ready } = firstDashboard;
  firstDashboard = undefined;
  return ready;
}

/** Start reading what the first page needs (once). */
export function prefetchFirstPage(): void {
  if (firstDashboard) return;
  const route = currentRoute();
  if (route.view === 'dashboard') {
    const data = loadDashboard(api, route.year, loadWorldMap);
    const entry: EarlyRead = { key: formatRoute(route), data };
    data.then(
      (value) => {
        entry.ready = value;
      },
      () => undefined,
    );
    firstDashboard = entry;
  }
}
