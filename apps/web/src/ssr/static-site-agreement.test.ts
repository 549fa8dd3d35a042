/**
 * The static site says what the API says, value by value, with provenance: a database bootstrapped
 * as the product's first start does it (the official snapshot shipped with migov, plus demo data) is
 * published, and every country's profile, the dashboard's map table and world figure, and the
 * compare page of the SDG regions are read back from the HTML and checked against the API's answer.
 * Demo values carry the demo label; the map never links to a page the site does not have.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootstrapDatabase } from '@migov/server';
import { getJson } from '../api/api-client.ts';
import type {
  Aggregates,
  AreaResults,
  CountryResult,
  ResultRounds,
  RoundResults,
  ValueProvenance,
} from '@migov/server/api';
import '../i18n/catalogues/index.ts';
import { getTranslator } from '../i18n/translator.ts';
import { provenanceText } from '../app/Provenance.tsx';
import { publishTestSite, type PublishedTestSite } from './static-site.test-helpers.ts';
import {
  disagreements,
  type Surface,
  type SurfaceValue,
} from '../../../../packages/server/src/public-data/surfaces.test-helper.ts';

const en = getTranslator('en');
const label = (provenance: ValueProvenance) => provenanceText(en, provenance);
const overallText = (result: Pick<CountryResult, 'value'>['value']) =>
  result.overall.label ?? (result.overall.status === 'no-data' ? 'No data' : 'Not applicable');
/** A category badge's class as the value it stands for (undefined: no data). */
const badgeValue = (tone: string): SurfaceValue['value'] | undefined =>
  tone.startsWith('badge-c') ? Number(tone.slice(7)) : tone === 'badge-not-applicable' ? 'N' : undefined;
const decode = (html: string) =>
  html
    .replace(/&#x27;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
const text = (html: string) =>
  decode(html.replace(/<[^>]+>/g, ' '))
    .replace(/\s+/g, ' ')
    .trim();

describe('the static site agrees with the API, value by value', () => {
  let site: PublishedTestSite;

  beforeAll(async () => {
    site = await publishTestSite(['en'], async (db) => {
      await bootstrapDatabase(db, { demo: true });
    });
  }, 240_000);

  afterAll(async () => {
    await site?.close();
  });

  const page = (path: string) => {
    const html = site.files.get(path);
    if (html === undefined) throw new Error(`the site has no ${path}`);
    return html;
  };

  it('profiles: each country opens on its latest non-demo round with the API’s category and provenance, and lists every round', async () => {
    const index = await getJson<ResultRounds>(site.api, '/results');
    expect(index.snapshot?.label).toMatch(/^UN SDG Global Database, retrieved \d{4}-\d{2}-\d{2}$/);
    const countries = [...site.files.keys()]
      .filter((path) => /^en\/country\/\d+\/index\.html$/.test(path))
      .map((path) => path.split('/')[2]!);
    expect(countries.length).toBeGreaterThan(200);
    let checked = 0;
    for (const code of countries) {
      const html = page(`en/country/${code}/index.html`);
      const api = await getJson<AreaResults>(site.api, `/areas/${code}/results`).catch(() => undefined);
      const history = [...(api?.items ?? [])].sort((left, right) => left.year - right.year);
      const shown = history.filter((entry) => entry.shown !== 'demo').at(-1) ?? history.at(-1);
      if (!shown) {
        expect(html, code).not.toContain('data-testid="overall-category"');
        continue;
      }
      const overall = /data-year="(\d+)" data-testid="overall-category">(.*?)<\/p>/.exec(html);
      expect(overall, code).not.toBeNull();
      expect(Number(overall![1]), code).toBe(shown.year);
      expect(text(overall![2]!).split(' · ')[0], code).toBe(
        `Overall: ${overallText(shown.value)} ${label(shown.value.provenance)}`,
      );
      const rows = [
        ...(/data-testid="rounds-table">(.*?)<\/table>/.exec(html)?.[1] ?? '').matchAll(
          /<tr data-year="(\d+)">(.*?)<\/tr>/g,
        ),
      ].map((match) => [Number(match[1]), text(match[2]!)]);
      expect(rows, code).toEqual(
        history.map((entry: CountryResult) => [
          entry.year,
          `${entry.year} ${overallText(entry.value)} ${label(entry.value.provenance)}${entry.shown === 'official' && entry.national ? ` · national publication in migov: ${overallText(entry.national)} ${label(entry.national.provenance)}` : ''}`,
        ]),
      );
      const demo = history.some(
        (entry) => entry.value.provenance.kind === 'demo' || entry.national?.provenance.kind === 'demo',
      );
      // A demo value anywhere on the page (the country's, or one in its region's figure) has its badge, and the page its banner.
      if (demo) expect(html, code).toContain('data-provenance="demo"');
      expect(html.includes('data-testid="demo-banner"'), code).toBe(html.includes('data-provenance="demo"'));
      checked += 1;
    }
    expect(checked).toBeGreaterThan(150);
  });

  it('profiles agree with the server’s reference through the shared surface check: every domain, its provenance, the national value beside', async () => {
    for (const year of [2019, 2021]) {
      const round = await getJson<RoundResults>(site.api, `/results/${year}?instrument=sdg-10-7-2&limit=500`);
      const surface: Surface = { name: `static profile ${year}`, values: new Map(), beside: new Map() };
      const areas: string[] = [];
      for (const result of round.items) {
        const html = page(`en/country/${result.area}/index.html`);
        // The surface is the profile of the round it opens on.
        if (Number(/data-year="(\d+)" data-testid="overall-category"/.exec(html)?.[1]) !== year) continue;
        areas.push(result.area);
        const kind = /data-testid="overall-category">.*?data-provenance="(\w+)"/.exec(
          html,
        )?.[1] as SurfaceValue['kind'];
        const overall = badgeValue(
          /data-testid="overall-category">[^<]*<span class="badge ([\w-]+)"/.exec(html)?.[1] ?? '',
        );
        if (overall !== undefined) surface.values.set(`${result.area}|ALLDOMAINS`, { value: overall, kind });
        const besideKind = /data-testid="national-beside">.*?data-provenance="(\w+)"/.exec(html)?.[1] as
          SurfaceValue['kind'] | undefined;
        const besideOverall = badgeValue(
          /data-testid="national-beside">[^<]*<span class="badge ([\w-]+)"/.exec(html)?.[1] ?? '',
        );
        if (besideKind && besideOverall !== undefined)
          surface.beside!.set(`${result.area}|ALLDOMAINS`, { value: besideOverall, kind: besideKind });
        for (const row of html.matchAll(/<tr data-domain="(DOMAIN\d)">(.*?)<\/tr>/g)) {
          const tones = [...row[2]!.matchAll(/<span class="badge ([\w-]+)"/g)].map((match) => badgeValue(match[1]!));
          if (tones[0] !== undefined) surface.values.set(`${result.area}|${row[1]}`, { value: tones[0], kind });
          if (besideKind && tones[1] !== undefined)
            surface.beside!.set(`${result.area}|${row[1]}`, { value: tones[1], kind: besideKind });
        }
      }
      expect(areas.length, String(year)).toBeGreaterThan(50);
      expect(disagreements({ year, results: round.items as never }, areas, [surface])).toEqual([]);
    }
  });

  it('dashboard: the map table holds every country of the round with its category and provenance; the world figure is the UN’s, migov’s apart', async () => {
    const html = page('en/index.html');
    const year = Number(/<strong>(\d{4})<\/strong>/.exec(html)?.[1]);
    const results = await getJson<RoundResults>(site.api, `/results/${year}?instrument=sdg-10-7-2&limit=500`);
    expect(results.items.some((item) => item.shown === 'official')).toBe(true);
    const rows = new Map(
      [
        ...(/data-testid="map-table">(.*?)<\/table>/.exec(html)?.[1] ?? '').matchAll(
          /<tr data-area="(\d+)">(.*?)<\/tr>/g,
        ),
      ].map((match) => [match[1]!, text(match[2]!)]),
    );
    expect(rows.size).toBe(results.total);
    for (const result of results.items) {
      expect(rows.get(result.area), result.area).toBe(
        `${result.name} ${overallText(result.value)} ${label(result.value.provenance)}`,
      );
    }
    const aggregates = await getJson<Aggregates>(site.api, `/aggregates/${year}?instrument=sdg-10-7-2`);
    const world = aggregates.official!.find((entry) => entry.area === '1' && entry.domain === 'ALLDOMAINS')!;
    const figure = text(/data-testid="world-figure">(.*?)<\/p>/.exec(html)![1]!);
    expect(figure).toContain(
      `${en.formatPercent(Number(world.value))} meet or fully meet (${world.coverage!.responding} responding countries`,
    );
    expect(figure).toContain(label(world.provenance));
    const computed = aggregates.computed.find((entry) => entry.area === '1' && entry.domain === 'ALLDOMAINS')!;
    expect(text(/data-testid="world-computed">(.*?)<\/p>/.exec(html)![1]!)).toContain(
      `${en.formatPercent(computed.value)} meet (${computed.numerator} of ${computed.denominator} responding countries)`,
    );
    expect(html.includes('data-testid="demo-banner"')).toBe(Boolean(results.containsDemo || aggregates.containsDemo));
    // Every map link leads to a page the site has.
    for (const match of html.matchAll(/<a href="\/en\/country\/(\d+)\/"[^>]*class="map-country"/g))
      expect(site.files.has(`en/country/${match[1]}/index.html`), match[1]).toBe(true);
    expect(html).not.toContain('href="/en/country/158/"');
  });

  it('data: every round with values has its downloads, with what it holds and a demo label where it has demo values', async () => {
    const index = await getJson<ResultRounds>(site.api, '/results');
    const html = page('en/data/index.html');
    for (const round of index.rounds) {
      expect(site.files.has(`downloads/${round.instrument}-${round.year}.csv`), String(round.year)).toBe(true);
      const section = new RegExp(`data-year="${round.year}">(.*?)</section>`).exec(html)?.[1] ?? '';
      expect(section, String(round.year)).toContain(`/downloads/${round.instrument}-${round.year}.csv`);
      expect(section.includes('data-provenance="demo"'), String(round.year)).toBe(round.demo > 0);
    }
    expect(index.rounds.map((round) => round.year)).toEqual(expect.arrayContaining([2019, 2021]));
  });

  it('indicators: 10.7.2 categories are drawn as a category grid, not a numeric line; every series names its source', () => {
    const html = page('en/indicators/10.7.2/index.html');
    if (html.includes('>Series SG_CPA_MIGRS</h2>')) {
      expect(html).toContain('class="category-grid"');
      expect(html).not.toContain('class="indicator-chart"');
    }
    const injuries = page('en/indicators/8.8.1/index.html');
    expect(text(/data-testid="indicator-datasets">(.*?)<\/table>/.exec(injuries)![1]!)).toContain(
      'Official: UN SDG Global Database, retrieved',
    );
  });

  it('compare: the SDG regions side by side show the UN’s published figures where it published them', async () => {
    const html = page('en/compare/index.html');
    const year = Number(/<caption>Compare countries and groups · (\d{4})<\/caption>/.exec(html)?.[1]);
    const aggregates = await getJson<Aggregates>(site.api, `/aggregates/${year}?instrument=sdg-10-7-2`);
    const overallRow = /<tbody><tr>(.*?)<\/tr>/.exec(html)![1]!;
    const cells = new Map(
      [...overallRow.matchAll(/<td data-area="(\d+)">(.*?)<\/td>/g)].map((match) => [match[1]!, text(match[2]!)]),
    );
    expect(cells.size).toBeGreaterThan(3);
    let official = 0;
    for (const [area, cell] of cells) {
      const published = aggregates.official?.find((entry) => entry.area === area && entry.domain === 'ALLDOMAINS');
      if (!published) continue;
      expect(cell, area).toBe(`${en.formatPercent(Number(published.value))} meet (UN) ${label(published.provenance)}`);
      official += 1;
    }
    expect(official).toBeGreaterThan(0);
  });
});
