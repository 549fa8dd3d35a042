/* @jsxRuntime automatic */
/** The frame of every page: skip link, header with navigation and languages, main landmark, footer. */
import type { MouseEvent, ReactNode } from 'react';
import { useI18n } from '../i18n/i18n-context.tsx';
import { LANGUAGE_NAMES, UI_LANGUAGES } from '../i18n/languages.ts';
import { formatRoute, pageOf, parseRoute, withLanguage, type Route } from './routes.ts';
import { Link, useNavigation } from './router-context.tsx';

export interface ShellUser {
  name: string;
  isAdministrator: boolean;
}

export function AppShell({
  route,
  user,
  onSignOut,
  children,
  showWorkspace = true,
}: {
  route: Route;
  user?: ShellUser | undefined;
  onSignOut?: () => void;
  children: ReactNode;
  showWorkspace?: boolean;
}) {
  const { t, lang } = useI18n();
  const { base, live } = useNavigation();
  // The menu entry of the page's section is the current one (PAGES in routes.ts names each page's section).
  const current = (view: Route['view']) =>
    pageOf(route.view).section === view ? ({ 'aria-current': 'page' } as const) : {};
  return (
    <>
      <a className="skip-link" href="#main">
        {t('nav.skip')}
      </a>
      <header className="site-header">
        <div className="brand">
          <Link to={{ view: 'dashboard', lang }} className="brand-name">
            {t('app.name')}
          </Link>
          <span className="tagline">{t('app.tagline')}</span>
        </div>
        <nav aria-label={t('nav.main')} className="main-nav">
          <ul>
            <li>
              <Link to={{ view: 'dashboard', lang }} {...current('dashboard')}>
                {t('nav.dashboard')}
              </Link>
            </li>
            <li>
              <Link to={{ view: 'compare', lang, codes: [] }} {...current('compare')}>
                {t('nav.compare')}
              </Link>
            </li>
            <li>
              <Link to={{ view: 'partnerships', lang }} {...current('partnerships')}>
                {t('nav.partnerships')}
              </Link>
            </li>
            <li>
              <Link to={{ view: 'indicators', lang }} {...current('indicators')}>
                {t('nav.indicators')}
              </Link>
            </li>
            <li>
              <Link to={{ view: 'governance', lang }} {...current('governance')}>
                {t('nav.governance')}
              </Link>
            </li>
            <li>
              <Link to={{ view: 'data', lang }} {...current('data')}>
                {t('nav.data')}
              </Link>
            </li>
            <li>
              <Link to={{ view: 'methodology', lang }} {...current('methodology')}>
                {t('nav.methodology')}
              </Link>
            </li>
            {showWorkspace ? (
              user ? (
                <>
                  <li>
                    <Link to={{ view: 'assessments', lang }} {...current('assessments')}>
                      {t('nav.workspace')}
                    </Link>
                  </li>
                  {user.isAdministrator ? (
                    <li>
                      <Link to={{ view: 'admin', lang }} {...current('admin')}>
                        {t('nav.admin')}
                      </Link>
                    </li>
                  ) : null}
                  <li>
                    <button type="button" className="link-button" onClick={onSignOut}>
                      {t('nav.signOut')} ({user.name})
                    </button>
                  </li>
                </>
              ) : (
                <li>
                  <Link to={{ view: 'sign-in', lang }} {...current('sign-in')}>
                    {t('nav.signIn')}
                  </Link>
                </li>
              )
            ) : null}
          </ul>
        </nav>
        <nav aria-label={t('nav.language')} className="languages">
          <ul>
            {UI_LANGUAGES.map((language) => (
              <li key={language}>
                <a
                  href={formatRoute(withLanguage(route, language), base)}
                  lang={language}
                  hrefLang={language}
                  {...(language === lang ? { 'aria-current': 'true' as const } : {})}
                  data-lang={language}
                  // A page may keep a reader's choices in the URL without a new route (an indicator
                  // chart's selection): the link then follows the address as it is at the click.
                  {...(live
                    ? {
                        onClick: (event: MouseEvent<HTMLAnchorElement>) =>
                          followShownAddress(event, route, language, base),
                      }
                    : {})}
                >
                  {LANGUAGE_NAMES[language]}
                </a>
              </li>
            ))}
          </ul>
        </nav>
      </header>
      <main id="main" tabIndex={-1}>
        {children}
      </main>
      <footer className="site-footer">
        <p>
          {t('app.tagline')}
          {showWorkspace ? (
            <>
              {' '}
              · <a href="/api/v1/docs">{t('data.api')}</a>
            </>
          ) : null}
        </p>
      </footer>
    </>
  );
}

/** Point a language link at the view shown now (same view, with the choices its address holds). */
function followShownAddress(
  event: MouseEvent<HTMLAnchorElement>,
  route: Route,
  language: Route['lang'],
  base: string,
): void {
  const shown = parseRoute(window.location.pathname, window.location.search, route.lang);
  if (shown.view === route.view) event.currentTarget.href = formatRoute(withLanguage(shown, language), base);
}
