// `migov fetch`: download the official SDG 10.7.2 series from the UN (SDG API or SDMX registry),
// validate them like any imported file, then write them to a file or store them (all or nothing).
import { defaultGeography, readObservations, SERIES, type Observation } from '@migov/core';
import { createDatabase, DEFAULT_DATABASE_URL, importObservations } from '@migov/db';
import type { Command } from 'commander';
import { CliError, EXIT } from '../cli-error.ts';
import { writeOutput } from '../io.ts';
import { areaName, formatProblem } from '../observation-files.ts';
import { download, unDataRequest, UN_SOURCES, type UnSource } from '../un-data-sources.ts';

interface FetchOptions {
  source: string;
  series: string[];
  baseUrl?: string;
  out?: string;
  database?: string;
  dryRun?: boolean;
  timeout: string;
  maxBytes: string;
}

/** Adds the `fetch` command. */
export function registerFetchCommand(program: Command): void {
  program
    .command('fetch')
    .description('download the official SDG 10.7.2 data from the UN and import it (or save it), validated, all or nothing')
    .option('--source <source>', `where from: ${Object.entries(UN_SOURCES).map(([id, source]) => `${id} (${source.description})`).join('; ')}`, 'sdg-api')
    .option('--series <codes...>', 'series to download', ['SG_CPA_MIGRS', 'SG_CPA_MIGRP'])
    .option('--base-url <url>', 'another address for the source (a mirror)')
    .option('--out <file>', 'save the downloaded file as it came instead of importing it')
    .option('--database <url>', `database to import into (default: $DATABASE_URL or ${DEFAULT_DATABASE_URL})`)
    .option('--dry-run', 'download and validate only')
    .option('--timeout <seconds>', 'give up after this long', '120')
    .option('--max-bytes <n>', 'refuse a larger answer', String(64 * 1024 * 1024))
    .action(async (options: FetchOptions) => {
      if (!(options.source in UN_SOURCES)) throw new CliError(`invalid --source: ${options.source} (one of ${Object.keys(UN_SOURCES).join(', ')})`, EXIT.usage);
      for (const code of options.series) if (!(code in SERIES)) throw new CliError(`invalid --series: ${code} (one of ${Object.keys(SERIES).join(', ')})`, EXIT.usage);
      const timeoutMs = Number(options.timeout) * 1000;
      const maxBytes = Number(options.maxBytes);
      if (!(timeoutMs > 0) || !(maxBytes > 0)) throw new CliError('invalid --timeout or --max-bytes: positive numbers', EXIT.usage);
      const source = options.source as UnSource;
      const request = unDataRequest(source, options.series, options.baseUrl);
      process.stderr.write(`downloading ${options.series.join(', ')} from ${request.url}\n`);
      const interactive = process.stderr.isTTY === true;
      const bytes = await download(request.url, request.init, {
        timeoutMs,
        maxBytes,
        ...(interactive ? { onProgress: (size: number) => process.stderr.write(`\r  ${(size / 1024).toFixed(0)} KiB`) } : {}),
      });
      if (interactive) process.stderr.write('\n');
      const result = readObservations(
        { name: request.url, bytes },
        { isKnownArea: (code) => defaultGeography.findArea(code) !== undefined, resolveArea: (code) => defaultGeography.findArea(code)?.code },
      );
      if (result.problems.length > 0) {
        process.stderr.write(`${result.problems.map(formatProblem).join('\n')}\n`);
        throw new CliError(`${result.problems.length} problem(s) in the downloaded data; nothing was imported`, EXIT.refused);
      }
      const observations: Observation[] = result.observations;
      const bySeries = options.series.map((code) => `${code}: ${observations.filter((observation) => observation.series === code).length}`).join(', ');
      process.stderr.write(`${result.format}: ${observations.length} observation(s) (${bySeries}), e.g. ${observations[0] ? `${areaName(observations[0].area) ?? observations[0].area} ${observations[0].year}` : 'none'}\n`);
      if (options.out) {
        await writeOutput(bytes, options.out);
        return;
      }
      if (options.dryRun) return;
      const url = options.database ?? process.env.DATABASE_URL ?? DEFAULT_DATABASE_URL;
      const db = await createDatabase({ url });
      try {
        await db.migrate();
        const imported = await importObservations(db, { observations, source: { name: request.url, format: result.format ?? source, importedAt: new Date().toISOString() } }, null);
        process.stderr.write(`imported ${observations.length} observation(s) into ${url} (import ${imported.id})\n`);
      } finally {
        await db.close();
      }
    });
}
