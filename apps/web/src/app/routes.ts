/**
 * Every view has its own URL: `/<lang>/<view>/…`. Each page is registered once, in {@link PAGES}: its
 * path, the query parameters it keeps, who opens it and which menu entry it belongs to. The route
 * type, parsing and formatting (pure and inverse, so the client router, the links and the static
 * publication agree on one scheme), the session check and the menu all read that table; the
 * client app's page map (ClientApp.tsx) then asks, through the compiler, for the page's component.
 */
import { UI_LANGUAGES, type UiLanguage } from '../i18n/languages.ts';

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

/** A value of a path segment or a query parameter: how it is read (undefined: not accepted) and written. */
interface Value<T> {
  read(text: string): T | undefined;
  write(value: T): string;
}
const text = (pattern: RegExp): Value<string> => ({
  read: (value) => (pattern.test(value) ? value : undefined),
  write: (value) => value,
});
const upperCase = (pattern: RegExp): Value<string> => ({
  read: (value) => (pattern.test(value) ? value.toUpperCase() : undefined),
  write: (value) => value,
});
const year: Value<number> = { read: (value) => (YEAR.test(value) ? Number(value) : undefined), write: String };
const oneOf = <T extends string>(...options: T[]): Value<T> => ({
  read: (value) => options.find((option) => option === value),
  write: (value) => value,
});
/** A comma-separated list: the accepted entries, at most `most`. */
const list = (pattern: RegExp, most: number): Value<string[]> => ({
  read: (value) =>
    value
      .split(',')
      .filter((entry) => pattern.test(entry))
      .slice(0, most),
  write: (values) => values.join(','),
});

/** A query parameter: its key in the URL, its value, and (for a list) the value when absent. */
interface QueryParameter<T> {
  key: string;
  value: Value<T>;
  empty?: T;
}
/** Any value, whatever it reads. */
type AnyValue = { read(text: string): unknown; write(value: never): string };
/** A path segment: a word, or a named parameter (`{ id: text(ID) }`). */
type Segment = string | { readonly [name: string]: AnyValue };

/** What the app knows of a page. */
interface Page {
  /** The segments after the language. */
  readonly path: readonly Segment[];
  /** The query parameters the page keeps, in the order they are written. */
  readonly query?: { readonly [field: string]: { key: string; value: AnyValue; empty?: unknown } };
  /**
   * `observatory`: public, the session is asked for only when this browser had one (session-hint.ts);
   * `workspace`: signed-in work, the session is always asked for and the page says when there is none;
   * `session`: shown only once the session is known.
   */
  readonly access: 'observatory' | 'workspace' | 'session';
  /** The main-menu entry shown as the current one. */
  readonly section?: string;
  /** Reached also without a language (the links sent by e-mail). */
  readonly withoutLanguage?: true;
}

const page = <const P extends Page>(spec: P) => spec;

/** Every page of the app, once. */
export const PAGES = {
  dashboard: page({
    path: [],
    query: {
      domain: { key: 'domain', value: text(/^[A-Za-z0-9_-]{1,40}$/) },
      year: { key: 'year', value: year },
    },
    access: 'observatory',
    section: 'dashboard',
  }),
  country: page({
    path: ['country', { code: text(AREA_CODE) }],
    query: { year: { key: 'year', value: year } },
    access: 'observatory',
  }),
  compare: page({
    path: ['compare'],
    query: { codes: { key: 'areas', value: list(AREA_CODE, 8), empty: [] }, year: { key: 'year', value: year } },
    access: 'observatory',
    section: 'compare',
  }),
  data: page({ path: ['data'], access: 'observatory', section: 'data' }),
  methodology: page({ path: ['methodology'], access: 'observatory', section: 'methodology' }),
  partnerships: page({ path: ['partnerships'], access: 'observatory', section: 'partnerships' }),
  partnership: page({
    path: ['partnerships', { id: text(ID) }],
    query: { asOf: { key: 'asOf', value: text(AS_OF) } },
    access: 'observatory',
    section: 'partnerships',
  }),
  'partnership-edit': page({
    path: ['workspace', 'partnerships', { id: text(ID) }],
    access: 'workspace',
    section: 'partnerships',
  }),
  indicators: page({ path: ['indicators'], access: 'observatory', section: 'indicators' }),
  indicator: page({
    path: ['indicators', { id: text(INDICATOR_ID) }],
    query: {
      dataset: { key: 'dataset', value: text(ID) },
      area: { key: 'area', value: text(AREA_CODE) },
      where: { key: 'where', value: text(WHERE) },
      chart: { key: 'chart', value: oneOf('line', 'bar') },
    },
    access: 'observatory',
    section: 'indicators',
  }),
  governance: page({ path: ['governance'], access: 'observatory', section: 'governance' }),
  'mgi-profile': page({
    path: ['governance', 'mgi', { jurisdiction: upperCase(JURISDICTION) }, { round: year }],
    access: 'observatory',
    section: 'governance',
  }),
  crosswalk: page({ path: ['governance', 'crosswalk'], access: 'observatory', section: 'governance' }),
  briefs: page({ path: ['workspace', 'briefs'], access: 'workspace' }),
  brief: page({ path: ['workspace', 'briefs', { id: text(ID) }], access: 'workspace' }),
  'mgi-assessments': page({ path: ['workspace', 'mgi'], access: 'workspace' }),
  'mgi-assessment': page({ path: ['workspace', 'mgi', { id: text(ID) }], access: 'workspace' }),
  'sign-in': page({ path: ['sign-in'], access: 'observatory', section: 'sign-in' }),
  assessments: page({ path: ['workspace'], access: 'session', section: 'assessments' }),
  assessment: page({ path: ['workspace', 'assessment', { id: text(ID) }], access: 'session' }),
  review: page({ path: ['workspace', 'review', { id: text(ID) }], access: 'session' }),
  admin: page({ path: ['workspace', 'admin'], access: 'session', section: 'admin' }),
  'invitation-accept': page({ path: ['invitations', 'accept'], access: 'observatory', withoutLanguage: true }),
  'password-reset': page({ path: ['password-reset'], access: 'observatory', withoutLanguage: true }),
} as const;

type Pages = typeof PAGES;
type ValueOf<V> = V extends Value<infer T> ? T : never;
type UnionToIntersection<U> = (U extends unknown ? (union: U) => void : never) extends (meet: infer I) => void
  ? I
  : never;
/** The fields the path parameters of a page give its route. */
type PathFields<Path extends readonly Segment[]> = UnionToIntersection<
  {
    [I in keyof Path]: Path[I] extends string ? object : { -readonly [K in keyof Path[I]]: ValueOf<Path[I][K]> };
  }[number]
>;
/** The fields the query parameters of a page give its route: optional, but for lists that are always there. */
type QueryFields<Query> = {
  -readonly [K in keyof Query as Query[K] extends { empty: unknown } ? K : never]: Query[K] extends { value: infer V }
    ? ValueOf<V>
    : never;
} & {
  -readonly [K in keyof Query as Query[K] extends { empty: unknown } ? never : K]?: Query[K] extends { value: infer V }
    ? ValueOf<V>
    : never;
};
type Flatten<T> = { [K in keyof T]: T[K] };
/** The route of one page. */
type RouteOf<V extends keyof Pages> = Flatten<
  { view: V; lang: UiLanguage } & PathFields<Pages[V]['path']> &
    (Pages[V] extends { query: infer Query } ? QueryFields<Query> : object)
>;

/** A parsed location. */
export type Route =
  { [V in keyof Pages]: RouteOf<V> }[keyof Pages] | { view: 'not-found'; lang: UiLanguage; path: string };

export type View = Route['view'];

/** What the app knows of a view: the not-found page is public and in no menu entry. */
export function pageOf(view: View): Page {
  return view === 'not-found' ? { path: [], access: 'observatory' } : PAGES[view];
}

const isLanguage = (value: string | undefined): value is UiLanguage =>
  (UI_LANGUAGES as readonly string[]).includes(value ?? '');

const PAGE_LIST = Object.entries(PAGES) as [keyof Pages, Page][];

/** The route of a page whose path the segments (after the language) match, with its query. */
function match(segments: readonly string[], search: URLSearchParams, lang: UiLanguage): Route | undefined {
  for (const [view, spec] of PAGE_LIST) {
    if (spec.path.length !== segments.length) continue;
    const fields: Record<string, unknown> = {};
    const matches = spec.path.every((segment, index) => {
      const part = segments[index] ?? '';
      if (typeof segment === 'string') return segment === part;
      return Object.entries(segment).every(([name, value]) => {
        const read = (value as Value<unknown>).read(part);
        fields[name] = read;
        return read !== undefined;
      });
    });
    if (!matches) continue;
    for (const [field, parameter] of Object.entries(spec.query ?? {})) {
      const { key, value, empty } = parameter as QueryParameter<unknown>;
      const found = search.get(key);
      const read = found === null ? undefined : value.read(found);
      if (read !== undefined) fields[field] = read;
      else if (empty !== undefined) fields[field] = empty;
    }
    return { view, lang, ...fields } as Route;
  }
  return undefined;
}

/** Parse a path and query; an unknown path is a `not-found` route (never an exception). */
export function parseRoute(pathname: string, searchText = '', fallbackLanguage: UiLanguage = 'en'): Route {
  const search = new URLSearchParams(searchText);
  const segments = pathname
    .split('/')
    .filter(Boolean)
    .map((segment) => decodeURIComponent(segment));
  const [first] = segments;
  if (!isLanguage(first)) {
    if (segments.length === 0) return { view: 'dashboard', lang: fallbackLanguage };
    // The links sent by e-mail carry no language (…/invitations/accept#token=…, …/password-reset#token=…).
    const found = match(segments, search, fallbackLanguage);
    return found && pageOf(found.view).withoutLanguage
      ? found
      : { view: 'not-found', lang: fallbackLanguage, path: pathname };
  }
  return match(segments.slice(1), search, first) ?? { view: 'not-found', lang: first, path: pathname };
}

/** Format a route as a path (with a trailing slash, so static hosts serve `…/index.html`) and query. */
export function formatRoute(route: Route, base = '/'): string {
  if (route.view === 'not-found') return route.path;
  const spec: Page = PAGES[route.view];
  const fields = route as unknown as Record<string, unknown>;
  const path = spec.path
    .map((segment) => {
      if (typeof segment === 'string') return segment;
      const [name, value] = Object.entries(segment)[0] as [string, Value<unknown>];
      return encodeURIComponent(value.write(fields[name]));
    })
    .map((segment) => `${segment}/`)
    .join('');
  const query = new URLSearchParams();
  for (const [field, parameter] of Object.entries(spec.query ?? {})) {
    const { key, value } = parameter as QueryParameter<unknown>;
    const written = fields[field] === undefined ? '' : value.write(fields[field]);
    if (written !== '') query.set(key, written);
  }
  const prefix = `${base.replace(/\/?$/, '/')}${route.lang}/`;
  const queryText = query.toString().replace(/%2C/g, ',').replace(/%3A/g, ':').replace(/%3B/g, ';');
  return `${prefix}${path}${queryText ? `?${queryText}` : ''}`;
}

/** The same view in another language. */
export function withLanguage(route: Route, lang: UiLanguage): Route {
  return { ...route, lang };
}
