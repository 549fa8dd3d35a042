/** The static publication writes the indicator list, a page per indicator and the panel on country profiles, from the real API in process. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listIndicators } from '@migov/core';
import { importIndicatorDatasets } from '@migov/db';
import { publishTestSite, type PublishedTestSite } from '../../ssr/static-site.test-helpers.ts';
import { testCategoryDataset, testInjuryDataset, testValue } from './indicator-test-data.ts';

describe('the static publication of the indicator pages', () => {
  let site: PublishedTestSite;
  let files: Map<string, string>;

  beforeAll(async () => {
    site = await publishTestSite(['ar'], async (db) => {
      const imported = await importIndicatorDatasets(
        db,
        { datasets: [testInjuryDataset(), testCategoryDataset()], source: { name: 'test', format: 'sdg-api-csv' } },
        null,
      );
      expect(imported.ok).toBe(true);
    });
    files = site.files;
  }, 180_000);

  afterAll(async () => {
    await site.close();
  });

  it('writes the catalogue and one page per indicator, linked from it', () => {
    const list = files.get('ar/indicators/index.html');
    expect(list).toBeDefined();
    for (const indicator of listIndicators()) {
      expect(files.has(`ar/indicators/${indicator.id}/index.html`), indicator.id).toBe(true);
      expect(list).toContain(`href="/ar/indicators/${indicator.id}/"`);
    }
    expect(list).toContain('<html lang="ar" dir="rtl">');
    // The UN's English titles are marked as English inside the Arabic page.
    expect(list).toMatch(/<td lang="en">Proportion of the population who are refugees/);
  });

  it('draws the default view of a dataset as SVG with a table and a downloadable file, without script', () => {
    const html = files.get('ar/indicators/8.8.1/index.html')!;
    expect(html).toContain('role="img"');
    expect(html).toContain('<details class="chart-table">');
    expect(html).not.toContain('<script');
    expect(html).not.toContain('data-testid="indicator-choices"');
    // The first area by Arabic name, migratory status compared, sex at its total: three lines.
    const svgFiles = [...files.keys()].filter((path) =>
      path.startsWith('charts/ar/migov-indicator-8.8.1-SL_EMP_FTLINJUR-'),
    );
    expect(svgFiles).toHaveLength(1);
    const svg = files.get(svgFiles[0]!)!;
    expect(svg.match(/<polyline /g)).toHaveLength(3);
    const area = svgFiles[0]!.endsWith('-76.svg') ? '76' : '484';
    expect(html).toContain(
      new Intl.NumberFormat('ar-u-nu-latn', { maximumFractionDigits: 2 }).format(
        testValue(area, 2021, '_T', 'MIGRANT'),
      ),
    );
  });

  it('adds the indicator panel to the profile of a country with values, and says so where there are none', () => {
    const mexico = files.get('ar/country/484/index.html')!;
    expect(mexico).toContain('data-testid="country-indicator-8.8.1"');
    expect(mexico).toContain('href="/ar/indicators/8.8.1/?dataset=');
    expect(files.has('charts/ar/migov-country-484-indicator-8.8.1-SL_EMP_FTLINJUR.svg')).toBe(true);
    const france = files.get('ar/country/250/index.html')!;
    expect(france).not.toContain('data-testid="country-indicator-');
    expect(france).toContain('id="indicators-heading"');
  });

  it('draws SDG 10.7.2 categories as a grid of named categories by domain and year, never a numeric line, and leaves them out of the country panel', () => {
    const html = files.get('ar/indicators/10.7.2/index.html')!;
    expect(html).toContain('class="category-grid"');
    expect(html).not.toContain('class="indicator-chart"');
    // Cells name their category in the page's language (Arabic), per domain and year.
    expect(html).toMatch(/<title>[^<]*2019: [^<]+<\/title>/);
    const mexico = files.get('ar/country/484/index.html')!;
    expect(mexico).not.toContain('data-testid="country-indicator-10.7.2"');
  });
});
