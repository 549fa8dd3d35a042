/** For tests of the static publication: a migrated in-memory database behind the real API, and the site it publishes, kept in memory. */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createDatabase, type MigovDatabase } from '@migov/db';
import { createApp } from '@migov/server';
import type { UiLanguage } from '../i18n/languages.ts';
import type { ApiClient } from '../api/api-client.ts';
import { buildStaticSite } from './static-site.tsx';
import { createInjectClient } from './inject-client.ts';

const require = createRequire(import.meta.url);

export interface PublishedTestSite {
  /** Path -> text of every written file (binary files as ''). */
  files: Map<string, string>;
  /** The API the site was published from (in process), to compare the pages with. */
  api: ApiClient;
  close(): Promise<void>;
}

/** Publish the site in the given languages after `setup` has filled the database. */
export async function publishTestSite(
  languages: readonly UiLanguage[],
  setup: (db: MigovDatabase) => Promise<void> = async () => undefined,
): Promise<PublishedTestSite> {
  const db = await createDatabase({ url: 'sqlite::memory:' });
  await db.migrate();
  await setup(db);
  const app = await createApp({ db });
  const topology = JSON.parse(readFileSync(require.resolve('world-atlas/countries-110m.json'), 'utf8'));
  const files = new Map<string, string>();
  const api = createInjectClient(app);
  await buildStaticSite({
    api,
    languages,
    loadTopology: async () => topology,
    css: '',
    write: async (path, content) => {
      files.set(path, typeof content === 'string' ? content : '');
    },
  });
  return {
    files,
    api,
    async close() {
      await app.close();
      await db.close();
    },
  };
}
