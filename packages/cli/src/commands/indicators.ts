// `migov indicators list | show | import`: the catalogue of migration-related SDG indicators and
// datasets of their series (SDG API CSV, SDMX-CSV, SDMX-ML 2.1, plain CSV), validated all or nothing.
import {
  currentTitle,
  defaultGeography,
  formatIndicatorCsv,
  formatProblem,
  getIndicator,
  IndicatorNotFoundError,
  listIndicators,
  readIndicatorDatasets,
  summariseDataset,
  titleAt,
  type IndicatorDefinition,
  type TitleVersion,
} from '@migov/core';
import { createDatabase, DEFAULT_DATABASE_URL, importIndicatorDatasets } from '@migov/db';
import type { Command } from 'commander';
import { CliError, EXIT } from '../cli-error.ts';
import { readInputFile, writeOutput } from '../io.ts';
import { areaName, resolveAreaOption } from '../observation-files.ts';

interface ImportOptions {
  dryRun?: boolean;
  database?: string;
  replace?: boolean;
  json?: boolean;
  indicator?: string;
  series?: string;
  unit?: string;
  area?: string;
  dimension?: string[];
  attribute?: string[];
  encoding?: string;
  out?: string;
}

function period(version: TitleVersion): string {
  if (version.from === undefined && version.until === undefined) return 'period not recorded';
  return `${version.from ?? '…'}–${version.until === undefined ? '' : version.until - 1}`.replace(/–$/, '–now');
}

function flag(status: string): string {
  return status === 'unverified' ? ' [UNVERIFIED]' : status === 'stale' ? ' [STALE]' : '';
}

function indicatorLines(indicator: IndicatorDefinition): string[] {
  const lines = [
    `${indicator.id}  ${currentTitle(indicator).title}`,
    '',
    `Target ${indicator.target}: ${indicator.targetText}`,
    '',
    'Titles:',
  ];
  for (const version of indicator.titles) {
    lines.push(
      `  ${period(version)}${flag(version.status)}  ${version.title}`,
      `      source: ${version.source}${version.note ? `; ${version.note}` : ''}`,
    );
  }
  lines.push(
    '',
    `Custodians: ${indicator.custodians.join(', ')}${indicator.custodianNote ? ` (${indicator.custodianNote})` : ''}`,
    `      source: ${indicator.custodianSource}`,
  );
  lines.push(
    `Tier: ${indicator.tier.value ?? 'unknown'}${flag(indicator.tier.status)} (source says: ${indicator.tier.asInSource})${indicator.tier.note ? `; ${indicator.tier.note}` : ''}`,
  );
  lines.push(`Migration relevance: ${indicator.migrationRelevance}`);
  if (indicator.definition)
    lines.push('', `Definition: ${indicator.definition.text}`, `      source: ${indicator.definition.source}`);
  if (indicator.series.length > 0) {
    lines.push('', 'Series:');
    for (const series of indicator.series) lines.push(`  ${series.code}${flag(series.status)}  (${series.source})`);
  }
  return lines;
}

/** Adds the `indicators` command group. */
export function registerIndicatorsCommands(program: Command): void {
  const indicators = program
    .command('indicators')
    .description('the migration-related SDG indicators: catalogue and datasets');

  indicators
    .command('list')
    .description('list the indicators with their current titles, custodians and tiers')
    .option('--json', 'print JSON')
    .action(async (options: { json?: boolean }) => {
      const rows = listIndicators().map((indicator) => ({
        id: indicator.id,
        title: currentTitle(indicator).title,
        custodians: indicator.custodians,
        tier: indicator.tier.value,
        tierStatus: indicator.tier.status,
        migrationRelevance: indicator.migrationRelevance,
      }));
      if (options.json) return writeOutput(`${JSON.stringify(rows, null, 2)}\n`);
      const width = Math.max(...rows.map((row) => row.id.length));
      await writeOutput(
        `${rows.map((row) => `${row.id.padEnd(width)}  ${row.title}  [${row.custodians.join(', ')}]`).join('\n')}\n`,
      );
    });

  indicators
    .command('show')
    .description('show an indicator: titles by period with sources, custodians, tier, definition, series')
    .argument('<id>', 'indicator id, e.g. 10.7.2')
    .option('--json', 'print the indicator as JSON')
    .option('--year <year>', 'print only the title in force in that year, with its source')
    .action(async (id: string, options: { json?: boolean; year?: string }) => {
      let indicator: IndicatorDefinition;
      try {
        indicator = getIndicator(id);
      } catch (error) {
        if (error instanceof IndicatorNotFoundError) throw new CliError(error.message, EXIT.usage);
        throw error;
      }
      if (options.year !== undefined) {
        if (!/^\d{4}$/.test(options.year))
          throw new CliError(`invalid --year: ${options.year} (a year such as 2019)`, EXIT.usage);
        const version = titleAt(indicator, Number(options.year));
        if (options.json) return writeOutput(`${JSON.stringify(version ?? null, null, 2)}\n`);
        if (!version)
          throw new CliError(
            `${indicator.id} had no title in ${options.year}: the catalogue dates its first wording from ${indicator.titles[0]?.from ?? 'an unknown year'}`,
            EXIT.refused,
          );
        return writeOutput(
          `${version.title}\n  ${period(version)}${flag(version.status)}; source: ${version.source}${version.note ? `; ${version.note}` : ''}\n`,
        );
      }
      if (options.json) return writeOutput(`${JSON.stringify(indicator, null, 2)}\n`);
      await writeOutput(`${indicatorLines(indicator).join('\n')}\n`);
    });

  indicators
    .command('import')
    .description('read datasets of an indicator (SDG API CSV, SDMX-CSV, SDMX-ML 2.1, plain CSV), all or nothing')
    .argument('<file>', 'data file; the format is detected from the content')
    .option('--dry-run', 'validate and report, store nothing')
    .option('--json', 'print {"file","format","datasets":[…],"problems":[…]} as JSON')
    .option('--indicator <id>', 'catalogue indicator, for files that do not name it')
    .option('--series <code>', 'series code, for files without a series column')
    .option('--unit <code>', 'unit, for files without a unit column')
    .option('--area <code>', 'M49 or ISO 3166 code of the area, for files without an area column')
    .option('--dimension <id...>', 'columns or SDMX components to read as dimensions')
    .option('--attribute <id...>', 'columns or SDMX components to read as attributes')
    .option('--encoding <label>', 'encoding of a file that is not UTF-8, e.g. windows-1250')
    .option('--out <file>', 'write the validated datasets as CSV (SDG API layout) instead of storing them')
    .option('--database <url>', `database to store into (default: $DATABASE_URL or ${DEFAULT_DATABASE_URL})`)
    .option(
      '--replace',
      'replace values that differ from those already stored (a revised release); by default such conflicts are refused',
    )
    .action(async (path: string, options: ImportOptions) => {
      const area = options.area === undefined ? undefined : resolveAreaOption(options.area);
      const file = await readInputFile(path);
      const result = readIndicatorDatasets(
        { name: path, bytes: file.bytes },
        {
          isKnownArea: (m49) => defaultGeography.findArea(m49) !== undefined,
          resolveArea: (code) => defaultGeography.findArea(code)?.code,
          ...(area !== undefined ? { area } : {}),
          ...(options.indicator !== undefined ? { indicator: options.indicator } : {}),
          ...(options.series !== undefined ? { series: options.series } : {}),
          ...(options.unit !== undefined ? { unit: options.unit } : {}),
          ...(options.dimension ? { dimensions: options.dimension } : {}),
          ...(options.attribute ? { attributes: options.attribute } : {}),
          ...(options.encoding !== undefined ? { encoding: options.encoding } : {}),
        },
      );
      const datasets = result.datasets.map(summariseDataset);
      if (options.json) {
        const problems = result.problems.map(({ file: name, row, column, value, message }) => ({
          file: name,
          row,
          column,
          value,
          message,
        }));
        await writeOutput(
          `${JSON.stringify({ file: path, format: result.format ?? null, datasets, problems }, null, 2)}\n`,
        );
      } else {
        const lines = [`${path}: ${result.format ?? 'unrecognised format'}`];
        for (const dataset of datasets) {
          const dimensions = Object.entries(dataset.dimensions).map(([id, codes]) => `${id} (${codes.length})`);
          lines.push(
            `  ${dataset.indicator} ${dataset.series}${dataset.unit ? ` [${dataset.unit}]` : ''}: ${dataset.observations} observation(s), ${dataset.areas} area(s), ${dataset.years?.join('–') ?? ''}${dimensions.length ? `; by ${dimensions.join(', ')}` : ''}`,
          );
        }
        lines.push(...result.problems.map(formatProblem));
        process.stderr.write(`${lines.join('\n')}\n`);
      }
      if (result.problems.length > 0)
        throw new CliError(`${path}: ${result.problems.length} problem(s); nothing was imported`, EXIT.refused);
      if (options.out) await writeOutput(formatIndicatorCsv(result.datasets, { areaName }), options.out);
      if (options.dryRun || options.out) return;
      const url = options.database ?? process.env.DATABASE_URL ?? DEFAULT_DATABASE_URL;
      const db = await createDatabase({ url });
      try {
        await db.migrate();
        const stored = await importIndicatorDatasets(
          db,
          {
            datasets: result.datasets,
            source: { name: path, format: result.format ?? 'unknown' },
            onConflict: options.replace ? 'replace' : 'refuse',
          },
          null,
        );
        if (!stored.ok) {
          const conflicts = stored.conflicts.slice(0, 20).map((conflict) => `  ${JSON.stringify(conflict)}`);
          process.stderr.write(`${conflicts.join('\n')}\n`);
          throw new CliError(
            `${path}: ${stored.conflicts.length} value(s) differ from those stored; nothing was imported (use --replace for a revised release)`,
            EXIT.refused,
          );
        }
        process.stderr.write(
          `stored ${stored.added} new observation(s) (${stored.replaced} replaced) in ${stored.datasets.length} dataset(s) into ${url}\n`,
        );
      } finally {
        await db.close();
      }
    });
}
