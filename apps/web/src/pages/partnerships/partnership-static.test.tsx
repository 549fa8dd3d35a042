/** The static publication writes the partnership list and every process page, from the real API in process. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_PARTNERSHIP_REGISTRY } from '@migov/core';
import { publishTestSite, type PublishedTestSite } from '../../ssr/static-site.test-helpers.ts';

describe('the static publication of the partnership pages', () => {
  let site: PublishedTestSite;
  let files: Map<string, string>;

  beforeAll(async () => {
    site = await publishTestSite(['ar']);
    files = site.files;
  }, 120_000);

  afterAll(async () => {
    await site.close();
  });

  it('writes the list and one page per registered process, linked from the list', () => {
    const list = files.get('ar/partnerships/index.html');
    expect(list).toBeDefined();
    const processes = DEFAULT_PARTNERSHIP_REGISTRY.processes;
    expect(processes.length).toBeGreaterThan(0);
    for (const process of processes) {
      expect(files.has(`ar/partnerships/${process.id}/index.html`), process.id).toBe(true);
      expect(list).toContain(`href="/ar/partnerships/${process.id}/"`);
    }
  });

  it('draws each process page right to left with the member map as SVG links and its table, and no script', () => {
    const process = DEFAULT_PARTNERSHIP_REGISTRY.processes[0]!;
    const html = files.get(`ar/partnerships/${process.id}/index.html`)!;
    expect(html).toContain('<html lang="ar" dir="rtl">');
    expect(html).toContain('class="map-country"');
    expect(html).toContain('<details class="chart-table">');
    expect(html).not.toContain('<script');
    expect(files.has(`charts/ar/migov-partnership-${process.id}.svg`)).toBe(true);
  });
});
