import { describe, expect, it } from 'vitest';
import { formatRoute, PAGES, parseRoute, type Route } from './routes.ts';
import { pickLanguage } from '../i18n/languages.ts';

describe('parseRoute and formatRoute', () => {
  const cases: [string, Route][] = [
    ['/en/', { view: 'dashboard', lang: 'en' }],
    ['/fr/?domain=DOMAIN3&year=2023', { view: 'dashboard', lang: 'fr', domain: 'DOMAIN3', year: 2023 }],
    ['/ar/country/484/?year=2021', { view: 'country', lang: 'ar', code: '484', year: 2021 }],
    ['/zh/compare/?areas=4,8,419', { view: 'compare', lang: 'zh', codes: ['4', '8', '419'] }],
    ['/ru/data/', { view: 'data', lang: 'ru' }],
    ['/es/methodology/', { view: 'methodology', lang: 'es' }],
    ['/en/sign-in/', { view: 'sign-in', lang: 'en' }],
    ['/fr/indicators/', { view: 'indicators', lang: 'fr' }],
    ['/ar/indicators/10.c.1/', { view: 'indicator', lang: 'ar', id: '10.c.1' }],
    [
      '/en/indicators/8.8.1/?dataset=ds-1&area=484&where=SEX:F;AGE:*&chart=bar',
      { view: 'indicator', lang: 'en', id: '8.8.1', dataset: 'ds-1', area: '484', where: 'SEX:F;AGE:*', chart: 'bar' },
    ],
    ['/en/workspace/', { view: 'assessments', lang: 'en' }],
    ['/en/workspace/admin/', { view: 'admin', lang: 'en' }],
    ['/en/workspace/assessment/abc-1/', { view: 'assessment', lang: 'en', id: 'abc-1' }],
    ['/en/workspace/review/abc-1/', { view: 'review', lang: 'en', id: 'abc-1' }],
    ['/fr/partnerships/', { view: 'partnerships', lang: 'fr' }],
    [
      '/fr/partnerships/colombo-process/?asOf=2026-05',
      { view: 'partnership', lang: 'fr', id: 'colombo-process', asOf: '2026-05' },
    ],
    ['/en/governance/', { view: 'governance', lang: 'en' }],
    ['/en/governance/crosswalk/', { view: 'crosswalk', lang: 'en' }],
    ['/es/governance/mgi/484-CMX/2019/', { view: 'mgi-profile', lang: 'es', jurisdiction: '484-CMX', round: 2019 }],
    ['/en/workspace/briefs/', { view: 'briefs', lang: 'en' }],
    ['/en/workspace/briefs/b-1/', { view: 'brief', lang: 'en', id: 'b-1' }],
    ['/en/workspace/mgi/', { view: 'mgi-assessments', lang: 'en' }],
    ['/en/workspace/mgi/m-1/', { view: 'mgi-assessment', lang: 'en', id: 'm-1' }],
    ['/en/workspace/partnerships/bali-process/', { view: 'partnership-edit', lang: 'en', id: 'bali-process' }],
    ['/ru/invitations/accept/', { view: 'invitation-accept', lang: 'ru' }],
    ['/zh/password-reset/', { view: 'password-reset', lang: 'zh' }],
  ];

  it('has a case for every registered page', () => {
    expect(Object.keys(PAGES).filter((view) => !cases.some(([, route]) => route.view === view))).toEqual([]);
  });

  it.each(cases)('parses %s and formats it back', (url, route) => {
    const [path, query = ''] = url.split('?');
    expect(parseRoute(path!, query)).toEqual(route);
    expect(formatRoute(route)).toBe(url.replace('?', '?'));
  });

  it('treats unknown paths and bad parameters as not found, never throwing', () => {
    expect(parseRoute('/xx/country/4/').view).toBe('not-found');
    expect(parseRoute('/en/country/<script>/').view).toBe('not-found');
    expect(parseRoute('/en/workspace/assessment/a/b/').view).toBe('not-found');
    expect(parseRoute('/en/', 'year=abc')).toEqual({ view: 'dashboard', lang: 'en' });
    expect(parseRoute('/en/indicators/8.8/').view).toBe('not-found');
    expect(parseRoute('/en/indicators/8.8.1/', 'where=SEX&chart=pie&area=<b>')).toEqual({
      view: 'indicator',
      lang: 'en',
      id: '8.8.1',
    });
  });

  it('upper-cases an MGI jurisdiction and reads only the query a page keeps', () => {
    expect(parseRoute('/en/governance/mgi/484-cmx/2019/')).toEqual({
      view: 'mgi-profile',
      lang: 'en',
      jurisdiction: '484-CMX',
      round: 2019,
    });
    expect(parseRoute('/en/data/', 'year=2023&areas=4')).toEqual({ view: 'data', lang: 'en' });
    expect(parseRoute('/en/partnerships/bp/', 'asOf=May')).toEqual({ view: 'partnership', lang: 'en', id: 'bp' });
  });

  it('reaches only the pages sent by e-mail without a language', () => {
    expect(parseRoute('/password-reset', '', 'fr')).toEqual({ view: 'password-reset', lang: 'fr' });
    expect(parseRoute('/invitations/accept/', '', 'ar')).toEqual({ view: 'invitation-accept', lang: 'ar' });
    expect(parseRoute('/workspace/', '', 'fr')).toEqual({ view: 'not-found', lang: 'fr', path: '/workspace/' });
  });

  it('sends the bare root to the dashboard in the fallback language', () => {
    expect(parseRoute('/', '', 'ar')).toEqual({ view: 'dashboard', lang: 'ar' });
  });

  it('prefixes a base path for static hosts under a folder', () => {
    expect(formatRoute({ view: 'country', lang: 'en', code: '4' }, '/observatory')).toBe('/observatory/en/country/4/');
  });
});

describe('pickLanguage', () => {
  it.each([
    [null, ['fr-CA', 'en'], 'fr'],
    ['ar', ['fr'], 'ar'],
    ['xx', ['de', 'zh-CN'], 'zh'],
    [undefined, ['de'], 'en'],
  ] as const)('stored %s with preferences %j gives %s', (stored, preferred, expected) => {
    expect(pickLanguage(stored, preferred)).toBe(expected);
  });
});
