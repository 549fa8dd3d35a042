/* @jsxRuntime automatic */
/**
 * The static publication: the public observatory rendered to HTML with the same components as the
 * app (react-dom/server), for every language and every country, readable without JavaScript. Data
 * comes through an API client (in process for `migov publish`), never from the database directly.
 */
import type { ReactElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import type { Topology } from 'topojson-specification';
import type { ApiClient } from '../api/api-client.ts';
import type { Publication } from '@migov/server/api';
import { AppShell } from '../app/AppShell.tsx';
import { NavigationContext } from '../app/router-context.tsx';
import { formatRoute, type Route } from '../app/routes.ts';
import { I18nContext } from '../i18n/i18n-context.tsx';
import { UI_LANGUAGES, type UiLanguage } from '../i18n/languages.ts';
import '../i18n/catalogues/index.ts';
import { getTranslator } from '../i18n/translator.ts';
import { normalizeAreaCode } from '../charts/category-scale.ts';
import { projectWorld, type WorldMapGeometry } from '../charts/world-map-state.ts';
import { StaticChartFilesContext, type StaticChartFiles } from '../charts/ChartFrame.tsx';
import { ComparePage } from '../pages/ComparePage.tsx';
import { CountryPage } from '../pages/CountryPage.tsx';
import type { EvidenceHref } from '../pages/PublishedEvidenceList.tsx';
import { DashboardPage } from '../pages/DashboardPage.tsx';
import { DataPage, DOWNLOAD_FORMATS, type DataLinks } from '../pages/DataPage.tsx';
import { MethodologyPage } from '../pages/MethodologyPage.tsx';
import {
  loadCommon,
  loadCompare,
  loadCountry,
  loadDashboard,
  loadMethodology,
  loadResultsIndex,
  type ShownRound,
} from '../pages/public-data.ts';
import { PartnershipPage } from '../pages/partnerships/PartnershipPage.tsx';
import { PartnershipsPage } from '../pages/partnerships/PartnershipsPage.tsx';
import { loadPartnership, loadPartnerships } from '../pages/partnerships/partnerships-data.ts';
import { GovernancePage } from '../pages/governance/GovernancePage.tsx';
import { MgiProfilePage } from '../pages/governance/MgiProfilePage.tsx';
import { CrosswalkPage } from '../pages/governance/CrosswalkPage.tsx';
import { loadCrosswalk, loadGovernance, loadProfile } from '../pages/governance/governance-data.ts';
import { IndicatorPage } from '../pages/indicators/IndicatorPage.tsx';
import { IndicatorsPage } from '../pages/indicators/IndicatorsPage.tsx';
import { CountryIndicatorsContext } from '../pages/indicators/CountryIndicatorsPanel.tsx';
import { loadCountryIndicators, loadIndicator, loadIndicators } from '../pages/indicators/indicators-data.ts';

export interface StaticSiteOptions {
  api: ApiClient & { raw?(path: string): Promise<Uint8Array> };
  /** The path the site is served under, e.g. "/" or "/observatory/". */
  base?: string;
  languages?: readonly UiLanguage[];
  loadTopology: () => Promise<Topology>;
  /** The stylesheet's text (written to assets/styles.css). */
  css: string;
  /** Write one file (path relative to the output folder, with forward slashes). */
  write(path: string, content: string | Uint8Array): Promise<void>;
  /** Called after each page, for progress. */
  onPage?(path: string): void;
  /**
   * Build only one part of the site, so that several threads can share it: part `index` of `count`
   * gets every `count`-th country, profile and indicator page (all languages of one together), and
   * part 0 also every page and file there is one of. The parts together are the whole site.
   */
  part?: { index: number; count: number };
}

export interface StaticSiteSummary {
  pages: number;
  countries: number;
  languages: readonly UiLanguage[];
  downloads: number;
}

const escapeHtml = (text: string) =>
  text.replace(/[&<>"]/g, (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[char]!);

/** Render one page as a complete HTML document. */
export function renderDocument(
  route: Route,
  body: ReactElement,
  options: { base: string; title: string; charts?: StaticChartFiles },
): string {
  const translator = getTranslator(route.lang);
  const markup = renderToStaticMarkup(
    <StaticChartFilesContext.Provider value={options.charts}>
      <I18nContext.Provider value={translator}>
        <NavigationContext.Provider value={{ route, base: options.base, live: false, navigate: () => undefined }}>
          <AppShell route={route} showWorkspace={false}>
            {body}
          </AppShell>
        </NavigationContext.Provider>
      </I18nContext.Provider>
    </StaticChartFilesContext.Provider>,
  );
  const alternates = UI_LANGUAGES.map(
    (lang) =>
      `<link rel="alternate" hreflang="${lang}" href="${escapeHtml(formatRoute({ ...route, lang }, options.base))}">`,
  ).join('');
  return `<!doctype html><html lang="${route.lang}" dir="${translator.dir}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(options.title)} — ${escapeHtml(translator.t('app.name'))}</title><link rel="stylesheet" href="${escapeHtml(options.base)}assets/styles.css">${alternates}</head><body>${markup}</body></html>\n`;
}

/** A chart's `<svg>` as a standalone file. */
function standaloneSvg(chart: ReactElement): string {
  const markup = renderToStaticMarkup(chart);
  const start = markup.indexOf('<svg');
  const end = markup.lastIndexOf('</svg>');
  if (start < 0 || end < 0) throw new Error('a chart rendered no <svg>');
  return `<?xml version="1.0" encoding="utf-8"?>\n${markup.slice(start, end + 6).replace('<svg', '<svg xmlns="http://www.w3.org/2000/svg"')}\n`;
}

/** The file a route is written to: its path + index.html. */
function fileOf(route: Route): string {
  return `${formatRoute(route, '/').slice(1).split('?')[0]}index.html`;
}

const extension = (format: (typeof DOWNLOAD_FORMATS)[number]) =>
  format === 'sdmx-ml' ? 'xml' : format === 'sdmx-csv' ? 'sdmx.csv' : format;

/** Items of a list whose data is being read while the current one renders. */
const READ_AHEAD = 8;

/** Build the whole site. */
export async function buildStaticSite(options: StaticSiteOptions): Promise<StaticSiteSummary> {
  const base = (options.base ?? '/').replace(/\/?$/, '/');
  const languages = options.languages ?? UI_LANGUAGES;
  const { api } = options;
  const part = options.part ?? { index: 0, count: 1 };
  /** Whether this part builds the `index`-th page of a list (or, without an index, the pages there is one of). */
  const mine = (index = 0) => index % part.count === part.index;
  let pages = 0;
  const page = async (route: Route, title: string, body: ReactElement) => {
    const path = fileOf(route);
    const charts = new Map<string, string>();
    const translator = getTranslator(route.lang);
    const files: StaticChartFiles = {
      add(filename, chart) {
        const file = `charts/${route.lang}/${filename.replace(/[^\w.-]/g, '_')}.svg`;
        charts.set(file, standaloneSvg(<I18nContext.Provider value={translator}>{chart}</I18nContext.Provider>));
        return `${base}${file}`;
      },
    };
    await options.write(path, renderDocument(route, body, { base, title, charts: files }));
    for (const [file, svg] of charts) await options.write(file, svg);
    pages += 1;
    options.onPage?.(path);
  };
  if (mine()) await options.write('assets/styles.css', options.css);

  const common = await loadCommon(api);
  let map: Promise<WorldMapGeometry> | undefined;
  const loadMap = () => (map ??= options.loadTopology().then((topology) => projectWorld(topology)));
  let downloads = 0;
  const downloadPath = (round: Pick<ShownRound, 'year' | 'instrument'>, format: (typeof DOWNLOAD_FORMATS)[number]) =>
    `downloads/${round.instrument}-${round.year}.${extension(format)}`;
  // Every round with values (official rounds need no migov round), as the data page lists them.
  const { rounds: dataRounds } = mine() ? await loadResultsIndex(api, common.rounds) : { rounds: [] };
  if (api.raw && mine()) {
    for (const round of dataRounds) {
      for (const format of DOWNLOAD_FORMATS) {
        await options.write(
          downloadPath(round, format),
          await api.raw(`/downloads/${round.year}/${format}?instrument=${encodeURIComponent(round.instrument)}`),
        );
        downloads += 1;
      }
    }
  }
  // Published evidence files are copied beside the pages (once each), so the site needs no API.
  const evidenceWritten = new Map<string, string>();
  const evidenceFiles = async (publications: readonly Publication[]): Promise<EvidenceHref> => {
    if (!api.raw) return () => undefined;
    for (const publication of publications) {
      for (const entry of Object.values(publication.evidence ?? {}).flat()) {
        if (!entry.file || evidenceWritten.has(entry.id)) continue;
        const file = `evidence/${entry.id.replace(/[^\w-]/g, '_')}/${entry.file.filename.replace(/[^\w.() -]/g, '_')}`;
        await options.write(
          file,
          await api.raw(
            `/published/${publication.year}/${encodeURIComponent(publication.jurisdiction)}/evidence/${encodeURIComponent(entry.id)}/file`,
          ),
        );
        evidenceWritten.set(entry.id, `${base}${file}`);
      }
    }
    return (entry) => evidenceWritten.get(entry.id);
  };
  const links: DataLinks = { download: (round, format) => `${base}${downloadPath(round, format)}`, apiDocs: undefined };
  const countries = [...common.areas.values()]
    .filter((area) => area.kind === 'country')
    .map((area) => normalizeAreaCode(area.code));

  for (const lang of languages) {
    if (!mine()) break;
    const t = getTranslator(lang).t;
    const dashboard = await loadDashboard(api, undefined, loadMap);
    await page({ view: 'dashboard', lang }, t('dashboard.title'), <DashboardPage data={dashboard} />);
    await page(
      { view: 'data', lang },
      t('data.title'),
      <DataPage rounds={dataRounds} links={api.raw ? links : { download: () => '#', apiDocs: undefined }} />,
    );
    await page(
      { view: 'methodology', lang },
      t('methodology.title'),
      <MethodologyPage data={await loadMethodology(api)} />,
    );
    // Without scripts nobody can pick areas: the static compare page shows the SDG regions side by side.
    const regions = dashboard.sdgRegions;
    await page(
      { view: 'compare', lang, codes: [] },
      t('compare.title'),
      <ComparePage data={await loadCompare(api, regions, undefined)} codes={regions} />,
    );
    const partnerships = await loadPartnerships(api);
    await page({ view: 'partnerships', lang }, t('partnerships.title'), <PartnershipsPage data={partnerships} />);
    for (const process of partnerships.processes) {
      await page(
        { view: 'partnership', lang, id: process.id },
        process.name,
        <PartnershipPage data={await loadPartnership(api, process.id, loadMap)} />,
      );
    }
    await page(
      { view: 'governance', lang },
      t('governance.title'),
      <GovernancePage data={await loadGovernance(api)} />,
    );
    await page({ view: 'crosswalk', lang }, t('crosswalk.title'), <CrosswalkPage data={await loadCrosswalk(api)} />);
    await page(
      { view: 'indicators', lang },
      t('indicators.title'),
      <IndicatorsPage data={await loadIndicators(api)} />,
    );
  }

  /**
   * The pages of a list (this part's share of it) in every language, item by item: an item's data is
   * read once, the next few items' while this one renders, and let go once its pages are written.
   */
  const eachItem = async <Item, Data>(
    items: readonly Item[],
    load: (item: Item) => Promise<Data>,
    render: (item: Item, data: Data, lang: UiLanguage) => Promise<void>,
  ) => {
    const owned = items.filter((_, index) => mine(index));
    const loading: Promise<Data>[] = [];
    let started = 0;
    const startNext = () => {
      const item = owned[started];
      if (item === undefined) return;
      started += 1;
      const data = load(item);
      data.catch(() => undefined); // awaited below; not unhandled while earlier items render
      loading.push(data);
    };
    for (let ahead = 0; ahead < READ_AHEAD; ahead += 1) startNext();
    for (const item of owned) {
      const data = await loading.shift()!;
      startNext();
      for (const lang of languages) await render(item, data, lang);
    }
  };
  await eachItem(
    (await loadGovernance(api)).profiles,
    (profile) => loadProfile(api, profile.jurisdiction, profile.year),
    (profile, data, lang) =>
      page(
        { view: 'mgi-profile', lang, jurisdiction: profile.jurisdiction, round: profile.year },
        getTranslator(lang).t('mgi.title', { name: profile.jurisdictionName, year: profile.year }),
        <MgiProfilePage data={data} />,
      ),
  );
  await eachItem(
    (await loadIndicators(api)).indicators,
    (indicator) => loadIndicator(api, indicator.id),
    (indicator, data, lang) => {
      const route = { view: 'indicator', lang, id: indicator.id } as const;
      return page(
        route,
        getTranslator(lang).t('indicators.pageTitle', { id: indicator.id }),
        <IndicatorPage data={data} route={route} />,
      );
    },
  );
  await eachItem(
    countries,
    async (code) => {
      const data = await loadCountry(api, code, undefined);
      const name = data.area?.name ?? code;
      const countryIndicators = await loadCountryIndicators(api, code).catch(() => ({
        area: { code, name },
        containsDemo: false,
        items: [],
      }));
      return { data, name, countryIndicators, evidenceHref: await evidenceFiles(data.publications) };
    },
    (code, { data, name, countryIndicators, evidenceHref }, lang) =>
      page(
        { view: 'country', lang, code },
        getTranslator(lang).t('country.title', { country: name }),
        <CountryIndicatorsContext.Provider value={countryIndicators}>
          <CountryPage data={data} evidenceHref={evidenceHref} />
        </CountryIndicatorsContext.Provider>,
      ),
  );
  const home = `${base}${languages[0] ?? 'en'}/`;
  if (mine())
    await options.write(
      'index.html',
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta http-equiv="refresh" content="0; url=${escapeHtml(home)}"><title>migov</title></head><body><p><a href="${escapeHtml(home)}">${escapeHtml(getTranslator('en').t('app.name'))}</a></p></body></html>\n`,
    );
  return { pages, countries: countries.length, languages, downloads };
}
