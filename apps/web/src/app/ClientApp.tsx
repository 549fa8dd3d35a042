/* @jsxRuntime automatic */
/** The browser app: history routing, the language choice (persisted), the session, and the page of the current route. */
import { lazy, Suspense, useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import { getJson } from '../api/api-client.ts';
import type { Session } from '@migov/server/api';
import { I18nContext, useI18n } from '../i18n/i18n-context.tsx';
import { loadCatalogue } from '../i18n/catalogues/load.ts';
import { getTranslator } from '../i18n/translator.ts';
import { AppShell } from './AppShell.tsx';
import { api, currentRoute, dashboardData, LANGUAGE_KEY, loadWorldMap, readyDashboard } from './first-page.ts';
import { Link, NavigationContext, type Navigation } from './router-context.tsx';
import { formatRoute, pageOf, type Route, type View } from './routes.ts';
import { SessionContext } from './session-context.tsx';
import { rememberSession, shouldAskSession } from './session-hint.ts';
import { ErrorMessage, Loading } from './shared.tsx';
import { useLoad } from './use-load.ts';
import { loadCompare, loadCountry, loadMethodology, loadCommon, loadResultsIndex } from '../pages/public-data.ts';
import { DashboardPage } from '../pages/DashboardPage.tsx';
import { holdsGlobally } from './permissions.ts';
import { ComparePage } from '../pages/ComparePage.tsx';
import { DataPage } from '../pages/DataPage.tsx';
import { MethodologyPage } from '../pages/MethodologyPage.tsx';
import { loadPartnership, loadPartnerships } from '../pages/partnerships/partnerships-data.ts';
import { loadCrosswalk, loadGovernance, loadProfile } from '../pages/governance/governance-data.ts';
import { loadIndicator, loadIndicators } from '../pages/indicators/indicators-data.ts';

const CountryPage = lazy(() => import('../pages/CountryPage.tsx').then((module) => ({ default: module.CountryPage })));
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

function Loaded<T>({
  load,
  loadKey,
  ready,
  children,
}: {
  load: () => Promise<T>;
  loadKey: string;
  ready?: T | undefined;
  children: (data: T) => ReactNode;
}) {
  const state = useLoad(load, loadKey, ready);
  if (state.status === 'loading') return <Loading />;
  if (state.status === 'error') return <ErrorMessage error={state.error} onRetry={state.reload} />;
  return <>{children(state.data)}</>;
}

/**
 * The component of every page (the pages themselves are registered in PAGES, routes.ts): a view without
 * an entry here does not compile.
 */
const PAGE_VIEWS: { [V in View]: (route: Extract<Route, { view: V }>, key: string) => ReactNode } = {
  dashboard: (route, key) => (
    <Loaded load={() => dashboardData(route)} loadKey={key} ready={readyDashboard(route)}>
      {(data) => <DashboardPage data={data} {...(route.domain ? { domain: route.domain } : {})} />}
    </Loaded>
  ),
  country: (route, key) => (
    <Loaded load={() => loadCountry(api, route.code, route.year)} loadKey={key}>
      {(data) => <CountryPage data={data} />}
    </Loaded>
  ),
  compare: (route, key) => (
    <Loaded load={() => loadCompare(api, route.codes, route.year)} loadKey={key}>
      {(data) => <ComparePage data={data} codes={route.codes} />}
    </Loaded>
  ),
  data: (route, key) => (
    <Loaded load={() => loadCommon(api).then((common) => loadResultsIndex(api, common.rounds))} loadKey={key}>
      {(data) => <DataPage rounds={data.rounds} />}
    </Loaded>
  ),
  methodology: (route, key) => (
    <Loaded load={() => loadMethodology(api)} loadKey={key}>
      {(data) => <MethodologyPage data={data} />}
    </Loaded>
  ),
  partnerships: (route, key) => (
    <Loaded load={() => loadPartnerships(api)} loadKey={key}>
      {(data) => <PartnershipsPage data={data} />}
    </Loaded>
  ),
  partnership: (route, key) => (
    <Loaded load={() => loadPartnership(api, route.id, loadWorldMap, route.asOf)} loadKey={key}>
      {(data) => <PartnershipPage data={data} {...(route.asOf ? { asOf: route.asOf } : {})} />}
    </Loaded>
  ),
  indicators: (route, key) => (
    <Loaded load={() => loadIndicators(api)} loadKey={key}>
      {(data) => <IndicatorsPage data={data} />}
    </Loaded>
  ),
  indicator: (route, key) => (
    <Loaded load={() => loadIndicator(api, route.id, route.dataset)} loadKey={key}>
      {(data) => <IndicatorPage data={data} route={route} />}
    </Loaded>
  ),
  governance: (route, key) => (
    <Loaded load={() => loadGovernance(api)} loadKey={key}>
      {(data) => <GovernancePage data={data} />}
    </Loaded>
  ),
  'mgi-profile': (route, key) => (
    <Loaded load={() => loadProfile(api, route.jurisdiction, route.round)} loadKey={key}>
      {(data) => <MgiProfilePage data={data} />}
    </Loaded>
  ),
  crosswalk: (route, key) => (
    <Loaded load={() => loadCrosswalk(api)} loadKey={key}>
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

function PageFor({ route }: { route: Route }) {
  const render = PAGE_VIEWS[route.view] as (route: Route, key: string) => ReactNode;
  return <>{render(route, formatRoute(route))}</>;
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

export function ClientApp() {
  const [route, setRoute] = useState<Route>(currentRoute);
  const [session, setSessionState] = useState<Session | undefined>();
  const [sessionChecked, setSessionChecked] = useState(false);
  const [, setCatalogues] = useState(0);
  const translator = getTranslator(route.lang);

  useEffect(() => {
    // A route in a language not loaded yet renders in English until its catalogue arrives.
    if (translator.lang !== route.lang) void loadCatalogue(route.lang).then(() => setCatalogues((count) => count + 1));
  }, [route.lang, translator.lang]);

  useEffect(() => {
    const onPop = () => setRoute(currentRoute());
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
  }, [askSession]);

  const navigate = useCallback((to: Route, options: { replace?: boolean } = {}) => {
    const url = formatRoute(to);
    if (options.replace) window.history.replaceState(null, '', url);
    else window.history.pushState(null, '', url);
    setRoute(to);
    window.scrollTo(0, 0);
    requestAnimationFrame(() => document.getElementById('main')?.focus({ preventScroll: true }));
  }, []);

  const setSession = useCallback((next: Session | undefined) => {
    api.setCsrfToken(next?.csrfToken);
    rememberSession(next !== undefined);
    setSessionChecked(true);
    setSessionState(next);
  }, []);

  const navigation = useMemo<Navigation>(() => ({ route, base: '/', live: true, navigate }), [route, navigate]);
  const sessionState = useMemo(() => ({ api, session, setSession }), [session, setSession]);
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
              {needsSession && !sessionChecked ? <Loading /> : <PageFor key={formatRoute(route)} route={route} />}
            </Suspense>
          </AppShell>
        </SessionContext.Provider>
      </NavigationContext.Provider>
    </I18nContext.Provider>
  );
}
