/**
 * The published MGI-style profiles `migov publish` reads in bulk are the API's answers, byte for
 * byte, on SQLite and PostgreSQL; and a site published with them is the site published with one read
 * per profile through the API, file for file.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listMgiAssessments } from '@migov/db';
import { createTestDatabase, generateWorld, TEST_DIALECTS, type TestDatabase } from '@migov/db/testing';
import { bootstrapDatabase, createApp, type MigovApp } from '@migov/server';
import { buildStaticSite, createInjectClient, injectTransport, transportClient, type Transport } from '@migov/web/ssr';
import { bulkProfileTransport } from './publish-profiles.ts';

const require = createRequire(import.meta.url);
const decoder = new TextDecoder();
const textOf = (body: string | Uint8Array) => (typeof body === 'string' ? body : decoder.decode(body));

/** A transport that counts the calls it passes on to the app, by path. */
function counted(transport: Transport): Transport & { calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    text(path, options) {
      calls.push(path);
      return transport.text(path, options);
    },
    raw: (path) => transport.raw(path),
  };
}

describe.each(TEST_DIALECTS)('published profiles read in bulk on %s', (dialect) => {
  let test: TestDatabase;
  let app: MigovApp;

  beforeAll(async () => {
    test = await createTestDatabase(dialect);
    await bootstrapDatabase(test.db, { demo: false, adminPassword: 'bulk profiles test password' });
    await generateWorld(test.db, { seed: 3, scale: 0.01 });
    app = await createApp({ db: test.db, logger: false });
    await app.ready();
  }, 300_000);
  afterAll(async () => {
    await app?.close();
    await test?.dispose();
  });

  it("answers every published profile with the route's bytes, without asking the app", async () => {
    const published = await listMgiAssessments(test.db, { state: 'published' });
    expect(published.length).toBeGreaterThan(40);
    const single = injectTransport(app, '/api/v1', { bytes: true });
    const passed = counted(single);
    const bulk = bulkProfileTransport(app, passed, { bytes: true, batch: 7 });
    let withChanges = 0;
    for (const { jurisdiction, year } of published) {
      const path = `/mgi/profiles/${encodeURIComponent(jurisdiction)}/${year}`;
      const [expected, answer] = await Promise.all([single.text(path, {}), bulk.text(path, {})]);
      expect(expected.status).toBe(200);
      expect(answer.status).toBe(200);
      expect(textOf(answer.body), path).toBe(textOf(expected.body));
      if ((JSON.parse(textOf(answer.body)) as { changes: unknown }).changes !== null) withChanges += 1;
    }
    expect(withChanges).toBeGreaterThan(10);
    expect(passed.calls).toEqual([]);
  });

  it('passes every other call to the app: a profile asked again, an unknown one, the list', async () => {
    const [first] = await listMgiAssessments(test.db, { state: 'published' });
    const passed = counted(injectTransport(app));
    const bulk = bulkProfileTransport(app, passed, { batch: 3 });
    const path = `/mgi/profiles/${encodeURIComponent(first!.jurisdiction)}/${first!.year}`;
    const once = await bulk.text(path, {});
    const again = await bulk.text(path, {});
    expect(again).toMatchObject({ status: 200, body: once.body });
    const unknown = await bulk.text('/mgi/profiles/999/2030', {});
    expect(unknown.status).toBe(404);
    expect((await bulk.text('/mgi/profiles', {})).status).toBe(200);
    expect(passed.calls).toEqual([path, '/mgi/profiles/999/2030', '/mgi/profiles']);
  });

  it.runIf(dialect === 'sqlite')(
    'publishes the same site, file for file, as one read per profile through the API',
    async () => {
      const topology = JSON.parse(readFileSync(require.resolve('world-atlas/countries-110m.json'), 'utf8'));
      const publish = async (api: Parameters<typeof buildStaticSite>[0]['api']) => {
        const files = new Map<string, string | Uint8Array>();
        const summary = await buildStaticSite({
          api,
          languages: ['en'],
          loadTopology: async () => topology,
          css: 'body {}',
          write: async (path, content) => void files.set(path, content),
        });
        return { files, summary };
      };
      const single = await publish(createInjectClient(app));
      const bulk = await publish(transportClient(bulkProfileTransport(app, injectTransport(app))));
      expect(bulk.summary).toEqual(single.summary);
      expect([...bulk.files.keys()].sort()).toEqual([...single.files.keys()].sort());
      const profiles = [...single.files.keys()].filter((path) => path.startsWith('en/governance/mgi/'));
      expect(profiles.length).toBeGreaterThan(40);
      // A workbook and an SDMX-ML message carry the moment they were made: those two are compared by name only.
      const differing = [...single.files]
        .filter(([path]) => !/\.(xlsx|xml)$/.test(path))
        .filter(([path, content]) => !Buffer.from(bulk.files.get(path) ?? '').equals(Buffer.from(content)))
        .map(([path]) => path);
      expect(differing).toEqual([]);
    },
    300_000,
  );
});
