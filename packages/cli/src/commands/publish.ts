// `migov publish --out <dir>`: the public observatory as static files (every country, every
// language), rendered with the web app's own components and read through the HTTP API in process,
// so the files show exactly what the API publishes. They work from any static host, without JavaScript.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import type { Command } from 'commander';
import { createDatabase, DEFAULT_DATABASE_URL } from '@migov/db';
import { createApp, ensureOfficialSnapshot, resultRounds } from '@migov/server';
import { defaultGeography } from '@migov/core';
import { buildStaticSite, createInjectClient } from '@migov/web/ssr';
import { UI_LANGUAGES, type UiLanguage } from '@migov/web';
import { CliError, EXIT } from '../cli-error.ts';

interface PublishOptions {
  out: string;
  database?: string;
  base: string;
  languages?: string;
}

const require = createRequire(import.meta.url);

function parseLanguages(text: string | undefined): readonly UiLanguage[] {
  if (text === undefined) return UI_LANGUAGES;
  const languages = text
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  const unknown = languages.filter((entry) => !(UI_LANGUAGES as readonly string[]).includes(entry));
  if (languages.length === 0 || unknown.length > 0)
    throw new CliError(`invalid --languages: ${text} (choose from ${UI_LANGUAGES.join(', ')})`, EXIT.usage);
  return languages as UiLanguage[];
}

/** Adds the `publish` command. */
export function registerPublishCommand(program: Command): void {
  program
    .command('publish')
    .description('write the public observatory as static HTML (every country, every language) from the published data')
    .requiredOption('--out <dir>', 'folder to write the site to')
    .option(
      '--database <url>',
      `sqlite:<path>, a file path or postgres://… (default: DATABASE_URL or ${DEFAULT_DATABASE_URL})`,
    )
    .option('--base <path>', 'the path the site will be served under', '/')
    .option('--languages <list>', `comma-separated languages (default: ${UI_LANGUAGES.join(',')})`)
    .action(async (options: PublishOptions) => {
      if (!/^\/([\w.-]+\/)*$/.test(options.base.replace(/\/?$/, '/')))
        throw new CliError(`invalid --base: ${options.base} (a path such as / or /observatory/)`, EXIT.usage);
      const languages = parseLanguages(options.languages);
      const out = resolve(options.out);
      const url = options.database ?? process.env.DATABASE_URL ?? DEFAULT_DATABASE_URL;
      let db;
      try {
        db = await createDatabase({ url });
        await db.migrate();
        await ensureOfficialSnapshot(db);
      } catch (error) {
        throw new CliError(`the database cannot be opened (${url}): ${(error as Error).message}`, EXIT.unavailable);
      }
      // Demo content never passes for official: say so before writing, and leave a note beside the pages.
      const rounds = await resultRounds({ db, geography: defaultGeography });
      const demoRounds = rounds.rounds.filter((round) => round.demo > 0);
      if (demoRounds.length > 0) {
        process.stderr.write(
          `migov: warning: the site holds DEMO data (${demoRounds.map((round) => `${round.year}: ${round.demo} ${round.demo === 1 ? 'country' : 'countries'}`).join(', ')}), made up for trying migov and not official; every page and download that shows it is labelled demo. Publish from a database without demo content (migov serve --no-demo) for real use.\n`,
        );
      }
      const app = await createApp({ db });
      try {
        await app.ready();
        if (demoRounds.length > 0) {
          await mkdir(out, { recursive: true });
          await writeFile(
            join(out, 'DEMO-DATA.txt'),
            `This site holds DEMO data, made up for trying migov, not official: ${demoRounds.map((round) => `${round.year} (${round.demo})`).join(', ')}.\nPages and downloads label every demo value; official values come from ${rounds.snapshot?.label ?? 'no official snapshot'}.\n`,
          );
        }
        const [topologyText, css] = await Promise.all([
          readFile(require.resolve('world-atlas/countries-110m.json'), 'utf8'),
          readFile(require.resolve('@migov/web/styles.css'), 'utf8'),
        ]);
        const started = Date.now();
        const summary = await buildStaticSite({
          api: createInjectClient(app),
          base: options.base,
          languages,
          loadTopology: async () => JSON.parse(topologyText),
          css,
          async write(path, content) {
            const target = join(out, ...path.split('/'));
            if (!target.startsWith(out)) throw new CliError(`refusing to write outside ${out}: ${path}`, EXIT.internal);
            await mkdir(dirname(target), { recursive: true });
            await writeFile(target, content);
          },
          onPage(path) {
            if (process.stderr.isTTY && /\/country\/[^/]+\/index\.html$/.test(path))
              process.stderr.write(`\r${path.padEnd(40)}`);
          },
        });
        if (process.stderr.isTTY) process.stderr.write('\r'.padEnd(42) + '\r');
        if (rounds.snapshot) process.stdout.write(`official values: ${rounds.snapshot.label}\n`);
        process.stdout.write(
          `published ${summary.pages} pages (${summary.countries} countries x ${summary.languages.length} languages) and ${summary.downloads} downloads to ${out} in ${((Date.now() - started) / 1000).toFixed(1)} s\n`,
        );
      } finally {
        await app.close();
        await db.close();
      }
    });
}
