/** The static publication writes the partnership list and every process page, from the real API in process. */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_PARTNERSHIP_REGISTRY } from '@migov/core';
import { createDatabase, type MigovDatabase } from '@migov/db';
import { createApp } from '@migov/server';
import { buildStaticSite, createInjectClient } from '../../ssr/index.ts';

const require = createRequire(import.meta.url);

describe('the static publication of the partnership pages', () => {
  let db: MigovDatabase;
  let app: Awaited<ReturnType<typeof createApp>>;
  const files = new Map<string, string>();

  beforeAll(async () => {
    db = await createDatabase({ url: 'sqlite::memory:' });
    await db.migrate();
    app = await createApp({ db });
    const topology = JSON.parse(readFileSync(require.resolve('world-atlas/countries-110m.json'), 'utf8'));
    await buildStaticSite({
      api: createInjectClient(app),
      languages: ['ar'],
      loadTopology: async () => topology,
      css: '',
      write: async (path, content) => {
        files.set(path, typeof content === 'string' ? content : '');
      },
    });
  }, 120_000);

  afterAll(async () => {
    await app.close();
    await db.close();
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
