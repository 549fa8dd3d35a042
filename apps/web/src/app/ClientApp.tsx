/* @jsxRuntime automatic */
/** The browser app: history routing, the language choice (persisted), the session, and the page of the current route. */
import { lazy, Suspense, useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import { getJson, type ApiClient } from '../api/api-client.ts';
import type { Session } from '@migov/server/api';
import { I18nContext, useI18n } from '../i18n/i18n-context.tsx';
import { loadCatalogue } from '../i18n/catalogues/load.ts';
import { getTranslator } from '../i18n/translator.ts';
import { AppShell } from './AppShell.tsx';
import { currentRoute, LANGUAGE_KEY } from './browser-location.ts';
import type { PublicData, PublicRoute, PublicView } from './public-loads.ts';
import { Link, NavigationContext, type Navigation } from './router-context.tsx';
import { formatRoute, pageOf, type Route, type View } from './routes.ts';
import { SessionContext } from './session-context.tsx';
import { rememberSession, shouldAskSession } from './session-hint.ts';
import { ErrorMessage, Loading } from './shared.tsx';
import { useLoad } from './use-load.ts';
import { DashboardPage } from '../pages/DashboardPage.tsx';
import { holdsGlobally } from './permissions.ts';
import { ComparePage } from '../pages/ComparePage.tsx';
import { DataPage } from '../pages/DataPage.tsx';
import { MethodologyPage } from '../pages/MethodologyPage.tsx';

const CountryProfile = lazy(() =>
  import('../pages/CountryPage.tsx').then((module) => ({ default: module.CountryProfile })),
);
const SignInPage = lazy(() => import('../workspace/SignInPage.tsx').then((module) => ({ default: module.SignInPage })));
const AssessmentsPage = lazy(() =>
  import('../workspace/AssessmentsPage.tsx').then((module) => ({ default: module.AssessmentsPage })),
);
const AssessmentFormPage = lazy(() =>
  import('../workspace/AssessmentFormPage.tsx').then((module) => ({ default: module.AssessmentFormPage })),
);
const ReviewPage = lazy(() => import('../workspace/ReviewPage.tsx').then((module) => ({ default: module.ReviewPage })));
const PartnershipsPage = lazy(() =>
  import('../pages/partnerships/PartnershipsPage.tsx').then((module) => ({ default: module.PartnershipsPage })),
);
const PartnershipPage = lazy(() =>
  import('../pages/partnerships/PartnershipPage.tsx').then((module) => ({ default: module.PartnershipPage })),
);
const IndicatorsPage = lazy(() =>
  import('../pages/indicators/IndicatorsPage.tsx').then((module) => ({ default: module.IndicatorsPage })),
);
const IndicatorPage = lazy(() =>
  import('../pages/indicators/IndicatorPage.tsx').then((module) => ({ default: module.IndicatorPage })),
);
const InvitationAcceptPage = lazy(() =>
  import('../workspace/InvitationAcceptPage.tsx').then((module) => ({ default: module.InvitationAcceptPage })),
);
const PasswordResetPage = lazy(() =>
  import('../workspace/PasswordResetPage.tsx').then((module) => ({ default: module.PasswordResetPage })),
);
const AdminPage = lazy(() => import('../workspace/AdminPage.tsx').then((module) => ({ default: module.AdminPage })));
const GovernancePage = lazy(() =>
  import('../pages/governance/GovernancePage.tsx').then((module) => ({ default: module.GovernancePage })),
);
const MgiProfilePage = lazy(() =>
  import('../pages/governance/MgiProfilePage.tsx').then((module) => ({ default: module.MgiProfilePage })),
);
const CrosswalkPage = lazy(() =>
  import('../pages/governance/CrosswalkPage.tsx').then((module) => ({ default: module.CrosswalkPage })),
);
const BriefsPage = lazy(() =>
  import('../pages/governance/BriefsPage.tsx').then((module) => ({ default: module.BriefsPage })),
);
const BriefPage = lazy(() =>
  import('../pages/governance/BriefPage.tsx').then((module) => ({ default: module.BriefPage })),
);
const MgiAssessmentsPage = lazy(() =>
  import('../pages/governance/MgiAssessmentsPage.tsx').then((module) => ({ default: module.MgiAssessmentsPage })),
);
const MgiWorkPage = lazy(() =>
  import('../pages/governance/MgiWorkPage.tsx').then((module) => ({ default: module.MgiWorkPage })),
);
const PartnershipEditPage = lazy(() =>
  import('../pages/partnerships/PartnershipEditPage.tsx').then((module) => ({ default: module.PartnershipEditPage })),
);

/** Where the app reads: the API, and the data of its public pages (read in the browser, or already read for a page drawn on the server). */
export interface PageSource {
  api: ApiClient & { setCsrfToken(token: string | undefined): void };
  /** The route shown first. */
  route: Route;
  load<V extends PublicView>(route: PublicRoute<V>): Promise<PublicData<V>>;
  /** The data of a route already read, to render at once (the first route only: asked until the reader moves on). */
  ready<V extends PublicView>(route: PublicRoute<V>): PublicData<V> | undefined;
}

function Loaded<V extends PublicView>({
  route,
  loadKey,
  source,
  first,
  children,
}: {
  route: PublicRoute<V>;
  loadKey: string;
  source: PageSource;
  first: boolean;
  children: (data: PublicData<V>) => ReactNode;
}) {
  const state = useLoad(() => source.load(route), loadKey, first ? source.ready(route) : undefined);
  if (state.status === 'loading') return <Loading />;
  if (state.status === 'error') return <ErrorMessage error={state.error} onRetry={state.reload} />;
  return <>{children(state.data)}</>;
}

/** How a page is loaded: the route, its key, the source, and whether it is the first page shown. */
type LoadArgs = [key: string, source: PageSource, first: boolean];

/**
 * The component of every page (the pages themselves are registered in PAGES, routes.ts): a view without
 * an entry here does not compile.
 */
const PAGE_VIEWS: { [V in View]: (route: Extract<Route, { view: V }>, ...loading: LoadArgs) => ReactNode } = {
  dashboard: (route, key, source, first) => (
    <Loaded route={route} loadKey={key} source={source} first={first}>
      {(data) => <DashboardPage data={data} {...(route.domain ? { domain: route.domain } : {})} />}
    </Loaded>
  ),
  country: (route, key, source, first) => (
    <Loaded route={route} loadKey={key} source={source} first={first}>
      {(data) => <CountryProfile data={data.profile} indicators={data.indicators} />}
    </Loaded>
  ),
  compare: (route, key, source, first) => (
    <Loaded route={route} loadKey={key} source={source} first={first}>
      {(data) => <ComparePage data={data} codes={route.codes} />}
    </Loaded>
  ),
  data: (route, key, source, first) => (
    <Loaded route={route} loadKey={key} source={source} first={first}>
      {(data) => <DataPage rounds={data.rounds} />}
    </Loaded>
  ),
  methodology: (route, key, source, first) => (
    <Loaded route={route} loadKey={key} source={source} first={first}>
      {(data) => <MethodologyPage data={data} />}
    </Loaded>
  ),
  partnerships: (route, key, source, first) => (
    <Loaded route={route} loadKey={key} source={source} first={first}>
      {(data) => <PartnershipsPage data={data} />}
    </Loaded>
  ),
  partnership: (route, key, source, first) => (
    <Loaded route={route} loadKey={key} source={source} first={first}>
      {(data) => <PartnershipPage data={data} {...(route.asOf ? { asOf: route.asOf } : {})} />}
    </Loaded>
  ),
  indicators: (route, key, source, first) => (
    <Loaded route={route} loadKey={key} source={source} first={first}>
      {(data) => <IndicatorsPage data={data} />}
    </Loaded>
  ),
  indicator: (route, key, source, first) => (
    <Loaded route={route} loadKey={key} source={source} first={first}>
      {(data) => <IndicatorPage data={data} route={route} />}
    </Loaded>
  ),
  governance: (route, key, source, first) => (
    <Loaded route={route} loadKey={key} source={source} first={first}>
      {(data) => <GovernancePage data={data} />}
    </Loaded>
  ),
  'mgi-profile': (route, key, source, first) => (
    <Loaded route={route} loadKey={key} source={source} first={first}>
      {(data) => <MgiProfilePage data={data} />}
    </Loaded>
  ),
  crosswalk: (route, key, source, first) => (
    <Loaded route={route} loadKey={key} source={source} first={first}>
      {(data) => <CrosswalkPage data={data} />}
    </Loaded>
  ),
  briefs: () => <BriefsPage />,
  brief: (route) => <BriefPage id={route.id} />,
  'mgi-assessments': () => <MgiAssessmentsPage />,
  'mgi-assessment': (route) => <MgiWorkPage id={route.id} />,
  'partnership-edit': (route) => <PartnershipEditPage id={route.id} />,
  'sign-in': () => <SignInPage />,
  assessments: () => <AssessmentsPage />,
  assessment: (route) => <AssessmentFormPage id={route.id} />,
  review: (route) => <ReviewPage id={route.id} />,
  admin: () => <AdminPage />,
  'invitation-accept': () => <InvitationAcceptPage />,
  'password-reset': () => <PasswordResetPage />,
  'not-found': () => <NotFound />,
};

function PageFor({ route, source, first }: { route: Route; source: PageSource; first: boolean }) {
  const render = PAGE_VIEWS[route.view] as (route: Route, ...loading: LoadArgs) => ReactNode;
  return <>{render(route, formatRoute(route), source, first)}</>;
}

function NotFound() {
  const { t, lang } = useI18n();
  return (
    <>
      <h1>{t('common.notFound')}</h1>
      <p>
        <Link to={{ view: 'dashboard', lang }}>{t('common.backHome')}</Link>
      </p>
    </>
  );
}

/**
 * The app. `source.route` is shown first; a page drawn on the server renders it with the data it was
 * drawn from (the server renders this same component), so the browser takes that markup over as is.
 */
export function ClientApp({ source }: { source: PageSource }) {
  const { api } = source;
  const [route, setRoute] = useState<Route>(source.route);
  // The data read for the first route is used until the reader moves on (then every page reads again).
  const [moved, setMoved] = useState(false);
  const [session, setSessionState] = useState<Session | undefined>();
  const [sessionChecked, setSessionChecked] = useState(false);
  const [, setCatalogues] = useState(0);
  const translator = getTranslator(route.lang);

  useEffect(() => {
    // A route in a language not loaded yet renders in English until its catalogue arrives.
    if (translator.lang !== route.lang) void loadCatalogue(route.lang).then(() => setCatalogues((count) => count + 1));
  }, [route.lang, translator.lang]);

  useEffect(() => {
    // The app answers the reader from now on (a page drawn on the server is taken over): tests and
    // styles may tell a drawn page from a live one by this mark.
    document.documentElement.dataset.app = 'ready';
  }, []);

  useEffect(() => {
    const onPop = () => {
      setMoved(true);
      setRoute(currentRoute());
    };
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, []);

  useEffect(() => {
    document.documentElement.lang = route.lang;
    document.documentElement.dir = translator.dir;
    // The window's title speaks the page's language too (index.html starts in English).
    document.title = `migov — ${translator.t('app.name')}`;
    try {
      localStorage.setItem(LANGUAGE_KEY, route.lang);
    } catch {
      // Private modes may refuse storage; the URL still carries the language.
    }
  }, [route.lang, translator]);

  useEffect(() => {
    // The bare root becomes the dashboard URL of the chosen language.
    if (window.location.pathname === '/' || route.view === 'not-found') return;
    const canonical = formatRoute(route);
    // The fragment stays: the onboarding pages read their one-time token from it.
    if (`${window.location.pathname}${window.location.search}` !== canonical)
      window.history.replaceState(null, '', `${canonical}${window.location.hash}`);
  }, [route]);

  // Asked once, on the first view that may have a session (session-hint.ts: not on public pages of a
  // browser that never signed in, which would answer 401 and log an error in the console).
  const askSession = !sessionChecked && shouldAskSession(route.view);
  useEffect(() => {
    if (!askSession) return;
    getJson<Session>(api, '/session').then(
      (found) => {
        api.setCsrfToken(found.csrfToken);
        rememberSession(true);
        setSessionState(found);
        setSessionChecked(true);
      },
      () => {
        rememberSession(false);
        setSessionChecked(true);
      },
    );
  }, [askSession, api]);

  const navigate = useCallback((to: Route, options: { replace?: boolean } = {}) => {
    const url = formatRoute(to);
    if (options.replace) window.history.replaceState(null, '', url);
    else window.history.pushState(null, '', url);
    setMoved(true);
    setRoute(to);
    window.scrollTo(0, 0);
    requestAnimationFrame(() => document.getElementById('main')?.focus({ preventScroll: true }));
  }, []);

  const setSession = useCallback(
    (next: Session | undefined) => {
      api.setCsrfToken(next?.csrfToken);
      rememberSession(next !== undefined);
      setSessionChecked(true);
      setSessionState(next);
    },
    [api],
  );

  const navigation = useMemo<Navigation>(() => ({ route, base: '/', live: true, navigate }), [route, navigate]);
  const sessionState = useMemo(() => ({ api, session, setSession }), [api, session, setSession]);
  const user = session
    ? { name: session.user.name, isAdministrator: holdsGlobally(session, 'user:manage') }
    : undefined;
  const signOut = () => {
    void api.request('/session', { method: 'DELETE' }).finally(() => {
      setSession(undefined);
      navigate({ view: 'dashboard', lang: route.lang });
    });
  };
  const needsSession = pageOf(route.view).access === 'session';

  return (
    <I18nContext.Provider value={translator}>
      <NavigationContext.Provider value={navigation}>
        <SessionContext.Provider value={sessionState}>
          <AppShell route={route} user={user} onSignOut={signOut}>
            <Suspense fallback={<Loading />}>
              {needsSession && !sessionChecked ? (
                <Loading />
              ) : (
                <PageFor key={formatRoute(route)} route={route} source={source} first={!moved} />
              )}
            </Suspense>
          </AppShell>
        </SessionContext.Provider>
      </NavigationContext.Provider>
    </I18nContext.Provider>
  );
}
