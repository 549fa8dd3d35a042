// `migov fetch`: refresh the official data snapshot from the UN (SDG API or SDMX registry): every
// series of the snapshot, validated, stored as a new snapshot with today's retrieval date (all or
// nothing). With --series: download those 10.7.2 series and import them as a file would be.
import {
  defaultGeography,
  formatProblem,
  readDdfSeries,
  readIndicatorDatasets,
  readObservations,
  SERIES,
  SNAPSHOT_SERIES,
  snapshotSeriesOfDatasets,
  snapshotSeriesOfObservations,
  type Observation,
  type Problem,
  type SeriesCode,
  type SnapshotSeries,
} from '@migov/core';
import {
  assembleSnapshot,
  createDatabase,
  DEFAULT_DATABASE_URL,
  encodeSnapshot,
  importObservations,
  loadOfficialSnapshot,
  UN_SDG_SOURCE,
} from '@migov/db';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Command } from 'commander';
import { CliError, EXIT } from '../cli-error.ts';
import { writeOutput } from '../io.ts';
import { areaName } from '../observation-files.ts';
import { download, unDataRequest, UN_SOURCES, type UnSource } from '../un-data-sources.ts';

interface FetchOptions {
  source: string;
  series?: string[];
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
    .description(
      'refresh the official data snapshot (SDG 10.7.2 and the migration-related series) from the UN, validated, all or nothing; or download some 10.7.2 series with --series',
    )
    .option(
      '--source <source>',
      `where from: ${Object.entries(UN_SOURCES)
        .map(([id, source]) => `${id} (${source.description})`)
        .join('; ')}`,
      'sdg-api',
    )
    .option(
      '--series <codes...>',
      `only these 10.7.2 series, imported as a file would be (${Object.keys(SERIES).join(', ')}); default: every series of the snapshot, stored as a new snapshot`,
    )
    .option('--base-url <url>', 'another address for the source (a mirror)')
    .option(
      '--out <path>',
      'with --series: save the downloaded file as it came; without: write the snapshot files (manifest.json and one file per series) into this folder instead of the database',
    )
    .option('--database <url>', `database to import into (default: $DATABASE_URL or ${DEFAULT_DATABASE_URL})`)
    .option('--dry-run', 'download and validate only')
    .option('--timeout <seconds>', 'give up after this long', '120')
    .option('--max-bytes <n>', 'refuse a larger answer', String(64 * 1024 * 1024))
    .action(async (options: FetchOptions) => {
      if (!(options.source in UN_SOURCES))
        throw new CliError(
          `invalid --source: ${options.source} (one of ${Object.keys(UN_SOURCES).join(', ')})`,
          EXIT.usage,
        );
      for (const code of options.series ?? [])
        if (!(code in SERIES))
          throw new CliError(`invalid --series: ${code} (one of ${Object.keys(SERIES).join(', ')})`, EXIT.usage);
      const timeoutMs = Number(options.timeout) * 1000;
      const maxBytes = Number(options.maxBytes);
      if (!(timeoutMs > 0) || !(maxBytes > 0))
        throw new CliError('invalid --timeout or --max-bytes: positive numbers', EXIT.usage);
      const source = options.source as UnSource;
      if (!options.series) {
        await refreshSnapshot(options, source, { timeoutMs, maxBytes });
        return;
      }
      const request = unDataRequest(source, options.series, options.baseUrl);
      process.stderr.write(`downloading ${options.series.join(', ')} from ${request.url}\n`);
      const interactive = process.stderr.isTTY === true;
      const bytes = await download(request.url, request.init, {
        timeoutMs,
        maxBytes,
        ...(interactive
          ? { onProgress: (size: number) => process.stderr.write(`\r  ${(size / 1024).toFixed(0)} KiB`) }
          : {}),
      });
      if (interactive) process.stderr.write('\n');
      const result = readObservations(
        { name: request.url, bytes },
        {
          isKnownArea: (code) => defaultGeography.findArea(code) !== undefined,
          resolveArea: (code) => defaultGeography.findArea(code)?.code,
        },
      );
      if (result.problems.length > 0) {
        process.stderr.write(`${result.problems.map(formatProblem).join('\n')}\n`);
        throw new CliError(
          `${result.problems.length} problem(s) in the downloaded data; nothing was imported`,
          EXIT.refused,
        );
      }
      const observations: Observation[] = result.observations;
      const bySeries = (options.series ?? [])
        .map((code) => `${code}: ${observations.filter((observation) => observation.series === code).length}`)
        .join(', ');
      process.stderr.write(
        `${result.format}: ${observations.length} observation(s) (${bySeries}), e.g. ${observations[0] ? `${areaName(observations[0].area) ?? observations[0].area} ${observations[0].year}` : 'none'}\n`,
      );
      if (options.out) {
        await writeOutput(bytes, options.out);
        return;
      }
      if (options.dryRun) return;
      const url = options.database ?? process.env.DATABASE_URL ?? DEFAULT_DATABASE_URL;
      const db = await createDatabase({ url });
      try {
        await db.migrate();
        const imported = await importObservations(
          db,
          {
            observations,
            source: { name: request.url, format: result.format ?? source, importedAt: new Date().toISOString() },
          },
          null,
        );
        process.stderr.write(`imported ${observations.length} observation(s) into ${url} (import ${imported.id})\n`);
      } finally {
        await db.close();
      }
    });
}

/** Read one series from the answer of a service: the DDF layout, the SDG API CSV or SDMX-CSV. */
function readSeriesAnswer(
  expected: { series: string; indicator: string },
  name: string,
  bytes: Uint8Array,
): { series?: SnapshotSeries; problems: Problem[] } {
  const text = new TextDecoder().decode(bytes);
  if (/^\uFEFF?geo_area,/.test(text)) return readDdfSeries({ name, text }, expected);
  const known = {
    isKnownArea: (code: string) => defaultGeography.findArea(code) !== undefined,
    resolveArea: (code: string) => defaultGeography.findArea(code)?.code,
  };
  if (expected.series in SERIES) {
    const read = readObservations({ name, bytes }, known);
    return read.problems.length > 0
      ? { problems: read.problems }
      : { series: snapshotSeriesOfObservations(expected.series as SeriesCode, read.observations), problems: [] };
  }
  const read = readIndicatorDatasets(
    { name, bytes },
    { ...known, indicator: expected.indicator, series: expected.series },
  );
  return read.problems.length > 0
    ? { problems: read.problems }
    : { series: snapshotSeriesOfDatasets(expected.series, expected.indicator, read.datasets), problems: [] };
}

/**
 * Download every series of the snapshot, one request each; any failure or problem stores nothing.
 * The new snapshot records today as its retrieval date and the service as its source.
 */
async function refreshSnapshot(
  options: FetchOptions,
  source: UnSource,
  limits: { timeoutMs: number; maxBytes: number },
): Promise<void> {
  const series: SnapshotSeries[] = [];
  const problems: Problem[] = [];
  let first = '';
  for (const expected of SNAPSHOT_SERIES) {
    const request = unDataRequest(source, [expected.series], options.baseUrl);
    first ||= request.url;
    process.stderr.write(`downloading ${expected.series} (${expected.indicator}) from ${request.url}\n`);
    const bytes = await download(request.url, request.init, limits);
    const read = readSeriesAnswer(expected, `${request.url} (${expected.series})`, bytes);
    problems.push(...read.problems);
    if (read.series) {
      if (read.series.rows.length === 0)
        problems.push({
          file: `${request.url} (${expected.series})`,
          message: `no ${expected.series} values in the answer`,
        });
      series.push(read.series);
    }
  }
  if (problems.length > 0) {
    process.stderr.write(`${problems.slice(0, 50).map(formatProblem).join('\n')}\n`);
    throw new CliError(`${problems.length} problem(s) in the downloaded data; nothing was stored`, EXIT.refused);
  }
  const retrievedOn = new Date().toISOString().slice(0, 10);
  const snapshot = assembleSnapshot(series, {
    source: UN_SDG_SOURCE,
    sourceDetail: `${UN_SOURCES[source].description}: ${first.replace(/\?.*$/, '')}`,
    retrievedOn,
  });
  process.stderr.write(
    `snapshot ${snapshot.manifest.id}: ${snapshot.manifest.series.map((entry) => `${entry.series} ${entry.rows}`).join(', ')}\n`,
  );
  if (options.dryRun) return;
  if (options.out) {
    await mkdir(options.out, { recursive: true });
    for (const [name, bytes] of encodeSnapshot(snapshot)) await writeFile(join(options.out, name), bytes);
    process.stderr.write(`wrote the snapshot files into ${options.out}\n`);
    return;
  }
  const url = options.database ?? process.env.DATABASE_URL ?? DEFAULT_DATABASE_URL;
  const db = await createDatabase({ url });
  try {
    await db.migrate();
    const loaded = await loadOfficialSnapshot(db, snapshot, { origin: 'fetched' });
    process.stderr.write(
      loaded.loaded
        ? `stored the official data snapshot ${loaded.snapshot.id} (${loaded.snapshot.label})\n`
        : `the snapshot ${loaded.snapshot.id} is already stored: nothing changed\n`,
    );
  } finally {
    await db.close();
  }
}
