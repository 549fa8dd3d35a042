// `migov publish --out <dir>`: the public observatory as static files (every country, every
// language), rendered with the web app's own components and read through the HTTP API in process
// (the published MGI-style profiles read in bulk and drawn by their route's own view), so the files
// show exactly what the API publishes. They work from any static host, without JavaScript.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { createDatabase, DEFAULT_DATABASE_URL } from '@migov/db';
import { createApp, ensureOfficialSnapshot, resultRounds } from '@migov/server';
import { defaultGeography } from '@migov/core';
import { buildStaticSite, injectTransport, transportClient } from '@migov/web/ssr';
import { UI_LANGUAGES, type UiLanguage } from '@migov/web';
import { CliError, EXIT } from '../cli-error.ts';
import { buildStaticSiteInParallel, folderWriter } from './publish-workers.ts';
import { bulkProfileTransport } from './publish-profiles.ts';

interface PublishOptions {
  out: string;
  database?: string;
  base: string;
  languages?: string;
  workers?: string;
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

/**
 * One worker per processor, up to four: the main thread reads every answer the workers render, so
 * beyond that more workers wait for it (and each holds its own copy of the app's code).
 */
const DEFAULT_WORKERS = Math.min(availableParallelism(), 4);

function parseWorkers(text: string | undefined): number {
  if (text === undefined) return DEFAULT_WORKERS;
  const workers = Number(text);
  if (!Number.isInteger(workers) || workers < 0 || workers > 64)
    throw new CliError(`invalid --workers: ${text} (a whole number from 0 to 64)`, EXIT.usage);
  return workers;
}

/** Progress on a terminal: pages written so far and the last country. */
function terminalProgress(): { onPage(path: string): void; clear(): void } {
  let pages = 0;
  let shown = 0;
  return {
    onPage(path) {
      pages += 1;
      if (!process.stderr.isTTY || Date.now() - shown < 100) return;
      shown = Date.now();
      process.stderr.write(`\r${`${pages.toLocaleString('en')} pages: ${path}`.slice(0, 78).padEnd(78)}`);
    },
    clear() {
      if (process.stderr.isTTY) process.stderr.write('\r'.padEnd(80) + '\r');
    },
  };
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
    .option(
      '--workers <n>',
      `threads that render pages (default: one per processor up to 4, here ${DEFAULT_WORKERS}; 0 renders in the main thread)`,
    )
    .action(async (options: PublishOptions) => {
      if (!/^\/([\w.-]+\/)*$/.test(options.base.replace(/\/?$/, '/')))
        throw new CliError(`invalid --base: ${options.base} (a path such as / or /observatory/)`, EXIT.usage);
      const languages = parseLanguages(options.languages);
      const workers = parseWorkers(options.workers);
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
        const progress = terminalProgress();
        // The API in process, with the published profiles read in bulk (bodies as bytes for workers).
        const transport = (bytes: boolean) =>
          bulkProfileTransport(app, injectTransport(app, '/api/v1', { bytes }), { bytes });
        const summary =
          workers > 0
            ? await buildStaticSiteInParallel({
                transport: transport(true),
                out,
                base: options.base,
                languages,
                css,
                topology: topologyText,
                workers,
                onPage: progress.onPage,
              })
            : await buildStaticSite({
                api: transportClient(transport(false)),
                base: options.base,
                languages,
                loadTopology: async () => JSON.parse(topologyText),
                css,
                write: folderWriter(out),
                onPage: progress.onPage,
              });
        progress.clear();
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
