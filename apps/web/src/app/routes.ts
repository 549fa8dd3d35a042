/**
 * Every view has its own URL: `/<lang>/<view>/…`. Parsing and formatting are pure and inverse, so the
 * client router, the links and the static publication agree on one scheme.
 */
import { UI_LANGUAGES, type UiLanguage } from '../i18n/languages.ts';

/** A parsed location. */
export type Route =
  | { view: 'dashboard'; lang: UiLanguage; year?: number; domain?: string }
  | { view: 'country'; lang: UiLanguage; code: string; year?: number }
  | { view: 'compare'; lang: UiLanguage; codes: string[]; year?: number }
  | { view: 'data'; lang: UiLanguage }
  | { view: 'methodology'; lang: UiLanguage }
  | { view: 'partnerships'; lang: UiLanguage }
  | { view: 'partnership'; lang: UiLanguage; id: string; asOf?: string }
  | { view: 'partnership-edit'; lang: UiLanguage; id: string }
  | { view: 'indicators'; lang: UiLanguage }
  | {
      view: 'indicator';
      lang: UiLanguage;
      id: string;
      dataset?: string;
      area?: string;
      where?: string;
      chart?: 'line' | 'bar';
    }
  | { view: 'governance'; lang: UiLanguage }
  | { view: 'mgi-profile'; lang: UiLanguage; jurisdiction: string; round: number }
  | { view: 'crosswalk'; lang: UiLanguage }
  | { view: 'briefs'; lang: UiLanguage }
  | { view: 'mgi-assessments'; lang: UiLanguage }
  | { view: 'mgi-assessment'; lang: UiLanguage; id: string }
  | { view: 'brief'; lang: UiLanguage; id: string }
  | { view: 'sign-in'; lang: UiLanguage }
  | { view: 'assessments'; lang: UiLanguage }
  | { view: 'assessment'; lang: UiLanguage; id: string }
  | { view: 'review'; lang: UiLanguage; id: string }
  | { view: 'admin'; lang: UiLanguage }
  | { view: 'invitation-accept'; lang: UiLanguage }
  | { view: 'password-reset'; lang: UiLanguage }
  | { view: 'not-found'; lang: UiLanguage; path: string };

export type View = Route['view'];

/** The views that the static publication writes and that need no sign-in. */
export const PUBLIC_VIEWS = [
  'dashboard',
  'country',
  'compare',
  'data',
  'methodology',
] as const satisfies readonly View[];

const isLanguage = (value: string | undefined): value is UiLanguage =>
  (UI_LANGUAGES as readonly string[]).includes(value ?? '');
const YEAR = /^(19|20|21)\d\d$/;
const AREA_CODE = /^[0-9A-Za-z][0-9A-Za-z-]{0,39}$/;
const ID = /^[0-9A-Za-z_-]{1,100}$/;
/** An SDG indicator id as the catalogue writes it: 10.7.2, 10.c.1. */
const INDICATOR_ID = /^\d{1,2}\.[0-9a-z]{1,2}\.\d{1,2}$/i;
/** Dimension choices of an indicator chart: a code, or * to compare every code: SEX:F;AGE:*. */
const WHERE = /^[A-Za-z0-9_]{1,40}:[A-Za-z0-9_.+*-]{1,60}(;[A-Za-z0-9_]{1,40}:[A-Za-z0-9_.+*-]{1,60}){0,9}$/;
/** An MGI-style jurisdiction: an M49 code, or <M49>-<local code> for a city. */
const JURISDICTION = /^\d{1,3}(-[A-Za-z0-9]{1,10})?$/;
/** A membership date as the partnership API takes it: YYYY, YYYY-MM or YYYY-MM-DD. */
export const AS_OF = /^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$/;

function year(search: URLSearchParams): number | undefined {
  const value = search.get('year');
  return value && YEAR.test(value) ? Number(value) : undefined;
}

/** Parse a path and query; an unknown path is a `not-found` route (never an exception). */
export function parseRoute(pathname: string, searchText = '', fallbackLanguage: UiLanguage = 'en'): Route {
  const search = new URLSearchParams(searchText);
  const segments = pathname
    .split('/')
    .filter(Boolean)
    .map((segment) => decodeURIComponent(segment));
  const [first, second, third, fourth] = segments;
  // The links sent by e-mail carry no language (…/invitations/accept#token=…, …/password-reset#token=…).
  const onboarding = onboardingView(isLanguage(first) ? segments.slice(1) : segments);
  if (onboarding) return { view: onboarding, lang: isLanguage(first) ? first : fallbackLanguage };
  if (!isLanguage(first))
    return segments.length === 0
      ? { view: 'dashboard', lang: fallbackLanguage }
      : { view: 'not-found', lang: fallbackLanguage, path: pathname };
  const lang = first;
  const withYear = <R extends Route>(route: R): R => {
    const found = year(search);
    return found === undefined ? route : { ...route, year: found };
  };
  if (second === undefined) {
    const domain = search.get('domain');
    return withYear({ view: 'dashboard', lang, ...(domain && /^[A-Za-z0-9_-]{1,40}$/.test(domain) ? { domain } : {}) });
  }
  if (second === 'country' && third && AREA_CODE.test(third) && fourth === undefined)
    return withYear({ view: 'country', lang, code: third });
  if (second === 'compare' && third === undefined) {
    const codes = (search.get('areas') ?? '')
      .split(',')
      .filter((code) => AREA_CODE.test(code))
      .slice(0, 8);
    return withYear({ view: 'compare', lang, codes });
  }
  if (third === undefined && (second === 'data' || second === 'methodology' || second === 'sign-in'))
    return { view: second, lang };
  if (second === 'partnerships') {
    if (third === undefined) return { view: 'partnerships', lang };
    if (ID.test(third) && fourth === undefined) {
      const asOf = search.get('asOf');
      return { view: 'partnership', lang, id: third, ...(asOf && AS_OF.test(asOf) ? { asOf } : {}) };
    }
  }
  if (second === 'indicators') {
    if (third === undefined) return { view: 'indicators', lang };
    if (INDICATOR_ID.test(third) && fourth === undefined) {
      const dataset = search.get('dataset');
      const area = search.get('area');
      const where = search.get('where');
      const chart = search.get('chart');
      return {
        view: 'indicator',
        lang,
        id: third,
        ...(dataset && ID.test(dataset) ? { dataset } : {}),
        ...(area && AREA_CODE.test(area) ? { area } : {}),
        ...(where && WHERE.test(where) ? { where } : {}),
        ...(chart === 'line' || chart === 'bar' ? { chart } : {}),
      };
    }
  }
  if (second === 'governance') {
    if (third === undefined) return { view: 'governance', lang };
    if (third === 'crosswalk' && fourth === undefined) return { view: 'crosswalk', lang };
    const fifth = segments[4];
    if (third === 'mgi' && fourth && JURISDICTION.test(fourth) && fifth && YEAR.test(fifth) && segments.length === 5)
      return { view: 'mgi-profile', lang, jurisdiction: fourth.toUpperCase(), round: Number(fifth) };
  }
  if (second === 'workspace' && third === 'mgi') {
    if (fourth === undefined) return { view: 'mgi-assessments', lang };
    if (ID.test(fourth) && segments.length === 4) return { view: 'mgi-assessment', lang, id: fourth };
  }
  if (second === 'workspace' && third === 'partnerships' && fourth && ID.test(fourth) && segments.length === 4)
    return { view: 'partnership-edit', lang, id: fourth };
  if (second === 'workspace' && third === 'briefs') {
    if (fourth === undefined) return { view: 'briefs', lang };
    if (ID.test(fourth) && segments.length === 4) return { view: 'brief', lang, id: fourth };
  }
  if (second === 'workspace') {
    if (third === undefined) return { view: 'assessments', lang };
    if (third === 'admin' && fourth === undefined) return { view: 'admin', lang };
    if ((third === 'assessment' || third === 'review') && fourth && ID.test(fourth) && segments.length === 4)
      return { view: third, lang, id: fourth };
  }
  return { view: 'not-found', lang, path: pathname };
}

/** The onboarding page a path (without its language) names, if any. */
function onboardingView(segments: readonly string[]): 'invitation-accept' | 'password-reset' | undefined {
  if (segments.length === 2 && segments[0] === 'invitations' && segments[1] === 'accept') return 'invitation-accept';
  if (segments.length === 1 && segments[0] === 'password-reset') return 'password-reset';
  return undefined;
}

/** Format a route as a path (with a trailing slash, so static hosts serve `…/index.html`) and query. */
export function formatRoute(route: Route, base = '/'): string {
  const prefix = `${base.replace(/\/?$/, '/')}${route.lang}/`;
  const query = new URLSearchParams();
  let path = '';
  switch (route.view) {
    case 'dashboard':
      if (route.domain) query.set('domain', route.domain);
      break;
    case 'country':
      path = `country/${encodeURIComponent(route.code)}/`;
      break;
    case 'compare':
      path = 'compare/';
      if (route.codes.length > 0) query.set('areas', route.codes.join(','));
      break;
    case 'data':
    case 'methodology':
    case 'sign-in':
      path = `${route.view}/`;
      break;
    case 'partnerships':
      path = 'partnerships/';
      break;
    case 'partnership':
      path = `partnerships/${encodeURIComponent(route.id)}/`;
      if (route.asOf) query.set('asOf', route.asOf);
      break;
    case 'indicators':
      path = 'indicators/';
      break;
    case 'indicator':
      path = `indicators/${encodeURIComponent(route.id)}/`;
      if (route.dataset) query.set('dataset', route.dataset);
      if (route.area) query.set('area', route.area);
      if (route.where) query.set('where', route.where);
      if (route.chart) query.set('chart', route.chart);
      break;
    case 'governance':
      path = 'governance/';
      break;
    case 'crosswalk':
      path = 'governance/crosswalk/';
      break;
    case 'mgi-profile':
      path = `governance/mgi/${encodeURIComponent(route.jurisdiction)}/${route.round}/`;
      break;
    case 'briefs':
      path = 'workspace/briefs/';
      break;
    case 'mgi-assessments':
      path = 'workspace/mgi/';
      break;
    case 'mgi-assessment':
      path = `workspace/mgi/${encodeURIComponent(route.id)}/`;
      break;
    case 'partnership-edit':
      path = `workspace/partnerships/${encodeURIComponent(route.id)}/`;
      break;
    case 'brief':
      path = `workspace/briefs/${encodeURIComponent(route.id)}/`;
      break;
    case 'assessments':
      path = 'workspace/';
      break;
    case 'admin':
      path = 'workspace/admin/';
      break;
    case 'invitation-accept':
      path = 'invitations/accept/';
      break;
    case 'password-reset':
      path = 'password-reset/';
      break;
    case 'assessment':
    case 'review':
      path = `workspace/${route.view}/${encodeURIComponent(route.id)}/`;
      break;
    case 'not-found':
      return route.path;
  }
  if ('year' in route && route.year !== undefined) query.set('year', String(route.year));
  const text = query.toString().replace(/%2C/g, ',').replace(/%3A/g, ':').replace(/%3B/g, ';');
  return `${prefix}${path}${text ? `?${text}` : ''}`;
}

/** The same view in another language. */
export function withLanguage(route: Route, lang: UiLanguage): Route {
  return { ...route, lang };
}
