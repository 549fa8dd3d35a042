/**
 * How each public page reads its data, in one place: the browser app reads with it, the server reads
 * with it to draw the page before it is sent (ssr/live-page.tsx), and the browser reads with it again,
 * from the answers the drawn page carries, to take the page over without a change (hydration).
 */
import type { ApiClient } from '../api/api-client.ts';
import type { WorldMapGeometry } from '../charts/world-map-state.ts';
import {
  loadCommon,
  loadCompare,
  loadCountry,
  loadDashboard,
  loadMethodology,
  loadResultsIndex,
} from '../pages/public-data.ts';
import { loadPartnership, loadPartnerships } from '../pages/partnerships/partnerships-data.ts';
import { loadCrosswalk, loadGovernance, loadProfile } from '../pages/governance/governance-data.ts';
import { loadCountryIndicators, loadIndicator, loadIndicators } from '../pages/indicators/indicators-data.ts';
import type { Route, View } from './routes.ts';

/** Where pages read from. */
export interface LoadSources {
  api: ApiClient;
  loadWorldMap: () => Promise<WorldMapGeometry>;
}

type RouteFor<V extends View> = Extract<Route, { view: V }>;

/** The public pages whose data is read before they render, and how. */
const PUBLIC_LOADS = {
  dashboard: ({ api, loadWorldMap }: LoadSources, route: RouteFor<'dashboard'>) =>
    loadDashboard(api, route.year, loadWorldMap),
  // The profile and the country's indicators, read together (an area without indicators shows the profile).
  country: async ({ api }: LoadSources, route: RouteFor<'country'>) => {
    const [profile, indicators] = await Promise.all([
      loadCountry(api, route.code, route.year),
      loadCountryIndicators(api, route.code).catch(() => undefined),
    ]);
    return { profile, indicators };
  },
  compare: ({ api }: LoadSources, route: RouteFor<'compare'>) => loadCompare(api, route.codes, route.year),
  data: ({ api }: LoadSources) => loadCommon(api).then((common) => loadResultsIndex(api, common.rounds)),
  methodology: ({ api }: LoadSources) => loadMethodology(api),
  partnerships: ({ api }: LoadSources) => loadPartnerships(api),
  partnership: ({ api, loadWorldMap }: LoadSources, route: RouteFor<'partnership'>) =>
    loadPartnership(api, route.id, loadWorldMap, route.asOf),
  indicators: ({ api }: LoadSources) => loadIndicators(api),
  indicator: ({ api }: LoadSources, route: RouteFor<'indicator'>) => loadIndicator(api, route.id, route.dataset),
  governance: ({ api }: LoadSources) => loadGovernance(api),
  'mgi-profile': ({ api }: LoadSources, route: RouteFor<'mgi-profile'>) =>
    loadProfile(api, route.jurisdiction, route.round),
  crosswalk: ({ api }: LoadSources) => loadCrosswalk(api),
};

/** A view whose page is drawn from data read first. */
export type PublicView = keyof typeof PUBLIC_LOADS;
export type PublicRoute<V extends PublicView = PublicView> = RouteFor<V>;
export type PublicData<V extends PublicView> = Awaited<ReturnType<(typeof PUBLIC_LOADS)[V]>>;

export const isPublicRoute = (route: Route): route is PublicRoute => Object.hasOwn(PUBLIC_LOADS, route.view);

/** Read what a public page shows. */
export function loadPublicPage<V extends PublicView>(
  sources: LoadSources,
  route: PublicRoute<V>,
): Promise<PublicData<V>> {
  const load = PUBLIC_LOADS[(route as PublicRoute).view] as unknown as (
    sources: LoadSources,
    route: PublicRoute<V>,
  ) => Promise<PublicData<V>>;
  return load(sources, route);
}
